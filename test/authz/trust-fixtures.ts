// Fixtures for the trust-rule tests (issue 9 A1–A3): a round proposal written straight into the
// database (running a round is the rounds feature's own test), and a snapshot of what they write.
import { newId } from '../../src/lib/ids';
import type { TestApp } from '../helpers/app';
import { snapshotTables, unchangedTables } from '../helpers/matrix';

/** A round in `roundStatus` holding one proposal of the talent for the position; returns the round id. */
export async function insertProposal(
  t: TestApp,
  p: { departmentUserId: string; talentId: string; positionId: string; roundStatus: 'run' | 'published' | 'closed'; regionCode?: string },
): Promise<string> {
  const roundId = newId();
  const now = t.clock.now;
  const db = t.deps.database.db;
  await db
    .insertInto('rounds')
    .values({
      id: roundId,
      name: '测试轮次',
      department_user_id: p.departmentUserId,
      region_code: p.regionCode ?? '15',
      status: p.roundStatus,
      choices_close_on: null,
      run_at: now,
      published_at: p.roundStatus === 'run' ? null : now,
      result_digest: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto('round_positions').values({ round_id: roundId, position_id: p.positionId, seats: 1 }).execute();
  await db.insertInto('round_talents').values({ round_id: roundId, talent_id: p.talentId, agreement_id: null }).execute();
  await db
    .insertInto('round_proposals')
    .values({ id: newId(), round_id: roundId, talent_id: p.talentId, position_id: p.positionId, score: 50, created_at: now, updated_at: now })
    .execute();
  return roundId;
}

const TABLES = ['placements', 'positions', 'applications', 'application_events', 'round_proposals', 'agreements', 'talents', 'employers', 'search_outbox'] as const;

export const snapshot = (t: TestApp) => snapshotTables(t, TABLES);
export const unchanged = <T>(t: TestApp, act: () => Promise<T>) => unchangedTables(t, TABLES, act);
