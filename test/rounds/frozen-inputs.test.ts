// Issue #13 item 1: a round's inputs freeze at its first run. Edits of profiles, agreements,
// placements and posts afterwards change nothing a re-run reads; "refresh inputs" takes a new
// snapshot (audit-logged) and the round must run again before it can be published.
import { describe, expect, it } from 'vitest';
import { expectProblem, signedIn, type TestApp } from '../helpers/app';
import { makeGraduate, moveAgreement, profileBody } from '../helpers/builders';
import { eachRoundWorld, collectingRound, ok, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Frozen = RoundJson & { inputs: { version: number; takenAt: string | null; resultCurrent: boolean }; reservePolicy: string };
type Factor = { factor: string; points: number; detail: string };
type TalentRow = {
  talentId: string;
  proposal: null | { proposalId: string; positionId: string; score: number; seat: string; breakdown: Factor[] };
  unassignedReason: string | null;
};
type ProposalRow = { id: string; talent: { id: string }; position: { id: string } };
type PositionRow = { positionId: string; open: boolean; result: { seats: number } | null };

const talentRows = async (id: string) => (await ok<{ items: TalentRow[] }>(await w.dept.get(`/api/v1/rounds/${id}/talents?pageSize=100`))).items;
const outcomes = async (id: string) =>
  (await talentRows(id)).map((r) => [r.talentId, r.proposal?.positionId ?? null, r.proposal?.score ?? null, r.proposal?.seat ?? null, r.unassignedReason]).sort();
/** The round's proposals as the department lists them, [talent, post, proposal id], by talent. */
const proposals = async (id: string) =>
  (await ok<{ items: ProposalRow[] }>(await w.dept.get(`/api/v1/rounds/${id}/proposals?pageSize=100`))).items.map((p) => [p.talent.id, p.position.id, p.id]).sort();
/** The same from the talents' outcomes: the proposals must be exactly these (none left from a run before). */
const proposalsOfOutcomes = async (id: string) =>
  (await talentRows(id))
    .filter((r) => r.proposal)
    .map((r) => [r.talentId, r.proposal!.positionId, r.proposal!.proposalId])
    .sort();
/** Each proposal's score breakdown (derived from the frozen inputs when read), by talent. */
const breakdowns = async (id: string) =>
  Object.fromEntries((await talentRows(id)).filter((r) => r.proposal).map((r) => [r.talentId, r.proposal!.breakdown.map((f) => `${f.factor}=${f.points} ${f.detail}`)]));

/** Changes, through the app, everything the run reads about talents and posts. */
async function editEverything() {
  // g2 moves away and prefers another city (was the best at P2).
  expect((await w.g2.put('/api/v1/talents/me', profileBody({ name: '乙', regionCode: '150202', preferredRegions: ['1502'], serviceAreas: ['children'] }))).status).toBe(200);
  // g1's agreement is waived: no longer directed.
  expect((await moveAgreement(w.dept, w.a1.id, 'waived')).status).toBe(200);
  // g3 gets a work history at P3's employer, and P1 loses a free seat to a direct hire.
  await ok(await w.dept.post('/api/v1/placements', { talentId: w.g3.talentId, employerId: w.empB.employerId, kind: 'internship', startOn: '2026-03-01' }), 201);
  const outsider = await makeGraduate(t, { name: '直接录用' });
  await ok(
    await w.dept.post('/api/v1/placements', { talentId: outsider.talentId, employerId: w.empA.employerId, positionId: w.p1, kind: 'employment', startOn: '2026-05-20' }),
    201,
  );
  // P3's employer closes the post.
  expect((await w.empB.client.post(`/api/v1/positions/${w.p3}/close`)).status).toBeLessThan(300);
}

describe('frozen round inputs', () => {
  it('re-running after edits of profiles, agreements, placements and posts gives the same digest and outcomes', async () => {
    const round = await collectingRound(w);
    const run1 = await ok<{ digest: string; round: Frozen }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run1.round.inputs).toMatchObject({ version: 1, resultCurrent: true });
    const before = await outcomes(round.id);
    const breakdownsBefore = await breakdowns(round.id);
    // Every proposal has its breakdown, and it adds up to the score.
    for (const r of (await talentRows(round.id)).filter((x) => x.proposal)) {
      expect(r.proposal!.breakdown).toHaveLength(6);
      expect(r.proposal!.breakdown.reduce((a, f) => a + f.points, 0)).toBe(r.proposal!.score);
    }
    const positionsBefore = (await ok<{ items: PositionRow[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/positions?pageSize=100`))).items;

    await editEverything();
    // The breakdowns are read from the snapshot, not the edited profiles (g2 moved and changed areas).
    expect(Object.keys(breakdownsBefore)).toContain(w.g2.talentId);
    expect(await breakdowns(round.id)).toEqual(breakdownsBefore);

    const proposalsBefore = await proposals(round.id);
    expect(proposalsBefore).toEqual(await proposalsOfOutcomes(round.id));
    const run2 = await ok<{ digest: string; round: Frozen }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run2.digest).toBe(run1.digest);
    expect(await breakdowns(round.id)).toEqual(breakdownsBefore);
    // The same proposals, updated in place: each keeps its id.
    expect(await proposals(round.id)).toEqual(proposalsBefore);
    expect(run2.round.inputs.version).toBe(1);
    expect(await outcomes(round.id)).toEqual(before);
    // Pages read the snapshot too: P3 still shows as open with its seats.
    const positionsAfter = (await ok<{ items: PositionRow[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/positions?pageSize=100`))).items;
    expect(positionsAfter.map((p) => [p.positionId, p.open, p.result?.seats])).toEqual(positionsBefore.map((p) => [p.positionId, p.open, p.result?.seats]));
  });

  it('reads snapshots stored before talent inputs were arrays (the object form) the same way', async () => {
    const round = await collectingRound(w);
    const run1 = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const before = await breakdowns(round.id);
    // Rewrite every stored talent input into the earlier object form.
    const rows = await t.deps.database.db.selectFrom('round_talents').select(['talent_id', 'input']).where('round_id', '=', round.id).execute();
    for (const r of rows) {
      const [educationLevel, qualificationLevel, serviceAreas, languages, regionCode, preferredRegions, d, h] = JSON.parse(r.input!);
      const directed = d ? { targetRegionCode: d[0], targetEmployerId: d[1] } : null;
      const history = { employerIds: h[0], internshipEmployerIds: h[1], positionKinds: h[2] };
      const object = { educationLevel, qualificationLevel, serviceAreas, languages, regionCode, preferredRegions, directed, history };
      await t.deps.database.db
        .updateTable('round_talents')
        .set({ input: JSON.stringify(object) })
        .where('round_id', '=', round.id)
        .where('talent_id', '=', r.talent_id)
        .execute();
    }
    expect(await breakdowns(round.id)).toEqual(before);
    const run2 = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run2.digest).toBe(run1.digest);
  });

  it('refresh inputs takes a new snapshot with an audit record; the round must run again before publishing', async () => {
    const round = await collectingRound(w);
    // Not before the first run: there is nothing to refresh.
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/refresh-inputs`), 409);
    const run1 = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const before = await outcomes(round.id);
    await editEverything();
    // Another region's department sees no such round.
    const other = await signedIn(t, 'department', { regionCode: '1502' });
    await expectProblem(await other.post(`/api/v1/rounds/${round.id}/refresh-inputs`), 404);

    const refreshed = await ok<Frozen>(await w.dept.post(`/api/v1/rounds/${round.id}/refresh-inputs`));
    expect(refreshed.inputs).toMatchObject({ version: 2, resultCurrent: false });
    // The old result's breakdowns are not derived from the new inputs: none are shown until it runs again.
    const stale = await talentRows(round.id);
    expect(stale.filter((r) => r.proposal).length).toBeGreaterThan(0);
    expect(stale.every((r) => !r.proposal || r.proposal.breakdown.length === 0)).toBe(true);
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'round.refresh_inputs').where('subject_id', '=', round.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(w.dept.userId);
    const detail = JSON.parse(audit[0].detail!) as { fromVersion: number; toVersion: number; changed: { talents: number; positions: number } };
    // g1 (agreement), g2 (profile), g3 (history) changed; P1 (free seats) and P3 (closed) changed.
    expect(detail).toMatchObject({ fromVersion: 1, toVersion: 2, changed: { talents: 3, positions: 2 } });

    // Publishing the result of the old snapshot is refused.
    const refused = await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/publish`), 409);
    expect(refused.code).toBe('invalid_state');
    // Run on the new snapshot: the edits now count.
    const run2 = await ok<{ digest: string; round: Frozen }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run2.digest).not.toBe(run1.digest);
    expect(run2.round.inputs).toMatchObject({ version: 2, resultCurrent: true });
    expect(await outcomes(round.id)).not.toEqual(before);
    // The proposals are exactly the new outcomes: a talent the new inputs leave unassigned lost theirs.
    expect(await proposals(round.id)).toEqual(await proposalsOfOutcomes(round.id));
    for (const r of (await talentRows(round.id)).filter((x) => x.proposal)) expect(r.proposal!.breakdown.reduce((a, f) => a + f.points, 0)).toBe(r.proposal!.score);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    // After publication the inputs cannot be refreshed.
    await expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/refresh-inputs`), 409);
  });
});
