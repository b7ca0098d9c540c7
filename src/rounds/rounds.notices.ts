// Notices for talents about rounds (issue #13 item 3). Today one kind: 'follow_up' — a follow-up
// round (补录) was opened with the talent in it. The notice rows are written by the same atomic
// write that creates the follow-up round (followUpNoticeQueries), so a talent in the round always has
// one; the talent sees it on their rounds page (and in the API's list of their rounds) the next time
// they look, until they dismiss it or the round stops collecting choices.
//
// For the later message centre / email (not built yet): read undelivered rows of round_notices (or
// hook into followUpNoticeQueries, which is the one place notices are created) and deliver them;
// dismissed_at is the "read" mark.
import { sql, type CompiledQuery } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import type { Database } from '../lib/database';
import { notFound } from '../lib/errors';
import { requireRole } from '../lib/guards';
import { writeUnit } from '../lib/write-unit';
import { myTalentId } from './rounds.access';

/** One notice per talent of the new follow-up round (after its talents are inserted, same write). */
export function followUpNoticeQueries(database: Database, followUpRoundId: string, now: number): CompiledQuery[] {
  return [
    sql`INSERT OR IGNORE INTO round_notices (talent_id, round_id, kind, created_at)
        SELECT talent_id, ${followUpRoundId}, 'follow_up', ${now} FROM round_talents WHERE round_id = ${followUpRoundId}`.compile(database.db),
  ];
}

export interface RoundNoticeDto {
  roundId: string;
  roundName: string;
  kind: 'follow_up';
  createdAt: string;
}

/** The signed-in graduate's notices not dismissed, for rounds still collecting choices, newest first. */
export async function myNotices(deps: AppDeps, user: SessionUser | null): Promise<RoundNoticeDto[]> {
  const me = requireRole(user, 'graduate');
  const talentId = await myTalentId(deps, me);
  if (!talentId) return [];
  const rows = await deps.database.db
    .selectFrom('round_notices as n')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .select(['n.round_id', 'r.name', 'n.kind', 'n.created_at'])
    .where('n.talent_id', '=', talentId)
    .where('n.dismissed_at', 'is', null)
    .where('r.status', '=', 'collecting')
    .orderBy('n.created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({ roundId: r.round_id, roundName: r.name, kind: r.kind, createdAt: new Date(r.created_at).toISOString() }));
}

/** Dismisses the graduate's notices of round `roundId`; 404 if they have none there. */
export async function dismissNotice(deps: AppDeps, user: SessionUser | null, roundId: string): Promise<RoundNoticeDto[]> {
  const me = requireRole(user, 'graduate');
  const talentId = await myTalentId(deps, me);
  if (!talentId) throw notFound('Notice');
  const now = deps.now();
  const { dismissed } = await writeUnit(deps.database, now)
    .add(
      'dismissed',
      deps.database.db.updateTable('round_notices').set({ dismissed_at: now }).where('talent_id', '=', talentId).where('round_id', '=', roundId).where('dismissed_at', 'is', null),
    )
    .commit();
  if (dismissed.numAffectedRows === 0) throw notFound('Notice');
  return myNotices(deps, me);
}
