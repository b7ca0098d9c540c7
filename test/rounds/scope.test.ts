// Region scope and roles for every round endpoint: a department sees only rounds in its subtree
// (404 outside), a talent only rounds they are in and their own proposal, an employer only proposals
// for its own positions; graduates and employers calling department endpoints get 403. Every refusal
// is problem+json and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate } from '../helpers/builders';
import { expectAll, runMatrix } from '../helpers/matrix';
import { collectingRound, draftRound, makeRoundWorld, ok, publishedRound, snapshotRounds, type RoundJson, type RoundWorld } from './helpers';

const ACTORS = ['anonymous', 'member', 'outsider', 'employer', 'otherEmployer', 'dept1501', 'dept15', 'dept1502', 'dept13', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Expected = Record<Actor, number>;
const all = (status: number, except: Partial<Expected> = {}): Expected => expectAll(ACTORS, status, except);

let t: TestApp;
let w: RoundWorld;
let clients: Record<Actor, Client>;
beforeEach(async () => {
  t = await makeTestApp();
  w = await makeRoundWorld(t);
  clients = {
    anonymous: new Client(t),
    member: w.g2,
    outsider: await makeGraduate(t, { name: '局外人' }),
    employer: w.empA.client,
    otherEmployer: (await makeEmployer(t)).client,
    dept1501: w.dept,
    dept15: await signedIn(t, 'department', { regionCode: '15' }),
    dept1502: await signedIn(t, 'department', { regionCode: '1502' }),
    dept13: await signedIn(t, 'department', { regionCode: '13' }),
    admin: await signedIn(t, 'admin'),
  };
});
afterEach(() => t.close());

/** Every actor against a fresh target (the shared runner); refusals change no round table. */
const matrix = <T>(expected: Expected, setup: () => Promise<T>, call: (c: Client, target: T) => Promise<Response>) =>
  runMatrix({ clients, expected, setup: () => setup(), call: (c, target) => call(c, target), snapshot: () => snapshotRounds(t) });

/** Department-only endpoints: 403 for graduates and employers, 404 outside the region. */
const deptOnly = (ok: number) => all(403, { anonymous: 401, dept1501: ok, dept15: ok, admin: ok, dept1502: 404, dept13: 404 });
/** Readable by departments in scope and by talents in the round. */
const deptOrMember = all(404, { anonymous: 401, member: 200, employer: 403, otherEmployer: 403, dept1501: 200, dept15: 200, admin: 200 });
/** The member talent's own endpoints. */
const memberOnly = all(403, { anonymous: 401, member: 200, outsider: 404 });

const draft = () => draftRound(w);
const collecting = () => collectingRound(w);
async function run(): Promise<RoundJson> {
  const r = await collectingRound(w);
  await ok(await w.dept.post(`/api/v1/rounds/${r.id}/run`));
  return r;
}
/** A published round and g2's proposal (P2, employer A). */
async function proposal(): Promise<string> {
  const r = await publishedRound(w);
  const rows = await t.deps.database.db.selectFrom('round_proposals').select('id').where('round_id', '=', r.id).where('talent_id', '=', w.g2.talentId).execute();
  return rows[0].id;
}

describe('rounds: region scope and roles of every endpoint', () => {
  it('POST /rounds (a region outside the caller names the field)', async () => {
    await matrix(
      { ...deptOnly(201), dept1502: 422, dept13: 422 },
      async () => null,
      (c) => c.post('/api/v1/rounds', { name: 'r', regionCode: '1501' }),
    );
    const far = await clients.dept1502.post('/api/v1/rounds', { name: 'r', regionCode: '1501' });
    expect(((await far.json()) as { errors: { path: string }[] }).errors[0].path).toBe('regionCode');
  });

  it('GET /rounds lists only rounds in the subtree', async () => {
    const r = await draft();
    await matrix(
      { ...deptOnly(200), dept1502: 200, dept13: 200 },
      async () => null,
      (c) => c.get('/api/v1/rounds?pageSize=100'),
    );
    const ids = async (c: Client) => ((await (await c.get('/api/v1/rounds?pageSize=100')).json()) as { items: { id: string }[] }).items.map((x) => x.id);
    expect(await ids(clients.dept15)).toContain(r.id);
    expect(await ids(clients.admin)).toContain(r.id);
    expect(await ids(clients.dept1502)).toEqual([]);
    expect(await ids(clients.dept13)).toEqual([]);
  });

  it('GET /rounds/{id} and GET /rounds/{id}/positions', async () => {
    await matrix(deptOrMember, collecting, (c, r) => c.get(`/api/v1/rounds/${r.id}`));
    await matrix(deptOrMember, collecting, (c, r) => c.get(`/api/v1/rounds/${r.id}/positions`));
  });

  it('draft-stage department writes: PATCH, PUT positions, PUT talents, POST open', async () => {
    await matrix(deptOnly(200), draft, (c, r) => c.patch(`/api/v1/rounds/${r.id}`, { name: 'x' }));
    await matrix(deptOnly(200), draft, (c, r) => c.put(`/api/v1/rounds/${r.id}/positions`, { positions: [{ positionId: w.p1 }] }));
    await matrix(deptOnly(200), draft, (c, r) => c.put(`/api/v1/rounds/${r.id}/talents`, { talentIds: [w.g3.talentId] }));
    await matrix(deptOnly(200), draft, (c, r) => c.post(`/api/v1/rounds/${r.id}/open`));
  });

  it('department reads: GET talents, result, proposals', async () => {
    const r = await run();
    await matrix(
      deptOnly(200),
      async () => r,
      (c) => c.get(`/api/v1/rounds/${r.id}/talents`),
    );
    await matrix(
      deptOnly(200),
      async () => r,
      (c) => c.get(`/api/v1/rounds/${r.id}/result`),
    );
    await matrix(
      deptOnly(200),
      async () => r,
      (c) => c.get(`/api/v1/rounds/${r.id}/proposals`),
    );
  });

  it('POST run, publish, close', async () => {
    await matrix(deptOnly(200), collecting, (c, r) => c.post(`/api/v1/rounds/${r.id}/run`));
    await matrix(deptOnly(200), run, (c, r) => c.post(`/api/v1/rounds/${r.id}/publish`));
    await matrix(
      deptOnly(200),
      () => publishedRound(w),
      (c, r) => c.post(`/api/v1/rounds/${r.id}/close`),
    );
  });

  it('choices: GET, PUT, DELETE (the talent in the round only)', async () => {
    await matrix(memberOnly, collecting, (c, r) => c.get(`/api/v1/rounds/${r.id}/choices`));
    await matrix(memberOnly, collecting, (c, r) => c.put(`/api/v1/rounds/${r.id}/choices`, { positionIds: [w.p3] }));
    await matrix(memberOnly, collecting, (c, r) => c.delete(`/api/v1/rounds/${r.id}/choices`));
  });

  it('服从调剂: GET, PUT (the talent in the round only)', async () => {
    await matrix(memberOnly, collecting, (c, r) => c.get(`/api/v1/rounds/${r.id}/adjustment`));
    await matrix(memberOnly, collecting, (c, r) => c.put(`/api/v1/rounds/${r.id}/adjustment`, { regionCode: '150102' }));
  });

  it('pins: GET, POST, DELETE (department in scope; 404 in other regions)', async () => {
    await matrix(deptOnly(200), collecting, (c, r) => c.get(`/api/v1/rounds/${r.id}/pins`));
    await matrix(deptOnly(201), collecting, (c, r) => c.post(`/api/v1/rounds/${r.id}/pins`, { talentId: w.g4.talentId, positionId: w.p1, reason: '约定' }));
    const pinned = async () => {
      const r = await collectingRound(w);
      await ok(await w.dept.post(`/api/v1/rounds/${r.id}/pins`, { talentId: w.g4.talentId, positionId: w.p1, reason: '约定' }), 201);
      return r;
    };
    await matrix(deptOnly(200), pinned, (c, r) => c.delete(`/api/v1/rounds/${r.id}/pins/${w.g4.talentId}`));
  });

  it('round notices: the graduate’s own', async () => {
    await matrix(
      all(403, { anonymous: 401, member: 200, outsider: 200 }),
      async () => null,
      (c) => c.get('/api/v1/talents/me/round-notices'),
    );
    await matrix(all(404, { anonymous: 401, employer: 403, otherEmployer: 403, dept1501: 403, dept15: 403, dept1502: 403, dept13: 403, admin: 403 }), collecting, (c, r) =>
      c.post(`/api/v1/rounds/${r.id}/notice/dismiss`),
    );
  });

  it('a talent’s and an employer’s own lists', async () => {
    await proposal();
    await matrix(
      all(403, { anonymous: 401, member: 200, outsider: 200 }),
      async () => null,
      (c) => c.get('/api/v1/talents/me/rounds'),
    );
    await matrix(
      all(403, { anonymous: 401, member: 200, outsider: 200 }),
      async () => null,
      (c) => c.get('/api/v1/talents/me/proposals'),
    );
    await matrix(
      all(403, { anonymous: 401, employer: 200, otherEmployer: 200 }),
      async () => null,
      (c) => c.get('/api/v1/employers/me/proposals'),
    );
    const total = async (c: Client, path: string) => ((await (await c.get(path)).json()) as { total: number }).total;
    expect(await total(clients.outsider, '/api/v1/talents/me/rounds')).toBe(0);
    expect(await total(clients.outsider, '/api/v1/talents/me/proposals')).toBe(0);
    expect(await total(clients.member, '/api/v1/talents/me/proposals')).toBe(1);
    expect(await total(clients.otherEmployer, '/api/v1/employers/me/proposals')).toBe(0);
  });

  it('GET /proposals/{id} and POST /proposals/{id}/response', async () => {
    await matrix(all(404, { anonymous: 401, member: 200, employer: 200, dept1501: 200, dept15: 200, admin: 200 }), proposal, (c, id) => c.get(`/api/v1/proposals/${id}`));
    await matrix(all(404, { anonymous: 401, member: 200, employer: 200, dept1501: 403, dept15: 403, dept1502: 403, dept13: 403, admin: 403 }), proposal, (c, id) =>
      c.post(`/api/v1/proposals/${id}/response`, { decision: 'decline' }),
    );
  });
});
