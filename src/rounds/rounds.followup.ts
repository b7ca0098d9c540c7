// Follow-up rounds (补录, issue #13 item 3): after a round is published, one action creates a round
// linked to it for the seats and the people it left over, and the fill rate across a main round and
// its follow-ups.
//
// The follow-up round:
//   - same region, weights and reserve policy, named "<name>（补录）", follows_round_id = the round;
//   - posts: the round's posts still open with seats left, seats = the post's seats − active
//     employment placements − the round's proposals still pending (neither declined nor placed);
//     reserved = the round's reserved seats capped by that;
//   - talents: the round's talents without a live proposal in it (none, or declined by either side),
//     still seeking a post (availability available or later) and not employed; a directed talent
//     keeps the agreement recorded for the round while it is still awaiting placement;
//   - opened for choices at once (collecting): the talents see it among their rounds, rank again,
//     or keep a list derived from scores if they do not; each gets a notice in the same write
//     (rounds.notices.ts);
//   - choices close on the day the department gives (today or later; none if it gives none), as a
//     first round's: choices after it are refused, and running before it needs confirmEarly.
// One follow-up per round; a follow-up may itself get a follow-up.
import { sql } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldError, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { canAdminister } from '../lib/scope';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { writeUnit } from '../lib/write-unit';
import * as repo from './rounds.repository';
import { getRound } from './rounds.service';
import { followUpNoticeQueries } from './rounds.notices';
import type { FollowUpData, RoundDto, RoundStatus } from './rounds.schemas';

const livePending = (roundId: string, positionRef: ReturnType<typeof sql.ref>) =>
  sql<number>`(SELECT COUNT(*) FROM round_proposals x WHERE x.round_id = ${roundId} AND x.position_id = ${positionRef}
    AND x.placement_id IS NULL AND COALESCE(x.talent_response, '') <> 'declined' AND COALESCE(x.employer_response, '') <> 'declined')`;

export async function createFollowUp(deps: AppDeps, user: SessionUser | null, id: string, input: FollowUpData = {}): Promise<RoundDto> {
  const me = requireRole(user, 'department', 'admin');
  const round = await repo.findRound(deps.database, id);
  if (!round || !canAdminister(me, round.region_code)) throw notFound('Round');
  if (round.status !== 'published' && round.status !== 'closed') throw new AppError('invalid_state', `A ${round.status} round has no follow-up yet (allowed once published)`);
  const existing = await deps.database.db.selectFrom('rounds').select('id').where('follows_round_id', '=', id).executeTakeFirst();
  if (existing) throw new AppError('invalid_state', 'This round already has a follow-up round').because('follow_up_exists');
  const today = chinaToday(deps.now());
  const choicesCloseOn = input.choicesCloseOn ?? null;
  // It opens for choices at once: a day already past would close them before anyone could rank.
  if (choicesCloseOn !== null && choicesCloseOn < today) throw fieldError('choicesCloseOn', 'today_or_later');
  const { db } = deps.database;

  const positions = await db
    .selectFrom('round_positions as rp')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .select([
      'rp.position_id',
      'rp.reserved_seats',
      sql<number>`p.seats - (SELECT COUNT(*) FROM placements pl WHERE pl.position_id = p.id AND pl.kind = 'employment' AND pl.end_on IS NULL)
        - ${livePending(id, sql.ref('p.id'))}`.as('free'),
    ])
    .where('rp.round_id', '=', id)
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', today)
    .orderBy('rp.position_id')
    .execute();
  const positionRows: [string, number, number][] = positions
    .filter((p) => Number(p.free) > 0)
    .map((p) => [p.position_id, Number(p.free), Math.min(p.reserved_seats, Number(p.free))]);

  const talents = await db
    .selectFrom('round_talents as rt')
    .innerJoin('talents as t', 't.id', 'rt.talent_id')
    .leftJoin('agreements as ag', (j) => j.onRef('ag.id', '=', 'rt.agreement_id').on('ag.status', '=', 'awaiting_placement'))
    .select(['rt.talent_id', 'ag.id as agreement_id'])
    .where('rt.round_id', '=', id)
    .where('t.availability', 'in', [...repo.SEEKING_AVAILABILITY])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('round_proposals as x')
            .select(sql.lit(1).as('one'))
            .where('x.round_id', '=', id)
            .whereRef('x.talent_id', '=', 'rt.talent_id')
            .where(sql<boolean>`COALESCE(x.talent_response, '') <> 'declined' AND COALESCE(x.employer_response, '') <> 'declined'`),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('placements as pl')
            .select(sql.lit(1).as('one'))
            .whereRef('pl.talent_id', '=', 'rt.talent_id')
            .where('pl.kind', '=', 'employment')
            .where('pl.end_on', 'is', null),
        ),
      ),
    )
    .orderBy('rt.talent_id')
    .execute();
  const talentRows: [string, string | null][] = talents.map((t) => [t.talent_id, t.agreement_id ?? null]);
  if (positionRows.length === 0) throw new AppError('invalid_state', 'No post of this round has a free seat left; there is nothing to follow up').because('follow_up_no_seats');
  if (talentRows.length === 0)
    throw new AppError('invalid_state', 'Every talent of this round is placed or no longer seeking; there is nothing to follow up').because('follow_up_no_talents');

  const now = deps.now();
  const newRoundId = newId();
  // Created as a draft, filled, then opened in the same write unit; the "one follow-up" rule is
  // re-checked inside it (the insert selects nothing if another follow-up appeared meanwhile, and
  // every later statement is conditional on the new round being there).
  const { created } = await writeUnit(deps.database, now)
    .add(
      'created',
      sql`INSERT INTO rounds (id, name, department_user_id, region_code, status, weights, reserve_policy, choices_close_on, follows_round_id, created_at, updated_at)
        SELECT ${newRoundId}, ${`${round.name}（补录）`.slice(0, 100)}, ${me.id}, ${round.region_code}, 'draft', ${round.weights}, ${round.reserve_policy}, ${choicesCloseOn}, ${id}, ${now}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM rounds WHERE follows_round_id = ${id})`.compile(db),
    )
    .addAll(repo.replacePositionsQueries(deps.database, newRoundId, positionRows))
    .add(repo.bumpRevisionIf(deps.database, newRoundId, ['draft', 'collecting'], now))
    .addAll(repo.replaceTalentsQueries(deps.database, newRoundId, talentRows))
    .add(repo.bumpRevisionIf(deps.database, newRoundId, ['draft', 'collecting'], now))
    .addAll(followUpNoticeQueries(deps.database, newRoundId, now))
    .add(repo.updateRoundIf(deps.database, newRoundId, ['draft'], { status: 'collecting', updated_at: now }))
    .commit();
  if (created.numAffectedRows !== 1) throw new AppError('invalid_state', 'This round already has a follow-up round').because('follow_up_exists');
  return getRound(deps, me, newRoundId);
}

export interface FillRateDto {
  /** The main round first, then each follow-up in order. */
  rounds: { id: string; name: string; status: RoundStatus; seats: number; filled: number }[];
  /** Seats of the main round (what the follow-ups try to fill). */
  seats: number;
  /** Seats filled by the main round and its follow-ups together: proposals of their last runs that
   * neither side declined. */
  filled: number;
  fillRate: number | null;
}

/** Fill rate across a main round and its follow-ups (department in scope); `id` may be any round of
 * the chain. */
export async function fillRate(deps: AppDeps, user: SessionUser | null, id: string): Promise<FillRateDto> {
  const me = requireRole(user, 'department', 'admin');
  let round = await repo.findRoundRow(deps.database, id);
  if (!round || !canAdminister(me, round.region_code)) throw notFound('Round');
  for (let guard = 0; round.follows_round_id && guard < 50; guard++) {
    const parent = await repo.findRoundRow(deps.database, round.follows_round_id);
    if (!parent) break;
    round = parent;
  }
  const chain = [round];
  for (let guard = 0; guard < 50; guard++) {
    const next = await deps.database.db
      .selectFrom('rounds')
      .selectAll()
      .where('follows_round_id', '=', chain[chain.length - 1].id)
      .executeTakeFirst();
    if (!next) break;
    chain.push(next);
  }
  const rows = await Promise.all(
    chain.map(async (r) => {
      const agg = await deps.database.db
        .selectFrom('round_positions')
        .select([
          sql<number>`COALESCE(SUM(COALESCE(run_seats, seats)), 0)`.as('seats'),
          sql<number>`(SELECT COUNT(*) FROM round_proposals x WHERE x.round_id = ${r.id}
            AND COALESCE(x.talent_response, '') <> 'declined' AND COALESCE(x.employer_response, '') <> 'declined')`.as('filled'),
        ])
        .where('round_id', '=', r.id)
        .executeTakeFirstOrThrow();
      return { id: r.id, name: r.name, status: r.status, seats: Number(agg.seats), filled: Number(agg.filled) };
    }),
  );
  const seats = rows[0].seats;
  const filled = rows.reduce((a, r) => a + r.filled, 0);
  return { rounds: rows, seats, filled, fillRate: seats > 0 ? Math.round((filled / seats) * 1000) / 1000 : null };
}
