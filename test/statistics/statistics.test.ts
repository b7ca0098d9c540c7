// Every statistic through the API, compared with an independent computation (expected.ts) over
// generated data (data.ts), for a province department, a prefecture department, an admin, and the
// regions below them; and who may ask for what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { generateDataset, insertDataset, type Dataset, type RegionPool } from './data';
import { expectedDirected, expectedLapsing, expectedMonthly, expectedSchools, expectedSupply, expectedTalents, expectedTownships, type Child } from './expected';

let t: TestApp;
let d: Dataset;
let province: Client;
let prefecture: Client;
let admin: Client;
let townships: string[];
const TODAY = '2026-06-01'; // makeTestApp's clock, 2026-06-01T08:00Z, in China

async function poolOf(t: TestApp): Promise<RegionPool> {
  const db = t.deps.database.db;
  const under = async (parents: string[]) => (await db.selectFrom('regions').select('code').where('parent_code', 'in', parents).orderBy('code').execute()).map((r) => r.code);
  return {
    townships: await under(['150102', '150103', '150203', '150121']),
    coarse: ['15', '1501', '1502', '150102', '150105', '150203', '1503', '150302'],
    outside: [...(await under(['110101'])), '110105', '11'],
  };
}

async function childrenOf(code: string): Promise<Child[]> {
  const db = t.deps.database.db;
  const q = db.selectFrom('regions').select(['code', 'name']).orderBy('code');
  return code === '' ? q.where('level', '=', 1).execute() : q.where('parent_code', '=', code).execute();
}

beforeAll(async () => {
  t = await makeTestApp();
  [province, prefecture, admin] = await Promise.all([signedIn(t, 'department', { regionCode: '15' }), signedIn(t, 'department', { regionCode: '1501' }), signedIn(t, 'admin')]);
  const sponsor = (province as Client & { userId: string }).userId;
  d = generateDataset(20260601, { talents: 1500, employers: 160, positions: 220, placements: 700, agreements: 180 }, await poolOf(t), sponsor, TODAY);
  await insertDataset(t.deps.database, d);
  townships = (await t.deps.database.db.selectFrom('regions').select('code').where('level', '=', 4).execute()).map((r) => r.code);
}, 60_000);
afterAll(() => t.close());

async function ok<T = any>(c: Client, path: string): Promise<T> {
  const res = await c.get(path);
  if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const DIMENSIONS = ['qualification', 'education', 'serviceArea', 'language', 'ageBand', 'gender', 'ethnicity', 'availability'];
const withRegion = (path: string, region: string | undefined) => (region === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}region=${region}`);

/** Compares every statistic at `region` as `who` sees it (region undefined = the caller's default). */
async function compareAll(who: Client, region: string | undefined, shown: string) {
  const children = await childrenOf(shown);
  const codes = children.map((c) => c.code);

  for (const dim of DIMENSIONS) {
    const got = await ok(who, withRegion(`/api/v1/statistics/talents/${dim}`, region));
    const want = expectedTalents(d, shown, children, dim, TODAY);
    expect(got.region.code).toBe(shown);
    expect(got.keys, dim).toEqual(want.keys);
    expect(got.total, dim).toEqual(want.total);
    expect(got.direct, dim).toEqual(want.direct);
    expect(got.children.map((c: any) => c.code)).toEqual(codes);
    expect(
      got.children.map(({ code, talents, counts }: any) => ({ code, talents, counts })),
      dim,
    ).toEqual(want.children);
    for (const c of got.children) expect(c.link).toBe(`/api/v1/statistics/talents/${dim}?region=${c.code}`);
  }

  const supply = await ok(who, withRegion('/api/v1/statistics/supply-demand', region));
  const wantSupply = expectedSupply(d, shown, children, TODAY);
  expect(supply.total).toEqual(wantSupply.total);
  expect(supply.direct).toEqual(wantSupply.direct);
  expect(supply.children.map(({ code, seats, supply, gap, areas }: any) => ({ code, seats, supply, gap, areas }))).toEqual(wantSupply.children);

  const town = await ok(who, withRegion('/api/v1/statistics/township-coverage?pageSize=100', region));
  const wantTown = expectedTownships(d, shown, children, townships, TODAY);
  expect(town.total).toEqual(wantTown.total);
  expect(town.children.map(({ code, units, covered, rate }: any) => ({ code, units, covered, rate }))).toEqual(wantTown.children);
  expect(town.uncovered.total).toBe(wantTown.uncovered.length);
  expect(town.uncovered.items.map((x: any) => x.code)).toEqual(wantTown.uncovered.slice(0, 100));

  const schools = await ok(who, withRegion('/api/v1/statistics/school-coverage?pageSize=100', region));
  const wantSchools = expectedSchools(d, shown, children, TODAY);
  expect(schools.total).toEqual(wantSchools.total);
  expect(schools.direct).toEqual(wantSchools.direct);
  expect(schools.children.map(({ code, units, covered, rate }: any) => ({ code, units, covered, rate }))).toEqual(wantSchools.children);
  expect(schools.uncovered.items.map((x: any) => x.id)).toEqual(wantSchools.uncovered.slice(0, 100));

  const monthly = await ok(who, withRegion('/api/v1/statistics/placements-monthly', region));
  const wantMonthly = expectedMonthly(d, shown, children, '2024-07', '2026-06');
  expect([monthly.from, monthly.to]).toEqual(['2024-07', '2026-06']);
  expect(monthly.months).toEqual(wantMonthly.months);
  expect(monthly.total).toEqual(wantMonthly.total);
  expect(monthly.direct).toEqual(wantMonthly.direct);
  expect(monthly.children.map(({ code, employment, internship }: any) => ({ code, employment, internship }))).toEqual(wantMonthly.children);

  const directed = await ok(who, withRegion('/api/v1/statistics/directed-training', region));
  const wantDirected = expectedDirected(d, shown, children, TODAY);
  expect(directed.total).toEqual(wantDirected.total);
  expect(directed.direct).toEqual(wantDirected.direct);
  expect(directed.children.map(({ code, name, link, ...rest }: any) => ({ code, ...rest }))).toEqual(wantDirected.children);

  const lapsing = await ok(who, withRegion('/api/v1/statistics/lapsing-registrations?pageSize=100', region));
  const wantLapsing = expectedLapsing(d, shown, children, TODAY);
  expect([lapsing.from, lapsing.to]).toEqual([wantLapsing.from, wantLapsing.to]);
  expect([lapsing.total, lapsing.direct]).toEqual([wantLapsing.total, wantLapsing.direct]);
  expect(lapsing.children.map(({ code, n }: any) => ({ code, n }))).toEqual(wantLapsing.children);
  expect(
    lapsing.list.items.map(({ talentId, name, certificateNumber, idNumberMasked, validUntil, daysLeft }: any) => ({
      talentId,
      name,
      certificateNumber,
      idNumberMasked,
      validUntil,
      daysLeft,
    })),
  ).toEqual(wantLapsing.list.slice(0, 100));
  return { town, schools, directed, lapsing, supply, monthly };
}

describe('statistics compared with an independent computation', () => {
  it('the generated data exercises every definition (non-trivial figures)', async () => {
    const r = await compareAll(province, undefined, '15');
    expect(r.town.total.covered).toBeGreaterThan(0);
    expect(r.town.total.units - r.town.total.covered).toBeGreaterThan(0);
    expect(r.schools.total.covered).toBeGreaterThan(0);
    expect(r.schools.total.units - r.schools.total.covered).toBeGreaterThan(0);
    expect(r.directed.total.earlyLeave.numerator).toBeGreaterThan(0);
    expect(r.directed.total.retention[2].denominator).toBeGreaterThan(0);
    expect(r.directed.total.retention[2].numerator).toBeGreaterThan(0);
    expect(r.directed.total.fulfilment.denominator).toBeGreaterThan(r.directed.total.fulfilment.numerator);
    expect(r.lapsing.total).toBeGreaterThan(0);
    expect(r.supply.total.seats).toBeGreaterThan(0);
    expect(r.supply.total.gap).not.toBe(0);
    expect(r.monthly.total.employment + r.monthly.total.internship).toBeGreaterThan(0);
    // Talents registered at the province's own code, and values outside the vocabularies (the gaps).
    const education = await ok(province, '/api/v1/statistics/talents/education');
    expect(education.direct.talents).toBeGreaterThan(0);
    expect(education.total.counts.unknown).toBeGreaterThan(d.talents.filter((x) => x.education_level === null && x.region_code?.startsWith('15')).length);
    const areas = await ok(province, '/api/v1/statistics/talents/serviceArea');
    const oddAvailability = d.talents.filter(
      (x) => !['available', 'later', 'employed', 'unavailable'].includes(x.availability) && x.region_code?.startsWith('15') && x.service_areas !== '[]',
    );
    expect(oddAvailability.length).toBeGreaterThan(0);
    expect(Object.values(areas.total.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      d.talents.filter((x) => x.region_code?.startsWith('15')).reduce((s, x) => s + JSON.parse(x.service_areas).length, 0),
    );
  });

  it('a province department drills down to a city, a county and a township', async () => {
    await compareAll(province, '1501', '1501');
    await compareAll(province, '150102', '150102');
    await compareAll(province, '150102001', '150102001');
    await compareAll(province, '1502', '1502');
  });

  it('a prefecture department sees its own city by default and what lies below it', async () => {
    await compareAll(prefecture, undefined, '1501');
    await compareAll(prefecture, '150121', '150121');
  });

  it('an admin sees the whole tree by default (talents without a region counted at the root) and any province', async () => {
    const r = await compareAll(admin, undefined, '');
    expect(r.town.total.units).toBeGreaterThan(40_000);
    await compareAll(admin, '11', '11');
    await compareAll(admin, '15', '15');
  });

  it('a custom month window counts placements by start month', async () => {
    const children = await childrenOf('15');
    const got = await ok(province, '/api/v1/statistics/placements-monthly?from=2022-03&to=2026-08');
    const want = expectedMonthly(d, '15', children, '2022-03', '2026-08');
    expect(got.months).toHaveLength(54);
    expect(got.months).toEqual(want.months);
    expect(got.total).toEqual(want.total);
    expect(got.children[0].link).toBe('/api/v1/statistics/placements-monthly?region=1501&from=2022-03&to=2026-08');
  });

  it('the uncovered townships and the lapsing list page through the whole list', async () => {
    const children = await childrenOf('15');
    const wantTown = expectedTownships(d, '15', children, townships, TODAY).uncovered;
    const page3 = await ok(province, '/api/v1/statistics/township-coverage?page=3&pageSize=50');
    expect(page3.uncovered).toMatchObject({ total: wantTown.length, page: 3, pageSize: 50 });
    expect(page3.uncovered.items.map((x: any) => x.code)).toEqual(wantTown.slice(100, 150));
    expect(page3.uncovered.items[0].fullName).toMatch(/^内蒙古自治区/);
    const wantLapse = expectedLapsing(d, '15', children, TODAY).list;
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(wantLapse.length / 7); page++) {
      const p = await ok(province, `/api/v1/statistics/lapsing-registrations?page=${page}&pageSize=7`);
      seen.push(...p.list.items.map((x: any) => x.talentId));
    }
    expect(seen).toEqual(wantLapse.map((x) => x.talentId));
  });
});

describe('statistics: who may ask for what', () => {
  const ENDPOINTS = [
    '/api/v1/statistics/talents/qualification',
    '/api/v1/statistics/supply-demand',
    '/api/v1/statistics/township-coverage',
    '/api/v1/statistics/school-coverage',
    '/api/v1/statistics/placements-monthly',
    '/api/v1/statistics/directed-training',
    '/api/v1/statistics/lapsing-registrations',
  ];

  it('a region outside the department’s subtree, or unknown, answers 404; a malformed one 422 naming region', async () => {
    for (const path of ENDPOINTS) {
      await expectProblem(await prefecture.get(`${path}?region=15`), 404);
      await expectProblem(await prefecture.get(`${path}?region=1502`), 404);
      await expectProblem(await prefecture.get(`${path}?region=150203001`), 404);
      await expectProblem(await province.get(`${path}?region=11`), 404);
      await expectProblem(await province.get(`${path}?region=159999`), 404);
      await expectProblem(await admin.get(`${path}?region=99`), 404);
      await expectProblem(await province.get(`${path}?region=15x`), 422, 'region');
      await expectProblem(await province.get(`${path}?region=`), 422, 'region');
    }
  });

  it('graduates and employers get 403, anonymous callers 401', async () => {
    const [grad, employer] = await Promise.all([signedIn(t, 'graduate'), signedIn(t, 'employer')]);
    const anon = new Client(t);
    for (const path of ENDPOINTS) {
      await expectProblem(await grad.get(path), 403);
      await expectProblem(await employer.get(path), 403);
      await expectProblem(await anon.get(path), 401);
    }
  });

  it('bad parameters are 422 naming the field', async () => {
    await expectProblem(await province.get('/api/v1/statistics/talents/height'), 422, 'dimension');
    await expectProblem(await province.get('/api/v1/statistics/placements-monthly?from=2026-07&to=2026-01'), 422, 'from');
    await expectProblem(await province.get('/api/v1/statistics/placements-monthly?from=2026-13'), 422, 'from');
    await expectProblem(await province.get('/api/v1/statistics/placements-monthly?from=1990-01&to=2026-01'), 422, 'from');
    await expectProblem(await province.get('/api/v1/statistics/placements-monthly?from=1990-01'), 422, 'from');
    await expectProblem(await province.get('/api/v1/statistics/township-coverage?pageSize=101'), 422, 'pageSize');
    await expectProblem(await province.get('/api/v1/statistics/lapsing-registrations?page=0'), 422, 'page');
  });

  it('answers are private and never cached', async () => {
    const res = await province.get('/api/v1/statistics/supply-demand');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});
