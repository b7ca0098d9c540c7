// Proposal queries of rounds (split from rounds.repository.ts): proposals with the names pages
// show, and one side's response as one atomic write.
import { sql, type CompiledQuery, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import { newId } from '../lib/ids';
import { startServiceQueries } from '../placements';
import { breakdownInputs, proposalState } from './rounds.repository';

function proposalsWithNames(database: Database) {
  return database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('rounds as r', 'r.id', 'rp.round_id')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('talents as t', 't.id', 'rp.talent_id')
    .selectAll('rp')
    .select([
      'r.name as round_name',
      'r.status as round_status',
      'r.region_code as round_region_code',
      'p.title as position_title',
      'p.kind as position_kind',
      'p.region_code as position_region_code',
      'p.employer_id',
      'e.name as employer_name',
      'e.user_id as employer_user_id',
      't.name as talent_name',
      't.phone as talent_phone',
      't.user_id as talent_user_id',
      ...breakdownInputs(),
      proposalState('rp').as('state'),
    ]);
}

export type ProposalRow = NonNullable<Awaited<ReturnType<ReturnType<typeof proposalsWithNames>['executeTakeFirst']>>>;

export async function findProposal(database: Database, id: string): Promise<ProposalRow | undefined> {
  return proposalsWithNames(database).where('rp.id', '=', id).executeTakeFirst();
}

export interface ProposalScope {
  talentId?: string;
  employerUserId?: string;
  roundId?: string;
  /** Only rounds that are published or closed. */
  publishedOnly: boolean;
}

export async function listProposals(
  database: Database,
  scope: ProposalScope,
  f: { state?: 'pending' | 'placed' | 'declined'; roundId?: string; positionId?: string; page: number; pageSize: number },
): Promise<{ items: ProposalRow[]; total: number }> {
  const where = (eb: any): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (scope.talentId) c.push(eb('rp.talent_id', '=', scope.talentId));
    if (scope.employerUserId) c.push(eb('e.user_id', '=', scope.employerUserId));
    if (scope.roundId) c.push(eb('rp.round_id', '=', scope.roundId));
    if (scope.publishedOnly) c.push(eb('r.status', 'in', ['published', 'closed']));
    if (f.roundId) c.push(eb('rp.round_id', '=', f.roundId));
    if (f.positionId) c.push(eb('rp.position_id', '=', f.positionId));
    if (f.state) c.push(eb(proposalState('rp'), '=', f.state));
    return eb.and(c);
  };
  const count = database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('rounds as r', 'r.id', 'rp.round_id')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where);
  const page = proposalsWithNames(database)
    .where(where)
    .orderBy('r.published_at', 'desc')
    .orderBy('rp.position_id')
    .orderBy('rp.position_rank')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [counted, items] = await Promise.all([count.executeTakeFirstOrThrow(), page.execute()]);
  return { items, total: Number(counted.n) };
}

type Response = { proposalId: string; side: 'talent' | 'employer'; response: 'accepted' | 'declined'; actorUserId: string; today: string; now: number };

/**
 * One side's response to a proposal is one write unit:
 *   1. the response (respondIf; check its numAffectedRows), only if that side has not responded,
 *      the other side has not declined, no placement exists and the round is published;
 *   after an acceptance, placeIfBothAcceptedQueries:
 *   2. when both sides have now accepted: the placement (source 'round', source_id the proposal,
 *      kind employment, starting today), serving the talent's agreement awaiting placement whose
 *      target region contains the post and whose graduation year has come (the agreement recorded
 *      for the round first);
 *   3. the proposal points at that placement;
 *   4. that agreement moves awaiting_placement → serving with its history row (placements helper).
 * Steps 2–4 are conditional in SQL, so they do nothing unless both have accepted.
 */
export function respondIf(database: Database, e: Response): CompiledQuery {
  const mine = e.side === 'talent' ? ('talent_response' as const) : ('employer_response' as const);
  const theirs = e.side === 'talent' ? ('employer_response' as const) : ('talent_response' as const);
  return database.db
    .updateTable('round_proposals')
    .set(e.side === 'talent' ? { talent_response: e.response, updated_at: e.now } : { employer_response: e.response, updated_at: e.now })
    .where('id', '=', e.proposalId)
    .where(mine, 'is', null)
    .where((eb) => eb.or([eb(theirs, 'is', null), eb(theirs, '=', 'accepted')]))
    .where('placement_id', 'is', null)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM rounds r WHERE r.id = round_proposals.round_id AND r.status = 'published')`)
    .compile();
}

/** Steps 2–4 of a response (see respondIf), after an acceptance in the same unit. */
export function placeIfBothAcceptedQueries(database: Database, e: Response, placementId = newId()): CompiledQuery[] {
  const insert = sql`INSERT OR IGNORE INTO placements (id, talent_id, employer_id, position_id, kind, start_on, source, source_id, agreement_id, created_by, created_at, updated_at)
    SELECT ${placementId}, rp.talent_id, p.employer_id, p.id, 'employment', ${e.today}, 'round', rp.id,
      (SELECT ag.id FROM agreements ag
         LEFT JOIN round_talents rt ON rt.round_id = rp.round_id AND rt.talent_id = rp.talent_id
        WHERE ag.talent_id = rp.talent_id AND ag.status = 'awaiting_placement'
          -- Service follows the training: a placement before the graduation year serves no agreement
          -- yet (the rule of a hire from an application, src/placements).
          AND ag.graduation_year <= ${Number(e.today.slice(0, 4))}
          AND substr(p.region_code, 1, length(ag.target_region_code)) = ag.target_region_code
        ORDER BY (ag.id = rt.agreement_id) DESC, ag.signed_on, ag.id LIMIT 1),
      ${e.actorUserId}, ${e.now}, ${e.now}
    FROM round_proposals rp JOIN positions p ON p.id = rp.position_id
    WHERE rp.id = ${e.proposalId} AND rp.talent_response = 'accepted' AND rp.employer_response = 'accepted' AND rp.placement_id IS NULL`.compile(database.db);
  const link = sql`UPDATE round_proposals SET placement_id = ${placementId}
    WHERE id = ${e.proposalId} AND placement_id IS NULL AND EXISTS (SELECT 1 FROM placements WHERE id = ${placementId})`.compile(database.db);
  return [insert, link, ...startServiceQueries(database, { placementId, actorUserId: e.actorUserId, now: e.now, note: `round proposal ${e.proposalId}` })];
}
