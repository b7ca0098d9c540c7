// The independent check of a round file (docs/round-file.md): recompute the matching from the file
// alone — no database — and compare it with the outcome the file records. Pure (zod and the
// matching core only), so the CLI and tests call it directly.
import { z } from 'zod';
import { RESERVE_POLICIES, runRound, type MatchPosition, type MatchTalent } from '../matching';

export const ROUND_FILE_FORMAT = 'shegong-round-file';
export const ROUND_FILE_VERSION = 1;
/** Limits while reading a file: the largest round is 100,000 talents (MAX_ROUND_MEMBERS). */
export const MAX_FILE_TALENTS = 100_000;
export const MAX_FILE_POSITIONS = 100_000;

const Str = z.string().max(64);
const Codes = z.array(Str).max(50);
const Weights = z.record(Str, z.number().min(0).max(1000));

const PositionSchema = z.object({
  id: Str,
  employerId: Str,
  kind: Str,
  regionCode: Str,
  seats: z.number().int().min(0),
  reservedSeats: z.number().int().min(0),
  minEducation: Str.nullable(),
  minQualification: Str.nullable(),
  serviceAreas: Codes,
  languages: Codes,
  open: z.boolean(),
});
const TalentSchema = z.object({
  id: Str,
  educationLevel: Str.nullable(),
  qualificationLevel: Str.nullable(),
  serviceAreas: Codes,
  languages: Codes,
  regionCode: Str.nullable(),
  preferredRegions: Codes,
  directed: z.object({ targetRegionCode: Str, targetEmployerId: Str.nullable().optional() }).nullable(),
  history: z.object({ employerIds: Codes, positionKinds: Codes, internshipEmployerIds: Codes }),
  list: z.array(Str).max(30).nullable(),
  /** 服从调剂 (absent in files written before it existed). */
  adjustRegionCode: Str.nullable().optional(),
});
const PinSchema = z.object({ talent: Str, position: Str });
const ProposalSchema = z.object({ talent: Str, position: Str, seat: z.enum(['reserved', 'general']), score: z.number() });

export const RoundFileSchema = z.object({
  format: z.literal(ROUND_FILE_FORMAT),
  version: z.literal(ROUND_FILE_VERSION),
  round: z.looseObject({ id: Str, resultDigest: z.string().nullable() }),
  settings: z.object({ weights: Weights, reservePolicy: z.enum(RESERVE_POLICIES), derivedListLength: z.number().int().min(0).max(30) }),
  positions: z.array(PositionSchema).max(MAX_FILE_POSITIONS),
  talents: z.array(TalentSchema).max(MAX_FILE_TALENTS),
  pins: z.array(PinSchema).max(MAX_FILE_TALENTS).optional(),
  outcome: z.object({ proposals: z.array(ProposalSchema).max(MAX_FILE_TALENTS) }),
});
export type RoundFileData = z.infer<typeof RoundFileSchema>;

export interface Verification {
  agrees: boolean;
  talents: number;
  positions: number;
  proposals: number;
  /** At most 20, in talent order. */
  differences: string[];
  differenceCount: number;
}

/** Recomputes the round in `file` and compares proposals (talent, post, seat, score). Throws a
 * RangeError naming the first problem when the file does not follow the format. */
export function verifyRoundFile(file: unknown): Verification {
  const parsed = RoundFileSchema.safeParse(file);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new RangeError(`not a round file: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  const f = parsed.data;
  const rankings = new Map<string, string[]>();
  const adjustments = new Map<string, string>();
  for (const t of f.talents) {
    if (t.list !== null) rankings.set(t.id, t.list);
    if (t.adjustRegionCode) adjustments.set(t.id, t.adjustRegionCode);
  }
  const pins = new Map<string, string>();
  for (const p of f.pins ?? []) {
    if (pins.has(p.talent)) throw new RangeError(`not a round file: pins: talent ${p.talent} is pinned twice`);
    pins.set(p.talent, p.position);
  }
  const talents: MatchTalent[] = f.talents.map(({ list: _list, adjustRegionCode: _adjust, ...t }) => t);
  const positions: MatchPosition[] = f.positions;
  let result: ReturnType<typeof runRound>;
  try {
    result = runRound({
      talents,
      positions,
      weights: f.settings.weights,
      rankings,
      reservePolicy: f.settings.reservePolicy,
      derivedListLength: f.settings.derivedListLength,
      adjustments,
      pins,
    });
  } catch (err) {
    // A pin the file's own inputs do not allow: the file cannot be recomputed.
    if (err instanceof RangeError && err.message.startsWith('pin:')) throw new RangeError(`not a round file: pins: ${err.message.slice(5)}`);
    throw err;
  }

  const recorded = new Map<string, RoundFileData['outcome']['proposals'][number]>();
  const differences: string[] = [];
  let differenceCount = 0;
  const differ = (text: string) => {
    differenceCount++;
    if (differences.length < 20) differences.push(text);
  };
  for (const p of f.outcome.proposals) {
    if (recorded.has(p.talent)) differ(`talent ${p.talent}: more than one proposal in the file`);
    recorded.set(p.talent, p);
  }
  const known = new Set(f.talents.map((t) => t.id));
  for (const id of recorded.keys()) if (!known.has(id)) differ(`talent ${id}: proposal for a talent not in the file`);
  for (const t of result.talents) {
    const r = recorded.get(t.talentId);
    const computed = t.positionId === null ? 'no post' : `${t.positionId} (${t.seat}, score ${t.score})`;
    const inFile = r ? `${r.position} (${r.seat}, score ${r.score})` : 'no post';
    if (computed !== inFile) differ(`talent ${t.talentId}: file says ${inFile}, recomputed ${computed}`);
  }
  return { agrees: differenceCount === 0, talents: f.talents.length, positions: f.positions.length, proposals: f.outcome.proposals.length, differences, differenceCount };
}
