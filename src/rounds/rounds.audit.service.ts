// Rounds anyone can audit (issue #13): refreshing the frozen inputs, the public round report and
// the anonymised round file (format in docs/round-file.md; checked by `npm run cli -- verify-round`).
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, notFound } from '../lib/errors';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { canAdminister } from '../lib/scope';
import { requireRole } from '../lib/guards';
import * as repo from './rounds.repository';
import * as auditRepo from './rounds.audit.repository';
import { changedCounts, loadLiveInputs, loadSnapshot, snapshotQueries, snapshotRows } from './rounds.snapshot';
import { buildRoundFile, type RoundFile } from './round-file';
import type { RoundReportDto } from './rounds.audit.schemas';
import { getRound } from './rounds.service';
import type { RoundDto } from './rounds.schemas';

async function departmentRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<repo.RoundRow> {
  const me = requireRole(user, 'department', 'admin');
  const round = await repo.findRound(deps.database, id);
  if (!round || !canAdminister(me, round.region_code)) throw notFound('Round');
  return round;
}

/**
 * Takes a new snapshot of the round's inputs from the registry (status run, i.e. after the first
 * run and before publication) and writes an audit record with what changed. The stored result is
 * kept for comparison but may not be published until the round is run on the new snapshot.
 */
export async function refreshInputs(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundDto> {
  const round = await departmentRound(deps, user, id);
  if (round.status !== 'run') throw new AppError('invalid_state', `A ${round.status} round cannot refresh its inputs (allowed after a run, before publication)`);
  const before = await loadSnapshot(deps.database, id);
  const live = await loadLiveInputs(deps, round);
  const version = round.inputs_version + 1;
  const changed = before ? changedCounts(before, live) : null;
  const now = deps.now();
  const { refreshed } = await writeUnit(deps.database, now)
    .addAll(snapshotQueries(deps.database, { roundId: id, revision: round.revision, statuses: ['run'], rows: snapshotRows(live) }))
    .add(
      auditEntry(deps.database, {
        actorUserId: user!.id,
        action: 'round.refresh_inputs',
        subjectType: 'round',
        subjectId: id,
        detail: JSON.stringify({ fromVersion: round.inputs_version, toVersion: version, changed }),
        now,
      }),
    )
    .add(
      'refreshed',
      deps.database.db
        .updateTable('rounds')
        .set({ inputs_version: version, inputs_at: now, input_settings: JSON.stringify(live.settings), revision: round.revision + 1, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'run')
        .where('revision', '=', round.revision),
    )
    .commit();
  if (refreshed.numAffectedRows !== 1) throw new AppError('invalid_state', 'The round changed meanwhile; load it again');
  return getRound(deps, user, id);
}

/** The anonymised round file of a run round (department in scope). */
export async function exportRound(deps: AppDeps, user: SessionUser | null, id: string): Promise<RoundFile> {
  const round = await departmentRound(deps, user, id);
  if (round.status === 'draft' || round.status === 'collecting') throw new AppError('invalid_state', 'The round has not run yet');
  return buildRoundFile(deps.database, round);
}

/**
 * The public report of a published (or closed) round: per post its seats, reserved seats, seats
 * filled, cut-offs and how many lists named it. No talent appears. 404 for any other round.
 */
export async function roundReport(deps: AppDeps, id: string): Promise<RoundReportDto> {
  const round = await repo.findRound(deps.database, id);
  if (!round || (round.status !== 'published' && round.status !== 'closed')) throw notFound('Round');
  const [rows, adjusted] = await Promise.all([auditRepo.reportRows(deps.database, id), auditRepo.adjustmentCounts(deps.database, id)]);
  const snapshot = await loadSnapshot(deps.database, id);
  const runSeats = new Map((snapshot?.positions ?? []).map((p) => [p.id, p]));
  return {
    round: {
      id: round.id,
      name: round.name,
      regionCode: round.region_code,
      regionName: round.region_name,
      status: round.status,
      reservePolicy: round.reserve_policy,
      publishedAt: round.published_at === null ? null : new Date(round.published_at).toISOString(),
      resultDigest: round.result_digest,
      followsRoundId: round.follows_round_id,
    },
    totals: {
      positions: rows.length,
      seats: rows.reduce((a, r) => a + (r.run_seats ?? 0), 0),
      roundSeats: rows.reduce((a, r) => a + r.seats, 0),
      filled: rows.reduce((a, r) => a + (r.filled ?? 0), 0),
      pinned: rows.reduce((a, r) => a + Number(r.pinned), 0),
      adjustmentWilling: adjusted.willing,
      placedByAdjustment: adjusted.placed,
    },
    positions: rows.map((r) => ({
      positionId: r.position_id,
      title: r.title,
      employerName: r.employer_name,
      regionName: r.region_name,
      seats: r.run_seats ?? 0,
      roundSeats: r.seats,
      reservedSeats: runSeats.get(r.position_id)?.reservedSeats ?? r.reserved_seats,
      filled: r.filled ?? 0,
      reservedFilled: r.reserved_filled ?? 0,
      cutoff: r.cutoff_score,
      generalCutoff: r.general_cutoff,
      reservedCutoff: r.reserved_cutoff,
      listsNaming: Number(r.lists_naming),
      pinned: Number(r.pinned),
    })),
  };
}
