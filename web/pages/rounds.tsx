// Placement rounds (issue #4 part 5): the department creates a round for its region, sets its
// posts (seats, reserved seats) and talents, opens it for choices, runs it, inspects the result
// (per-post cut-offs and holders, per-talent outcome with the score breakdown and why not the posts
// ranked higher, unassigned with the reason) and publishes it after a confirmation. Talents rank up
// to 30 posts with plain selects and answer their proposal; employers answer the proposals for their
// posts. Every form calls the same service as the JSON API (src/rounds/rounds.service.ts).
import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';
import { POSITION_KINDS, label } from '../../src/lib/vocab';
import { DEFAULT_WEIGHTS } from '../../src/matching';
import { listOpenPositions } from '../../src/positions';
import { listTalents } from '../../src/talents';
import {
  CreateRoundBody,
  MAX_CHOICES,
  ProposalListQuery,
  ResponseBody,
  RoundListQuery,
  ROUND_STATUSES,
  SetRoundPositionsBody,
  SetRoundTalentsBody,
  UpdateRoundBody,
  ChoicesBody,
  EDITABLE_STATUSES,
  type ProposalDto,
  type RefusalDto,
  type RoundDto,
  type RoundPositionDto,
  type RoundResultDto,
  type RoundTalentDto,
  type TalentRoundDto,
} from '../../src/rounds';
import {
  closeRound,
  createRound,
  getMyChoices,
  getRound,
  getRoundResult,
  listEmployerProposals,
  listMyProposals,
  listMyRounds,
  listRoundPositions,
  listRoundTalents,
  listRounds,
  openRound,
  publishRound,
  respondToProposal,
  setRoundPositions,
  setRoundTalents,
  submitChoices,
  updateRound,
  withdrawChoices,
} from '../../src/rounds';
import { findOwnEmployer } from '../../src/employers';
import { ActionButton, Badge, ErrorSummary, Fact, Pager, SelectField, TextField, idOf, type Tone } from '../components';
import { list, num, optText, parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../forms';
import { fmt, type Lang, type Messages } from '../i18n';
import { roundsText, type RoundsText } from '../i18n/rounds';
import { type RecommendationsText } from '../i18n/recommendations';
import { day, page, render, requireRole, type WebContext } from '../page';
import { FlashNotice, ScopedRegionField, ownFlash, pick, redirectFlash, toQuery } from '../components/legacy';
import { AuditSections, ReservePolicyExplained, ReservePolicyField } from './rounds/audit';
import { AdjustmentForm, ArrangementNote, NoticeList, PinsSection, registerExtensionPages } from './rounds/extensions';
import { roundsExtensionsText } from '../i18n/rounds-extensions';
import { listPins, pinOptions } from '../../src/rounds';
import { getMyAdjustment } from '../../src/rounds';
import { myNotices } from '../../src/rounds';
import { roundsAuditText } from '../i18n/rounds-audit';
import { refreshInputs } from '../../src/rounds';
import { createFollowUp } from '../../src/rounds';
import { Breakdown, recommendationsTextOf, regionNamesOf } from '../components/legacy';
import { runRoundJob } from '../../src/rounds';

export const roundsPages = new Hono<AppEnv>();
roundsPages.use('/department/rounds', requireRole('department', 'admin'));
roundsPages.use('/department/rounds/*', requireRole('department', 'admin'));
roundsPages.use('/me/rounds', requireRole('graduate'));
roundsPages.use('/me/rounds/*', requireRole('graduate'));
roundsPages.use('/employer/proposals', requireRole('employer'));
roundsPages.use('/employer/proposals/*', requireRole('employer'));

const textOf = (lang: Lang): RoundsText => roundsText[lang];
const searchOf = (c: WebContext) => new URL(c.req.url).search;

const ROUND_TONES: Record<string, Tone> = { draft: 'neutral', collecting: 'info', run: 'warning', published: 'success', closed: 'neutral' };
const PROPOSAL_TONES: Record<string, Tone> = { pending: 'warning', placed: 'success', declined: 'danger' };
const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof typeof DEFAULT_WEIGHTS)[];

/** Fetches every page of a paged service (page size 100). */
async function everything<T>(fetchPage: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let p = 1; ; p++) {
    const r = await fetchPage(p);
    out.push(...r.items);
    if (r.items.length === 0 || out.length >= r.total) return out;
  }
}

/** An ISO instant as China time, YYYY-MM-DD HH:MM. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const pageNumber = (v: string | undefined) => Math.max(1, Math.min(10_000, Math.floor(Number(v)) || 1));

// ---------------------------------------------------------------- explanations

/** Why a post the talent ranked higher did not take them, in words. */
export function refusalText(x: RefusalDto, t: RoundsText, r: RecommendationsText, m: Messages): string {
  const score = x.score ?? 0;
  switch (x.reason) {
    case 'not_in_round':
      return t.refusals.not_in_round;
    case 'ineligible':
      return fmt(t.refusals.ineligible, { reasons: (x.ineligible ?? []).map((k) => r.reasons[k] ?? k).join(m.common.listSep) });
    case 'reserved':
      return fmt(t.refusals.reserved, { score });
    case 'full': {
      if (x.cutoff === null || x.cutoff === undefined) {
        const cutoff = x.reservedCutoff ?? 0;
        return fmt(x.tie ? t.refusals.reservedOnlyTie : t.refusals.reservedOnly, { score, cutoff });
      }
      const main = fmt(x.tie && score === x.cutoff ? t.refusals.fullTie : t.refusals.full, { score, cutoff: x.cutoff });
      return x.reservedCutoff !== undefined ? main + fmt(t.refusals.alsoReserved, { cutoff: x.reservedCutoff }) : main;
    }
    default:
      return x.reason;
  }
}

/** Why a talent got no post, in the words for their kind of list (submitted or derived). */
export function unassignedText(t: RoundsText, reason: string | null | undefined, listSource: string | null | undefined): string {
  if (!reason) return '';
  return (listSource === 'derived' ? t.unassignedDerived[reason] : undefined) ?? t.unassigned[reason] ?? reason;
}

/** adjustFrom: list entries from this index on came from 服从调剂 and are marked so. */
function Refusals({ above, t, r, m, adjustFrom, lang }: { above: RefusalDto[]; t: RoundsText; r: RecommendationsText; m: Messages; adjustFrom?: number; lang?: Lang }) {
  if (above.length === 0) return null;
  return (
    <ol class="reasons">
      {above.map((x) => (
        <li>
          <strong>{fmt(t.me.choiceN, { n: x.rank + 1 })}</strong>
          {adjustFrom !== undefined && x.rank >= adjustFrom && (
            <>
              {' '}
              <Badge tone="info">{roundsExtensionsText[lang ?? 'zh'].adjustedPart}</Badge>
            </>
          )}{' '}
          {t.postLine(x.positionTitle ?? x.positionId, x.employerName, x.regionName)}
          {t.labelSep}
          {refusalText(x, t, r, m)}
        </li>
      ))}
    </ol>
  );
}

function RoundNumbers({ round, t }: { round: RoundDto; t: RoundsText }) {
  const n = round.counts;
  const cells: [string, number][] = [
    [t.detail.numbers.positions, n.positions],
    [t.detail.numbers.seats, n.seats],
    [t.detail.numbers.reservedSeats, n.reservedSeats],
    [t.detail.numbers.talents, n.talents],
    [t.detail.numbers.directedTalents, n.directedTalents],
    [t.detail.numbers.talentsWithChoices, n.talentsWithChoices],
  ];
  return (
    <dl class="numbers">
      {cells.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function WeightFields({ t, values, errors, prefix }: { t: RoundsText; values?: FormValues; errors?: FormErrors; prefix: string }) {
  return (
    <div class="form-grid two">
      {WEIGHT_KEYS.map((k) => (
        <TextField
          name={`weights.${k}`}
          idPrefix={prefix}
          type="number"
          label={t.weights[k] ?? k}
          hint={fmt(t.list.defaultWeight, { n: DEFAULT_WEIGHTS[k] })}
          inputmode="numeric"
          min={0}
          max={1000}
          values={values}
          errors={errors}
        />
      ))}
    </div>
  );
}

/** Weight overrides from the form: only the filled-in ones. */
function weightsInput(f: FormValues): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const k of WEIGHT_KEYS) {
    const v = num(f, `weights.${k}`);
    if (v !== null) out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- department: list and create

async function roundsListPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const flash = ownFlash(c, t.flash);
  const raw = pick(c.req.query(), ['status', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, RoundListQuery, { ...raw, pageSize: '20' });
  const result = await listRounds(deps, user, filters);
  const values: FormValues = form ?? { regionCode: user!.region_code ?? '' };
  const opt = { values, errors, idPrefix: 'new' };
  const create = (
    <section class="card mt-24" id="new-round" aria-labelledby="new-round-title">
      <h2 id="new-round-title">{t.list.createTitle}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/department/rounds" novalidate>
        <div class="form-grid two">
          <TextField name="name" label={t.list.name} required maxlength={100} wide {...opt} />
          <ScopedRegionField c={c} name="regionCode" label={t.list.regionCode} hint={t.list.regionHint} {...opt} />
          <TextField name="choicesCloseOn" type="date" label={t.list.choicesCloseOn} {...opt} />
          <ReservePolicyField lang={lang} values={values} errors={errors} prefix="new" />
        </div>
        <details>
          <summary>{t.list.weightsTitle}</summary>
          <WeightFields t={t} values={values} errors={errors} prefix="new" />
        </details>
        <div class="form-actions">
          <button type="submit">{t.list.createButton}</button>
        </div>
      </form>
    </section>
  );
  return render(
    c,
    t.list.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head spread">
        <div>
          <h1>{t.list.title}</h1>
          <p>{t.list.lead}</p>
        </div>
        <a class="btn secondary" href="#new-round">
          {t.list.createTitle}
        </a>
      </div>
      {errors && create}
      <section class="card filters">
        <form method="get" action="/department/rounds">
          <div class="form-grid">
            <SelectField
              name="status"
              label={t.list.filterStatus}
              options={ROUND_STATUSES.map((s) => [s, t.statuses[s]] as [string, string])}
              empty={m.common.any}
              value={filters.status ?? ''}
              errors={filterErrors}
            />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
            </div>
          </div>
        </form>
      </section>
      {result.items.length === 0 ? (
        <div class="card empty">{t.list.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((r) => (
            <li class="record" id={`round-${r.id}`}>
              <div class="spread">
                <h3>
                  <a href={`/department/rounds/${r.id}`}>{r.name}</a>
                </h3>
                <Badge tone={ROUND_TONES[r.status]}>{t.statuses[r.status]}</Badge>
              </div>
              <p class="muted small">
                {r.regionName} · {fmt(t.list.counts, { positions: r.counts.positions, seats: r.counts.seats, reserved: r.counts.reservedSeats, talents: r.counts.talents })} ·{' '}
                {fmt(t.list.created, { date: day(r.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/rounds${toQuery({ status: filters.status, page: n })}`} m={m} />
      {!errors && create}
    </>,
    status,
    `/department/rounds${searchOf(c)}`,
  );
}

roundsPages.get('/department/rounds', (c) => roundsListPage(c));

roundsPages.post('/department/rounds', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const weights = weightsInput(form);
  const input = {
    name: text(form, 'name'),
    regionCode: optText(form, 'regionCode')?.trim() ?? undefined,
    choicesCloseOn: optText(form, 'choicesCloseOn'),
    weights: Object.keys(weights).length ? weights : undefined,
    reservePolicy: optText(form, 'reservePolicy') ?? undefined,
  };
  const out = await submit(m, CreateRoundBody, input, (d) => createRound(deps, user, d));
  if (!out.ok) return roundsListPage(c, form, out.errors, out.status);
  return redirectFlash(c, `/department/rounds/${out.value.id}`, 'roundCreated');
});

// ---------------------------------------------------------------- department: one round

interface Failure {
  /** Which form failed: its errors show there. */
  form: 'settings' | 'positions' | 'add-positions' | 'talents' | 'open' | 'run' | 'publish' | 'close' | 'refresh' | 'follow-up' | 'pins';
  errors: FormErrors;
  values?: FormValues;
}

function PositionOutcome({ p, t }: { p: RoundResultDto['positions']['items'][number]; t: RoundsText }) {
  const res = p.result;
  if (!res) return null;
  return (
    <div class="small">
      <p class="row my-4">
        <span>{fmt(t.detail.filled, { filled: res.filled, seats: res.seats })}</span>
        <span>
          {t.detail.cutoff}
          <strong class="score">{res.cutoff === null ? t.detail.noCutoff : res.cutoff}</strong>
        </span>
        {res.generalCutoff !== null && res.generalCutoff !== res.cutoff && <span>{fmt(t.detail.generalCutoff, { n: res.generalCutoff })}</span>}
        {res.reservedCutoff !== null && <span>{fmt(t.detail.reservedCutoff, { n: res.reservedCutoff })}</span>}
      </p>
      {p.holders.length === 0 ? (
        <p class="muted">{t.detail.noHolders}</p>
      ) : (
        <ol class="plain-list" aria-label={t.detail.holders}>
          {p.holders.map((h) => (
            <li>
              <span>
                {h.talentName} {h.directed && <Badge tone="info">{t.detail.directed}</Badge>} <span class="muted">{t.seatKinds[h.seat]}</span>
              </span>
              <span class="row">
                <span class="score">{h.score}</span>
                <Badge tone={PROPOSAL_TONES[h.state]}>{t.proposalStates[h.state]}</Badge>
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function SeatInput({ name, label: l, value, min, error }: { name: string; label: string; value: string; min: number; error?: string }) {
  const id = idOf(name, 'pos');
  return (
    <>
      <label for={id} class="visually-hidden">
        {l}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        inputmode="numeric"
        min={min}
        max={1000}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

function PositionsSection({
  round,
  positions,
  result,
  t,
  lang,
  failure,
  openToAdd,
}: {
  round: RoundDto;
  positions: RoundPositionDto[];
  result: RoundResultDto | null;
  t: RoundsText;
  lang: Lang;
  failure?: Failure;
  openToAdd: { id: string; title: string; employerName: string; seats: number }[];
}) {
  const editable = EDITABLE_STATUSES.includes(round.status);
  const base = `/department/rounds/${round.id}`;
  const errors = failure?.form === 'positions' ? failure.errors : undefined;
  const values = failure?.form === 'positions' ? failure.values : undefined;
  const byId = new Map((result?.positions.items ?? []).map((p) => [p.positionId, p]));
  return (
    <section class="card" id="positions" aria-labelledby="positions-title">
      <h2 id="positions-title">{editable ? t.detail.positionsTitle : t.detail.byPosition}</h2>
      {editable && <p class="muted">{t.detail.positionsLead}</p>}
      {failure?.form === 'positions' && <ErrorSummary errors={failure.errors} />}
      {positions.length === 0 ? (
        <p class="muted">{t.detail.noPositions}</p>
      ) : editable ? (
        <form method="post" action={`${base}/positions`} novalidate>
          <div class="table-wrap">
            <table class="seat-table">
              <thead>
                <tr>
                  <th scope="col">{t.detail.position}</th>
                  <th scope="col">{t.detail.seats}</th>
                  <th scope="col">{t.detail.reservedSeats}</th>
                  <th scope="col">{t.detail.remove}</th>
                </tr>
              </thead>
              <tbody>
                {positions.map((p) => {
                  const seats = values ? text(values, `seats.${p.positionId}`) : String(p.seats);
                  const reserved = values ? text(values, `reservedSeats.${p.positionId}`) : String(p.reservedSeats);
                  return (
                    <tr>
                      <td data-label={t.detail.position}>
                        <input type="hidden" name="positionId" value={p.positionId} />
                        <a href={`/positions/${p.positionId}`}>{p.title}</a>
                        {!p.open && <span class="muted">{t.detail.closed}</span>}
                        <br />
                        <span class="muted small">
                          {p.employerName} · {p.regionName}
                        </span>
                      </td>
                      <td data-label={t.detail.seats}>
                        <SeatInput name={`seats.${p.positionId}`} label={`${t.detail.seats} · ${p.title}`} value={seats} min={1} error={errors?.fields[`seats.${p.positionId}`]} />
                      </td>
                      <td data-label={t.detail.reservedSeats}>
                        <SeatInput
                          name={`reservedSeats.${p.positionId}`}
                          label={`${t.detail.reservedSeats} · ${p.title}`}
                          value={reserved}
                          min={0}
                          error={errors?.fields[`reservedSeats.${p.positionId}`]}
                        />
                      </td>
                      <td data-label={t.detail.remove}>
                        <label class="check">
                          <input type="checkbox" name="remove" value={p.positionId} />
                          <span>
                            {t.detail.remove}
                            <span class="visually-hidden"> · {p.title}</span>
                          </span>
                        </label>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="form-actions">
            <button type="submit" class="small">
              {t.detail.savePositions}
            </button>
          </div>
        </form>
      ) : (
        <ul class="records">
          {positions.map((p) => {
            const r = byId.get(p.positionId);
            return (
              <li class="record" id={`rp-${p.positionId}`}>
                <div class="spread">
                  <h3>
                    <a href={`/positions/${p.positionId}`}>{p.title}</a>
                  </h3>
                  <span class="muted small">{fmt(t.detail.seatsLine, { seats: p.seats, reserved: p.reservedSeats })}</span>
                </div>
                <p class="muted small">
                  {p.employerName} · {label(POSITION_KINDS, p.kind, lang)} · {p.regionName}
                </p>
                {r && <PositionOutcome p={r} t={t} />}
              </li>
            );
          })}
        </ul>
      )}
      {editable && (
        <div class="stack mt-16">
          <h3>{t.detail.addOpenTitle}</h3>
          {failure?.form === 'add-positions' && <ErrorSummary errors={failure.errors} />}
          {openToAdd.length === 0 ? (
            <p class="muted">{t.detail.noOpenToAdd}</p>
          ) : (
            <form method="post" action={`${base}/positions/add`}>
              <div class="checks">
                {openToAdd.map((p) => (
                  <label class="check">
                    <input type="checkbox" name="add" value={p.id} />
                    <span>
                      {p.title} <span class="muted small">{p.employerName}</span>
                    </span>
                  </label>
                ))}
              </div>
              <div class="form-actions">
                <button type="submit" class="small secondary">
                  {t.detail.addOpen}
                </button>
              </div>
            </form>
          )}
          <ActionButton action={`${base}/positions/add?all=1`} label={t.detail.includeAllOpen} tone="secondary" />
        </div>
      )}
    </section>
  );
}

function TalentRow({
  x,
  round,
  t,
  r,
  m,
  lang,
  regionNames,
}: {
  x: RoundTalentDto;
  round: RoundDto;
  t: RoundsText;
  r: RecommendationsText;
  m: Messages;
  lang: Lang;
  regionNames: Map<string, string>;
}) {
  const editable = EDITABLE_STATUSES.includes(round.status);
  const ran = !editable;
  const p = x.proposal;
  return (
    <li class="record" id={`rt-${x.talentId}`}>
      <div class="spread">
        <h3>
          {x.name} {x.directed && <Badge tone="info">{t.detail.directed}</Badge>}
        </h3>
        <span class="muted small">{x.choices > 0 ? t.detail.choices(x.choices) : ran ? t.detail.noChoicesRan : t.detail.noChoices}</span>
      </div>
      {ran && (
        <div class={`${p ? 'outcome ok' : 'outcome none'} mt-8`}>
          {p ? (
            <p>
              {p.rank === null
                ? fmt(roundsExtensionsText[lang].outcomePinned, { position: p.positionTitle, employer: p.employerName, seat: t.seatKinds[p.seat], score: p.score })
                : fmt(t.detail.outcomeAssigned, { rank: p.rank + 1, position: p.positionTitle, employer: p.employerName, seat: t.seatKinds[p.seat], score: p.score })}{' '}
              <Badge tone={PROPOSAL_TONES[p.state]}>{t.proposalStates[p.state]}</Badge>
            </p>
          ) : (
            <p>{fmt(t.detail.outcomeNone, { reason: unassignedText(t, x.unassignedReason, x.listSource) })}</p>
          )}
          <ArrangementNote a={p ?? { adjustment: x.adjustment }} lang={lang} department />
          {x.listSource && (
            <p class="muted small">
              {t.detail.listSource}
              {t.listSources[x.listSource]}
            </p>
          )}
          {p && (
            <details>
              <summary>{t.detail.scoreBreakdown}</summary>
              <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
            </details>
          )}
          {x.above.length > 0 && (
            <details open={!p}>
              <summary>{t.detail.whyNotAbove}</summary>
              <Refusals above={x.above} t={t} r={r} m={m} adjustFrom={x.adjustment?.from} lang={lang} />
            </details>
          )}
        </div>
      )}
      {editable && (
        <div class="actions">
          <form method="post" action={`/department/rounds/${round.id}/talents/remove`} class="inline">
            <input type="hidden" name="talentId" value={x.talentId} />
            <button type="submit" class="small danger">
              {t.detail.removeTalent}
              <span class="visually-hidden"> · {x.name}</span>
            </button>
          </form>
        </div>
      )}
    </li>
  );
}

async function roundPage(c: WebContext, id: string, failure?: Failure, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = recommendationsTextOf(lang);
  const flash = ownFlash(c, t.flash);
  const round = await getRound(deps, user, id);
  const editable = EDITABLE_STATUSES.includes(round.status);
  const ran = !editable;
  const q = c.req.query();
  const outcome = q.outcome === 'assigned' || q.outcome === 'unassigned' ? q.outcome : undefined;
  const tPage = pageNumber(q.tp);
  const pPage = pageNumber(q.pp);
  const pinQuery = { talent: (q.pinTalent ?? '').slice(0, 50), position: (q.pinPost ?? '').slice(0, 50) };
  const pinsOpen = editable || round.status === 'run';
  const [positionsPage, result, talents, pins, options] = await Promise.all([
    ran ? Promise.resolve(null) : listRoundPositions(deps, user, id, { page: pPage, pageSize: 50 }),
    ran ? getRoundResult(deps, user, id, { page: pPage, pageSize: 20 }) : Promise.resolve(null),
    listRoundTalents(deps, user, id, { page: tPage, pageSize: 20, outcome: ran ? outcome : undefined }),
    listPins(deps, user, id),
    pinsOpen ? pinOptions(deps, user, id, pinQuery) : Promise.resolve(null),
  ]);
  const positions: RoundPositionDto[] = result ? result.positions.items : (positionsPage?.items ?? []);
  // Open posts of the region not in the round yet (what "add" offers).
  let openToAdd: { id: string; title: string; employerName: string; seats: number }[] = [];
  if (editable) {
    const inRound = new Set((await everything((n) => listRoundPositions(deps, user, id, { page: n, pageSize: 100 }))).map((p) => p.positionId));
    const open = await listOpenPositions(deps, { regionCode: round.regionCode, page: 1, pageSize: 100 });
    openToAdd = open.items.filter((p) => !inRound.has(p.id)).map((p) => ({ id: p.id, title: p.title, employerName: p.employerName, seats: p.seats }));
  }
  const regionNames = await regionNamesOf(
    deps,
    talents.items.map((x) => x.proposal?.breakdown),
  );
  const base = `/department/rounds/${id}`;
  const find = (q.find ?? '').trim().slice(0, 50);
  const found = editable && find ? await run(m, () => listTalents(deps, user, { q: find, page: 1, pageSize: 10 })) : null;
  const errs = (form: Failure['form']) => (failure?.form === form ? failure.errors : undefined);
  const stats = round.stats;
  const settingsValues: FormValues =
    failure?.form === 'settings' && failure.values
      ? failure.values
      : {
          name: round.name,
          choicesCloseOn: round.choicesCloseOn ?? '',
          reservePolicy: round.reservePolicy,
          ...Object.fromEntries(Object.entries(round.weightOverrides).map(([k, v]) => [`weights.${k}`, String(v)])),
        };
  return render(
    c,
    round.name,
    <>
      <FlashNotice message={flash} />
      <nav class="breadcrumbs">
        <a href="/department/rounds">{t.detail.back}</a>
      </nav>
      <div class="page-head spread">
        <h1>{round.name}</h1>
        <Badge tone={ROUND_TONES[round.status]}>{t.statuses[round.status]}</Badge>
      </div>
      <section class="card" aria-labelledby="round-facts">
        <h2 id="round-facts" class="visually-hidden">
          {round.name}
        </h2>
        <dl class="facts mb-12">
          <Fact term={t.detail.region} wide>
            {round.regionName}
          </Fact>
          <Fact term={t.detail.choicesCloseOn}>{round.choicesCloseOn ?? t.detail.noDeadline}</Fact>
          {round.runAt && <Fact term={t.detail.runAt}>{chinaTime(round.runAt)}</Fact>}
          {round.publishedAt && <Fact term={t.detail.publishedAt}>{day(round.publishedAt)}</Fact>}
        </dl>
        <RoundNumbers round={round} t={t} />
        {editable && (
          <details open={failure?.form === 'settings'}>
            <summary>{m.common.edit}</summary>
            <ErrorSummary errors={errs('settings')} />
            <form method="post" action={`${base}/settings`} novalidate>
              <div class="form-grid two">
                <TextField name="name" idPrefix="set" label={t.list.name} required maxlength={100} values={settingsValues} errors={errs('settings')} />
                <TextField name="choicesCloseOn" idPrefix="set" type="date" label={t.list.choicesCloseOn} values={settingsValues} errors={errs('settings')} />
                <ReservePolicyField lang={lang} values={settingsValues} errors={errs('settings')} prefix="set" />
              </div>
              <h3>{t.list.weightsTitle}</h3>
              <WeightFields t={t} values={settingsValues} errors={errs('settings')} prefix="set" />
              <div class="form-actions">
                <button type="submit" class="small">
                  {m.common.save}
                </button>
              </div>
            </form>
          </details>
        )}
      </section>

      {ran && stats && (
        <section class="card" id="result" aria-labelledby="result-title">
          <h2 id="result-title">{t.detail.resultTitle}</h2>
          <p>
            {(roundsAuditText[lang] ?? roundsAuditText.zh).policyUsed}
            <a href="#reserve-policy">{(roundsAuditText[lang] ?? roundsAuditText.zh).policies[round.reservePolicy]}</a>
          </p>
          <p>{fmt(t.detail.statsLine, { matched: stats.matched, matchedDirected: stats.matchedDirected, reservedFilled: stats.reservedFilled, unfilled: stats.unfilledSeats })}</p>
          <details class="tech-info">
            <summary>{t.detail.techInfo}</summary>
            <p class="muted small">
              {fmt(t.detail.timings, {
                load: stats.timings.loadMs,
                build: stats.timings.buildMs,
                match: stats.timings.matchMs,
                explain: stats.timings.explainMs,
                store: stats.timings.storeMs,
                total: stats.timings.totalMs,
              })}
            </p>
          </details>
          {round.resultDigest && (
            <p class="muted small">
              {t.detail.digest}
              <span class="mono">{round.resultDigest.slice(0, 16)}</span> — {t.detail.digestHint}
            </p>
          )}
          <p class="small">
            <a href="#positions">{t.detail.byPosition}</a> · <a href="#talents">{t.detail.byTalent}</a>
          </p>
        </section>
      )}

      <PositionsSection round={round} positions={positions} result={result} t={t} lang={lang} failure={failure} openToAdd={openToAdd} />
      {(() => {
        const paged = result ? result.positions : positionsPage;
        return (
          paged && (
            <Pager
              page={paged.page}
              pageSize={paged.pageSize}
              total={paged.total}
              href={(n) => `${base}${toQuery({ outcome, tp: tPage > 1 ? tPage : undefined, pp: n })}#positions`}
              m={m}
            />
          )
        );
      })()}

      <section class="card" id="talents" aria-labelledby="talents-title">
        <h2 id="talents-title">{ran ? t.detail.byTalent : t.detail.talentsTitle}</h2>
        {!ran && <p class="muted">{t.detail.talentsLead}</p>}
        <ErrorSummary errors={errs('talents')} />
        {editable && (
          <div class="finder">
            <form method="get" action={`${base}#talents`} class="row">
              <TextField name="find" idPrefix="talent-find" type="search" label={m.department.nameQuery} maxlength={50} value={find} />
              <button type="submit" class="small secondary">
                {m.common.search}
              </button>
            </form>
            {found?.ok && found.value.items.length > 0 && (
              <ul class="finder-results">
                {found.value.items.map((x) => (
                  <li>
                    <span>
                      {x.name} <span class="muted small mono">{x.idNumberMasked ?? ''}</span>
                    </span>
                    <form method="post" action={`${base}/talents/add`} class="inline">
                      <input type="hidden" name="talentId" value={x.id} />
                      <button type="submit" class="small secondary">
                        {t.detail.addTalent}
                        <span class="visually-hidden"> · {x.name}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {found?.ok && found.value.items.length === 0 && <p class="muted small">{m.department.talentsEmpty}</p>}
            <div class="row mt-10">
              <ActionButton action={`${base}/talents/add?awaiting=1`} label={t.detail.includeAwaiting} tone="secondary" />
              <ActionButton action={`${base}/talents/add?seeking=1`} label={t.detail.includeSeeking} tone="secondary" />
            </div>
          </div>
        )}
        {ran && (
          <nav class="row mb-12" aria-label={t.detail.filterOutcome}>
            {(
              [
                [undefined, m.common.any],
                ['assigned', t.detail.assigned],
                ['unassigned', t.detail.unassignedFilter],
              ] as [string | undefined, string][]
            ).map(([v, l]) => (
              <a class={outcome === v ? 'btn small' : 'btn small secondary'} aria-current={outcome === v ? 'page' : undefined} href={`${base}${toQuery({ outcome: v })}#talents`}>
                {l}
              </a>
            ))}
          </nav>
        )}
        {talents.items.length === 0 ? (
          <p class="muted">{t.detail.noTalents}</p>
        ) : (
          <ul class="records">
            {talents.items.map((x) => (
              <TalentRow x={x} round={round} t={t} r={r} m={m} lang={lang} regionNames={regionNames} />
            ))}
          </ul>
        )}
        <Pager
          page={talents.page}
          pageSize={talents.pageSize}
          total={talents.total}
          href={(n) => `${base}${toQuery({ outcome, tp: n, pp: pPage > 1 ? pPage : undefined })}#talents`}
          m={m}
        />
      </section>

      {(pinsOpen || pins.items.length > 0) && (
        <PinsSection round={round} pins={pins.items} options={options} lang={lang} query={pinQuery} failure={failure?.form === 'pins' ? failure : undefined} />
      )}
      <ReservePolicyExplained round={round} lang={lang} />
      <AuditSections round={round} lang={lang} base={base} when={chinaTime} />
      {(errs('refresh') || errs('follow-up')) && <ErrorSummary errors={errs('refresh') ?? errs('follow-up')} />}

      {round.status === 'draft' && (
        <section class="card" id="open" aria-labelledby="open-title">
          <h2 id="open-title">{t.detail.openTitle}</h2>
          <p class="muted">{t.detail.openLead}</p>
          <ErrorSummary errors={errs('open')} />
          <ActionButton action={`${base}/open`} label={t.detail.openButton} />
        </section>
      )}

      {(editable || round.status === 'run') && (
        <section class="card" id="run" aria-labelledby="run-title">
          <h2 id="run-title">{t.detail.runTitle}</h2>
          <p class="muted">{t.detail.runLead}</p>
          <ErrorSummary errors={errs('run')} />
          <ActionButton action={`${base}/run`} label={round.status === 'run' ? t.detail.rerunButton : t.detail.runButton} tone={round.status === 'run' ? 'secondary' : undefined} />
        </section>
      )}

      {round.status === 'run' && (
        <section class="card" id="publish" aria-labelledby="publish-title">
          <h2 id="publish-title">{t.detail.publishTitle}</h2>
          <p class="muted">{t.detail.publishLead}</p>
          <ErrorSummary errors={errs('publish')} />
          <form method="post" action={`${base}/publish`} data-confirm={t.detail.publishDialog} class="stack">
            <label class="check" for="publish-confirm">
              <input
                type="checkbox"
                id="publish-confirm"
                name="confirm"
                value="yes"
                required
                aria-invalid={errs('publish')?.fields.confirm ? 'true' : undefined}
                aria-describedby={errs('publish')?.fields.confirm ? 'publish-confirm-error' : undefined}
              />
              <span>{t.detail.publishConfirm}</span>
            </label>
            {errs('publish')?.fields.confirm && (
              <p class="field-error" id="publish-confirm-error">
                {errs('publish')!.fields.confirm}
              </p>
            )}
            <div>
              <button type="submit">{t.detail.publishButton}</button>
            </div>
          </form>
        </section>
      )}

      {round.status === 'published' && (
        <section class="card" id="close" aria-labelledby="close-title">
          <h2 id="close-title">{t.detail.proposalsTitle}</h2>
          <p class="muted">{t.detail.publishedNote}</p>
          <ErrorSummary errors={errs('close')} />
          <ActionButton action={`${base}/close`} label={t.detail.closeButton} tone="danger" />
        </section>
      )}
    </>,
    status,
    `${base}${searchOf(c)}`,
  );
}

roundsPages.get('/department/rounds/:id', (c) => roundPage(c, c.req.param('id')));

roundsPages.post('/department/rounds/:id/settings', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const weights = weightsInput(form);
  const input = {
    name: text(form, 'name'),
    choicesCloseOn: optText(form, 'choicesCloseOn'),
    weights: Object.keys(weights).length ? weights : null,
    reservePolicy: optText(form, 'reservePolicy') ?? undefined,
  };
  const out = await submit(m, UpdateRoundBody, input, (d) => updateRound(deps, user, id, d));
  if (!out.ok) return roundPage(c, id, { form: 'settings', errors: out.errors, values: form }, out.status);
  return redirectFlash(c, `/department/rounds/${id}`, 'roundSaved');
});

/** The round's positions as the API body, from the seats table; errors come back keyed by input. */
async function savePositions(
  c: WebContext,
  id: string,
  entries: { positionId: string; seats?: number | string | null; reservedSeats?: number | string | null }[],
  includeAllOpen: boolean,
  form: Failure['form'],
  values?: FormValues,
) {
  const { m, deps, user } = page(c);
  const body = {
    positions: entries.map((e) => ({
      positionId: e.positionId,
      ...(e.seats !== undefined && e.seats !== null ? { seats: e.seats } : {}),
      ...(e.reservedSeats !== undefined && e.reservedSeats !== null ? { reservedSeats: e.reservedSeats } : {}),
    })),
    includeAllOpen,
  };
  const out = await submit(m, SetRoundPositionsBody, body, (d) => setRoundPositions(deps, user, id, d));
  if (out.ok) return null;
  // positions.3.seats → seats.<id of entry 3>, so the message sits next to its input.
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, msg] of Object.entries(out.errors.fields)) {
    const hit = path.match(/^positions\.(\d+)\.(seats|reservedSeats|positionId)$/);
    const entry = hit ? entries[Number(hit[1])] : undefined;
    if (hit && entry && hit[2] !== 'positionId') fields[`${hit[2]}.${entry.positionId}`] = msg;
    else rest.push(msg);
  }
  const summary = [out.errors.summary, ...rest].filter(Boolean).join(' ');
  return roundPage(c, id, { form, errors: { fields, summary: summary || null }, values }, out.status);
}

// The seats table shows one page of the round's posts: the posted rows change, the others stay.
roundsPages.post('/department/rounds/:id/positions', async (c) => {
  const { deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const remove = new Set(list(form, 'remove'));
  const posted = list(form, 'positionId');
  const current = await everything((n) => listRoundPositions(deps, user, id, { page: n, pageSize: 100 }));
  const edit = (p: string) => ({ positionId: p, seats: num(form, `seats.${p}`), reservedSeats: num(form, `reservedSeats.${p}`) });
  const entries = [
    ...current.map((p) => (posted.includes(p.positionId) ? edit(p.positionId) : { positionId: p.positionId, seats: p.seats, reservedSeats: p.reservedSeats })),
    ...posted.filter((p) => !current.some((x) => x.positionId === p)).map(edit),
  ].filter((e) => !remove.has(e.positionId));
  const failed = await savePositions(c, id, entries, false, 'positions', form);
  return failed ?? redirectFlash(c, `/department/rounds/${id}#positions`, 'positionsSaved');
});

roundsPages.post('/department/rounds/:id/positions/add', async (c) => {
  const { deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const all = c.req.query('all') === '1';
  const current = await everything((p) => listRoundPositions(deps, user, id, { page: p, pageSize: 100 }));
  const have = new Set(current.map((p) => p.positionId));
  const entries = [
    ...current.map((p) => ({ positionId: p.positionId, seats: p.seats, reservedSeats: p.reservedSeats })),
    ...list(form, 'add')
      .filter((p) => !have.has(p))
      .map((p) => ({ positionId: p })),
  ];
  const failed = await savePositions(c, id, entries, all, 'add-positions');
  return failed ?? redirectFlash(c, `/department/rounds/${id}#positions`, 'positionsSaved');
});

async function saveTalents(c: WebContext, id: string, change: (ids: string[]) => string[], includeAwaitingPlacement: boolean, includeSeeking = false) {
  const { m, deps, user } = page(c);
  const current = await everything((p) => listRoundTalents(deps, user, id, { page: p, pageSize: 100 }));
  const talentIds = change(current.map((x) => x.talentId));
  const out = await submit(m, SetRoundTalentsBody, { talentIds, includeAwaitingPlacement, includeSeeking }, (d) => setRoundTalents(deps, user, id, d));
  if (!out.ok) {
    const messages = Object.values(out.errors.fields);
    const summary = [out.errors.summary, ...messages].filter(Boolean).join(' ');
    return roundPage(c, id, { form: 'talents', errors: { fields: {}, summary } }, out.status);
  }
  return redirectFlash(c, `/department/rounds/${id}#talents`, 'talentsSaved');
}

roundsPages.post('/department/rounds/:id/talents/add', async (c) => {
  const form = await readForm(c);
  const add = text(form, 'talentId').trim();
  return saveTalents(c, c.req.param('id'), (ids) => (add && !ids.includes(add) ? [...ids, add] : ids), c.req.query('awaiting') === '1', c.req.query('seeking') === '1');
});

roundsPages.post('/department/rounds/:id/talents/remove', async (c) => {
  const form = await readForm(c);
  const remove = text(form, 'talentId');
  return saveTalents(c, c.req.param('id'), (ids) => ids.filter((x) => x !== remove), false);
});

/** A one-button action on the round (open, run, publish, close) with its flash. */
function roundAction(path: string, form: Failure['form'], flash: string, action: (c: WebContext, id: string) => Promise<unknown>, anchor = '') {
  roundsPages.post(`/department/rounds/:id/${path}`, async (c) => {
    const { m } = page(c);
    const id = c.req.param('id');
    const out = await run(m, () => action(c, id));
    if (!out.ok) return roundPage(c, id, { form, errors: out.errors }, out.status);
    return redirectFlash(c, `/department/rounds/${id}${anchor}`, flash);
  });
}

roundAction('open', 'open', 'roundOpened', (c, id) => openRound(page(c).deps, page(c).user, id));
roundAction('run', 'run', 'roundRun', (c, id) => runRoundJob(page(c).deps, page(c).user, id), '#result');
roundAction('close', 'close', 'roundClosed', (c, id) => closeRound(page(c).deps, page(c).user, id));
roundAction('refresh-inputs', 'refresh', 'inputsRefreshed', (c, id) => refreshInputs(page(c).deps, page(c).user, id), '#inputs');
// The follow-up round opens on its own page.
roundsPages.post('/department/rounds/:id/follow-up', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const out = await run(m, () => createFollowUp(deps, user, id));
  if (!out.ok) return roundPage(c, id, { form: 'follow-up', errors: out.errors }, out.status);
  return redirectFlash(c, `/department/rounds/${out.value.id}`, 'followUpCreated');
});

// Publishing needs the confirmation box ticked (the dialog in app.js is only a convenience).
roundsPages.post('/department/rounds/:id/publish', async (c) => {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const id = c.req.param('id');
  const form = await readForm(c);
  if (text(form, 'confirm') !== 'yes') {
    await getRound(deps, user, id); // out of scope: 404 before anything else
    return roundPage(c, id, { form: 'publish', errors: { fields: { confirm: t.detail.publishConfirmRequired }, summary: null } }, 422);
  }
  const out = await run(m, () => publishRound(deps, user, id));
  if (!out.ok) return roundPage(c, id, { form: 'publish', errors: out.errors }, out.status);
  return redirectFlash(c, `/department/rounds/${id}`, 'roundPublished');
});

// ---------------------------------------------------------------- the graduate's rounds

const responseFlash = (p: ProposalDto, mine: ProposalDto['talentResponse']) => (mine === 'declined' ? 'declined' : p.state === 'placed' ? 'placed' : 'accepted');

function ProposalCard({
  p,
  t,
  r,
  m,
  lang,
  regionNames,
  action,
}: {
  p: ProposalDto;
  t: RoundsText;
  r: RecommendationsText;
  m: Messages;
  lang: Lang;
  regionNames: Map<string, string>;
  action: string;
}) {
  return (
    <div class={p.state === 'declined' ? 'outcome none' : 'outcome ok'} id={`proposal-${p.id}`}>
      <p class="row">
        <strong>
          <a href={`/positions/${p.position.id}`}>{fmt(t.me.proposalLine, { position: p.position.title, employer: p.employer.name })}</a>
        </strong>
        <Badge tone={PROPOSAL_TONES[p.state]}>{t.proposalStates[p.state]}</Badge>
      </p>
      <p class="small">
        {p.rank !== null && <span>{fmt(t.me.yourRank, { rank: p.rank + 1 })} · </span>}
        <span>{t.seatKinds[p.seat]}</span> · <span class="score">{fmt(r.scoreValue, { n: p.score })}</span>
      </p>
      <ArrangementNote a={p} lang={lang} />
      {p.talentResponse && <p class="small">{fmt(t.me.responded, { response: t.responses[p.talentResponse] })}</p>}
      <p class="small muted">{fmt(t.me.employerResponse, { response: p.employerResponse ? t.responses[p.employerResponse] : t.detail.waiting })}</p>
      {p.state === 'placed' && <p class="notice success">{t.me.placed}</p>}
      <details>
        <summary>{t.detail.scoreBreakdown}</summary>
        <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
      </details>
      {p.above && p.above.length > 0 && (
        <details>
          <summary>{t.detail.whyNotAbove}</summary>
          <Refusals above={p.above} t={t} r={r} m={m} adjustFrom={p.adjustment?.from} lang={lang} />
        </details>
      )}
      {p.respondable && (
        <div class="actions">
          <form method="post" action={action} class="inline">
            <input type="hidden" name="decision" value="accept" />
            <button type="submit">{t.me.accept}</button>
          </form>
          <form method="post" action={action} class="inline" data-confirm={t.me.declineConfirm}>
            <input type="hidden" name="decision" value="decline" />
            <button type="submit" class="danger">
              {t.me.decline}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

interface MyRoundView {
  item: TalentRoundDto;
  positions: RoundPositionDto[];
  choices: Awaited<ReturnType<typeof getMyChoices>> | null;
  proposal: ProposalDto | null;
  adjustment: Awaited<ReturnType<typeof getMyAdjustment>> | null;
}

function ChoicesForm({ v, t, failure }: { v: MyRoundView; t: RoundsText; failure?: { roundId: string; errors: FormErrors; values: FormValues } }) {
  const round = v.item.round;
  const slots = Math.min(MAX_CHOICES, v.positions.length);
  const mine = failure?.roundId === round.id && !failure.values.form ? failure : undefined;
  const chosen = mine ? list(mine.values, 'choice') : (v.choices?.positions ?? []).map((p) => p.positionId);
  const options = v.positions.map((p) => [p.positionId, `${p.title} · ${p.employerName} · ${p.regionName}`] as [string, string]);
  return (
    <form method="post" action={`/me/rounds/${round.id}/choices`} novalidate>
      <h4>{fmt(t.me.choicesTitle, { n: slots })}</h4>
      <p class="muted small">{t.me.choicesLead}</p>
      <ErrorSummary errors={mine?.errors} />
      <ol class="choice-list">
        {Array.from({ length: slots }, (_, i) => {
          const id = `choice-${round.id}-${i + 1}`;
          const err = mine?.errors.fields[`positionIds.${i}`];
          return (
            <li>
              <label for={id}>{fmt(t.me.choiceN, { n: i + 1 })}</label>
              <select id={id} name="choice" aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-error` : undefined}>
                <option value="">{t.me.noChoice}</option>
                {options.map(([value, l]) => (
                  <option value={value} selected={chosen[i] === value}>
                    {l}
                  </option>
                ))}
              </select>
              {err && (
                <p class="field-error" id={`${id}-error`}>
                  {err}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div class="form-actions">
        <button type="submit">{t.me.saveChoices}</button>
      </div>
    </form>
  );
}

async function myRoundsPage(c: WebContext, failure?: { roundId: string; errors: FormErrors; values: FormValues }, status = 200, topErrors?: FormErrors) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = recommendationsTextOf(lang);
  const flash = ownFlash(c, t.flash);
  const rounds = await listMyRounds(deps, user, { page: pageNumber(c.req.query('page')), pageSize: 20 });
  const views: MyRoundView[] = await Promise.all(
    rounds.items.map(async (item) => {
      const s = item.round.status;
      const [positions, choices, proposals, adjustment] = await Promise.all([
        s === 'collecting' ? everything((p) => listRoundPositions(deps, user, item.round.id, { page: p, pageSize: 100 })) : Promise.resolve([]),
        s === 'collecting' || s === 'run' ? getMyChoices(deps, user, item.round.id) : Promise.resolve(null),
        item.proposal ? listMyProposals(deps, user, { roundId: item.round.id, page: 1, pageSize: 1 }) : Promise.resolve(null),
        s === 'collecting' || s === 'run' ? getMyAdjustment(deps, user, item.round.id) : Promise.resolve(null),
      ]);
      return { item, positions, choices, proposal: proposals?.items[0] ?? null, adjustment };
    }),
  );
  const notices = await myNotices(deps, user);
  const regionNames = await regionNamesOf(
    deps,
    views.map((v) => v.proposal?.breakdown),
  );
  return render(
    c,
    t.me.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head">
        <h1>{t.me.title}</h1>
        <p>{t.me.lead}</p>
      </div>
      <ErrorSummary errors={topErrors ?? (failure?.values.form === 'notice' ? failure.errors : undefined)} />
      <NoticeList notices={notices} lang={lang} />
      {views.length === 0 ? (
        <div class="card empty">{t.me.noRounds}</div>
      ) : (
        <ul class="records">
          {views.map((v) => {
            const round = v.item.round;
            return (
              <li class="record" id={`round-${round.id}`}>
                <div class="spread">
                  <h3>{round.name}</h3>
                  <Badge tone={ROUND_TONES[round.status]}>{t.statuses[round.status]}</Badge>
                </div>
                <p class="muted small">
                  {round.regionName}
                  {round.choicesCloseOn && <> · {fmt(t.me.closesOn, { date: round.choicesCloseOn })}</>}
                </p>
                {round.status === 'collecting' && v.choices?.editable && <ChoicesForm v={v} t={t} failure={failure} />}
                {v.choices && !v.choices.editable && (
                  <div>
                    <p class="muted small">{t.me.choicesClosed}</p>
                    {v.choices.positions.length > 0 ? (
                      <ol class="reasons" aria-label={t.me.yourChoices}>
                        {v.choices.positions.map((p) => (
                          <li>
                            {p.title} · {p.employerName}
                          </li>
                        ))}
                      </ol>
                    ) : (
                      <p class="muted small">{t.me.noChoicesYet}</p>
                    )}
                  </div>
                )}
                {v.adjustment && (
                  <AdjustmentForm a={v.adjustment} lang={lang} failure={failure?.roundId === round.id && failure.values.form === 'adjustment' ? failure : undefined} />
                )}
                {(round.status === 'collecting' || round.status === 'run') && <p class="muted small">{t.me.waitResult}</p>}
                {(round.status === 'published' || round.status === 'closed') && (
                  <div class="mt-8">
                    <h4>{t.me.proposalTitle}</h4>
                    {v.proposal ? (
                      <ProposalCard p={v.proposal} t={t} r={r} m={m} lang={lang} regionNames={regionNames} action={`/me/rounds/proposals/${v.proposal.id}/respond`} />
                    ) : (
                      <p class="outcome none">{fmt(t.me.noProposal, { reason: unassignedText(t, v.item.unassignedReason, v.item.listSource) })}</p>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={rounds.page} pageSize={rounds.pageSize} total={rounds.total} href={(n) => `/me/rounds?page=${n}`} m={m} />
    </>,
    status,
    '/me/rounds',
  );
}

roundsPages.get('/me/rounds', (c) => myRoundsPage(c));

roundsPages.post('/me/rounds/:id/choices', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const positionIds = list(form, 'choice').filter((x) => x !== '');
  // An empty form withdraws the choices: the list will be derived from scores.
  const out =
    positionIds.length === 0
      ? await run(m, () => withdrawChoices(deps, user, id))
      : await submit(m, ChoicesBody, { positionIds }, (d) => submitChoices(deps, user, id, d.positionIds));
  if (!out.ok) return myRoundsPage(c, { roundId: id, errors: out.errors, values: form }, out.status);
  return redirectFlash(c, `/me/rounds#round-${id}`, 'choicesSaved');
});

roundsPages.post('/me/rounds/proposals/:id/respond', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, ResponseBody, { decision: text(form, 'decision') }, (d) => respondToProposal(deps, user, c.req.param('id'), d.decision));
  if (!out.ok) return myRoundsPage(c, undefined, out.status, out.errors);
  return redirectFlash(c, '/me/rounds', responseFlash(out.value, out.value.talentResponse));
});

// ---------------------------------------------------------------- the employer's proposals

async function employerProposalsPage(c: WebContext, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = recommendationsTextOf(lang);
  const flash = ownFlash(c, t.flash);
  const own = await findOwnEmployer(deps, user!);
  if (!own) {
    return render(
      c,
      t.employer.title,
      <>
        <div class="page-head">
          <h1>{t.employer.title}</h1>
        </div>
        <div class="notice warning">
          <p>{t.employer.needEmployer}</p>
          <p>
            <a class="btn" href="/employer">
              {m.employer.registerTitle}
            </a>
          </p>
        </div>
      </>,
      status,
      '/employer/proposals',
    );
  }
  const raw = pick(c.req.query(), ['state', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, ProposalListQuery, { ...raw, pageSize: '20' });
  const result = await listEmployerProposals(deps, user, filters);
  const regionNames = await regionNamesOf(
    deps,
    result.items.map((p) => p.breakdown),
  );
  return render(
    c,
    t.employer.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head">
        <h1>{t.employer.title}</h1>
        <p>{t.employer.lead}</p>
      </div>
      <ErrorSummary errors={errors} />
      <section class="card filters">
        <form method="get" action="/employer/proposals">
          <div class="form-grid">
            <SelectField
              name="state"
              label={t.employer.filterState}
              options={(['pending', 'placed', 'declined'] as const).map((s) => [s, t.proposalStates[s]] as [string, string])}
              empty={m.common.any}
              value={filters.state ?? ''}
              errors={filterErrors}
            />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
            </div>
          </div>
        </form>
      </section>
      {result.items.length === 0 ? (
        <div class="card empty">{t.employer.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((p) => (
            <li class="record" id={`proposal-${p.id}`}>
              <div class="spread">
                <h3>{p.talent.name}</h3>
                <Badge tone={PROPOSAL_TONES[p.state]}>{t.proposalStates[p.state]}</Badge>
              </div>
              <dl class="facts mt-8">
                <Fact term={t.employer.position} wide>
                  <a href={`/positions/${p.position.id}`}>{p.position.title}</a>
                </Fact>
                <Fact term={t.employer.round}>{p.round.name}</Fact>
                <Fact term={t.employer.score}>
                  <span class="score">{p.score}</span> · {t.seatKinds[p.seat]}
                </Fact>
                <Fact term={t.employer.phone}>{p.talent.phone ?? m.common.notSet}</Fact>
                <Fact term={t.detail.proposalsTitle} wide>
                  {fmt(t.employer.talentResponse, { response: p.talentResponse ? t.responses[p.talentResponse] : t.detail.waiting })} ·{' '}
                  {fmt(t.me.employerResponse, { response: p.employerResponse ? t.responses[p.employerResponse] : t.detail.waiting })}
                </Fact>
              </dl>
              <details>
                <summary>{t.detail.scoreBreakdown}</summary>
                <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
              </details>
              {p.respondable && (
                <div class="actions">
                  <form method="post" action={`/employer/proposals/${p.id}/respond${toQuery(raw)}`} class="inline">
                    <input type="hidden" name="decision" value="accept" />
                    <button type="submit" class="small">
                      {t.me.accept}
                      <span class="visually-hidden"> · {p.talent.name}</span>
                    </button>
                  </form>
                  <form method="post" action={`/employer/proposals/${p.id}/respond${toQuery(raw)}`} class="inline" data-confirm={t.me.declineConfirm}>
                    <input type="hidden" name="decision" value="decline" />
                    <button type="submit" class="small danger">
                      {t.me.decline}
                      <span class="visually-hidden"> · {p.talent.name}</span>
                    </button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/employer/proposals${toQuery({ state: filters.state, page: n })}`} m={m} />
    </>,
    status,
    `/employer/proposals${searchOf(c)}`,
  );
}

roundsPages.get('/employer/proposals', (c) => employerProposalsPage(c));

roundsPages.post('/employer/proposals/:id/respond', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, ResponseBody, { decision: text(form, 'decision') }, (d) => respondToProposal(deps, user, c.req.param('id'), d.decision));
  if (!out.ok) return employerProposalsPage(c, out.errors, out.status);
  return redirectFlash(c, `/employer/proposals${searchOf(c)}`, responseFlash(out.value, out.value.employerResponse));
});

registerExtensionPages(roundsPages, roundPage, (c, failure, status) => myRoundsPage(c, failure, status));
