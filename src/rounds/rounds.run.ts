// Running a stored round: load its inputs in a few bulk queries, run the pure matching core
// (src/matching: buildRound → solveRound → explainRound), store proposals, cut-offs and reasons in
// one atomic write, and hash the canonical result.
//
// Inputs at run time:
//   positions — the round's positions; seats = the round's seats capped by the seats still free now
//               (position seats − active employment placements), reserved = the round's reserved
//               seats capped by that; open = status open and closes_on ≥ today (China).
//   talents   — the round's talents with their current profiles; directed when the agreement
//               recorded for the round is still awaiting placement (its target region and employer
//               are the hard constraint); history from their placements.
//   lists     — submitted choices; talents without choices get a list derived from scores.
//
// Result digest: SHA-256 (hex) over the canonical serialisation of the round's weights and, in id
// order, every position's outcome, every talent's outcome and every proposal with its explanation
// (everything stored except ids and timestamps). The core is deterministic (ids sorted first; the
// unique applicant-optimal stable matching), so identical inputs give an identical digest.
import type { AppDeps } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { chinaToday } from '../employers/access';
import { toMatchPosition, toMatchTalent } from '../recommendations/recommendations.service';
import { buildRound, explainRound, resolveWeights, solveRound, type MatchHistory, type RoundResult } from '../matching';
import * as repo from './rounds.repository';
import { encodeProposalExplanation, encodeUnassignedExplanation } from './rounds.explanations';
import { RUNNABLE_STATUSES, type RoundRunStats, type RoundStatus, type RunTimings } from './rounds.schemas';

const clock = () => globalThis.performance.now();
const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;

export interface StoredRun {
  roundId: string;
  digest: string;
  stats: RoundRunStats;
  /** The core's full result (in memory; what was stored, with explanations). */
  result: RoundResult;
}

/** Parses the round's stored weight overrides (a JSON object; anything else counts as none). */
export function weightOverrides(json: string): Record<string, number> {
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) as Record<string, number>;
  } catch {
    return {};
  }
}

/** `n` random ids shaped like newId() (10 random bytes, base32), from one getRandomValues call:
 * one call per id costs several microseconds, tens of thousands of proposals add up. */
function newIds(n: number): string[] {
  const bytes = new Uint8Array(10 * n);
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65_536)));
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = encodeBase32LowerCaseNoPadding(bytes.subarray(10 * i, 10 * i + 10));
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs round `roundId` from the database and stores the result, replacing a previous unpublished
 * result. No access check: callers check the user (runRoundById) — the benchmark calls it directly.
 * Throws 404 when the round does not exist, 409 invalid_state when it is published or closed, or
 * when its inputs changed while it ran (nothing is stored then).
 */
export async function runStoredRound(deps: AppDeps, roundId: string): Promise<StoredRun> {
  const { database } = deps;
  const t0 = clock();
  const round = await repo.findRoundRow(database, roundId);
  if (!round) throw notFound('Round');
  if (!RUNNABLE_STATUSES.includes(round.status)) throw new AppError('invalid_state', `A ${round.status} round cannot run again`);
  const today = chinaToday(deps.now());
  const [positionRows, talentRows, historyRows, choiceRows] = await Promise.all([
    repo.loadRunPositions(database, roundId),
    repo.loadRunTalents(database, roundId),
    repo.loadRunHistories(database, roundId),
    repo.loadRunChoices(database, roundId),
  ]);
  const t1 = clock();

  const histories = new Map<string, { employerIds: string[]; internshipEmployerIds: string[]; positionKinds: string[] }>();
  for (const r of historyRows) {
    let h = histories.get(r.talent_id);
    if (!h) histories.set(r.talent_id, (h = { employerIds: [], internshipEmployerIds: [], positionKinds: [] }));
    const list = r.kind === 'internship' ? h.internshipEmployerIds : h.employerIds;
    if (!list.includes(r.employer_id)) list.push(r.employer_id);
    if (r.position_kind && !h.positionKinds.includes(r.position_kind)) h.positionKinds.push(r.position_kind);
  }
  const rankings = new Map<string, string[]>();
  for (const c of choiceRows) {
    let l = rankings.get(c.talent_id);
    if (!l) rankings.set(c.talent_id, (l = []));
    l.push(c.position_id);
  }
  const talents = talentRows.map((t) =>
    toMatchTalent(t, {
      directed: t.agreement_id && t.target_region_code ? { targetRegionCode: t.target_region_code, targetEmployerId: t.target_employer_id } : null,
      history: (histories.get(t.id) as MatchHistory | undefined) ?? undefined,
    }),
  );
  const positions = positionRows.map((p) => {
    const seats = Math.max(0, Math.min(p.round_seats, p.free_seats));
    return toMatchPosition({ ...p, reserved_seats: Math.min(p.round_reserved, seats) }, seats, p.status === 'open' && p.closes_on >= today);
  });
  const overrides = weightOverrides(round.weights);
  const weights = resolveWeights(overrides);

  const built = buildRound({ talents, positions, weights, rankings });
  const t2 = clock();
  const da = solveRound(built);
  const t3 = clock();
  const result = explainRound(built, da);
  const t4 = clock();

  // Canonical rows (talents and positions are in id order in the result).
  const positionJson = result.positions.map((p) =>
    JSON.stringify([p.positionId, p.seats, p.held.length, p.reservedFilled, p.cutoff, p.generalCutoff, p.reservedCutoff]),
  );
  const holderRank = new Map<string, number>();
  for (const p of result.positions) p.held.forEach((h, i) => holderRank.set(h.talentId, i));
  const talentJson: string[] = new Array(result.talents.length);
  const proposalCanonical: string[] = [];
  const proposalJson: string[] = [];
  const ids = newIds(result.stats.matched);
  result.talents.forEach((t, i) => {
    const assigned = t.positionId !== null;
    talentJson[i] = JSON.stringify([t.talentId, t.listSource, t.unassignedReason, assigned ? null : encodeUnassignedExplanation(t)]);
    if (assigned) {
      const explanation = encodeProposalExplanation(t);
      const row = JSON.stringify([t.talentId, t.positionId, t.score, t.seat === 'reserved' ? 1 : 0, holderRank.get(t.talentId) ?? null, explanation]);
      proposalCanonical.push(row);
      proposalJson.push(`["${ids[proposalJson.length]}",${row.slice(1)}`);
    }
  });
  const weightKeys = Object.keys(weights).sort() as (keyof typeof weights)[];
  const digest = await sha256Hex(
    [JSON.stringify(weightKeys.map((k) => [k, weights[k]])), positionJson.join('\n'), talentJson.join('\n'), proposalCanonical.join('\n')].join('\n\n'),
  );

  const now = deps.now();
  const timings: RunTimings = { loadMs: ms(t0, t1), buildMs: ms(t1, t2), matchMs: ms(t2, t3), explainMs: ms(t3, t4), storeMs: 0, totalMs: 0 };
  const stats: RoundRunStats = { ...result.stats, timings };
  const results = await database.atomic(
    repo.storeRunQueries(database, {
      roundId,
      revision: round.revision,
      statuses: RUNNABLE_STATUSES as RoundStatus[],
      positions: positionJson,
      talents: talentJson,
      proposals: proposalJson,
      digest,
      stats: JSON.stringify(stats),
      now,
    }),
  );
  if (results[results.length - 1].numAffectedRows !== 1) {
    throw new AppError('invalid_state', 'The round changed while it ran (it was edited, published or closed); nothing was stored');
  }
  const t5 = clock();
  timings.storeMs = ms(t4, t5);
  timings.totalMs = ms(t0, t5);
  // The final timings, recorded beside the result (only on the run just stored).
  await database.db
    .updateTable('rounds')
    .set({ run_stats: JSON.stringify(stats) })
    .where('id', '=', roundId)
    .where('result_digest', '=', digest)
    .where('run_at', '=', now)
    .execute();
  return { roundId, digest, stats, result };
}
