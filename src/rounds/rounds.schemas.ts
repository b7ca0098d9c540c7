// Placement round schemas (request bodies, queries, DTOs), shared by the JSON API and the web pages.
import { z } from '@hono/zod-openapi';
import { fieldIssue } from '../lib/field-codes';
import { requiredText } from '../lib/text';
import { PageQuery, pageOf } from '../lib/openapi';
import { REGION_CODE_PATTERN } from '../lib/regions-range';
import { DEFAULT_WEIGHTS, RESERVE_POLICIES, type Weights } from '../matching';

export const ROUND_STATUSES = ['draft', 'collecting', 'run', 'published', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
/** Inputs (positions, talents, settings) change only in these statuses. */
export const EDITABLE_STATUSES: readonly RoundStatus[] = ['draft', 'collecting'];
/** A round runs (or re-runs, replacing the last result) only in these statuses. */
export const RUNNABLE_STATUSES: readonly RoundStatus[] = ['draft', 'collecting', 'run'];

/** Ranked choices per talent (same bound as the round_choices.rank CHECK and MAX_LIST_LENGTH). */
export const MAX_CHOICES = 30;
/** Largest explicit lists one request may carry (the API body is limited to 256 KB anyway). */
export const MAX_ROUND_POSITIONS = 10_000;
export const MAX_ROUND_TALENTS = 10_000;
/** Talents in a round once the bulk options (awaiting placement, seeking) are added: a provincial
 * round at NRMP scale has 50,000 (test/bench/rounds.ts). */
export const MAX_ROUND_MEMBERS = 100_000;
/** A weight is a number of points; a round may not make one factor dwarf the others absurdly. */
export const MAX_WEIGHT = 1000;

const Id = z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters');
const IsoDate = z.iso.date('must be a date YYYY-MM-DD');
const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'must be a region code of 2, 4, 6 or 9 digits');

const weight = z.number('must be a number').min(0, 'must not be negative').max(MAX_WEIGHT, `must be at most ${MAX_WEIGHT}`);
const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[];

export const WeightsInput = z
  .strictObject(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, weight.optional()])) as Record<keyof Weights, z.ZodOptional<typeof weight>>)
  .openapi('RoundWeightsInput', {
    description: `Overrides of the scoring weights (points); any key left out keeps its default: ${JSON.stringify(DEFAULT_WEIGHTS)}`,
  });
export type WeightsInputData = Partial<Weights>;

const ReservePolicyInput = z.enum(RESERVE_POLICIES, `must be one of ${RESERVE_POLICIES.join(', ')}`).openapi({
  description:
    'How reserved seats meet general seats (default reserved_first). reserved_first: the best directed applicants take the reserved seats, then everyone competes for the general seats. general_first: general seats go on merit first, then reserved seats to the remaining directed applicants. Unused reserved seats revert to everyone in both.',
});

export const CreateRoundBody = z
  .object({
    name: requiredText(100).openapi({ example: '2026 年呼和浩特市社区工作者统一匹配' }),
    regionCode: RegionCode.optional().openapi({ description: "Inside the department's region; defaults to the department's own region", example: '1501' }),
    weights: WeightsInput.optional(),
    reservePolicy: ReservePolicyInput.optional(),
    choicesCloseOn: IsoDate.nullable().optional().openapi({ description: 'Last day (China) talents may submit choices', example: '2026-07-15' }),
  })
  .openapi('CreateRoundRequest');
export type CreateRoundData = z.infer<typeof CreateRoundBody>;

export const UpdateRoundBody = z
  .object({
    name: requiredText(100).optional(),
    weights: WeightsInput.nullable().optional().openapi({ description: 'Replaces the overrides (null: back to the defaults)' }),
    reservePolicy: ReservePolicyInput.optional(),
    choicesCloseOn: IsoDate.nullable().optional(),
  })
  .openapi('UpdateRoundRequest');
export type UpdateRoundData = z.infer<typeof UpdateRoundBody>;

export const RoundPositionInput = z.object({
  positionId: Id,
  seats: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').optional().openapi({ description: "Defaults to the position's free seats" }),
  reservedSeats: z
    .number('must be a number')
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .optional()
    .openapi({ description: "Seats reserved for directed graduates; defaults to the position's, capped by seats" }),
});

export const SetRoundPositionsBody = z
  .object({
    positions: z.array(RoundPositionInput).max(MAX_ROUND_POSITIONS, `must have at most ${MAX_ROUND_POSITIONS} items`).default([]),
    includeAllOpen: z
      .boolean('must be true or false')
      .default(false)
      .openapi({ description: "Also every open position in the round's region with a free seat (seats = free seats); explicit entries win" }),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.positions.forEach((p, i) => {
      if (seen.has(p.positionId)) ctx.addIssue(fieldIssue('position_twice', undefined, ['positions', i, 'positionId']));
      seen.add(p.positionId);
      if (p.seats !== undefined && p.reservedSeats !== undefined && p.reservedSeats > p.seats) {
        ctx.addIssue(fieldIssue('not_more_than_seats', undefined, ['positions', i, 'reservedSeats']));
      }
    });
  })
  .openapi('SetRoundPositionsRequest');
export type SetRoundPositionsData = z.input<typeof SetRoundPositionsBody>;

export const SetRoundTalentsBody = z
  .object({
    talentIds: z.array(Id).max(MAX_ROUND_TALENTS, `must have at most ${MAX_ROUND_TALENTS} items`).default([]),
    includeAwaitingPlacement: z
      .boolean('must be true or false')
      .default(false)
      .openapi({ description: "Also every talent with a directed-training agreement awaiting placement whose target region lies in the round's region" }),
    includeSeeking: z.boolean('must be true or false').default(false).openapi({
      description:
        "Also every talent living in the round's region who is seeking a post (availability available or later) and not currently employed (no employment placement without an end date)",
    }),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.talentIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue(fieldIssue('duplicate', undefined, ['talentIds', i]));
      seen.add(id);
    });
  })
  .openapi('SetRoundTalentsRequest');
export type SetRoundTalentsData = z.input<typeof SetRoundTalentsBody>;

export const ChoicesBody = z
  .object({
    positionIds: z
      .array(Id)
      .min(1, 'must list at least 1 position')
      .max(MAX_CHOICES, `must list at most ${MAX_CHOICES} positions`)
      .openapi({ description: 'Positions of the round, most preferred first' }),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.positionIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue(fieldIssue('position_twice', undefined, ['positionIds', i]));
      seen.add(id);
    });
  })
  .openapi('RoundChoicesRequest');
export type ChoicesData = z.infer<typeof ChoicesBody>;

/** Running before the choice deadline ends choice-filling early: the caller says so (issue 11 §6). */
export const RunRoundBody = z
  .object({
    confirmEarly: z
      .boolean()
      .optional()
      .openapi({ description: 'Required (true) while choices are still open (draft or collecting, on or before choicesCloseOn); otherwise ignored' }),
  })
  .openapi('RoundRunRequest');
export type RunRoundData = z.infer<typeof RunRoundBody>;

export const FollowUpBody = z
  .object({
    choicesCloseOn: IsoDate.nullable().optional().openapi({
      description: "Last day (China) talents of the follow-up round may submit choices, today or later; as a round's choicesCloseOn (none when left out)",
      example: '2026-08-15',
    }),
  })
  .openapi('FollowUpRequest');
export type FollowUpData = z.infer<typeof FollowUpBody>;

export const ResponseBody = z.object({ decision: z.enum(['accept', 'decline'], 'must be accept or decline') }).openapi('ProposalResponseRequest');
export type Decision = z.infer<typeof ResponseBody>['decision'];

export const RoundListQuery = PageQuery.extend({ status: z.enum(ROUND_STATUSES).optional() });
export type RoundListFilters = z.infer<typeof RoundListQuery>;

export const RoundTalentsQuery = PageQuery.extend({
  outcome: z.enum(['assigned', 'unassigned']).optional().openapi({ description: 'After a run: only talents with / without a proposal' }),
  directed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type RoundTalentFilters = z.infer<typeof RoundTalentsQuery>;

export const PROPOSAL_STATES = ['pending', 'placed', 'declined'] as const;
export const ProposalListQuery = PageQuery.extend({
  state: z.enum(PROPOSAL_STATES).optional(),
  roundId: Id.optional(),
});
export type ProposalListFilters = z.infer<typeof ProposalListQuery>;

export const RoundProposalsQuery = PageQuery.extend({
  positionId: Id.optional(),
  state: z.enum(PROPOSAL_STATES).optional(),
});
export type RoundProposalFilters = z.infer<typeof RoundProposalsQuery>;

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k2m4q7x9p3r5t6v8' }),
});

// ---- DTOs ----

const FactorSchema = z
  .object({ factor: z.string(), points: z.number(), detail: z.string() })
  .openapi('RoundFactor', { description: 'Points of one scoring factor; the breakdown sums to the score' });

export const RefusalSchema = z
  .object({
    positionId: z.string(),
    positionTitle: z.string().nullable(),
    employerName: z.string().nullable().openapi({ description: 'Employer of the post (titles repeat across employers)' }),
    regionName: z.string().nullable().openapi({ description: 'Full name of the region of the post' }),
    rank: z.number().int().openapi({ description: "Place in the talent's list (0 = first choice)" }),
    reason: z.enum(['not_in_round', 'ineligible', 'full', 'reserved']),
    score: z.number().optional().openapi({ description: "The talent's score at this post" }),
    ineligible: z.array(z.string()).optional().openapi({ description: 'Hard constraints failed (reason ineligible)' }),
    cutoff: z.number().nullable().optional().openapi({ description: 'Lowest score holding a general seat (what had to be beaten)' }),
    reservedCutoff: z.number().optional().openapi({ description: 'Directed talents: lowest score holding a reserved seat' }),
    tie: z.boolean().optional().openapi({ description: 'Equal to the cut-off: lost on the tie-break (directed first, then smaller talent id)' }),
    comparedFor: z
      .array(z.enum(['reserved', 'general']))
      .optional()
      .openapi({ description: 'Reasons full and reserved: the seat types the talent was compared for (directed talents at posts with reserved seats: both)' }),
    breakdown: z.array(FactorSchema).optional().openapi({
      description:
        "Reasons full and reserved: the talent's score at this post per factor, derived from the round's frozen inputs like a proposal's (absent when the inputs were refreshed after the run)",
    }),
  })
  .openapi('RoundRefusal', { description: 'Why a post the talent ranked above their outcome did not take them' });
export type RefusalDto = z.infer<typeof RefusalSchema>;

export const RoundCountsSchema = z
  .object({
    positions: z.number().int(),
    seats: z.number().int(),
    reservedSeats: z.number().int(),
    talents: z.number().int(),
    directedTalents: z.number().int(),
    talentsWithChoices: z.number().int(),
    runSeats: z.number().int().nullable().openapi({
      description:
        "Seats the last run could fill: each post's seats capped by its free seats when the inputs were frozen (what the report, fill rate and run statistics count); null before a run or while the result is not shown. Fewer than seats when posts were filled outside the round, or had seats taken away, after they were set",
    }),
    runReservedSeats: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Reserved seats of the last run (capped by runSeats per post); null like runSeats, and once the inputs were refreshed after the run' }),
  })
  .openapi('RoundCounts');

export const RunTimingsSchema = z
  .object({
    loadMs: z.number(),
    buildMs: z.number().openapi({ description: 'Lists built and scored (buildRound)' }),
    matchMs: z.number().openapi({ description: 'Deferred acceptance (solveRound): the matching core' }),
    explainMs: z.number(),
    storeMs: z.number(),
    totalMs: z.number(),
  })
  .openapi('RoundRunTimings');
export type RunTimings = z.infer<typeof RunTimingsSchema>;

export const RoundStatsSchema = z
  .object({
    talents: z.number().int(),
    directedTalents: z.number().int(),
    positions: z.number().int(),
    seats: z.number().int(),
    reservedSeats: z.number().int(),
    listEntries: z.number().int(),
    pairsScored: z.number().int(),
    proposals: z.number().int().openapi({ description: 'Proposals made inside deferred acceptance (not the stored offers)' }),
    matched: z.number().int(),
    matchedDirected: z.number().int(),
    reservedFilled: z.number().int(),
    unfilledSeats: z.number().int(),
    timings: RunTimingsSchema,
  })
  .openapi('RoundRunStats');
export type RoundRunStats = z.infer<typeof RoundStatsSchema>;

export const RoundSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    status: z.enum(ROUND_STATUSES),
    weights: z.record(z.string(), z.number()).openapi({ description: 'Effective weights (defaults with the overrides applied)' }),
    weightOverrides: z.record(z.string(), z.number()),
    reservePolicy: z.enum(RESERVE_POLICIES),
    inputs: z
      .object({
        version: z.number().int().openapi({ description: '0 before the first run; each snapshot (first run, refresh) adds one' }),
        takenAt: z.string().nullable(),
        resultCurrent: z.boolean().openapi({ description: 'The stored result was computed from the current snapshot (required to publish)' }),
      })
      .openapi({ description: "The round's frozen inputs" }),
    followsRoundId: z.string().nullable().openapi({ description: 'The published round this follow-up round (补录) fills seats for' }),
    choicesCloseOn: z.string().nullable(),
    departmentUserId: z.string(),
    counts: RoundCountsSchema,
    runAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    resultDigest: z.string().nullable().openapi({ description: 'SHA-256 of the canonical result; identical inputs give the identical digest' }),
    stats: RoundStatsSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Round');
export type RoundDto = z.infer<typeof RoundSchema>;

export const RoundPage = pageOf(RoundSchema, 'RoundPage');

export const RoundPositionSchema = z
  .object({
    positionId: z.string(),
    title: z.string(),
    kind: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    seats: z.number().int(),
    reservedSeats: z.number().int(),
    open: z.boolean().openapi({ description: 'The position is still open (closed posts take nobody in a run)' }),
    shrunkSeats: z
      .number()
      .int()
      .openapi({ description: "Seats of the round taken since it opened by hires outside it (the round's seats, or the snapshot's free seats, less the free seats now)" }),
    result: z
      .object({
        seats: z.number().int().openapi({ description: 'Seats the run used (round seats capped by the free seats at run time)' }),
        filled: z.number().int(),
        reservedFilled: z.number().int(),
        cutoff: z.number().nullable().openapi({ description: 'Lowest held score when full, null when a seat is left' }),
        generalCutoff: z.number().nullable(),
        reservedCutoff: z.number().nullable(),
      })
      .nullable()
      .openapi({ description: 'After a run (departments), or once published (talents)' }),
  })
  .openapi('RoundPosition');
export type RoundPositionDto = z.infer<typeof RoundPositionSchema>;
export const RoundPositionPage = pageOf(RoundPositionSchema, 'RoundPositionPage');

export const HolderSchema = z
  .object({
    proposalId: z.string(),
    talentId: z.string(),
    talentName: z.string(),
    directed: z.boolean(),
    score: z.number(),
    seat: z.enum(['reserved', 'general']),
    state: z.enum(PROPOSAL_STATES),
  })
  .openapi('RoundHolder');

export const RoundResultPositionSchema = RoundPositionSchema.extend({ holders: z.array(HolderSchema) }).openapi('RoundResultPosition');
export const RoundResultSchema = z
  .object({
    round: RoundSchema,
    positions: pageOf(RoundResultPositionSchema, 'RoundResultPositionPage'),
  })
  .openapi('RoundResult');
export type RoundResultDto = z.infer<typeof RoundResultSchema>;

/** 服从调剂 of a talent in a run: the region, and where its posts start in the talent's list. */
export const AdjustmentUsedSchema = z
  .object({ regionCode: z.string(), regionName: z.string().nullable(), from: z.number().int().openapi({ description: 'Index in the list where the posts of 服从调剂 start' }) })
  .openapi('RoundAdjustmentUsed');

/** How the talent came to the post, beyond their own list (issue #13 items 5 and 6). */
const arrangement = {
  pinned: z.string().nullable().openapi({ description: 'Pinned to the post before the matching: the department’s reason (rank is null then)' }),
  adjustment: AdjustmentUsedSchema.nullable(),
  viaAdjustment: z.boolean().openapi({ description: 'Placed through 服从调剂 (经服从调剂分配)' }),
};

export const ProposalOutcomeSchema = z
  .object({
    proposalId: z.string(),
    positionId: z.string(),
    positionTitle: z.string(),
    employerName: z.string(),
    score: z.number(),
    seat: z.enum(['reserved', 'general']),
    rank: z.number().int().nullable().openapi({ description: "Place of the post in the talent's list (0 = first choice; null when pinned)" }),
    breakdown: z.array(FactorSchema),
    state: z.enum(PROPOSAL_STATES),
    ...arrangement,
  })
  .openapi('RoundProposalOutcome');

export const RoundTalentSchema = z
  .object({
    talentId: z.string(),
    name: z.string(),
    regionCode: z.string().nullable(),
    directed: z.boolean().openapi({ description: 'Has a directed-training agreement recorded for this round' }),
    agreementId: z.string().nullable(),
    choices: z.number().int().openapi({ description: 'Ranked choices submitted (0: the list is derived from scores)' }),
    listSource: z.enum(['submitted', 'derived']).nullable(),
    proposal: ProposalOutcomeSchema.nullable(),
    unassignedReason: z.enum(['empty_list', 'no_eligible_position', 'none_eligible', 'all_refused']).nullable(),
    above: z.array(RefusalSchema).openapi({ description: 'Posts ranked above the outcome (the whole list when unassigned) and why each refused' }),
    adjustment: AdjustmentUsedSchema.nullable().openapi({ description: 'After a run: the 服从调剂 the talent chose, if any' }),
  })
  .openapi('RoundTalent');
export type RoundTalentDto = z.infer<typeof RoundTalentSchema>;
export const RoundTalentPage = pageOf(RoundTalentSchema, 'RoundTalentPage');

export const RunResultSchema = z.object({ round: RoundSchema, digest: z.string(), stats: RoundStatsSchema }).openapi('RoundRun');
export type RunResultDto = z.infer<typeof RunResultSchema>;

export const ChoicesSchema = z
  .object({
    roundId: z.string(),
    positions: z.array(z.object({ rank: z.number().int(), positionId: z.string(), title: z.string(), employerName: z.string() })),
    editable: z.boolean().openapi({ description: 'The round is collecting choices and the closing day has not passed' }),
  })
  .openapi('RoundChoices');
export type ChoicesDto = z.infer<typeof ChoicesSchema>;

export const TalentRoundSchema = z
  .object({
    round: RoundSchema,
    choices: z.number().int(),
    proposal: z.object({ id: z.string(), positionId: z.string(), positionTitle: z.string(), state: z.enum(PROPOSAL_STATES) }).nullable(),
    unassignedReason: z.string().nullable().openapi({ description: 'Once published, if no proposal: why' }),
    listSource: z.enum(['submitted', 'derived']).nullable().openapi({ description: 'Once published: whether the list the round used was submitted or derived from scores' }),
    above: z
      .array(RefusalSchema)
      .openapi({ description: 'Once published, if no proposal: each post of their list and why it did not take them (with a proposal: see the proposal)' }),
  })
  .openapi('TalentRound');
export type TalentRoundDto = z.infer<typeof TalentRoundSchema>;
export const TalentRoundPage = pageOf(TalentRoundSchema, 'TalentRoundPage');

export const ProposalSchema = z
  .object({
    id: z.string(),
    round: z.object({ id: z.string(), name: z.string(), status: z.enum(ROUND_STATUSES) }),
    position: z.object({ id: z.string(), title: z.string(), kind: z.string(), regionCode: z.string() }),
    employer: z.object({ id: z.string(), name: z.string() }),
    talent: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable().openapi({ description: 'Masked for employers' }) }).openapi('ProposalTalent'),
    score: z.number(),
    seat: z.enum(['reserved', 'general']),
    breakdown: z.array(FactorSchema),
    rank: z.number().int().nullable().openapi({ description: "Place of the post in the talent's list (the talent and departments only)" }),
    above: z.array(RefusalSchema).nullable().openapi({ description: 'Posts the talent ranked higher and why they refused (the talent and departments only)' }),
    ...arrangement,
    talentResponse: z.enum(['accepted', 'declined']).nullable(),
    employerResponse: z.enum(['accepted', 'declined']).nullable(),
    state: z.enum(PROPOSAL_STATES),
    placementId: z.string().nullable(),
    respondable: z.boolean().openapi({ description: 'The caller may still accept or decline' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('RoundProposal');
export type ProposalDto = z.infer<typeof ProposalSchema>;
export const ProposalPage = pageOf(ProposalSchema, 'RoundProposalPage');
