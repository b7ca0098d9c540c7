// Frozen inputs of a round (issue #13 item 1). The first run reads the live registry once — the
// talents' profiles, their agreements, their placements (history), the posts' requirements and free
// seats — and stores exactly what the matching core is given beside the round's rows:
//   round_talents.input    JSON array         (MatchTalent without its id: talentInputJson below)
//   round_positions.input  JSON PositionInput (MatchPosition without its id, plus the round's seats
//                                             and the post's free seats at snapshot time)
//   rounds.input_settings  JSON { weights (resolved), reservePolicy }
// Every later run, explanation and page reads these. Only "refresh inputs" (before publication)
// reads the registry again, as a new snapshot version with an audit record.
import { sql, type CompiledQuery } from 'kysely';
import type { AppDeps } from '../lib/context';
import type { Database } from '../lib/database';
import { chinaToday } from '../lib/dates';
import { toMatchPosition, toMatchTalent } from '../recommendations';
import { explainPair, MatchContext, resolveWeights, scorePair, type MatchHistory, type MatchPosition, type MatchTalent, type ReservePolicy, type Weights } from '../matching';
import * as repo from './rounds.repository';
import * as runRepo from './rounds.run.repository';
import type { StoredFactor, StoredRefusal } from './rounds.explanations';
import type { RoundStatus } from './rounds.schemas';

export type TalentInput = Omit<MatchTalent, 'id'>;
export type PositionInput = Omit<MatchPosition, 'id'> & { roundSeats: number; roundReserved: number; freeSeats: number };
export interface RoundSettings {
  weights: Weights;
  reservePolicy: ReservePolicy;
}

export interface RoundInputs {
  talents: MatchTalent[];
  positions: (MatchPosition & { roundSeats: number; roundReserved: number; freeSeats: number })[];
  settings: RoundSettings;
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

/** Reads the live registry: what the round would be run on now. */
export async function loadLiveInputs(deps: AppDeps, round: { id: string; weights: string; reserve_policy: ReservePolicy }): Promise<RoundInputs> {
  const { database } = deps;
  const today = chinaToday(deps.now());
  const [positionRows, talentRows, historyRows] = await Promise.all([
    runRepo.loadRunPositions(database, round.id),
    runRepo.loadRunTalents(database, round.id),
    runRepo.loadRunHistories(database, round.id),
  ]);
  const histories = new Map<string, { employerIds: string[]; internshipEmployerIds: string[]; positionKinds: string[] }>();
  for (const r of historyRows) {
    let h = histories.get(r.talent_id);
    if (!h) histories.set(r.talent_id, (h = { employerIds: [], internshipEmployerIds: [], positionKinds: [] }));
    const list = r.kind === 'internship' ? h.internshipEmployerIds : h.employerIds;
    if (!list.includes(r.employer_id)) list.push(r.employer_id);
    if (r.position_kind && !h.positionKinds.includes(r.position_kind)) h.positionKinds.push(r.position_kind);
  }
  // Sorted so a snapshot does not depend on the order rows came back in.
  for (const h of histories.values()) h.employerIds.sort(), h.internshipEmployerIds.sort(), h.positionKinds.sort();
  const talents = talentRows.map((t) =>
    toMatchTalent(t, {
      directed: t.agreement_id && t.target_region_code ? { targetRegionCode: t.target_region_code, targetEmployerId: t.target_employer_id } : null,
      history: (histories.get(t.id) as MatchHistory | undefined) ?? undefined,
    }),
  );
  const positions = positionRows.map((p) => {
    const seats = Math.max(0, Math.min(p.round_seats, p.free_seats));
    const mp = toMatchPosition({ ...p, reserved_seats: Math.min(p.round_reserved, seats) }, seats, p.status === 'open' && p.closes_on >= today);
    return { ...mp, roundSeats: p.round_seats, roundReserved: p.round_reserved, freeSeats: Math.max(0, p.free_seats) };
  });
  return { talents, positions, settings: { weights: resolveWeights(weightOverrides(round.weights)), reservePolicy: round.reserve_policy } };
}

const withoutId = <T extends { id: string }>(x: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = x;
  return rest;
};

/** A post's input as stored (its JSON without the id). */
export const inputJson = <T extends { id: string }>(x: T): string => JSON.stringify(withoutId(x));

/**
 * A talent's input as stored: an array, about half the bytes of the object (a 50,000-talent round
 * writes and reads 50,000 of them):
 *   [educationLevel, qualificationLevel, serviceAreas, languages, regionCode, preferredRegions,
 *    directed: [targetRegionCode, targetEmployerId] | null, [employerIds, internshipEmployerIds, positionKinds]]
 * Snapshots taken before hold the TalentInput object; talentFromInput reads both.
 */
export function talentInputJson(t: MatchTalent): string {
  const h = t.history;
  const directed = t.directed ? [t.directed.targetRegionCode, t.directed.targetEmployerId] : null;
  return JSON.stringify([
    t.educationLevel,
    t.qualificationLevel,
    t.serviceAreas,
    t.languages,
    t.regionCode,
    t.preferredRegions,
    directed,
    [h.employerIds, h.internshipEmployerIds, h.positionKinds],
  ]);
}

/** The talent `id` of a stored input (talentInputJson, or the object of earlier snapshots). */
export function talentFromInput(id: string, text: string): MatchTalent {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) return { id, ...(v as TalentInput) };
  const [educationLevel, qualificationLevel, serviceAreas, languages, regionCode, preferredRegions, d, h] = v as [
    string | null,
    string | null,
    string[],
    string[],
    string | null,
    string[],
    [string, string | null] | null,
    [string[], string[], string[]],
  ];
  return {
    id,
    educationLevel,
    qualificationLevel,
    serviceAreas,
    languages,
    regionCode,
    preferredRegions,
    directed: d ? { targetRegionCode: d[0], targetEmployerId: d[1] } : null,
    history: { employerIds: h[0], internshipEmployerIds: h[1], positionKinds: h[2] },
  };
}

/** Snapshot rows as stored: [id, input]. */
export function snapshotRows(inputs: RoundInputs): { talents: string[]; positions: string[]; settings: string } {
  return {
    // The input is the row's second element as JSON, not as a string holding JSON (no second
    // stringify and unescape); json_extract gives its text back exactly as it went in.
    talents: inputs.talents.map((t) => `[${JSON.stringify(t.id)},${talentInputJson(t)}]`),
    positions: inputs.positions.map((p) => `[${JSON.stringify(p.id)},${inputJson(p)}]`),
    settings: JSON.stringify(inputs.settings),
  };
}

/** Reads the stored snapshot; null when the round has none yet. */
export async function loadSnapshot(database: Database, roundId: string): Promise<RoundInputs | null> {
  const round = await database.db.selectFrom('rounds').select(['input_settings', 'inputs_version']).where('id', '=', roundId).executeTakeFirst();
  if (!round || round.inputs_version === 0 || !round.input_settings) return null;
  const [talentRows, positionRows] = await Promise.all([
    database.db.selectFrom('round_talents').select(['talent_id', 'input']).where('round_id', '=', roundId).execute(),
    database.db.selectFrom('round_positions').select(['position_id', 'input']).where('round_id', '=', roundId).execute(),
  ]);
  // A row without input joined after the snapshot cannot happen (inputs are frozen), so treat it as corrupt.
  if (talentRows.some((r) => !r.input) || positionRows.some((r) => !r.input)) throw new Error(`round ${roundId}: snapshot incomplete`);
  const settings = JSON.parse(round.input_settings) as RoundSettings;
  return {
    talents: talentRows.map((r) => talentFromInput(r.talent_id, r.input!)),
    positions: positionRows.map((r) => ({ id: r.position_id, ...(JSON.parse(r.input!) as PositionInput) })),
    settings: { weights: resolveWeights(settings.weights), reservePolicy: settings.reservePolicy ?? 'reserved_first' },
  };
}

/**
 * Stores a snapshot (version `version`), every statement conditional on the round still being in
 * `statuses` at `revision` (so it is a no-op if the round moved on). Does not end with the rounds
 * update: callers add the statement that sets inputs_version and checks it counted.
 */
export function snapshotQueries(
  database: Database,
  e: { roundId: string; revision: number; statuses: readonly RoundStatus[]; rows: ReturnType<typeof snapshotRows> },
): CompiledQuery[] {
  const runnable = repo.roundIn(e.roundId, e.statuses, e.revision);
  const q: CompiledQuery[] = [];
  for (const chunk of repo.jsonChunks(e.rows.talents)) {
    q.push(
      sql`INSERT INTO round_talents (round_id, talent_id, input)
          SELECT ${e.roundId}, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${chunk}) WHERE ${runnable}
          ON CONFLICT (round_id, talent_id) DO UPDATE SET input = excluded.input`.compile(database.db),
    );
  }
  for (const chunk of repo.jsonChunks(e.rows.positions)) {
    q.push(
      sql`INSERT INTO round_positions (round_id, position_id, seats, input)
          SELECT ${e.roundId}, json_extract(value, '$[0]'), 1, json_extract(value, '$[1]') FROM json_each(${chunk}) WHERE ${runnable}
          ON CONFLICT (round_id, position_id) DO UPDATE SET input = excluded.input`.compile(database.db),
    );
  }
  return q;
}

/** What a proposal's breakdown is derived from (rounds.repository.ts breakdownInputs). */
export interface BreakdownInputs {
  talent_id: string;
  position_id: string;
  talent_input: string | null;
  position_input: string | null;
  /** The round's settings, null unless its result was computed from the current snapshot. */
  result_settings: string | null;
}

/**
 * A proposal's score breakdown. A run does not store it: it is a function of the frozen inputs, so
 * it is derived here from the talent's and the post's snapshot and the round's weights, exactly as
 * the run scored the pair (src/matching explainPair). `stored` is the breakdown of a run stored
 * before that, used as it is. Empty when the result is not current (inputs refreshed after the run:
 * the breakdown of the new inputs would not be the one the result was computed from).
 */
export function proposalBreakdown(stored: StoredFactor[], r: BreakdownInputs): StoredFactor[] {
  if (stored.length > 0 || !r.talent_input || !r.position_input || !r.result_settings) return stored;
  const settings = JSON.parse(r.result_settings) as RoundSettings;
  const talent = talentFromInput(r.talent_id, r.talent_input);
  const position: MatchPosition = { id: r.position_id, ...(JSON.parse(r.position_input) as PositionInput) };
  return scorePair(talent, position, resolveWeights(settings.weights)).breakdown.map((f) => ({ factor: f.factor, points: f.points, detail: f.detail }));
}

/**
 * Score breakdowns of refusals that name a score against a cut-off (full, reserved), derived like a
 * proposal's (proposalBreakdown): from the round's frozen inputs of the talent and the refusing post
 * and its weights, only while the result is current. Sets `breakdown` on each such refusal whose
 * points add up to its stored score; leaves the others without. Reads one round's inputs in three
 * queries (the talents and posts the lists name); the run itself stores no breakdown.
 */
export async function addRefusalBreakdowns(database: Database, lists: { roundId: string; talentId?: string; above: StoredRefusal[] | null | undefined }[]): Promise<void> {
  const byRound = new Map<string, { talentId: string; refusals: StoredRefusal[] }[]>();
  for (const l of lists) {
    const refusals = (l.above ?? []).filter((r) => (r.reason === 'full' || r.reason === 'reserved') && r.positionId && typeof r.score === 'number');
    if (!l.talentId || refusals.length === 0) continue;
    let g = byRound.get(l.roundId);
    if (!g) byRound.set(l.roundId, (g = []));
    g.push({ talentId: l.talentId, refusals });
  }
  await Promise.all(
    [...byRound].map(async ([roundId, group]) => {
      const talentIds = [...new Set(group.map((x) => x.talentId))];
      const positionIds = [...new Set(group.flatMap((x) => x.refusals.map((r) => r.positionId)))];
      const [settingsRow, talentRows, positionRows] = await Promise.all([
        database.db.selectFrom('rounds').select('input_settings').where('id', '=', roundId).whereRef('run_inputs_version', '=', 'inputs_version').executeTakeFirst(),
        database.db.selectFrom('round_talents').select(['talent_id', 'input']).where('round_id', '=', roundId).where(repo.inIds('talent_id', talentIds)).execute(),
        database.db.selectFrom('round_positions').select(['position_id', 'input']).where('round_id', '=', roundId).where(repo.inIds('position_id', positionIds)).execute(),
      ]);
      if (!settingsRow?.input_settings) return;
      const ctx = new MatchContext(resolveWeights((JSON.parse(settingsRow.input_settings) as RoundSettings).weights));
      const talents = new Map(talentRows.filter((r) => r.input).map((r) => [r.talent_id, ctx.talent(talentFromInput(r.talent_id, r.input!))]));
      const positions = new Map(positionRows.filter((r) => r.input).map((r) => [r.position_id, ctx.position({ id: r.position_id, ...(JSON.parse(r.input!) as PositionInput) })]));
      for (const { talentId, refusals } of group) {
        const talent = talents.get(talentId);
        if (!talent) continue;
        for (const r of refusals) {
          const position = positions.get(r.positionId);
          if (!position) continue;
          const pair = explainPair(ctx, talent, position);
          if (pair.score === r.score) r.breakdown = pair.breakdown.map((f) => ({ factor: f.factor, points: f.points, detail: f.detail }));
        }
      }
    }),
  );
}

/** How many talents and posts have different inputs in `b` than in `a` (for the audit record). */
export function changedCounts(a: RoundInputs, b: RoundInputs): { talents: number; positions: number; settings: boolean } {
  const ra = snapshotRows(a);
  const rb = snapshotRows(b);
  const diff = (x: string[], y: string[]) => {
    const set = new Set(x);
    return y.filter((r) => !set.has(r)).length;
  };
  return { talents: diff(ra.talents, rb.talents), positions: diff(ra.positions, rb.positions), settings: ra.settings !== rb.settings };
}
