// Bad input to every round endpoint: a 4xx problem+json naming the field, and nothing written.
import { describe, expect, it } from 'vitest';
import { expectProblem, type Client, type TestApp, signedIn } from '../helpers/app';
import { makeEmployer, makeGraduate, makePosition, makeAgreement } from '../helpers/builders';
import { eachRoundWorld, collectingRound, draftRound, ok, publishedRound, unchangedRounds, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Case = [unknown, number, string | undefined];
async function each(client: Client, method: string, path: string, cases: Case[]) {
  for (const [body, status, field] of cases) {
    await unchangedRounds(t, async () => {
      const p = await expectProblem(await client.request(method, path, body), status, field);
      if (field) expect(p.code).toBe('validation_failed');
    });
  }
}

describe('rounds: bad input is a 4xx naming the field', () => {
  it('creating and changing a round', async () => {
    const ok_ = { name: 'r' };
    await each(w.dept, 'POST', '/api/v1/rounds', [
      ['{"name":', 400, undefined],
      [{}, 422, 'name'],
      [{ name: '   ' }, 422, 'name'],
      [{ name: 'x'.repeat(101) }, 422, 'name'],
      [{ ...ok_, regionCode: 'abc' }, 422, 'regionCode'],
      [{ ...ok_, regionCode: '159999' }, 422, 'regionCode'],
      [{ ...ok_, regionCode: '1502' }, 422, 'regionCode'],
      [{ ...ok_, regionCode: '15' }, 422, 'regionCode'],
      [{ ...ok_, weights: { nonsense: 1 } }, 422, 'weights'],
      [{ ...ok_, weights: { serviceArea: -1 } }, 422, 'weights.serviceArea'],
      [{ ...ok_, weights: { serviceArea: 'high' } }, 422, 'weights.serviceArea'],
      [{ ...ok_, weights: { distanceCity: 1001 } }, 422, 'weights.distanceCity'],
      [{ ...ok_, weights: [1, 2] }, 422, 'weights'],
      [{ ...ok_, choicesCloseOn: '2026-13-01' }, 422, 'choicesCloseOn'],
    ]);
    const admin = await signedIn(t, 'admin');
    await each(admin, 'POST', '/api/v1/rounds', [[ok_, 422, 'regionCode']]);
    const round = await draftRound(w);
    await each(w.dept, 'PATCH', `/api/v1/rounds/${round.id}`, [
      [{ name: '' }, 422, 'name'],
      [{ weights: { pastKind: -5 } }, 422, 'weights.pastKind'],
      [{ choicesCloseOn: 'tomorrow' }, 422, 'choicesCloseOn'],
    ]);
    await expectProblem(await w.dept.get('/api/v1/rounds?status=finished'), 422, 'status');
    await expectProblem(await w.dept.get('/api/v1/rounds?pageSize=0'), 422, 'pageSize');
    await expectProblem(await w.dept.get(`/api/v1/rounds/${round.id}/talents?outcome=maybe`), 422, 'outcome');
    await expectProblem(await w.dept.get(`/api/v1/rounds/${round.id}/proposals?state=lost`), 422, 'state');
    await expectProblem(await w.dept.get('/api/v1/rounds/nosuchround00000'), 404);
  });

  it('setting positions', async () => {
    const far = await makeEmployer(t, { regionCode: '150202' });
    const farTownship = await t.deps.database.db.selectFrom('regions').select('code').where('code', 'like', '150202%').where('level', '=', 4).executeTakeFirstOrThrow();
    const farPosition = await makePosition(far.client, { regionCode: farTownship.code });
    const unpublished = await makePosition(w.empA.client, { title: 'draft' }, { open: false });
    const round = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: 'r' }), 201);
    const path = `/api/v1/rounds/${round.id}/positions`;
    await each(w.dept, 'PUT', path, [
      ['{', 400, undefined],
      [{ positions: 'all' }, 422, 'positions'],
      [{ positions: [{}] }, 422, 'positions.0.positionId'],
      [{ positions: [{ positionId: 'nosuchposition00' }] }, 422, 'positions.0.positionId'],
      [{ positions: [{ positionId: farPosition }] }, 422, 'positions.0.positionId'],
      [{ positions: [{ positionId: unpublished }] }, 422, 'positions.0.positionId'],
      [{ positions: [{ positionId: w.p1, seats: 0 }] }, 422, 'positions.0.seats'],
      [{ positions: [{ positionId: w.p1, seats: 1.5 }] }, 422, 'positions.0.seats'],
      [{ positions: [{ positionId: w.p1, seats: '2' }] }, 422, 'positions.0.seats'],
      [{ positions: [{ positionId: w.p1, seats: 3 }] }, 422, 'positions.0.seats'],
      [{ positions: [{ positionId: w.p1, seats: 1, reservedSeats: 2 }] }, 422, 'positions.0.reservedSeats'],
      [{ positions: [{ positionId: w.p2, reservedSeats: 2 }] }, 422, 'positions.0.reservedSeats'],
      [{ positions: [{ positionId: w.p1, reservedSeats: -1 }] }, 422, 'positions.0.reservedSeats'],
      [{ positions: [{ positionId: w.p1 }, { positionId: w.p1 }] }, 422, 'positions.1.positionId'],
      [{ includeAllOpen: 'yes' }, 422, 'includeAllOpen'],
    ]);
  });

  it('setting talents: anyone living in the region, or with an agreement awaiting placement that fits it', async () => {
    const round = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: 'r' }), 201);
    const path = `/api/v1/rounds/${round.id}/talents`;
    const elsewhere = await makeGraduate(t, { region_code: '150203' });
    const directedElsewhere = await makeGraduate(t, { region_code: '150203' });
    await makeAgreement(await signedIn(t, 'department', { regionCode: '15' }), directedElsewhere.talentId, { status: 'awaiting_placement', targetRegionCode: '15' });
    await each(w.dept, 'PUT', path, [
      [{ talentIds: 'all' }, 422, 'talentIds'],
      [{ talentIds: [''] }, 422, 'talentIds.0'],
      [{ talentIds: ['nosuchtalent0000'] }, 422, 'talentIds.0'],
      [{ talentIds: [w.g2.talentId, elsewhere.talentId] }, 422, 'talentIds.1'],
      [{ talentIds: [w.g2.talentId, w.g2.talentId] }, 422, 'talentIds.1'],
      [{ includeAwaitingPlacement: 1 }, 422, 'includeAwaitingPlacement'],
    ]);
    const set = await ok<RoundJson>(await w.dept.put(path, { talentIds: [directedElsewhere.talentId] }));
    expect(set.counts).toMatchObject({ talents: 1, directedTalents: 1 });
  });

  it('choices and responses', async () => {
    const round = await collectingRound(w);
    const path = `/api/v1/rounds/${round.id}/choices`;
    const outside = await makePosition(w.empB.client, { title: 'not in the round' });
    await each(w.g2, 'PUT', path, [
      ['{"positionIds"', 400, undefined],
      [{}, 422, 'positionIds'],
      [{ positionIds: [] }, 422, 'positionIds'],
      [{ positionIds: w.p1 }, 422, 'positionIds'],
      [{ positionIds: Array.from({ length: 31 }, (_, i) => `p${i}`) }, 422, 'positionIds'],
      [{ positionIds: [w.p1, w.p1] }, 422, 'positionIds.1'],
      [{ positionIds: [w.p1, outside] }, 422, 'positionIds.1'],
      [{ positionIds: [w.p1, 'nosuchposition00'] }, 422, 'positionIds.1'],
    ]);
    const published = await publishedRound(w);
    const proposal = await t.deps.database.db
      .selectFrom('round_proposals')
      .select('id')
      .where('round_id', '=', published.id)
      .where('talent_id', '=', w.g2.talentId)
      .executeTakeFirstOrThrow();
    await each(w.g2, 'POST', `/api/v1/proposals/${proposal.id}/response`, [
      [{}, 422, 'decision'],
      [{ decision: 'maybe' }, 422, 'decision'],
      ['{', 400, undefined],
    ]);
    await unchangedRounds(t, async () => expectProblem(await w.g2.post('/api/v1/proposals/nosuchproposal0/response', { decision: 'accept' }), 404));
  });
});
