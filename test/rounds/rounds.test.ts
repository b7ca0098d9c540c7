// A placement round from creation to placements, through the API on a real database.
import { describe, expect, it } from 'vitest';
import { expectProblem, type TestApp } from '../helpers/app';
import { markRunIf, storeRunQueries } from '../../src/rounds/rounds.run.repository';
import { writeUnit } from '../../src/lib/write-unit';
import { RUNNABLE_STATUSES } from '../../src/rounds/rounds.schemas';
import { makeGraduate } from '../helpers/builders';
import { eachRoundWorld, collectingRound, draftRound, ok, publishedRound, unchangedRounds, type RoundJson, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Refusal = {
  positionId: string;
  positionTitle: string | null;
  employerName?: string | null;
  regionName?: string | null;
  rank: number;
  reason: string;
  score?: number;
  cutoff?: number | null;
  tie?: boolean;
  ineligible?: string[];
};
type Holder = { proposalId: string; talentId: string; score: number; seat: string; directed: boolean; state: string };
type ResultJson = {
  round: RoundJson;
  positions: {
    total: number;
    items: { positionId: string; seats: number; result: { seats: number; filled: number; reservedFilled: number; cutoff: number | null } | null; holders: Holder[] }[];
  };
};
type TalentRow = {
  talentId: string;
  directed: boolean;
  choices: number;
  listSource: string | null;
  proposal: null | { proposalId: string; positionId: string; score: number; seat: string; rank: number; breakdown: { factor: string; points: number }[] };
  unassignedReason: string | null;
  above: Refusal[];
};
type ProposalJson = {
  id: string;
  talent: { id: string; name: string; phone: string | null };
  position: { id: string };
  score: number;
  seat: string;
  rank: number | null;
  above: Refusal[] | null;
  talentResponse: string | null;
  employerResponse: string | null;
  state: string;
  placementId: string | null;
  respondable: boolean;
};
type Page<T> = { items: T[]; total: number };

const result = async (id: string) => ok<ResultJson>(await w.dept.get(`/api/v1/rounds/${id}/result?pageSize=100`));
const talents = async (id: string, q = '') => ok<Page<TalentRow>>(await w.dept.get(`/api/v1/rounds/${id}/talents?pageSize=100${q}`));
const byTalent = (rows: TalentRow[], id: string) => rows.find((r) => r.talentId === id)!;
const respond = (c: { post: (p: string, b: unknown) => Promise<Response> }, id: string, decision: string) => c.post(`/api/v1/proposals/${id}/response`, { decision });

describe('a round from creation to placements', () => {
  it('creates a draft for the department region, with positions and talents (directed ones via their agreements)', async () => {
    const round = await draftRound(w);
    expect(round).toMatchObject({
      status: 'draft',
      regionCode: '1501',
      resultDigest: null,
      counts: { positions: 3, seats: 4, reservedSeats: 1, talents: 6, directedTalents: 2, talentsWithChoices: 0 },
    });
    expect(round.weights.serviceArea).toBe(30);
    const listed = await talents(round.id);
    expect(
      listed.items
        .filter((r) => r.directed)
        .map((r) => r.talentId)
        .sort(),
    ).toEqual([w.g1.talentId, w.g5.talentId].sort());
    // A draft is invisible to its talents.
    await expectProblem(await w.g2.get(`/api/v1/rounds/${round.id}`), 404);
    expect((await ok<Page<unknown>>(await w.g2.get('/api/v1/talents/me/rounds'))).total).toBe(0);
    // Weights override the defaults.
    const weighted = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: 'w', weights: { serviceArea: 50, distanceCity: 0 } }), 201);
    expect(weighted.weightOverrides).toEqual({ serviceArea: 50, distanceCity: 0 });
    expect(weighted.weights).toMatchObject({ serviceArea: 50, distanceCity: 0, preferredExact: 20 });
  });

  it('collects choices, runs, explains every outcome with cut-offs, and re-runs to the same digest', async () => {
    const round = await collectingRound(w);
    expect(round.status).toBe('collecting');
    expect(round.counts.talentsWithChoices).toBe(4);
    const mine = await ok<{ positions: { positionId: string; rank: number }[]; editable: boolean }>(await w.g2.get(`/api/v1/rounds/${round.id}/choices`));
    expect(mine).toMatchObject({
      editable: true,
      positions: [
        { positionId: w.p2, rank: 1 },
        { positionId: w.p1, rank: 2 },
      ],
    });
    const seen = await ok<Page<{ positionId: string; result: unknown }>>(await w.g3.get(`/api/v1/rounds/${round.id}/positions`));
    expect(seen.items.map((p) => p.positionId).sort()).toEqual([w.p1, w.p2, w.p3].sort());
    expect(seen.items.every((p) => p.result === null)).toBe(true);

    const run = await ok<{ digest: string; round: RoundJson; stats: { matched: number; talents: number; timings: Record<string, number> } }>(
      await w.dept.post(`/api/v1/rounds/${round.id}/run`),
    );
    expect(run.round.status).toBe('run');
    expect(run.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(run.round.resultDigest).toBe(run.digest);
    expect(run.stats).toMatchObject({ talents: 6, matched: 4 });
    for (const k of ['loadMs', 'buildMs', 'matchMs', 'explainMs', 'storeMs', 'totalMs']) expect(run.stats.timings[k]).toBeGreaterThanOrEqual(0);

    const res = await result(round.id);
    const pos = (id: string) => res.positions.items.find((p) => p.positionId === id)!;
    // P2 (1 seat): g2, the best; full, so its cut-off is g2's score.
    expect(pos(w.p2).holders.map((h) => h.talentId)).toEqual([w.g2.talentId]);
    expect(pos(w.p2).result).toMatchObject({ seats: 1, filled: 1, cutoff: pos(w.p2).holders[0].score });
    // P1 (2 seats, 1 reserved): g1 (directed) on the reserved seat, g3 on the general one.
    expect(
      pos(w.p1)
        .holders.map((h) => [h.talentId, h.seat])
        .sort(),
    ).toEqual(
      [
        [w.g1.talentId, 'reserved'],
        [w.g3.talentId, 'general'],
      ].sort(),
    );
    expect(pos(w.p1).result).toMatchObject({ filled: 2, reservedFilled: 1 });
    // P3: g5, by its derived list.
    expect(pos(w.p3).holders.map((h) => h.talentId)).toEqual([w.g5.talentId]);

    const rows = (await talents(round.id)).items;
    const g2Score = pos(w.p2).holders[0].score;
    const g3 = byTalent(rows, w.g3.talentId);
    expect(g3).toMatchObject({ listSource: 'submitted', choices: 2, unassignedReason: null, proposal: { positionId: w.p1, rank: 1, seat: 'general' } });
    expect(g3.above).toEqual([expect.objectContaining({ positionId: w.p2, positionTitle: '社区工作者 P2', rank: 0, reason: 'full', cutoff: g2Score, tie: false })]);
    expect(g3.above[0].score!).toBeLessThan(g2Score);
    // Equal titles at different employers are told apart: the refusal names the employer and region.
    const empAName = (await t.deps.database.db.selectFrom('employers').select('name').where('id', '=', w.empA.employerId).executeTakeFirstOrThrow()).name;
    expect(g3.above[0]).toMatchObject({ employerName: empAName, regionName: expect.stringContaining('新城区') });
    expect(g3.proposal!.breakdown.reduce((a, f) => a + f.points, 0)).toBe(g3.proposal!.score);
    const g4 = byTalent(rows, w.g4.talentId);
    expect(g4).toMatchObject({ proposal: null, unassignedReason: 'all_refused', listSource: 'submitted' });
    expect(g4.above).toEqual([expect.objectContaining({ positionId: w.p2, reason: 'full', cutoff: g2Score })]);
    expect(g4.above[0].score!).toBeLessThan(g3.above[0].score!);
    expect(byTalent(rows, w.g5.talentId)).toMatchObject({ listSource: 'derived', choices: 0, proposal: { positionId: w.p3, rank: 0 }, above: [] });
    expect(byTalent(rows, w.g7.talentId)).toMatchObject({ proposal: null, unassignedReason: 'no_eligible_position', listSource: 'derived', above: [] });
    expect(byTalent(rows, w.g2.talentId)).toMatchObject({ proposal: { positionId: w.p2, rank: 0 }, above: [] });
    const unassigned = await talents(round.id, '&outcome=unassigned');
    expect(unassigned.items.map((r) => r.talentId).sort()).toEqual([w.g4.talentId, w.g7.talentId].sort());
    expect((await talents(round.id, '&outcome=assigned')).total).toBe(4);

    // Before publishing, talents and employers see no proposal and no result.
    expect((await ok<Page<unknown>>(await w.g2.get('/api/v1/talents/me/proposals'))).total).toBe(0);
    expect((await ok<Page<unknown>>(await w.empA.client.get('/api/v1/employers/me/proposals'))).total).toBe(0);
    await expectProblem(await w.g2.get(`/api/v1/proposals/${pos(w.p2).holders[0].proposalId}`), 404);
    expect((await ok<RoundJson>(await w.g2.get(`/api/v1/rounds/${round.id}`))).resultDigest).toBeNull();

    // Re-running replaces the result with the identical one.
    const again = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(again.digest).toBe(run.digest);
    const res2 = await result(round.id);
    expect(res2.positions.items.map((p) => [p.positionId, p.holders.map((h) => [h.talentId, h.score, h.seat])])).toEqual(
      res.positions.items.map((p) => [p.positionId, p.holders.map((h) => [h.talentId, h.score, h.seat])]),
    );
    expect(await t.deps.database.db.selectFrom('round_proposals').select('id').where('round_id', '=', round.id).execute()).toHaveLength(4);

    // A changed input (a talent's choices) changes the digest.
    const other = await ok<RoundJson>(
      await w.dept.post('/api/v1/rounds', { name: 'different weights', weights: { preferredExact: 0, preferredWithin: 0, distanceCounty: 0, distanceCity: 0 } }),
      201,
    );
    await ok(await w.dept.put(`/api/v1/rounds/${other.id}/positions`, { positions: [{ positionId: w.p2, seats: 1 }] }));
    await ok(await w.dept.put(`/api/v1/rounds/${other.id}/talents`, { talentIds: [w.g2.talentId, w.g3.talentId] }));
    const otherRun = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${other.id}/run`));
    expect(otherRun.digest).not.toBe(run.digest);
    // With those weights g2 and g3 tie at P2: the tie-break (smaller talent id) decides, and says so.
    const otherRows = (await talents(other.id)).items;
    const loser = otherRows.find((r) => r.proposal === null)!;
    const winner = otherRows.find((r) => r.proposal !== null)!;
    expect(winner.talentId < loser.talentId).toBe(true);
    expect(loser.above).toEqual([expect.objectContaining({ positionId: w.p2, reason: 'full', tie: true, cutoff: winner.proposal!.score, score: winner.proposal!.score })]);
  });

  it('publishes; the round is immutable from then on; both acceptances make a placement and move the agreement to serving', async () => {
    const round = await publishedRound(w);
    expect(round.status).toBe('published');
    const id = round.id;

    // Every mutating endpoint answers 409 and changes nothing.
    const refusals: [() => Promise<Response>][] = [
      [() => w.dept.put(`/api/v1/rounds/${id}/positions`, { positions: [{ positionId: w.p2, seats: 1 }] })],
      [() => w.dept.put(`/api/v1/rounds/${id}/talents`, { talentIds: [w.g2.talentId] })],
      [() => w.dept.patch(`/api/v1/rounds/${id}`, { name: 'renamed' })],
      [() => w.dept.post(`/api/v1/rounds/${id}/open`)],
      [() => w.dept.post(`/api/v1/rounds/${id}/run`)],
      [() => w.dept.post(`/api/v1/rounds/${id}/publish`)],
      [() => w.g2.put(`/api/v1/rounds/${id}/choices`, { positionIds: [w.p1] })],
      [() => w.g2.delete(`/api/v1/rounds/${id}/choices`)],
    ];
    for (const [call] of refusals) {
      const p = await unchangedRounds(t, async () => expectProblem(await call(), 409));
      expect(p.code).toBe('invalid_state');
    }

    // The talent sees their proposal with the explanation; the employer sees it with a masked phone.
    const mine = await ok<Page<ProposalJson>>(await w.g3.get('/api/v1/talents/me/proposals'));
    expect(mine.items).toHaveLength(1);
    const p3 = mine.items[0];
    expect(p3).toMatchObject({ position: { id: w.p1 }, state: 'pending', respondable: true, rank: 1, talent: { id: w.g3.talentId } });
    expect(p3.above![0]).toMatchObject({ positionId: w.p2, reason: 'full' });
    const empView = await ok<Page<ProposalJson>>(await w.empA.client.get('/api/v1/employers/me/proposals?pageSize=100'));
    expect(empView.items.map((p) => p.talent.id).sort()).toEqual([w.g1.talentId, w.g2.talentId, w.g3.talentId].sort());
    for (const p of empView.items) {
      expect(p.talent.phone).toMatch(/^138\*{4}5678$/);
      expect(p.above).toBeNull();
      expect(p.rank).toBeNull();
    }
    expect((await ok<Page<ProposalJson>>(await w.empB.client.get('/api/v1/employers/me/proposals'))).items.map((p) => p.talent.id)).toEqual([w.g5.talentId]);
    const myRounds = await ok<Page<{ round: { id: string; resultDigest: string | null }; proposal: { id: string } | null; choices: number }>>(
      await w.g3.get('/api/v1/talents/me/rounds'),
    );
    expect(myRounds.items).toEqual([expect.objectContaining({ choices: 2, proposal: expect.objectContaining({ id: p3.id }) })]);
    expect(myRounds.items[0].round.resultDigest).toMatch(/^[0-9a-f]{64}$/);
    const g7Rounds = await ok<Page<{ unassignedReason: string | null }>>(await w.g7.get('/api/v1/talents/me/rounds'));
    expect(g7Rounds.items[0].unassignedReason).toBe('no_eligible_position');

    // g3 (not directed): talent accepts, then the employer: a placement with no agreement.
    const afterTalent = await ok<ProposalJson>(await respond(w.g3, p3.id, 'accept'));
    expect(afterTalent).toMatchObject({ talentResponse: 'accepted', employerResponse: null, state: 'pending', placementId: null, respondable: false });
    expect(await t.deps.database.db.selectFrom('placements').selectAll().execute()).toHaveLength(0);
    await unchangedRounds(t, async () => expectProblem(await respond(w.g3, p3.id, 'accept'), 409));
    await unchangedRounds(t, async () => expectProblem(await respond(w.g3, p3.id, 'decline'), 409));
    const placed = await ok<ProposalJson>(await respond(w.empA.client, p3.id, 'accept'));
    expect(placed).toMatchObject({ talentResponse: 'accepted', employerResponse: 'accepted', state: 'placed' });
    const placement3 = await t.deps.database.db.selectFrom('placements').selectAll().where('id', '=', placed.placementId!).executeTakeFirstOrThrow();
    expect(placement3).toMatchObject({
      talent_id: w.g3.talentId,
      employer_id: w.empA.employerId,
      position_id: w.p1,
      kind: 'employment',
      source: 'round',
      source_id: p3.id,
      agreement_id: null,
      start_on: '2026-06-01',
    });
    await unchangedRounds(t, async () => expectProblem(await respond(w.empA.client, p3.id, 'decline'), 409));

    // g1 (directed): the employer accepts first, then the talent: the placement serves the agreement.
    const p1 = empView.items.find((p) => p.talent.id === w.g1.talentId)!;
    expect(p1.seat).toBe('reserved');
    expect(await ok<ProposalJson>(await respond(w.empA.client, p1.id, 'accept'))).toMatchObject({ state: 'pending', employerResponse: 'accepted' });
    const placed1 = await ok<ProposalJson>(await respond(w.g1, p1.id, 'accept'));
    expect(placed1.state).toBe('placed');
    const placement1 = await t.deps.database.db.selectFrom('placements').selectAll().where('id', '=', placed1.placementId!).executeTakeFirstOrThrow();
    expect(placement1).toMatchObject({ source: 'round', source_id: p1.id, agreement_id: w.a1.id, position_id: w.p1 });
    const agreement = await ok<{ status: string; events: { fromStatus: string; toStatus: string }[] }>(await w.dept.get(`/api/v1/agreements/${w.a1.id}`));
    expect(agreement.status).toBe('serving');
    expect(agreement.events.at(-1)).toMatchObject({ fromStatus: 'awaiting_placement', toStatus: 'serving' });
    // Both sides see the placement.
    const gradPlacements = await ok<Page<{ sourceId: string }>>(await w.g1.get('/api/v1/placements'));
    expect(gradPlacements.items.map((p) => p.sourceId)).toEqual([p1.id]);
    const empPlacements = await ok<Page<{ sourceId: string }>>(await w.empA.client.get('/api/v1/placements'));
    expect(empPlacements.items.map((p) => p.sourceId).sort()).toEqual([p1.id, p3.id].sort());
    await unchangedRounds(t, async () => expectProblem(await respond(w.g1, p1.id, 'accept'), 409));

    // g2: the talent declines: the proposal ends; nobody can accept it afterwards.
    const p2 = empView.items.find((p) => p.talent.id === w.g2.talentId)!;
    expect(await ok<ProposalJson>(await respond(w.g2, p2.id, 'decline'))).toMatchObject({ state: 'declined', talentResponse: 'declined' });
    await unchangedRounds(t, async () => expectProblem(await respond(w.empA.client, p2.id, 'accept'), 409));
    await unchangedRounds(t, async () => expectProblem(await respond(w.g2, p2.id, 'accept'), 409));

    // g5 (directed, P3): the employer declines: no placement, the agreement still awaits placement.
    const p5 = (await ok<Page<ProposalJson>>(await w.g5.get('/api/v1/talents/me/proposals'))).items[0];
    expect(await ok<ProposalJson>(await respond(w.empB.client, p5.id, 'decline'))).toMatchObject({ state: 'declined', employerResponse: 'declined' });
    await unchangedRounds(t, async () => expectProblem(await respond(w.g5, p5.id, 'accept'), 409));
    expect((await ok<{ status: string }>(await w.dept.get(`/api/v1/agreements/${w.a5.id}`))).status).toBe('awaiting_placement');

    // The department's views agree.
    const res = await result(id);
    const states = Object.fromEntries(res.positions.items.flatMap((p) => p.holders.map((h) => [h.talentId, h.state])));
    expect(states).toEqual({ [w.g1.talentId]: 'placed', [w.g3.talentId]: 'placed', [w.g2.talentId]: 'declined', [w.g5.talentId]: 'declined' });
    expect((await ok<Page<ProposalJson>>(await w.dept.get(`/api/v1/rounds/${id}/proposals?state=placed`))).total).toBe(2);
  });

  it('closing a published round ends responses; pending proposals lapse unanswered', async () => {
    const round = await publishedRound(w);
    const pending = (await ok<Page<ProposalJson>>(await w.g2.get(`/api/v1/talents/me/proposals?roundId=${round.id}`))).items[0];
    expect(pending.respondable).toBe(true);
    expect((await ok<RoundJson>(await w.dept.post(`/api/v1/rounds/${round.id}/close`))).status).toBe('closed');
    await unchangedRounds(t, async () => expectProblem(await respond(w.g2, pending.id, 'accept'), 409));
    await unchangedRounds(t, async () => expectProblem(await respond(w.empA.client, pending.id, 'decline'), 409));
    await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/close`), 409));
    expect((await ok<ProposalJson>(await w.g2.get(`/api/v1/proposals/${pending.id}`))).respondable).toBe(false);
  });

  it('only draft rounds open; only editable rounds change; a run needs a runnable round', async () => {
    const round = await draftRound(w);
    await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/publish`), 409));
    await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/close`), 409));
    await expectProblem(await w.dept.get(`/api/v1/rounds/${round.id}/result`), 409);
    const empty = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: 'empty' }), 201);
    await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${empty.id}/open`), 409));
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/open`));
    await unchangedRounds(t, async () => expectProblem(await w.dept.post(`/api/v1/rounds/${round.id}/open`), 409));
    // Choices close on the closing day.
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-05-31' }));
    await unchangedRounds(t, async () => expectProblem(await w.g2.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p1] }), 409));
    await ok(await w.dept.patch(`/api/v1/rounds/${round.id}`, { choicesCloseOn: '2026-06-01' }));
    await ok(await w.g2.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p1] }));
    // Withdrawn choices: the list is derived again. Removing a position drops the choices of it.
    expect((await ok<{ positions: unknown[] }>(await w.g2.delete(`/api/v1/rounds/${round.id}/choices`))).positions).toEqual([]);
    await ok(await w.g3.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p3, w.p1] }));
    await ok(await w.dept.put(`/api/v1/rounds/${round.id}/positions`, { positions: [{ positionId: w.p1 }, { positionId: w.p2 }] }));
    const g3 = await ok<{ positions: { positionId: string }[] }>(await w.g3.get(`/api/v1/rounds/${round.id}/choices`));
    expect(g3.positions.map((p) => p.positionId)).toEqual([w.p1]);
    // Removing a talent removes them from the round (404 for them now).
    await ok(await w.dept.put(`/api/v1/rounds/${round.id}/talents`, { talentIds: [w.g2.talentId] }));
    await expectProblem(await w.g3.get(`/api/v1/rounds/${round.id}/choices`), 404);
    expect(await t.deps.database.db.selectFrom('round_choices').select('talent_id').where('round_id', '=', round.id).execute()).toEqual([]);
  });

  it('a run whose inputs changed while it computed stores nothing (every statement checks the revision)', async () => {
    const round = await collectingRound(w);
    const { revision } = await t.deps.database.db.selectFrom('rounds').select('revision').where('id', '=', round.id).executeTakeFirstOrThrow();
    await ok(await w.g4.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p1] }));
    const stale = { roundId: round.id, revision, statuses: RUNNABLE_STATUSES, now: t.clock.now };
    await unchangedRounds(t, async () => {
      const { marked } = await writeUnit(t.deps.database, t.clock.now)
        .addAll(
          storeRunQueries(t.deps.database, {
            ...stale,
            positions: [JSON.stringify([w.p1, 2, 1, 0, null, null, null])],
            talents: [JSON.stringify([w.g4.talentId, 'submitted', null, null])],
            proposals: [JSON.stringify(['staleproposal000', w.g4.talentId, w.p1, 10, 0, 0, {}])],
          }),
        )
        .add('marked', markRunIf(t.deps.database, { ...stale, digest: 'stale', stats: '{}', inputsVersion: 1 }))
        .commit();
      expect(marked.numAffectedRows).toBe(0);
    });
    // The current revision goes through.
    const run = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(run.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('includeAllOpen takes every open post in the region with its free seats; a filled seat is not offered', async () => {
    const round = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: 'all open' }), 201);
    const set = await ok<RoundJson>(
      await w.dept.put(`/api/v1/rounds/${round.id}/positions`, { includeAllOpen: true, positions: [{ positionId: w.p1, seats: 1, reservedSeats: 0 }] }),
    );
    expect(set.counts).toMatchObject({ positions: 3, seats: 3, reservedSeats: 0 });
    // Hire someone into P2 directly: it has no free seat any more.
    const hire = await w.dept.post('/api/v1/placements', { talentId: w.g4.talentId, employerId: w.empA.employerId, positionId: w.p2, kind: 'employment', startOn: '2026-06-01' });
    expect(hire.status).toBe(201);
    await unchangedRounds(t, async () => expectProblem(await w.dept.put(`/api/v1/rounds/${round.id}/positions`, { positions: [{ positionId: w.p2 }] }), 422, 'positions.0.seats'));
    const again = await ok<RoundJson>(await w.dept.put(`/api/v1/rounds/${round.id}/positions`, { includeAllOpen: true }));
    expect(again.counts).toMatchObject({ positions: 2, seats: 3, reservedSeats: 1 });
  });

  it('includeSeeking adds everyone of the region seeking a post and not employed; directed ones keep their agreement', async () => {
    const round = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: '求职人员全部加入' }), 201);
    const outside = await makeGraduate(t, { name: '外地', region_code: '150202' });
    const notLooking = await makeGraduate(t, { name: '暂不求职', availability: 'unavailable' });
    const employedTag = await makeGraduate(t, { name: '在职标记', availability: 'employed' });
    const soon = await makeGraduate(t, { name: '近期可到岗', availability: 'later' });
    const placed = await makeGraduate(t, { name: '已就业' });
    await ok(await w.dept.post('/api/v1/placements', { talentId: placed.talentId, employerId: w.empA.employerId, kind: 'employment', startOn: '2026-01-05' }), 201);
    const ended = await makeGraduate(t, { name: '已离职' });
    const past = await ok<{ id: string }>(
      await w.dept.post('/api/v1/placements', { talentId: ended.talentId, employerId: w.empA.employerId, kind: 'employment', startOn: '2025-01-05' }),
      201,
    );
    await ok(await w.dept.post(`/api/v1/placements/${past.id}/end`, { endOn: '2025-12-31', reason: '合同到期' }));
    const intern = await makeGraduate(t, { name: '实习中' });
    await ok(await w.dept.post('/api/v1/placements', { talentId: intern.talentId, employerId: w.empA.employerId, kind: 'internship', startOn: '2026-01-05' }), 201);

    const after = await ok<RoundJson>(await w.dept.put(`/api/v1/rounds/${round.id}/talents`, { includeSeeking: true }));
    const ids = (await talents(round.id)).items;
    const has = (id: string) => ids.some((r) => r.talentId === id);
    for (const g of [w.g1, w.g2, w.g3, w.g4, w.g5, w.g7, soon, ended, intern]) expect(has(g.talentId)).toBe(true);
    for (const g of [outside, notLooking, employedTag, placed]) expect(has(g.talentId)).toBe(false);
    // g1 and g5 have agreements awaiting placement targeting 1501: they come in directed.
    expect(after.counts).toMatchObject({ talents: 9, directedTalents: 2 });
    expect(byTalent(ids, w.g1.talentId).directed).toBe(true);

    // Without the flag nothing is added; junk for the flag is a 4xx naming it.
    const other = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: '空' }), 201);
    expect((await ok<RoundJson>(await w.dept.put(`/api/v1/rounds/${other.id}/talents`, { includeSeeking: false }))).counts.talents).toBe(0);
    await expectProblem(await w.dept.put(`/api/v1/rounds/${other.id}/talents`, { includeSeeking: 'yes' }), 422, 'includeSeeking');
  });
});
