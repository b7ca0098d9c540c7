// Pinned placements (issue #13 item 6). Before publication, the round's department (or an ancestor,
// or an admin) pins a talent of the round to a post of the round — e.g. the talent's agreement names
// the employer — with a reason the talent will read. The run seats every pin first (which seat:
// src/matching/extensions.ts) and matches everyone else on the seats left; the pinned talent's
// proposal says it was pinned and why. A pin is refused (422, the field and a stable first word
// from PIN_REFUSALS) when it breaks a hard constraint:
//   published              the round is published or closed
//   talent_not_in_round    the talent is not a talent of the round
//   position_not_in_round  the post is not a post of the round
//   already_pinned         the talent is pinned already (unpin first)
//   already_placed         the talent holds an employment placement that has not ended
//   ineligible             the talent fails a hard constraint of the post (the matching's own rules:
//                          open, education, qualification, languages, directed region/employer)
//   no_seat                every seat the post has in the round is pinned already
// Eligibility and seats are judged on the round's frozen inputs once it has run, else on the
// registry now (what the first run would freeze). Pins are inputs: a pin added or removed after a run
// means the round must run again before it can be published.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, type FieldParams, fieldError, notFound } from '../lib/errors';
import { writeUnit } from '../lib/write-unit';
import { scorePair } from '../matching';
import { departmentRound, iso } from './rounds.access';
import * as repo from './rounds.repository';
import * as pinsRepo from './rounds.extensions.repository';
import { loadLiveInputs, loadSnapshot } from './rounds.snapshot';
import type { PinData, PinDto, PinRefusal } from './rounds.extensions.schemas';

function refuse(field: string, code: PinRefusal, params?: FieldParams): AppError {
  return fieldError(field, `pin_${code}`, params);
}

const toDto = (r: pinsRepo.PinRow): PinDto => ({
  talentId: r.talent_id,
  talentName: r.talent_name,
  positionId: r.position_id,
  positionTitle: r.position_title,
  employerName: r.employer_name,
  reason: r.reason,
  createdAt: iso(r.created_at)!,
});

/** The round's pins (department in scope). */
export async function listPins(deps: AppDeps, user: SessionUser | null, roundId: string): Promise<{ items: PinDto[] }> {
  await departmentRound(deps, user, roundId);
  return { items: (await pinsRepo.listPins(deps.database, roundId)).map(toDto) };
}

/** Pins a talent of the round to a post of the round (see the refusals at the top of this file). */
export async function addPin(deps: AppDeps, user: SessionUser | null, roundId: string, input: PinData): Promise<PinDto> {
  const round = await departmentRound(deps, user, roundId);
  const { database } = deps;
  if (!pinsRepo.PIN_STATUSES.includes(round.status)) throw refuse('roundId', 'published', { status: round.status });
  if (!(await repo.isRoundTalent(database, roundId, input.talentId))) throw refuse('talentId', 'talent_not_in_round');
  if ((await repo.roundPositionsByIds(database, roundId, [input.positionId])).length === 0) throw refuse('positionId', 'position_not_in_round');
  const pins = await pinsRepo.loadPins(database, roundId);
  if (pins.has(input.talentId)) throw refuse('talentId', 'already_pinned');
  if (await pinsRepo.isEmployed(database, input.talentId)) throw refuse('talentId', 'already_placed');

  const inputs = (await loadSnapshot(database, roundId)) ?? (await loadLiveInputs(deps, round));
  const talent = inputs.talents.find((t) => t.id === input.talentId);
  const position = inputs.positions.find((p) => p.id === input.positionId);
  if (!talent) throw refuse('talentId', 'talent_not_in_round');
  if (!position) throw refuse('positionId', 'position_not_in_round');
  const pair = scorePair(talent, position, inputs.settings.weights);
  if (!pair.eligible) throw refuse('positionId', 'ineligible', { reasons: pair.reasons.join(', ') });
  const pinnedHere = [...pins.values()].filter((p) => p.positionId === input.positionId).length;
  if (pinnedHere >= position.seats) throw refuse('positionId', 'no_seat', { n: position.seats });

  const pin = { roundId, talentId: input.talentId, positionId: input.positionId, reason: input.reason, userId: user!.id, now: deps.now() };
  const { added } = await writeUnit(database, pin.now).add('added', pinsRepo.insertPinIf(database, pin)).add(pinsRepo.pinAdded(database, pin)).commit();
  if (added.numAffectedRows !== 1) {
    if ((await pinsRepo.loadPins(database, roundId)).has(input.talentId)) throw refuse('talentId', 'already_pinned');
    throw new AppError('invalid_state', 'The round changed meanwhile; load it again');
  }
  const row = (await pinsRepo.listPins(database, roundId)).find((r) => r.talent_id === input.talentId);
  return toDto(row!);
}

/** Removes the talent's pin (department in scope, before publication); 404 if there is none. */
export async function removePin(deps: AppDeps, user: SessionUser | null, roundId: string, talentId: string): Promise<{ items: PinDto[] }> {
  const round = await departmentRound(deps, user, roundId);
  if (!pinsRepo.PIN_STATUSES.includes(round.status)) throw refuse('roundId', 'published', { status: round.status });
  const now = deps.now();
  const { removed } = await writeUnit(deps.database, now)
    .add('removed', pinsRepo.deletePinIf(deps.database, roundId, talentId))
    .add(pinsRepo.pinsChanged(deps.database, roundId, now))
    .commit();
  if (removed.numAffectedRows !== 1) throw notFound('Pin');
  return listPins(deps, user, roundId);
}

/** Longest search text of the pin form, and how many options it offers. */
export const PIN_QUERY_MAX = 50;
const TALENT_OPTIONS = 20;
const POSITION_OPTIONS = 50;

/** What the pin form offers (department in scope): talents of the round not pinned yet, by name, and
 * posts of the round, by title or employer; each list filtered by its search text (may be empty). */
export async function pinOptions(deps: AppDeps, user: SessionUser | null, roundId: string, q: { talent: string; position: string }) {
  await departmentRound(deps, user, roundId);
  const [talents, positions] = await Promise.all([
    pinsRepo.pinnableTalents(deps.database, roundId, q.talent.trim().slice(0, PIN_QUERY_MAX), TALENT_OPTIONS),
    pinsRepo.pinnablePositions(deps.database, roundId, q.position.trim().slice(0, PIN_QUERY_MAX), POSITION_OPTIONS),
  ]);
  return {
    talents: talents.map((t) => ({ id: t.id, name: t.name, directed: t.agreement_id !== null })),
    positions: positions.map((p) => ({ id: p.id, title: p.title, employerName: p.employer_name, regionName: p.region_name, seats: p.seats })),
  };
}
