// Who hears about a round (issue #11 §2): at publication each talent of the round learns their
// proposal or that there is none, and each employer how many proposals its posts have; a response
// to a proposal tells the other side. The rows join the write unit of the publication or response,
// on the condition that it was written (src/notifications).
import { sql, type CompiledQuery } from 'kysely';
import type { AppDeps } from '../lib/context';
import { notificationRows, notificationRowsFrom } from '../notifications';

/** The notifications of a publication; `now` is the published_at the same unit writes. */
export async function publicationNotices(deps: AppDeps, roundId: string, now: number): Promise<CompiledQuery[]> {
  const published = sql<boolean>`EXISTS (SELECT 1 FROM rounds WHERE id = ${roundId} AND status = 'published' AND published_at = ${now})`;
  const proposed = sql`SELECT t.user_id AS user_id, json_object('round', r.name, 'position', p.title, 'employer', e.name) AS params, '/me/rounds' AS link
    FROM round_proposals rp
    JOIN talents t ON t.id = rp.talent_id
    JOIN rounds r ON r.id = rp.round_id
    JOIN positions p ON p.id = rp.position_id
    JOIN employers e ON e.id = p.employer_id
    WHERE rp.round_id = ${roundId}`;
  const unplaced = sql`SELECT t.user_id AS user_id, json_object('round', r.name) AS params, '/me/rounds' AS link
    FROM round_talents rt
    JOIN talents t ON t.id = rt.talent_id
    JOIN rounds r ON r.id = rt.round_id
    WHERE rt.round_id = ${roundId}
      AND NOT EXISTS (SELECT 1 FROM round_proposals rp WHERE rp.round_id = rt.round_id AND rp.talent_id = rt.talent_id)`;
  const employers = sql`SELECT e.user_id AS user_id, json_object('round', r.name, 'count', CAST(count(*) AS TEXT)) AS params, '/employer/proposals' AS link
    FROM round_proposals rp
    JOIN positions p ON p.id = rp.position_id
    JOIN employers e ON e.id = p.employer_id
    JOIN rounds r ON r.id = rp.round_id
    WHERE rp.round_id = ${roundId}
    GROUP BY e.id`;
  return [
    ...(await notificationRowsFrom(deps, 'round_proposal', proposed, now, published)),
    ...(await notificationRowsFrom(deps, 'round_unplaced', unplaced, now, published)),
    ...(await notificationRowsFrom(deps, 'round_employer', employers, now, published)),
  ];
}

export interface ResponseNotice {
  proposalId: string;
  side: 'talent' | 'employer';
  response: 'accepted' | 'declined';
  now: number;
}

/** The notification of a response for the other side, written when the response was. */
export async function responseNotice(deps: AppDeps, r: ResponseNotice): Promise<CompiledQuery[]> {
  const row = await deps.database.db
    .selectFrom('round_proposals as rp')
    .innerJoin('rounds as r', 'r.id', 'rp.round_id')
    .innerJoin('positions as p', 'p.id', 'rp.position_id')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .innerJoin('talents as t', 't.id', 'rp.talent_id')
    .select([
      'r.name as round',
      'p.title as position',
      'e.name as employer',
      'e.user_id as employerUser',
      't.user_id as talentUser',
      't.name as talent',
      'rp.talent_response',
      'rp.employer_response',
    ])
    .where('rp.id', '=', r.proposalId)
    .executeTakeFirst();
  const to = r.side === 'talent' ? row?.employerUser : row?.talentUser;
  if (!row || !to) return [];
  const theirs = r.side === 'talent' ? row.employer_response : row.talent_response;
  const column = r.side === 'talent' ? sql.ref('talent_response') : sql.ref('employer_response');
  const written = sql<boolean>`EXISTS (SELECT 1 FROM round_proposals WHERE id = ${r.proposalId} AND ${column} = ${r.response} AND updated_at = ${r.now})`;
  const params = {
    who: r.side === 'talent' ? row.talent : row.employer,
    response: r.response,
    round: row.round,
    position: row.position,
    placed: r.response === 'accepted' && theirs === 'accepted' ? '1' : '0',
  };
  const link = r.side === 'talent' ? '/employer/proposals' : '/me/rounds';
  return notificationRows(deps, { userId: to, kind: 'proposal_response', params, link }, r.now, written);
}
