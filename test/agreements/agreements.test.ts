import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type Client, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate, agreementBody, makeAgreement, makePlacement, moveAgreement, type AgreementJson } from '../helpers/builders';
import { makeWorld, type World, expect_, placementMatrix, unchangedPlacements } from '../helpers/world';
import { AGREEMENT_STATUSES, mayMove, type AgreementStatus } from '../../src/agreements/agreements.states';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const get = async (c: Client, id: string) => (await (await c.get(`/api/v1/agreements/${id}`)).json()) as AgreementJson;

describe('agreements', () => {
  it('a department records an agreement; the talent sees it; it moves to serving with a placement and is fulfilled when the placement ends after the owed time', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const grad = await makeGraduate(t);
    const employer = await makeEmployer(t);
    const created = await makeAgreement(dept, grad.talentId, { serviceYears: 1, targetEmployerId: employer.employerId });
    expect(created).toMatchObject({
      status: 'in_training',
      servedDays: 0,
      owedDays: 365,
      fulfillable: false,
      nextSteps: ['awaiting_placement', 'breached', 'waived'],
      talent: { id: grad.talentId },
      events: [{ fromStatus: null, toStatus: 'in_training', actorRole: 'department' }],
    });

    // The talent sees their own, without next steps.
    const mine = await grad.get('/api/v1/agreements');
    expect(mine.status).toBe(200);
    const page = (await mine.json()) as { items: AgreementJson[]; total: number };
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: created.id, nextSteps: [] });
    expect((await get(grad, created.id)).status).toBe('in_training');

    const moved = await moveAgreement(dept, created.id, 'awaiting_placement');
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as AgreementJson).status).toBe('awaiting_placement');

    // A direct placement serving the agreement moves it to serving.
    const placement = await makePlacement(dept, { talentId: grad.talentId, employerId: employer.employerId, agreementId: created.id, startOn: '2025-05-01' });
    expect(placement.agreementId).toBe(created.id);
    const serving = await get(dept, created.id);
    expect(serving.status).toBe('serving');
    expect(serving.events.map((e) => e.toStatus)).toEqual(['in_training', 'awaiting_placement', 'serving']);
    // 2025-05-01 … 2026-06-01 (today in the test clock) inclusive.
    expect(serving.servedDays).toBe(397);
    expect(serving.fulfillable).toBe(true);

    // Ending the placement with the owed time served fulfils the agreement in the same write.
    const ended = await dept.post(`/api/v1/placements/${placement.id}/end`, { endOn: '2026-05-31', reason: '服务期满' });
    expect(ended.status).toBe(200);
    const done = await get(grad, created.id);
    expect(done).toMatchObject({ status: 'fulfilled', servedDays: 396 });
    expect(done.events.at(-1)).toMatchObject({ fromStatus: 'serving', toStatus: 'fulfilled' });
  });

  it('ending a placement before the owed time is served leaves the agreement serving; the department cannot mark it fulfilled', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const grad = await makeGraduate(t);
    const employer = await makeEmployer(t);
    const a = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement', serviceYears: 2 });
    const p = await makePlacement(dept, { talentId: grad.talentId, employerId: employer.employerId, agreementId: a.id, startOn: '2025-06-01' });
    expect((await dept.post(`/api/v1/placements/${p.id}/end`, { endOn: '2026-01-31', reason: '调动' })).status).toBe(200);
    const after = await get(dept, a.id);
    expect(after).toMatchObject({ status: 'serving', servedDays: 245, owedDays: 730, fulfillable: false });
    expect(after.nextSteps).toEqual(['breached', 'waived']);
    await unchangedPlacements(t, async () => expectProblem(await moveAgreement(dept, a.id, 'fulfilled'), 409));
  });

  it('the SQL that fulfils on end counts days like the read side: 365 inclusive days fulfil one year, 364 do not', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const employer = await makeEmployer(t);
    for (const [endOn, days, status] of [
      ['2026-05-30', 364, 'serving'],
      ['2026-05-31', 365, 'fulfilled'],
    ] as const) {
      const grad = await makeGraduate(t);
      const a = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement', serviceYears: 1 });
      const p = await makePlacement(dept, { talentId: grad.talentId, employerId: employer.employerId, agreementId: a.id, startOn: '2025-06-01' });
      expect((await dept.post(`/api/v1/placements/${p.id}/end`, { endOn, reason: '期满' })).status).toBe(200);
      expect(await get(dept, a.id)).toMatchObject({ servedDays: days, status });
    }
  });

  it('every illegal transition is 409 invalid_state and changes nothing', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const employer = await makeEmployer(t);
    async function agreementIn(status: AgreementStatus): Promise<string> {
      const grad = await makeGraduate(t);
      const initial = status === 'in_training' ? 'in_training' : 'awaiting_placement';
      const a = await makeAgreement(dept, grad.talentId, { status: initial, serviceYears: 1 });
      if (status === 'in_training' || status === 'awaiting_placement') return a.id;
      if (status === 'breached' || status === 'waived') {
        expect((await moveAgreement(dept, a.id, status)).status).toBe(200);
        return a.id;
      }
      await makePlacement(dept, { talentId: grad.talentId, employerId: employer.employerId, agreementId: a.id, startOn: '2025-01-01' });
      if (status === 'fulfilled') expect((await moveAgreement(dept, a.id, 'fulfilled')).status).toBe(200);
      expect((await get(dept, a.id)).status).toBe(status);
      return a.id;
    }
    let illegal = 0;
    for (const from of AGREEMENT_STATUSES) {
      const id = await agreementIn(from);
      for (const to of AGREEMENT_STATUSES) {
        if (mayMove(from, to)) continue;
        illegal += 1;
        const problem = await unchangedPlacements(t, async () => expectProblem(await moveAgreement(dept, id, to), 409));
        expect(problem.code, `${from} → ${to}`).toBe('invalid_state');
      }
    }
    expect(illegal).toBe(27);
  });

  it('breached and waived need a note (422 naming note, nothing changed)', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const grad = await makeGraduate(t);
    const a = await makeAgreement(dept, grad.talentId);
    for (const status of ['breached', 'waived']) {
      await unchangedPlacements(t, async () => expectProblem(await dept.post(`/api/v1/agreements/${a.id}/status`, { status }), 422, 'note'));
      await unchangedPlacements(t, async () => expectProblem(await dept.post(`/api/v1/agreements/${a.id}/status`, { status, note: '   ' }), 422, 'note'));
    }
    const res = await moveAgreement(dept, a.id, 'breached', '未按约定到岗');
    expect(res.status).toBe(200);
    expect((await res.json()) as AgreementJson).toMatchObject({ status: 'breached', statusNote: '未按约定到岗', nextSteps: [] });
  });

  it('bad input is a 4xx problem naming the field, and nothing is written', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const grad = await makeGraduate(t);
    const outside = await makeGraduate(t, { region_code: '150202' });
    const farEmployer = await makeEmployer(t, { regionCode: '150202' });
    const post = (body: unknown) => dept.post('/api/v1/agreements', body);
    const cases: [unknown, number, string | undefined][] = [
      ['{"talentId": ', 400, undefined],
      [agreementBody(grad.talentId, { serviceYears: '5' }), 422, 'serviceYears'],
      [agreementBody(grad.talentId, { serviceYears: 0 }), 422, 'serviceYears'],
      [agreementBody(grad.talentId, { serviceYears: 11 }), 422, 'serviceYears'],
      [agreementBody(grad.talentId, { enrolmentYear: 2025, graduationYear: 2024 }), 422, 'graduationYear'],
      [agreementBody(grad.talentId, { signedOn: '2021-02-30' }), 422, 'signedOn'],
      [agreementBody(grad.talentId, { institution: undefined }), 422, 'institution'],
      [agreementBody(grad.talentId, { status: 'serving' }), 422, 'status'],
      [agreementBody('nosuchtalent0000'), 422, 'talentId'],
      [agreementBody(outside.talentId), 422, 'talentId'],
      [agreementBody(grad.talentId, { targetRegionCode: '159999' }), 422, 'targetRegionCode'],
      [agreementBody(grad.talentId, { targetRegionCode: '1502' }), 422, 'targetRegionCode'],
      [agreementBody(grad.talentId, { targetRegionCode: 'abc' }), 422, 'targetRegionCode'],
      [agreementBody(grad.talentId, { targetEmployerId: 'nosuchemployer00' }), 422, 'targetEmployerId'],
      [agreementBody(grad.talentId, { targetEmployerId: farEmployer.employerId }), 422, 'targetEmployerId'],
      [{ ...agreementBody(grad.talentId), talentId: 42 }, 422, 'talentId'],
    ];
    for (const [body, status, path] of cases) {
      await unchangedPlacements(t, async () => expectProblem(await post(body), status, path));
    }
    const a = await makeAgreement(dept, grad.talentId);
    await unchangedPlacements(t, async () => expectProblem(await dept.post(`/api/v1/agreements/${a.id}/status`, { status: 'done' }), 422, 'status'));
    await unchangedPlacements(t, async () => expectProblem(await dept.post(`/api/v1/agreements/${a.id}/status`, '{'), 400));
    await unchangedPlacements(t, async () => expectProblem(await dept.post('/api/v1/agreements/nosuchagreement0/status', { status: 'waived', note: 'x' }), 404));
    expect((await dept.get('/api/v1/agreements/nosuchagreement0')).status).toBe(404);
  });
});

describe('agreements: region scope of every endpoint', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(t);
  });
  const fresh = async () => makeAgreement(w.clients.dept1501, w.graduate.talentId, { targetRegionCode: '150102' });

  it('POST /agreements', async () => {
    await placementMatrix(
      w,
      expect_(403, { anonymous: 401, dept15: 201, dept1501: 201, dept1502: 422, dept13: 422 }),
      async () => null,
      (c) => c.post('/api/v1/agreements', agreementBody(w.graduate.talentId, { targetRegionCode: '150102' })),
    );
  });

  it('GET /agreements lists only what each caller may see', async () => {
    let seen: Record<string, boolean> = {};
    await placementMatrix(
      w,
      expect_(200, { anonymous: 401, owner: 403, otherEmployer: 403, unverifiedEmployer: 403 }),
      fresh,
      (c) => c.get('/api/v1/agreements?pageSize=100'),
      async (res, target, actor) => {
        const page = (await res.json()) as { items: AgreementJson[] };
        seen[actor] = page.items.some((a) => a.id === target.id);
        if (actor === 'otherGraduate' || actor === 'dept1502' || actor === 'dept13') expect(page.items).toEqual([]);
      },
    );
    expect(seen).toEqual({ graduate: true, otherGraduate: false, dept15: true, dept1501: true, dept1502: false, dept13: false, admin: true });
  });

  it('GET /agreements/{id}', async () => {
    await placementMatrix(
      w,
      expect_(404, { anonymous: 401, graduate: 200, owner: 403, otherEmployer: 403, unverifiedEmployer: 403, dept15: 200, dept1501: 200, admin: 200 }),
      fresh,
      (c, a) => c.get(`/api/v1/agreements/${a.id}`),
    );
  });

  it('POST /agreements/{id}/status', async () => {
    await placementMatrix(w, expect_(403, { anonymous: 401, dept15: 200, dept1501: 200, dept1502: 404, dept13: 404 }), fresh, (c, a) =>
      moveAgreement(c, a.id, 'awaiting_placement'),
    );
  });
});

describe('agreements: dates that cannot be true', () => {
  // The clock is 2026-06-01; the talent was born 2001-03-07 (insertTalent), so 2015 is the first
  // year they could enrol (MIN_ENROLMENT_AGE 14).
  it('answers 422 naming each impossible date, and writes nothing', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const grad = await makeGraduate(t, { birth_date: '2001-03-07' });
    const post = (over: Record<string, unknown>) => dept.post('/api/v1/agreements', agreementBody(grad.talentId, over));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ enrolmentYear: 2010, graduationYear: 2025, signedOn: '2010-08-20' }, 'graduationYear', 'training_too_long'],
      [{ enrolmentYear: 2023, graduationYear: 2027, signedOn: '2026-06-02' }, 'signedOn', 'not_future'],
      [{ enrolmentYear: 2021, graduationYear: 2025, signedOn: '2026-01-10' }, 'signedOn', 'signed_after_training'],
      [{ enrolmentYear: 2014, graduationYear: 2018, signedOn: '2014-08-20' }, 'enrolmentYear', 'enrolled_too_young'],
    ];
    for (const [over, path, code] of cases) {
      const p = await unchangedPlacements(t, async () => expectProblem(await post(over), 422, path));
      expect(p.errors, JSON.stringify(over)).toEqual([expect.objectContaining({ path, code })]);
    }
    const young = await expectProblem(await post({ enrolmentYear: 2014, graduationYear: 2018, signedOn: '2014-08-20' }), 422, 'enrolmentYear');
    expect(young.errors?.[0].message).toBe('must not be before the year the talent turned 14 (2015)');
    // Several at once: each field is named.
    const two = await expectProblem(await post({ enrolmentYear: 2010, graduationYear: 2025, signedOn: '2026-01-10' }), 422);
    expect(two.errors?.map((e) => e.path).sort()).toEqual(['graduationYear', 'signedOn']);
  });

  it('accepts the edges: enrolling the year they turn 14, eight years of training, signing on the last day of the graduation year or today', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const grad = await makeGraduate(t, { birth_date: '2001-03-07' });
    const post = (over: Record<string, unknown>) => dept.post('/api/v1/agreements', agreementBody(grad.talentId, over));
    expect((await post({ enrolmentYear: 2015, graduationYear: 2019, signedOn: '2015-08-20' })).status).toBe(201);
    expect((await post({ enrolmentYear: 2017, graduationYear: 2025, signedOn: '2017-08-20' })).status).toBe(201);
    expect((await post({ enrolmentYear: 2021, graduationYear: 2025, signedOn: '2025-12-31' })).status).toBe(201);
    expect((await post({ enrolmentYear: 2024, graduationYear: 2028, signedOn: '2026-06-01' })).status).toBe(201);
    // A talent without a birth date on the register: nothing to check it against.
    const unknown = await makeGraduate(t, { birth_date: null });
    expect((await dept.post('/api/v1/agreements', agreementBody(unknown.talentId, { enrolmentYear: 1990, graduationYear: 1994, signedOn: '1990-08-20' }))).status).toBe(201);
  });

  it('a placement serving an agreement cannot start before its graduation year (422 naming startOn)', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const grad = await makeGraduate(t);
    const employer = await makeEmployer(t);
    const a = await makeAgreement(dept, grad.talentId, { status: 'awaiting_placement', enrolmentYear: 2021, graduationYear: 2025 });
    const body = { talentId: grad.talentId, employerId: employer.employerId, agreementId: a.id, kind: 'employment' };
    const p = await unchangedPlacements(t, async () => expectProblem(await dept.post('/api/v1/placements', { ...body, startOn: '2024-12-31' }), 422, 'startOn'));
    expect(p.errors?.[0]).toMatchObject({ code: 'service_before_graduation' });
    expect((await get(dept, a.id)).status).toBe('awaiting_placement');
    expect((await dept.post('/api/v1/placements', { ...body, startOn: '2025-01-01' })).status).toBe(201);
    expect((await get(dept, a.id)).status).toBe('serving');
  });
});
