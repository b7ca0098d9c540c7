// The talent list: filters, pagination and order, for departments and verified employers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type Client, type TestApp } from '../helpers/app';
import { makeEmployer, graduateWithProfile } from '../helpers/builders';

let t: TestApp;
let dept: Client;
let employer: Client;
const ids: Record<string, string> = {};

const none = { level: 'none' };
const assistant = { level: 'assistant', certificateNumber: 'A-1', year: 2021, registrationValidUntil: '2024-12-31' };
const senior = { level: 'senior', certificateNumber: 'S-1', year: 2019, registrationValidUntil: '2025-06-30' };

beforeAll(async () => {
  t = await makeTestApp();
  const people: [string, Record<string, unknown>][] = [
    ['li', { name: '李娜', regionCode: '150102', qualification: assistant, serviceAreas: ['elderly'], availability: 'available' }],
    ['lisi', { name: '李四', regionCode: '150203', qualification: senior, serviceAreas: ['children', 'school'], availability: 'later' }],
    ['wang', { name: '王芳', regionCode: '150102001', qualification: none, serviceAreas: ['children'], availability: 'available', visibility: 'department' }],
    ['percent', { name: '%李', regionCode: '1501', qualification: none, serviceAreas: [], availability: 'employed' }],
  ];
  for (const [key, o] of people) {
    ids[key] = (await graduateWithProfile(t, o)).id;
    t.clock.now += 1000; // later profiles are newer
  }
  dept = await signedIn(t, 'department', { regionCode: '15' });
  employer = (await makeEmployer(t, { status: 'verified' })).client;
});
afterAll(() => t.close());

async function names(c: Client, query: string): Promise<string[]> {
  const res = await c.get(`/api/v1/talents?${query}`);
  expect(res.status).toBe(200);
  const page = (await res.json()) as { items: { id: string }[] };
  return page.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id)!);
}

describe('GET /talents filters', () => {
  it('lists the most recently updated first', async () => {
    expect(await names(dept, '')).toEqual(['percent', 'wang', 'lisi', 'li']);
  });

  it('filters by region subtree at any level', async () => {
    expect(await names(dept, 'regionCode=1501')).toEqual(['percent', 'wang', 'li']);
    expect(await names(dept, 'regionCode=150102')).toEqual(['wang', 'li']);
    expect(await names(dept, 'regionCode=150102001')).toEqual(['wang']);
    expect(await names(dept, 'regionCode=1502')).toEqual(['lisi']);
  });

  it('filters by at-least qualification, service area and availability', async () => {
    expect(await names(dept, 'qualification=assistant')).toEqual(['lisi', 'li']);
    expect(await names(dept, 'qualification=senior')).toEqual(['lisi']);
    expect(await names(dept, 'qualification=none')).toHaveLength(4);
    expect(await names(dept, 'serviceArea=children')).toEqual(['wang', 'lisi']);
    expect(await names(dept, 'serviceArea=school')).toEqual(['lisi']);
    expect(await names(dept, 'serviceArea=veterans')).toEqual([]);
    expect(await names(dept, 'availability=available')).toEqual(['wang', 'li']);
    expect(await names(dept, 'serviceArea=children&availability=available&regionCode=1501')).toEqual(['wang']);
  });

  it('searches any part of a name, with LIKE wildcards taken literally', async () => {
    expect(await names(dept, 'q=' + encodeURIComponent('李'))).toEqual(['percent', 'lisi', 'li']);
    expect(await names(dept, 'q=' + encodeURIComponent('李娜'))).toEqual(['li']);
    expect(await names(dept, 'q=' + encodeURIComponent('娜'))).toEqual(['li']);
    expect(await names(dept, 'q=' + encodeURIComponent('娜娜'))).toEqual([]);
    expect(await names(dept, 'q=' + encodeURIComponent('%'))).toEqual(['percent']);
    expect(await names(dept, 'q=_')).toEqual([]);
  });

  it('pages with a total', async () => {
    const a = (await (await dept.get('/api/v1/talents?pageSize=3&page=1')).json()) as { items: unknown[]; total: number; page: number; pageSize: number };
    const b = (await (await dept.get('/api/v1/talents?pageSize=3&page=2')).json()) as { items: { id: string }[]; total: number };
    expect([a.items.length, a.total, a.page, a.pageSize]).toEqual([3, 4, 1, 3]);
    expect([b.items.length, b.total]).toEqual([1, 4]);
    expect(b.items[0].id).toBe(ids.li);
    const far = (await (await dept.get('/api/v1/talents?page=50')).json()) as { items: unknown[]; total: number };
    expect([far.items.length, far.total]).toEqual([0, 4]);
  });

  it('sorts by a column either way, qualification by its rank', async () => {
    expect(await names(dept, 'sort=region')).toEqual(['percent', 'li', 'wang', 'lisi']);
    expect(await names(dept, 'sort=-region')).toEqual(['lisi', 'wang', 'li', 'percent']);
    expect(await names(dept, 'sort=-qualification')).toEqual(['lisi', 'li', 'percent', 'wang']);
    expect(await names(dept, 'sort=updated')).toEqual(['li', 'lisi', 'wang', 'percent']);
    // Names compare by code point: '%' before 李, and 四 (U+56DB) before 娜 (U+5A1C).
    expect(await names(dept, 'sort=name&q=' + encodeURIComponent('李'))).toEqual(['percent', 'lisi', 'li']);
    expect(await names(dept, 'sort=-name&q=' + encodeURIComponent('李'))).toEqual(['li', 'lisi', 'percent']);
  });

  it('refuses an unknown sort with a 422 naming the field', async () => {
    const res = await dept.get('/api/v1/talents?sort=salary');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors.map((e) => [e.path, e.code])).toEqual([['sort', 'option']]);
  });

  it('gives employers the same filters over the profiles open to them', async () => {
    expect(await names(employer, '')).toEqual(['percent', 'lisi', 'li']);
    expect(await names(employer, 'serviceArea=children')).toEqual(['lisi']);
    expect(await names(employer, 'regionCode=150102')).toEqual(['li']);
    expect(await names(employer, 'qualification=assistant&availability=later')).toEqual(['lisi']);
  });
});
