// Who may see and do what with talent profiles: every role against every endpoint, including
// another graduate's profile, a department-only profile and other regions' departments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, graduateWithProfile, profileBody } from '../helpers/builders';
import { snapshot } from './helpers';

type Actor =
  | 'anonymous'
  | 'graduateA'
  | 'graduateB'
  | 'graduateNone'
  | 'employerPending'
  | 'employerRejected'
  | 'employerVerified'
  | 'dept15'
  | 'dept1501'
  | 'dept150102'
  | 'dept13'
  | 'dept1502'
  | 'admin';

let t: TestApp;
const as: Record<Actor, Client> = {} as Record<Actor, Client>;
let open: string; // graduateA's profile in 150102, open to employers
let closed: string; // graduateB's profile in 150102, department only
let elsewhere: string; // a profile in 1502 (Baotou), open to employers

beforeAll(async () => {
  t = await makeTestApp();
  const a = await graduateWithProfile(t, { regionCode: '150102', visibility: 'employers' });
  const b = await graduateWithProfile(t, { regionCode: '150102', visibility: 'department', name: '赵敏' });
  const c = await graduateWithProfile(t, { regionCode: '150203', visibility: 'employers', name: '孙丽' });
  open = a.id;
  closed = b.id;
  elsewhere = c.id;
  as.anonymous = new Client(t);
  as.graduateA = a.client;
  as.graduateB = b.client;
  as.graduateNone = await signedIn(t, 'graduate');
  as.employerPending = (await makeEmployer(t, { status: 'pending' })).client;
  as.employerRejected = (await makeEmployer(t, { status: 'rejected' })).client;
  as.employerVerified = (await makeEmployer(t, { status: 'verified' })).client;
  as.dept15 = await signedIn(t, 'department', { regionCode: '15' });
  as.dept1501 = await signedIn(t, 'department', { regionCode: '1501' });
  as.dept150102 = await signedIn(t, 'department', { regionCode: '150102' });
  as.dept13 = await signedIn(t, 'department', { regionCode: '13' });
  as.dept1502 = await signedIn(t, 'department', { regionCode: '1502' });
  as.admin = await signedIn(t, 'admin');
});
afterAll(() => t.close());

// Fixed at collection time (the clients are made later, in beforeAll).
const ACTORS: Actor[] = [
  'anonymous',
  'graduateA',
  'graduateB',
  'graduateNone',
  'employerPending',
  'employerRejected',
  'employerVerified',
  'dept15',
  'dept1501',
  'dept150102',
  'dept13',
  'dept1502',
  'admin',
];

describe('GET /talents/me', () => {
  const expected: Record<Actor, number> = {
    anonymous: 401,
    graduateA: 200,
    graduateB: 200,
    graduateNone: 404,
    employerPending: 403,
    employerRejected: 403,
    employerVerified: 403,
    dept15: 403,
    dept1501: 403,
    dept150102: 403,
    dept13: 403,
    dept1502: 403,
    admin: 403,
  };
  it.each(Object.entries(expected))('%s → %i', async (actor, status) => {
    const res = await as[actor as Actor].get('/api/v1/talents/me');
    if (status !== 200) return void (await expectProblem(res, status));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; view: string };
    expect(body.id).toBe(actor === 'graduateA' ? open : closed);
    expect(body.view).toBe('full');
  });
});

describe('PUT /talents/me', () => {
  const refused: [Actor, number][] = [
    ['anonymous', 401],
    ['employerPending', 403],
    ['employerVerified', 403],
    ['dept15', 403],
    ['dept13', 403],
    ['admin', 403],
  ];
  it.each(refused)('%s → %i, nothing written', async (actor, status) => {
    const before = await snapshot(t);
    await expectProblem(await as[actor].put('/api/v1/talents/me', profileBody()), status);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a graduate writes only their own profile', async () => {
    const fresh = await signedIn(t, 'graduate');
    const aBefore = await (await as.graduateA.get('/api/v1/talents/me')).json();
    const res = await fresh.put('/api/v1/talents/me', profileBody({ name: '新人' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string };
    expect([open, closed, elsewhere]).not.toContain(created.id);
    expect(await (await as.graduateA.get('/api/v1/talents/me')).json()).toEqual(aBefore);
    await t.deps.database.db.deleteFrom('search_outbox').where('entity_id', '=', created.id).execute();
    await t.deps.database.db.deleteFrom('talents').where('id', '=', created.id).execute();
  });
});

describe('GET /talents', () => {
  const expected: Record<Actor, number | string[]> = {
    anonymous: 401,
    graduateA: 403,
    graduateB: 403,
    graduateNone: 403,
    employerPending: 403,
    employerRejected: 403,
    employerVerified: ['open', 'elsewhere'],
    dept15: ['open', 'closed', 'elsewhere'],
    dept1501: ['open', 'closed'],
    dept150102: ['open', 'closed'],
    dept13: [],
    dept1502: ['elsewhere'],
    admin: ['open', 'closed', 'elsewhere'],
  };
  const name = (id: string) => (id === open ? 'open' : id === closed ? 'closed' : id === elsewhere ? 'elsewhere' : id);

  it.each(Object.entries(expected))('%s → %j', async (actor, want) => {
    const res = await as[actor as Actor].get('/api/v1/talents?pageSize=100');
    if (typeof want === 'number') return void (await expectProblem(res, want));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string; view: string; phone: string | null }[]; total: number };
    expect(page.items.map((i) => name(i.id)).sort()).toEqual([...want].sort());
    expect(page.total).toBe(want.length);
    const view = actor === 'employerVerified' ? 'employer' : 'full';
    expect(page.items.every((i) => i.view === view)).toBe(true);
  });

  it('a department filter outside its own region finds nothing rather than widening the scope', async () => {
    const res = await as.dept1501.get('/api/v1/talents?regionCode=1502');
    expect(((await res.json()) as { total: number }).total).toBe(0);
    const widen = await as.dept1501.get('/api/v1/talents?regionCode=15');
    expect(((await widen.json()) as { total: number }).total).toBe(2);
  });
});

describe('GET /talents/{id}', () => {
  type Want = number | 'full' | 'employer';
  const matrix: Record<Actor, [Want, Want, Want]> = {
    //                 open        closed   elsewhere
    anonymous: [401, 401, 401],
    graduateA: ['full', 403, 403],
    graduateB: [403, 'full', 403],
    graduateNone: [403, 403, 403],
    employerPending: [403, 403, 403],
    employerRejected: [403, 403, 403],
    employerVerified: ['employer', 404, 'employer'],
    dept15: ['full', 'full', 'full'],
    dept1501: ['full', 'full', 404],
    dept150102: ['full', 'full', 404],
    dept13: [404, 404, 404],
    dept1502: [404, 404, 'full'],
    admin: ['full', 'full', 'full'],
  };
  const cases = ACTORS.flatMap((a) => (['open', 'closed', 'elsewhere'] as const).map((which, i) => [a, which, matrix[a][i]] as const));

  it.each(cases)('%s reads %s → %s', async (actor, which, want) => {
    const id = { open, closed, elsewhere }[which];
    const res = await as[actor].get(`/api/v1/talents/${id}`);
    if (typeof want === 'number') return void (await expectProblem(res, want));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.id).toBe(id);
    expect(body.view).toBe(want);
    if (want === 'employer') {
      expect(body.phone).toBe('138****5678');
      expect(body.birthYear).toBe(1995);
      expect(body).not.toHaveProperty('birthDate');
      expect(body).not.toHaveProperty('idNumberMasked');
      expect(body).not.toHaveProperty('ethnicity');
    } else {
      expect(body.phone).toBe('13812345678');
      expect(body.birthDate).toBe('1995-03-14');
      expect(body.idNumberMasked).toMatch(/^1501\*{10}/);
    }
  });

  it('an unknown id is 404 for those who could see it, 403 for those who could not', async () => {
    for (const a of ['dept15', 'admin', 'employerVerified'] as const) await expectProblem(await as[a].get('/api/v1/talents/nosuchtalent0000'), 404);
    await expectProblem(await as.graduateA.get('/api/v1/talents/nosuchtalent0000'), 403);
    await expectProblem(await as.employerPending.get('/api/v1/talents/nosuchtalent0000'), 403);
    await expectProblem(await as.anonymous.get('/api/v1/talents/nosuchtalent0000'), 401);
  });
});

describe('POST /talents/{id}/reveal-id-number', () => {
  const matrix: Record<Actor, [number, number]> = {
    //                 open  elsewhere
    anonymous: [401, 401],
    graduateA: [403, 403],
    graduateB: [403, 403],
    graduateNone: [403, 403],
    employerPending: [403, 403],
    employerRejected: [403, 403],
    employerVerified: [403, 403],
    dept15: [200, 200],
    dept1501: [200, 404],
    dept150102: [200, 404],
    dept13: [404, 404],
    dept1502: [404, 200],
    admin: [200, 200],
  };
  const cases = ACTORS.flatMap((a) => (['open', 'elsewhere'] as const).map((which, i) => [a, which, matrix[a][i]] as const));

  it.each(cases)('%s reveals %s → %i', async (actor, which, status) => {
    const id = which === 'open' ? open : elsewhere;
    const audits = () => t.deps.database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).execute();
    const before = (await audits()).length;
    const res = await as[actor].post(`/api/v1/talents/${id}/reveal-id-number`, { purpose: 'verify_identity' });
    if (status !== 200) {
      await expectProblem(res, status);
      expect(await audits()).toHaveLength(before);
      return;
    }
    expect(res.status).toBe(200);
    const body = (await res.json()) as { talentId: string; idNumber: string };
    expect(body.talentId).toBe(id);
    const sealed = await t.deps.database.db.selectFrom('talents').select('id_number_enc').where('id', '=', id).executeTakeFirstOrThrow();
    expect(body.idNumber).toBe(await t.deps.fieldCrypto.decrypt(sealed.id_number_enc!));
    const after = await audits();
    expect(after).toHaveLength(before + 1);
  });

  it('the owner cannot reveal even their own full ID number', async () => {
    await expectProblem(await as.graduateB.post(`/api/v1/talents/${closed}/reveal-id-number`, { purpose: 'verify_identity' }), 403);
  });

  it('an unknown id is 404 and writes no audit record', async () => {
    const before = await snapshot(t);
    await expectProblem(await as.admin.post('/api/v1/talents/nosuchtalent0000/reveal-id-number', { purpose: 'verify_identity' }), 404);
    expect(await snapshot(t)).toEqual(before);
  });
});
