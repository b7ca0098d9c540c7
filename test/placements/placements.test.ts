import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type Client, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate, makePosition, makeAgreement, makePlacement, moveBody, type AgreementJson, type PlacementJson } from '../helpers/builders';
import { makeWorld, type World, expect_, placementMatrix, unchangedPlacements } from '../helpers/world';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type Page = { items: PlacementJson[]; total: number };
const list = async (c: Client, query = '') => (await (await c.get(`/api/v1/placements${query}`)).json()) as Page;
const agreement = async (c: Client, id: string) => (await (await c.get(`/api/v1/agreements/${id}`)).json()) as AgreementJson;

async function hire(employer: Client, grad: Client, positionId: string): Promise<string> {
  const applied = await grad.post('/api/v1/applications', { positionId });
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
  const { id } = (await applied.json()) as { id: string };
  for (const status of ['reviewing', 'interview', 'offer', 'hired']) {
    const r = await employer.post(`/api/v1/applications/${id}/status`, moveBody(status, t.clock.now));
    if (r.status !== 200) throw new Error(`move ${status}: ${r.status} ${await r.text()}`);
  }
  return id;
}

describe('placements', () => {
  it('a hire before the graduation year of an agreement awaiting placement does not serve it', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client); // in 150102001
    const grad = await makeGraduate(t);
    // The clock is 2026-06-01: this training ends in 2027.
    const early = await makeAgreement(dept, grad.talentId, {
      status: 'awaiting_placement',
      targetRegionCode: '1501',
      enrolmentYear: 2023,
      graduationYear: 2027,
      signedOn: '2023-08-20',
    });
    await hire(employer.client, grad, positionId);
    const mine = await list(grad);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ source: 'application', agreementId: null });
    expect((await agreement(dept, early.id)).status).toBe('awaiting_placement');
  });

  it('an application marked hired creates the placement and moves the matching agreement to serving', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client); // in 150102001
    const grad = await makeGraduate(t);
    const elsewhere = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement', targetRegionCode: '1502' });
    const training = await makeAgreement(dept, grad.talentId, { status: 'in_training', targetRegionCode: '1501' });
    const matching = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement', targetRegionCode: '1501' });

    const applicationId = await hire(employer.client, grad, positionId);

    const mine = await list(grad);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'employment',
      source: 'application',
      sourceId: applicationId,
      startOn: '2026-06-01',
      endOn: null,
      agreementId: matching.id,
      talent: { id: grad.talentId },
      employer: { id: employer.employerId },
      position: { id: positionId },
      days: 1,
    });
    const served = await agreement(dept, matching.id);
    expect(served).toMatchObject({ status: 'serving', servedDays: 1 });
    expect(served.events.at(-1)).toMatchObject({ fromStatus: 'awaiting_placement', toStatus: 'serving', actorRole: 'employer' });
    expect((await agreement(dept, elsewhere.id)).status).toBe('awaiting_placement');
    expect((await agreement(dept, training.id)).status).toBe('in_training');
    // The employer and the department see it too.
    expect((await list(employer.client)).items.map((p) => p.sourceId)).toEqual([applicationId]);
    expect((await list(dept)).total).toBe(1);
  });

  it('a hire without a matching agreement creates a placement serving none', async () => {
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client);
    const grad = await makeGraduate(t);
    await hire(employer.client, grad, positionId);
    const rows = await t.deps.database.db.selectFrom('placements').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agreement_id: null, source: 'application', kind: 'employment', position_id: positionId });
  });

  it('an employer records its interns; kind=internship lists them; the placement ends once', async () => {
    const employer = await makeEmployer(t);
    const a = await makeGraduate(t);
    const b = await makeGraduate(t, { name: '张伟' });
    // An employer records placements of people who applied to its posts.
    const post = await makePosition(employer.client);
    for (const g of [a, b]) expect((await g.post('/api/v1/applications', { positionId: post })).status).toBe(201);
    const intern = await makePlacement(employer.client, { talentId: a.talentId, kind: 'internship', startOn: '2026-03-01' });
    const hire = await makePlacement(employer.client, { talentId: b.talentId, kind: 'employment', startOn: '2026-05-01' });
    expect(intern).toMatchObject({ source: 'direct', employer: { id: employer.employerId }, endOn: null, days: 93 });
    expect((await list(employer.client, '?kind=internship')).items.map((p) => p.id)).toEqual([intern.id]);
    expect((await list(employer.client)).total).toBe(2);
    expect((await list(employer.client, '?open=true')).items.map((p) => p.id)).toEqual([hire.id, intern.id]);

    const ended = await employer.client.post(`/api/v1/placements/${hire.id}/end`, { endOn: '2026-05-31', reason: '试用期未通过' });
    expect(ended.status).toBe(200);
    expect((await ended.json()) as PlacementJson).toMatchObject({ endOn: '2026-05-31', endReason: '试用期未通过', days: 31 });
    await unchangedPlacements(t, async () => expectProblem(await employer.client.post(`/api/v1/placements/${hire.id}/end`, { endOn: '2026-06-30', reason: 'again' }), 409));
    expect((await list(employer.client, '?open=true')).items.map((p) => p.id)).toEqual([intern.id]);
    await unchangedPlacements(t, async () =>
      expectProblem(await employer.client.post(`/api/v1/placements/${intern.id}/end`, { endOn: '2026-02-28', reason: 'early' }), 422, 'endOn'),
    );
  });

  it('a placement cannot serve an agreement that is final or still in training', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const training = await makeAgreement(dept, grad.talentId);
    const body = { talentId: grad.talentId, employerId: employer.employerId, kind: 'employment', startOn: '2026-06-01', agreementId: training.id };
    await unchangedPlacements(t, async () => expectProblem(await dept.post('/api/v1/placements', body), 409));
    const waived = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement' });
    expect((await dept.post(`/api/v1/agreements/${waived.id}/status`, { status: 'waived', note: '免除' })).status).toBe(200);
    await unchangedPlacements(t, async () => expectProblem(await dept.post('/api/v1/placements', { ...body, agreementId: waived.id }), 409));
  });

  it('bad input is a 4xx problem naming the field, and nothing is written', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const employer = await makeEmployer(t);
    const otherEmployer = await makeEmployer(t);
    const farEmployer = await makeEmployer(t, { regionCode: '150202' });
    const otherPosition = await makePosition(otherEmployer.client);
    const grad = await makeGraduate(t);
    const otherGrad = await makeGraduate(t);
    const othersAgreement = await makeAgreement(dept, otherGrad.talentId, { status: 'awaiting_placement' });
    const farAgreement = await makeAgreement(await signedIn(t, 'department', { regionCode: '15' }), grad.talentId, { status: 'awaiting_placement', targetRegionCode: '1502' });
    const ok = { talentId: grad.talentId, employerId: employer.employerId, kind: 'employment', startOn: '2026-06-01' };
    const cases: [Client, unknown, number, string | undefined][] = [
      [dept, '{"talentId":', 400, undefined],
      [dept, { ...ok, kind: 'volunteer' }, 422, 'kind'],
      [dept, { ...ok, startOn: 20260601 }, 422, 'startOn'],
      [dept, { ...ok, startOn: undefined }, 422, 'startOn'],
      [dept, { ...ok, talentId: undefined }, 422, 'talentId'],
      [dept, { ...ok, endOn: '2026-05-31' }, 422, 'endOn'],
      [dept, { ...ok, endOn: '2026-13-01' }, 422, 'endOn'],
      [dept, { ...ok, employerId: undefined }, 422, 'employerId'],
      [dept, { ...ok, employerId: 'nosuchemployer00' }, 404, 'employerId'],
      [dept, { ...ok, employerId: farEmployer.employerId }, 404, 'employerId'],
      [dept, { ...ok, talentId: 'nosuchtalent0000' }, 404, 'talentId'],
      [dept, { ...ok, positionId: 'nosuchposition00' }, 422, 'positionId'],
      [dept, { ...ok, positionId: otherPosition }, 422, 'positionId'],
      [dept, { ...ok, agreementId: 'nosuchagreement0' }, 422, 'agreementId'],
      [dept, { ...ok, agreementId: othersAgreement.id }, 422, 'agreementId'],
      [dept, { ...ok, agreementId: farAgreement.id }, 422, 'agreementId'],
      [employer.client, { ...ok, employerId: otherEmployer.employerId }, 422, 'employerId'],
      [employer.client, { ...ok, agreementId: othersAgreement.id }, 422, 'agreementId'],
    ];
    for (const [client, body, status, path] of cases) {
      await unchangedPlacements(t, async () => expectProblem(await client.post('/api/v1/placements', body), status, path));
    }
    const p = await makePlacement(dept, ok);
    for (const [body, status, path] of [
      ['{', 400, undefined],
      [{ endOn: '2026-06-30' }, 422, 'reason'],
      [{ reason: 'x' }, 422, 'endOn'],
      [{ endOn: '2026-05-31', reason: 'x' }, 422, 'endOn'],
      [{ endOn: true, reason: 'x' }, 422, 'endOn'],
    ] as [unknown, number, string | undefined][]) {
      await unchangedPlacements(t, async () => expectProblem(await dept.post(`/api/v1/placements/${p.id}/end`, body), status, path));
    }
    await unchangedPlacements(t, async () => expectProblem(await dept.post('/api/v1/placements/nosuchplacement0/end', { endOn: '2026-06-30', reason: 'x' }), 404));
    await expectProblem(await dept.get('/api/v1/placements?kind=volunteer'), 422, 'kind');
  });
});

describe('placements: region scope of every endpoint', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(t);
  });
  const fresh = async () => makePlacement(w.clients.dept1501, { talentId: w.graduate.talentId, employerId: w.owner.employerId, kind: 'internship' });

  it('POST /placements', async () => {
    await placementMatrix(
      w,
      // The owner has no relationship with this graduate (no application, no proposal): 404, as for
      // departments whose region holds neither the talent nor the employer (test/authz/trust.test.ts).
      expect_(403, { anonymous: 401, owner: 404, otherEmployer: 422, dept15: 201, dept1501: 201, dept1502: 404, dept13: 404 }),
      async () => null,
      (c) => c.post('/api/v1/placements', { talentId: w.graduate.talentId, employerId: w.owner.employerId, kind: 'internship', startOn: '2026-06-01' }),
    );
  });

  it('GET /placements lists only what each caller may see', async () => {
    const seen: Record<string, boolean> = {};
    await placementMatrix(
      w,
      expect_(200, { anonymous: 401 }),
      fresh,
      (c) => c.get('/api/v1/placements?pageSize=100&kind=internship'),
      async (res, target, actor) => {
        const page = (await res.json()) as Page;
        seen[actor] = page.items.some((p) => p.id === target.id);
        if (['otherGraduate', 'otherEmployer', 'unverifiedEmployer', 'dept1502', 'dept13'].includes(actor)) expect(page.items).toEqual([]);
      },
    );
    expect(seen).toEqual({
      graduate: true,
      otherGraduate: false,
      owner: true,
      otherEmployer: false,
      unverifiedEmployer: false,
      dept15: true,
      dept1501: true,
      dept1502: false,
      dept13: false,
      admin: true,
    });
  });

  it('GET /placements/{id}', async () => {
    await placementMatrix(w, expect_(404, { anonymous: 401, graduate: 200, owner: 200, dept15: 200, dept1501: 200, admin: 200 }), fresh, (c, p) =>
      c.get(`/api/v1/placements/${p.id}`),
    );
  });

  it('POST /placements/{id}/end', async () => {
    await placementMatrix(w, expect_(404, { anonymous: 401, graduate: 403, otherGraduate: 403, owner: 200, dept15: 200, dept1501: 200, admin: 403 }), fresh, (c, p) =>
      c.post(`/api/v1/placements/${p.id}/end`, { endOn: '2026-08-31', reason: '实习结束' }),
    );
  });
});
