// Bad input on every talent write and query: a 4xx problem+json naming the field, never a 5xx,
// and the database exactly as before — both when creating a profile and when replacing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, graduateWithProfile, profileBody } from '../helpers/builders';
import { idNumber, withBadCheckChar } from '../helpers/ids';
import { snapshot } from './helpers';

let t: TestApp;
let newcomer: Client; // no profile yet
let owner: Client; // has a profile
let ownerId: string;
beforeAll(async () => {
  t = await makeTestApp();
  newcomer = await signedIn(t, 'graduate');
  const o = await graduateWithProfile(t);
  owner = o.client;
  ownerId = o.id;
});
afterAll(() => t.close());

const qual = (q: Record<string, unknown>) => ({ qualification: { level: 'assistant', certificateNumber: 'A1', year: 2022, registrationValidUntil: '2025-12-31', ...q } });
const edu = (e: Record<string, unknown>) => ({ education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2018, ...e } });
const invalidDateId = idNumber('150102', '19950230', '123');
const futureId = idNumber('150102', '20300101', '123');

// [what, body overrides (undefined deletes the field), field path, status]
const cases: [string, Record<string, unknown>, string, number][] = [
  ['name missing', { name: undefined }, 'name', 422],
  ['name wrong type', { name: 42 }, 'name', 422],
  ['name blank', { name: '   ' }, 'name', 422],
  ['name oversize', { name: '李'.repeat(51) }, 'name', 422],
  ['gender unknown', { gender: 'other' }, 'gender', 422],
  ['birthDate not a date', { birthDate: '1995-02-30' }, 'birthDate', 422],
  ['birthDate wrong format', { birthDate: '14/03/1995' }, 'birthDate', 422],
  ['birthDate in the future', { birthDate: '2030-01-01', idNumber: undefined }, 'birthDate', 422],
  ['birthDate disagrees with the ID number', { birthDate: '1995-03-15' }, 'birthDate', 422],
  ['ethnicity unknown', { ethnicity: '57' }, 'ethnicity', 422],
  ['ethnicity as a name', { ethnicity: '汉族' }, 'ethnicity', 422],
  ['idNumber bad check digit', { idNumber: withBadCheckChar(idNumber()) }, 'idNumber', 422],
  ['idNumber too short', { idNumber: '15010219950314123' }, 'idNumber', 422],
  ['idNumber oversize', { idNumber: '1'.repeat(200) }, 'idNumber', 422],
  // biome-ignore lint/correctness/noPrecisionLoss: a number where a string belongs is the point of the case
  ['idNumber wrong type', { idNumber: 150102199503141234 }, 'idNumber', 422],
  ['idNumber with an impossible date', { idNumber: invalidDateId, birthDate: undefined }, 'idNumber', 422],
  ['idNumber born in the future', { idNumber: futureId, birthDate: undefined }, 'idNumber', 422],
  ['phone not mobile', { phone: '0471-1234567' }, 'phone', 422],
  ['phone 10 digits', { phone: '1381234567' }, 'phone', 422],
  ['regionCode missing', { regionCode: undefined }, 'regionCode', 422],
  ['regionCode malformed', { regionCode: '1x' }, 'regionCode', 422],
  ['regionCode unknown', { regionCode: '159999' }, 'regionCode', 422],
  ['education wrong type', { education: 'bachelor' }, 'education', 422],
  ['education.level unknown', edu({ level: 'phd' }), 'education.level', 422],
  ['education.level missing', edu({ level: undefined }), 'education.level', 422],
  ['education.school oversize', edu({ school: 'x'.repeat(101) }), 'education.school', 422],
  ['education.graduationYear as text', edu({ graduationYear: '2018' }), 'education.graduationYear', 422],
  ['education.graduationYear fractional', edu({ graduationYear: 2018.5 }), 'education.graduationYear', 422],
  ['education.graduationYear far ahead', edu({ graduationYear: 2040 }), 'education.graduationYear', 422],
  ['qualification.level unknown', qual({ level: 'expert' }), 'qualification.level', 422],
  ['qualification without certificate', qual({ certificateNumber: undefined }), 'qualification.certificateNumber', 422],
  ['qualification certificate blank', qual({ certificateNumber: '  ' }), 'qualification.certificateNumber', 422],
  ['qualification none with certificate', qual({ level: 'none' }), 'qualification.certificateNumber', 422],
  ['qualification.certificateNumber oversize', qual({ certificateNumber: 'A'.repeat(41) }), 'qualification.certificateNumber', 422],
  ['qualification.year in the future', qual({ year: 2027, registrationValidUntil: '2030-12-31' }), 'qualification.year', 422],
  ['registration valid until before the year', qual({ registrationValidUntil: '2021-06-30' }), 'qualification.registrationValidUntil', 422],
  ['registration valid until within the year', qual({ registrationValidUntil: '2022-12-31' }), 'qualification.registrationValidUntil', 422],
  ['registration valid until not a date', qual({ registrationValidUntil: 'soon' }), 'qualification.registrationValidUntil', 422],
  ['serviceAreas not a list', { serviceAreas: 'children' }, 'serviceAreas', 422],
  ['serviceAreas unknown entry', { serviceAreas: ['children', 'cooking'] }, 'serviceAreas.1', 422],
  ['serviceAreas duplicate', { serviceAreas: ['children', 'youth', 'children'] }, 'serviceAreas.2', 422],
  ['languages unknown entry', { languages: ['klingon'] }, 'languages.0', 422],
  ['languages duplicate', { languages: ['mandarin', 'mandarin'] }, 'languages.1', 422],
  ['preferredRegions unknown region', { preferredRegions: ['1501', '999999'] }, 'preferredRegions.1', 422],
  ['preferredRegions malformed', { preferredRegions: ['15', 15] }, 'preferredRegions.1', 422],
  ['preferredRegions duplicate', { preferredRegions: ['1501', '1501'] }, 'preferredRegions.1', 422],
  ['preferredRegions too many', { preferredRegions: ['15', '1501', '1502', '1503', '1504', '1505', '1506', '1507', '1508', '1509', '1522'] }, 'preferredRegions', 422],
  ['availability unknown', { availability: 'maybe' }, 'availability', 422],
  ['visibility unknown', { visibility: 'public' }, 'visibility', 422],
];

function bodyWith(overrides: Record<string, unknown>): Record<string, unknown> {
  const body = profileBody();
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete body[k];
    else body[k] = v;
  }
  for (const nested of ['education', 'qualification'] as const) {
    const obj = body[nested];
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) if (v === undefined) delete (obj as Record<string, unknown>)[k];
  }
  return body;
}

describe('PUT /talents/me with bad input', () => {
  const both = cases.flatMap(([what, o, path, status]) => [['create', what, o, path, status] as const, ['update', what, o, path, status] as const]);
  it.each(both)('%s: %s → %i at %s', async (mode, _what, overrides, path, status) => {
    const client = mode === 'create' ? newcomer : owner;
    const before = await snapshot(t);
    await expectProblem(await client.put('/api/v1/talents/me', bodyWith(overrides)), status, path);
    expect(await snapshot(t)).toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"name": "李娜",'],
    ['not JSON at all', 'name=李娜'],
  ])('%s → 400, nothing written', async (_what, raw) => {
    for (const client of [newcomer, owner]) {
      const before = await snapshot(t);
      await expectProblem(await client.put('/api/v1/talents/me', raw), 400);
      expect(await snapshot(t)).toEqual(before);
    }
  });

  it.each([
    ['an array', []],
    ['a string', 'profile'],
    ['null', null],
  ])('a body that is %s → 4xx, nothing written', async (_what, body) => {
    const before = await snapshot(t);
    const res = await newcomer.put('/api/v1/talents/me', JSON.stringify(body));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await expectProblem(res, res.status);
    expect(await snapshot(t)).toEqual(before);
  });

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'name=x&regionCode=15'],
    ['plain text', 'text/plain', JSON.stringify({ name: 'x', regionCode: '15' })],
  ])('%s instead of JSON → 415, nothing written', async (_what, type, raw) => {
    const before = await snapshot(t);
    await expectProblem(await newcomer.request('PUT', '/api/v1/talents/me', raw, { 'content-type': type }), 415, '(body)');
    expect(await snapshot(t)).toEqual(before);
  });

  it('an empty body → 4xx, nothing written', async () => {
    const before = await snapshot(t);
    const res = await newcomer.request('PUT', '/api/v1/talents/me', undefined, { 'content-type': 'application/json' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a body over 256 KB → 413, nothing written', async () => {
    const before = await snapshot(t);
    await expectProblem(await owner.put('/api/v1/talents/me', bodyWith({ name: 'x'.repeat(300 * 1024) })), 413);
    expect(await snapshot(t)).toEqual(before);
  });

  it('the owner still has the profile they had', async () => {
    const me = (await (await owner.get('/api/v1/talents/me')).json()) as { id: string; name: string };
    expect(me).toMatchObject({ id: ownerId, name: '李娜' });
    await expectProblem(await newcomer.get('/api/v1/talents/me'), 404);
  });

  it('accepts the boundaries it rejects just past', async () => {
    const fresh = await signedIn(t, 'graduate');
    const res = await fresh.put(
      '/api/v1/talents/me',
      bodyWith({
        name: '李'.repeat(50),
        idNumber: idNumber('150102', '19950314'),
        ...qual({ year: 2026, registrationValidUntil: '2027-01-01' }),
        preferredRegions: ['15', '1501', '1502', '1503', '1504', '1505', '1506', '1507', '1508', '1509'],
        serviceAreas: [
          'children',
          'youth',
          'elderly',
          'disability',
          'community',
          'school',
          'medical',
          'mental_health',
          'drug_rehab',
          'corrections',
          'assistance',
          'family',
          'veterans',
          'volunteer',
        ],
        ...edu({ graduationYear: 2032 }),
      }),
    );
    expect(res.status).toBe(201);
  });
});

describe('GET /talents with bad queries', () => {
  let dept: Client;
  let employer: Client;
  beforeAll(async () => {
    dept = await signedIn(t, 'department', { regionCode: '15' });
    employer = (await makeEmployer(t, { status: 'verified' })).client;
  });
  it.each([
    ['page=0', 'page'],
    ['pageSize=1000', 'pageSize'],
    ['pageSize=abc', 'pageSize'],
    ['regionCode=1x', 'regionCode'],
    ['regionCode=159999', 'regionCode'],
    ['qualification=expert', 'qualification'],
    ['serviceArea=cooking', 'serviceArea'],
    ['availability=maybe', 'availability'],
    [`q=${'x'.repeat(51)}`, 'q'],
  ])('%s → 422 at %s', async (query, path) => {
    await expectProblem(await dept.get(`/api/v1/talents?${query}`), 422, path);
  });
  it('a name search is for departments only', async () => {
    await expectProblem(await employer.get('/api/v1/talents?q=%E6%9D%8E'), 422, 'q');
    expect((await dept.get('/api/v1/talents?q=%E6%9D%8E')).status).toBe(200);
  });
});
