// Invitations (issue #11 §5): from the candidates page or talent search, an employer invites a
// talent to apply to one of its posts. Who may do what:
//   employer — verified, for its own post that takes applications today, a talent open to employers
//              and looking (available or soon); once per talent and post; at most
//              INVITATION_LIMITS.perEmployerPerDay a day. Lists the invitations it sent.
//   graduate — lists the invitations they received (the page offers "apply" on each).
// The talent is notified with the post's link in the invitation's write.
import { sql } from 'kysely';
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldIssueAt } from '../lib/errors';
import { newId } from '../lib/ids';
import { SEEKING } from './applications.states';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { isUniqueViolation } from '../lib/database';
import { writeUnit } from '../lib/write-unit';
import { assertVerified, findEmployerByUser } from '../employers';
import { findPositionById } from '../positions';
import { notificationRows } from '../notifications';
import * as repo from './applications.invitations.repository';
import { applicationExists, findTalentIdByUser } from './applications.repository';
import { INVITATION_LIMITS, type InvitationDto, type InvitationListFilters, type InviteData } from './applications.schemas';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (path: string, code: Parameters<typeof fieldIssueAt>[1], params?: Parameters<typeof fieldIssueAt>[2]) => [fieldIssueAt(path, code, params)];

/** The start of the China day of `now` (UTC+8, no daylight saving). */
const dayStart = (now: number) => Date.parse(`${chinaToday(now)}T00:00:00+08:00`);

function toDto(r: repo.InvitationRow, today: string): InvitationDto {
  return {
    id: r.id,
    createdAt: iso(r.created_at),
    position: {
      id: r.position_id,
      title: r.position_title,
      regionName: r.region_name,
      employerName: r.employer_name,
      takesApplications: r.position_status === 'open' && r.opens_on <= today && r.closes_on >= today,
    },
    talent: { id: r.talent_id, name: r.talent_name },
    applicationId: r.application_id,
  };
}

export async function invite(deps: AppDeps, user: SessionUser | null, input: InviteData): Promise<InvitationDto> {
  const me = requireRole(user, 'employer');
  const { database } = deps;
  const employer = await findEmployerByUser(database, me.id);
  if (!employer) throw new AppError('forbidden', 'Register your organisation first');
  assertVerified(employer.status, 'invite talents');
  // Another employer's post is reported as unknown, like one that does not exist.
  const position = await findPositionById(database, input.positionId);
  if (!position || position.employer_id !== employer.id) throw new AppError('not_found', 'Position not found', at('positionId', 'no_position_of_employer'));
  const now = deps.now();
  const today = chinaToday(now);
  if (position.status !== 'open' || today < position.opens_on || today > position.closes_on) {
    throw new AppError('invalid_state', 'The position does not take applications today', at('positionId', 'position_not_open_today'));
  }
  // A talent who does not share the profile with employers is unknown to them.
  const talent = await repo.findTalentForInvitation(database, input.talentId);
  if (talent?.visibility !== 'employers') throw new AppError('not_found', 'Talent not found', at('talentId', 'no_talent'));
  if (!SEEKING.includes(talent.availability)) throw new AppError('invalid_state', 'The talent is not looking for a post', at('talentId', 'talent_not_seeking'));
  if (await applicationExists(database, position.id, talent.id)) throw new AppError('conflict', 'The talent already applied to this position', at('talentId', 'already_applied'));
  const duplicate = () => new AppError('conflict', 'The talent is already invited to this position', at('talentId', 'already_invited'));
  if (await repo.invitationExists(database, position.id, talent.id)) throw duplicate();
  const perDay = INVITATION_LIMITS.perEmployerPerDay;
  const limited = () => new AppError('rate_limited', `At most ${perDay} invitations a day`, at('talentId', 'invitations_per_day', { n: perDay }));
  const since = dayStart(now);
  if ((await repo.countSince(database, employer.id, since)) >= perDay) throw limited();
  const id = newId();
  const notice = talent.user_id
    ? await notificationRows(
        deps,
        {
          userId: talent.user_id,
          kind: 'invitation',
          params: { employer: employer.name, position: position.title, region: position.region_name },
          link: `/positions/${position.id}`,
        },
        now,
        sql<boolean>`EXISTS (SELECT 1 FROM invitations WHERE id = ${id})`,
      )
    : [];
  let inserted: number | bigint;
  try {
    const r = await writeUnit(database, now)
      .add(
        'invitation',
        repo.insertInvitationIf(database, { id, employerId: employer.id, positionId: position.id, talentId: talent.id, invitedBy: me.id, now, today, since, perDay }),
      )
      .addAll(notice)
      .changes('notifications', 'mail_outbox')
      .commit();
    inserted = r.invitation.numAffectedRows;
  } catch (err) {
    if (isUniqueViolation(err, 'invitations.')) throw duplicate();
    throw err;
  }
  if (Number(inserted) === 0) {
    if ((await repo.countSince(database, employer.id, since)) >= perDay) throw limited();
    throw new AppError('invalid_state', 'The position, the talent or your organisation changed meanwhile; load them again');
  }
  const row = await repo.findInvitation(database, id);
  return toDto(row!, today);
}

/** The graduate's invitations, or the employer's (optionally for one post), newest first. */
export async function listInvitations(deps: AppDeps, user: SessionUser | null, filters: InvitationListFilters = {}): Promise<{ items: InvitationDto[] }> {
  const me = requireRole(user, 'graduate', 'employer');
  const { database } = deps;
  const today = chinaToday(deps.now());
  if (me.role === 'graduate') {
    const talentId = await findTalentIdByUser(database, me.id);
    if (!talentId) return { items: [] };
    return { items: (await repo.listInvitations(database, { talentId }, INVITATION_LIMITS.list)).map((r) => toDto(r, today)) };
  }
  const employer = await findEmployerByUser(database, me.id);
  if (!employer) return { items: [] };
  const rows = await repo.listInvitations(database, { employerId: employer.id, positionId: filters.positionId }, INVITATION_LIMITS.list);
  return { items: rows.map((r) => toDto(r, today)) };
}

/** For the invite forms (candidates, talent search): the verified employer's posts that take
 * applications today, and the talent+post pairs it invited already. Nothing for anyone else. */
/** A post the employer may invite to, as a choice list names it: the title, the place (the region's
 * own name) and the closing date, so that posts with one title can be told apart. */
export interface InvitablePosition {
  id: string;
  title: string;
  regionName: string;
  closesOn: string;
}

export async function invitationChoices(deps: AppDeps, user: SessionUser | null): Promise<{ positions: InvitablePosition[]; invited: Set<string> }> {
  const none = { positions: [], invited: new Set<string>() };
  if (user?.role !== 'employer') return none;
  const employer = await findEmployerByUser(deps.database, user.id);
  if (employer?.status !== 'verified') return none;
  const [positions, sent] = await Promise.all([
    repo.invitablePositions(deps.database, employer.id, chinaToday(deps.now()), INVITATION_LIMITS.positionsOffered),
    repo.listInvitations(deps.database, { employerId: employer.id }, INVITATION_LIMITS.list),
  ]);
  return {
    positions: positions.map((p) => ({ id: p.id, title: p.title, regionName: p.region_name, closesOn: p.closes_on })),
    invited: new Set(sent.map((r) => `${r.talent_id}:${r.position_id}`)),
  };
}
