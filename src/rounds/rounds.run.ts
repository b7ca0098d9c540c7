// Running a stored round: load its inputs in a few bulk queries, run the pure matching core
// (src/matching: buildRound → solveRound → explainRound), store proposals, cut-offs and reasons in
// one atomic write, and hash the canonical result.
//
// Inputs: the round's input snapshot (src/rounds/rounds.snapshot.ts). The first run reads them from
// the registry and stores that snapshot in the same atomic write as its result; every later run
// reads the snapshot only, so profile, agreement, placement or post edits do not change a re-run.
//   positions — the round's positions; seats = the round's seats capped by the seats free then
//               (position seats − active employment placements), reserved = the round's reserved
//               seats capped by that; open = status open and closes_on ≥ today (China).
//   talents   — the round's talents with their profiles; directed when the agreement recorded for
//               the round was awaiting placement (its target region and employer are the hard
//               constraint); history from their placements.
//   settings  — resolved weights and the reserve policy.
//   lists     — submitted choices (frozen once the round has run); talents without choices get a
//               list derived from scores; 服从调剂 (round_adjustments, frozen with the choices)
//               continues a list with the eligible posts of a region by score.
//   pins      — pinned placements (round_pins): each takes a seat before the matching.
//
// Result digest: SHA-256 (hex) over the canonical serialisation of the round's weights and, in id
// order, every position's outcome, every talent's outcome and every proposal with its explanation
// (everything stored except ids and timestamps). The core is deterministic (ids sorted first; the
// unique applicant-optimal stable matching), so identical inputs give an identical digest.
import { createHash } from 'node:crypto';
import type { AppDeps } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { writeUnit } from '../lib/write-unit';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { buildRound, explainRound, solveRound, type RoundResult } from '../matching';
import { loadLiveInputs, loadSnapshot, snapshotQueries, snapshotRows } from './rounds.snapshot';
import * as repo from './rounds.repository';
import * as runRepo from './rounds.run.repository';
import * as extRepo from './rounds.extensions.repository';
import { proposalExplanationOf, unassignedExplanationOf } from './rounds.explanations';
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

export { weightOverrides } from './rounds.snapshot';

/** `n` random ids shaped like newId() (10 random bytes, base32), from one getRandomValues call:
 * one call per id costs several microseconds, tens of thousands of proposals add up. */
function newIds(n: number): string[] {
  const bytes = new Uint8Array(10 * n);
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65_536)));
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = encodeBase32LowerCaseNoPadding(bytes.subarray(10 * i, 10 * i + 10));
  return out;
}

/** SHA-256 (hex) of `parts` joined by `\n\n`, each part a list of lines joined by `\n`, hashed line
 * by line: joining and encoding the whole text first (tens of MB) cost about half a second, hashing
 * it incrementally a tenth of that. node:crypto's hash runs on Workers too (nodejs_compat). */
function sha256OfParts(parts: readonly (readonly string[])[]): string {
  const hash = createHash('sha256');
  parts.forEach((lines, p) => {
    if (p > 0) hash.update('\n\n');
    lines.forEach((line, i) => {
      if (i > 0) hash.update('\n');
      hash.update(line);
    });
  });
  return hash.digest('hex');
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
  // The snapshot, or (first run) the live registry, which this run then stores as the snapshot.
  const snapshot = await loadSnapshot(database, roundId);
  const [inputs, rankings, adjustments, pins] = await Promise.all([
    snapshot ?? loadLiveInputs(deps, round),
    runRepo.loadRunLists(database, roundId),
    extRepo.loadAdjustments(database, roundId),
    extRepo.loadPins(database, roundId),
  ]);
  const t1 = clock();

  const { talents, positions } = inputs;
  const { weights, reservePolicy } = inputs.settings;
  const now = deps.now();
  const target: runRepo.RunTarget = { roundId, revision: round.revision, statuses: RUNNABLE_STATUSES, now };
  // One atomic write, streamed where the database can (Node's SQLite files): from when the lists are
  // built, a first run's snapshot is written while the core computes the matching and explanations,
  // and each chunk of the result as soon as it is serialised. (Streaming from the start would hold
  // the write lock for the whole build as well, 2.7 s instead of 1.2 s, and was no faster.)
  const unit = writeUnit(database, now);
  try {
    const inputsVersion = snapshot ? round.inputs_version : round.inputs_version + 1;
    if (!snapshot) {
      unit.addAll(snapshotQueries(database, { ...target, rows: snapshotRows(inputs) })).add(
        database.db
          .updateTable('rounds')
          .set({ inputs_version: inputsVersion, inputs_at: now, input_settings: JSON.stringify(inputs.settings) })
          .where('id', '=', roundId)
          .where('revision', '=', round.revision)
          .where('status', 'in', [...RUNNABLE_STATUSES]),
      );
    }

    let built: ReturnType<typeof buildRound>;
    try {
      built = buildRound({ talents, positions, weights, rankings, reservePolicy, adjustments, pins: new Map([...pins].map(([t, p]) => [t, p.positionId])) });
    } catch (err) {
      // A pin the inputs no longer allow (e.g. refreshed inputs made the talent ineligible).
      if (err instanceof RangeError && err.message.startsWith('pin:'))
        throw new AppError('invalid_state', `A pinned placement is no longer possible (${err.message.slice(5)}); unpin it before running`);
      throw err;
    }
    const t2 = clock();
    unit.streaming();
    const da = solveRound(built);
    const t3 = clock();
    const result = explainRound(built, da);
    const t4 = clock();

    // Canonical rows (talents and positions are in id order in the result).
    const positionJson = result.positions.map((p) =>
      JSON.stringify([p.positionId, p.seats, p.held.length + p.pinned.length, p.reservedFilled, p.cutoff, p.generalCutoff, p.reservedCutoff]),
    );
    // With the number of lists naming each post (result.positions are built.positions, in id order).
    unit.addAll(repo.jsonChunks(positionJson.map((row, j) => `${row.slice(0, -1)},${built.listsNaming[j]}]`)).map((chunk) => runRepo.storeRun.positions(database, target, chunk)));
    const holderRank = new Map<string, number>();
    // Pinned talents first in the post's order, then the holders best first.
    for (const p of result.positions) {
      const pinned = p.pinned.length;
      for (let i = 0; i < pinned; i++) holderRank.set(p.pinned[i].talentId, i);
      for (let i = 0; i < p.held.length; i++) holderRank.set(p.held[i].talentId, pinned + i);
    }
    const talentJson: string[] = new Array(result.talents.length);
    const proposalCanonical: string[] = [];
    const ids = newIds(result.stats.matched);
    const talentChunks = new repo.JsonChunker((chunk) => unit.add(runRepo.storeRun.talents(database, target, chunk)));
    const proposalChunks = new repo.JsonChunker((chunk) => unit.add(runRepo.storeRun.proposals(database, target, chunk)));
    // Refusals name a post by its index in result.positions (id order; rounds.explanations.ts).
    result.talents.forEach((t, i) => {
      const assigned = t.positionId !== null;
      talentJson[i] = JSON.stringify([t.talentId, t.listSource, t.unassignedReason, assigned ? null : unassignedExplanationOf(result, i)]);
      talentChunks.push(talentJson[i]);
      if (assigned) {
        const explanation = proposalExplanationOf(result, i, pins.get(t.talentId)?.reason);
        const row = JSON.stringify([t.talentId, t.positionId, t.score, t.seat === 'reserved' ? 1 : 0, holderRank.get(t.talentId) ?? null, explanation]);
        proposalChunks.push(`["${ids[proposalCanonical.length]}",${row.slice(1)}`);
        proposalCanonical.push(row);
      }
    });
    talentChunks.end();
    unit.add(runRepo.storeRun.dropStaleProposals(database, target));
    proposalChunks.end();
    const weightKeys = Object.keys(weights).sort() as (keyof typeof weights)[];
    // The reserve policy joins the digest only when it is not the original reading, so rounds run
    // before it existed keep their digest.
    const settingsJson = JSON.stringify(weightKeys.map((k) => [k, weights[k]])) + (reservePolicy === 'reserved_first' ? '' : `\n${reservePolicy}`);
    const digest = sha256OfParts([[settingsJson], positionJson, talentJson, proposalCanonical]);

    const timings: RunTimings = { loadMs: ms(t0, t1), buildMs: ms(t1, t2), matchMs: ms(t2, t3), explainMs: ms(t3, t4), storeMs: 0, totalMs: 0 };
    const stats: RoundRunStats = { ...result.stats, timings };
    const { marked } = await unit.add('marked', runRepo.markRunIf(database, { ...target, digest, stats: JSON.stringify(stats), inputsVersion })).commit();
    if (marked.numAffectedRows !== 1) {
      throw new AppError('invalid_state', 'The round changed while it ran (it was edited, published or closed); nothing was stored');
    }
    const t5 = clock();
    timings.storeMs = ms(t4, t5);
    timings.totalMs = ms(t0, t5);
    // The final timings, recorded beside the result (only on the run just stored).
    await writeUnit(database, now)
      .add(runRepo.recordRunStats(database, roundId, digest, now, JSON.stringify(stats)))
      .commit();
    return { roundId, digest, stats, result };
  } finally {
    // Nothing of a run that failed is written (no-op once committed).
    unit.abandon();
  }
}
