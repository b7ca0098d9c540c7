// How explanations are stored (src/rounds/rounds.explanations.ts): refusals name a post by its index
// among the round's posts and leave out what can be derived. The API answers as before, and a run
// stored in the format before (`above`, one tuple per refusal with the post id, rank, reason, cut-off
// and tie) reads back the same.
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { eachRoundWorld, collectingRound, ok, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Refusal = { positionId: string; rank: number; reason: string; score?: number; cutoff?: number | null; tie?: boolean; reservedCutoff?: number; ineligible?: string[] };
type TalentRow = { talentId: string; proposal: null | { positionId: string }; above: Refusal[] };

/** The old stored tuple of a refusal as the API shows it. */
function oldTuple(r: Refusal): unknown[] {
  if (r.reason === 'not_in_round') return [r.positionId, r.rank, r.reason];
  if (r.reason === 'ineligible') return [r.positionId, r.rank, r.reason, r.score, null, null, null, r.ineligible];
  const out: unknown[] = [r.positionId, r.rank, r.reason, r.score, r.cutoff, r.tie ? 1 : 0];
  if (r.reservedCutoff !== undefined) out.push(r.reservedCutoff);
  return out;
}

describe('stored explanations', () => {
  it('name posts by index, answer with ids and cut-offs, and read the format before the same way', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const talents = async () => (await ok<{ items: TalentRow[] }>(await w.dept.get(`/api/v1/rounds/${round.id}/talents?pageSize=100`))).items;
    const before = await talents();
    const refusals = before.flatMap((x) => x.above);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.some((r) => r.reason === 'full')).toBe(true);
    const positions = new Set([w.p1, w.p2, w.p3]);
    for (const r of refusals) {
      expect(r.rank).toBeGreaterThanOrEqual(0);
      if (r.reason !== 'not_in_round') expect(positions.has(r.positionId)).toBe(true);
      if (r.reason === 'full') expect(r.tie).toBe(r.score === r.cutoff || r.score === r.reservedCutoff);
    }
    // Stored: no post id, rank or reason word in a full refusal.
    const stored = await t.deps.database.db.selectFrom('round_talents').select(['talent_id', 'explanation']).where('round_id', '=', round.id).execute();
    const proposals = await t.deps.database.db.selectFrom('round_proposals').select(['talent_id', 'explanation']).where('round_id', '=', round.id).execute();
    for (const text of [...stored, ...proposals].map((r) => r.explanation).filter((x): x is string => !!x)) {
      const v = JSON.parse(text) as { refused?: unknown[][]; above?: unknown };
      expect(v.above).toBeUndefined();
      for (const r of v.refused ?? []) if (typeof r[0] === 'number') expect(r.some((x) => x === 'full' || (typeof x === 'string' && positions.has(x)))).toBe(false);
    }

    // Rewrite every stored explanation in the format before; the API answers the same.
    const byTalent = new Map(before.map((x) => [x.talentId, x]));
    const rewrite = (text: string | null, talentId: string) => {
      if (!text) return text;
      const { refused: _refused, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return JSON.stringify({ ...rest, above: byTalent.get(talentId)!.above.map(oldTuple) });
    };
    for (const r of stored)
      await t.deps.database.db
        .updateTable('round_talents')
        .set({ explanation: rewrite(r.explanation, r.talent_id) })
        .where('round_id', '=', round.id)
        .where('talent_id', '=', r.talent_id)
        .execute();
    for (const r of proposals)
      await t.deps.database.db
        .updateTable('round_proposals')
        .set({ explanation: rewrite(r.explanation, r.talent_id)! })
        .where('round_id', '=', round.id)
        .where('talent_id', '=', r.talent_id)
        .execute();
    expect(await talents()).toEqual(before);
  });
});
