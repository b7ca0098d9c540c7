import { DEFAULT_WEIGHTS } from '../../../src/matching';
import { type RefusalDto, type RoundDto } from '../../../src/rounds';
import { Badge, TextField, type Tone } from '../../components';
import { Breakdown } from '../../components/score-breakdown';
import { num, type FormErrors, type FormValues } from '../../forms';
import { messages, fmt, type Lang, type Messages, textFor } from '../../i18n';
import type { RoundsText } from '../../i18n/rounds';
import type { RecommendationsText } from '../../i18n/recommendations';
import type { WebContext } from '../../page';

export const textOf = (lang: Lang): RoundsText => messages(lang).rounds;
export const searchOf = (c: WebContext) => new URL(c.req.url).search;

export const ROUND_TONES: Record<string, Tone> = { draft: 'neutral', collecting: 'info', run: 'warning', published: 'success', closed: 'neutral' };
export const PROPOSAL_TONES: Record<string, Tone> = { pending: 'warning', placed: 'success', declined: 'danger' };
export const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof typeof DEFAULT_WEIGHTS)[];

/** An ISO instant as China time, YYYY-MM-DD HH:MM. */
export const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export const pageNumber = (v: string | undefined) => Math.max(1, Math.min(10_000, Math.floor(Number(v)) || 1));

// ---------------------------------------------------------------- explanations

/** Why a post the talent ranked higher did not take them, in words. */
export function refusalText(x: RefusalDto, t: RoundsText, r: RecommendationsText, m: Messages): string {
  const score = x.score ?? 0;
  switch (x.reason) {
    case 'not_in_round':
      return t.refusals.not_in_round;
    case 'ineligible':
      return fmt(t.refusals.ineligible, { reasons: (x.ineligible ?? []).map((k) => textFor(r.reasons, k) ?? k).join(m.common.listSep) });
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
  return (listSource === 'derived' ? textFor(t.unassignedDerived, reason) : undefined) ?? textFor(t.unassigned, reason) ?? reason;
}

/** adjustFrom: list entries from this index on came from 服从调剂 and are marked so. A refusal
 * against a cut-off shows its score breakdown folded, as proposals do. */
export function Refusals({
  above,
  t,
  r,
  m,
  adjustFrom,
  lang,
  regionNames,
}: {
  above: RefusalDto[];
  t: RoundsText;
  r: RecommendationsText;
  m: Messages;
  adjustFrom?: number;
  lang?: Lang;
  regionNames?: Map<string, string>;
}) {
  if (above.length === 0) return null;
  return (
    <ol class="reasons">
      {above.map((x) => (
        <li>
          <strong>{fmt(t.me.choiceN, { n: x.rank + 1 })}</strong>
          {adjustFrom !== undefined && x.rank >= adjustFrom && (
            <>
              {' '}
              <Badge tone="info">{messages(lang ?? 'zh').roundsExtensions.adjustedPart}</Badge>
            </>
          )}{' '}
          {t.postLine(x.positionTitle ?? x.positionId, x.employerName, x.regionName)}
          {t.labelSep}
          {refusalText(x, t, r, m)}
          {x.breakdown && x.breakdown.length > 0 && (
            <details class="refusal-breakdown">
              <summary>{t.polish.refusalBreakdown}</summary>
              <Breakdown factors={x.breakdown} r={r} m={m} lang={lang ?? 'zh'} regionNames={regionNames ?? new Map()} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

export function RoundNumbers({ round, t }: { round: RoundDto; t: RoundsText }) {
  const n = round.counts;
  const cells: [string, number][] = [
    [t.detail.numbers.positions, n.positions],
    [t.detail.numbers.seats, n.seats],
    [t.detail.numbers.reservedSeats, n.reservedSeats],
    [t.detail.numbers.talents, n.talents],
    [t.detail.numbers.directedTalents, n.directedTalents],
    [t.detail.numbers.talentsWithChoices, n.talentsWithChoices],
  ];
  // Posts filled outside the round (or reduced) between setting their seats and the run: the run,
  // the report and the statistics count fewer seats than were set, and the page says why.
  const lost = n.runSeats !== null ? n.seats - n.runSeats : 0;
  if (n.runSeats !== null && lost > 0) cells.splice(2, 0, [t.polish.runSeats, n.runSeats]);
  return (
    <>
      <dl class="numbers">
        {cells.map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {n.runSeats !== null && lost > 0 && <p class="small warning-text run-seats-note">{t.polish.runSeatsNote(lost, n.runSeats)}</p>}
    </>
  );
}

export function WeightFields({ t, values, errors, prefix }: { t: RoundsText; values?: FormValues; errors?: FormErrors; prefix: string }) {
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
export function weightsInput(f: FormValues): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const k of WEIGHT_KEYS) {
    const v = num(f, `weights.${k}`);
    if (v !== null) out[k] = v;
  }
  return out;
}
