import { POSITION_KINDS, label } from '../../../src/lib/vocab';
import { EDITABLE_STATUSES, type RoundDto, type RoundPositionDto, type RoundResultDto, type RoundTalentDto } from '../../../src/rounds';
import { ActionButton, Badge, ErrorSummary, idOf } from '../../components';
import { text, type FormErrors, type FormValues } from '../../forms';
import { messages, fmt, type Lang, type Messages } from '../../i18n';
import type { RoundsText } from '../../i18n/rounds';
import type { RecommendationsText } from '../../i18n/recommendations';
import { ArrangementNote } from './extensions';
import { Breakdown } from '../../components/score-breakdown';

import { PROPOSAL_TONES, unassignedText, Refusals } from './shared';

// ---------------------------------------------------------------- department: one round

export interface Failure {
  /** Which form failed: its errors show there. */
  form: 'settings' | 'positions' | 'add-positions' | 'talents' | 'open' | 'run' | 'publish' | 'close' | 'refresh' | 'follow-up' | 'pins';
  errors: FormErrors;
  values?: FormValues;
}

export function PositionOutcome({ p, t }: { p: RoundResultDto['positions']['items'][number]; t: RoundsText }) {
  const res = p.result;
  if (!res) return null;
  return (
    <div class="small">
      <p class="row my-4">
        <span>{fmt(t.detail.filled, { filled: res.filled, seats: res.seats })}</span>
        <span>
          {/* With two kinds of seat and two cut-offs the single figure is the lowest of both: each kind's own line follows. */}
          {res.reservedCutoff !== null && res.generalCutoff !== null && res.reservedCutoff !== res.generalCutoff ? t.detail.lowestAdmitted : t.detail.cutoff}
          <strong class="score">{res.cutoff === null ? (res.seats === 0 ? t.polish.noSeatAtRun : t.detail.noCutoff) : res.cutoff}</strong>
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

export function SeatInput({ name, label: l, value, min, error }: { name: string; label: string; value: string; min: number; error?: string }) {
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

export function PositionsSection({
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
                {r?.result && r.result.seats < p.seats && <p class="small warning-text">{t.polish.postRunSeats(r.result.seats, p.seats - r.result.seats)}</p>}
                {p.shrunkSeats > 0 && <p class="small warning-text">{r?.result ? t.polish.shrunkAfterRun(p.shrunkSeats) : messages(lang).contact.shrunkSeats(p.shrunkSeats)}</p>}
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

export function TalentRow({
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
                ? fmt(messages(lang).roundsExtensions.outcomePinned, { position: p.positionTitle, employer: p.employerName, seat: t.seatKinds[p.seat], score: p.score })
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
          {/* No breakdown for a result whose inputs were refreshed since it ran (the round page says so). */}
          {p && p.breakdown.length > 0 && (
            <details>
              <summary>{t.detail.scoreBreakdown}</summary>
              <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
            </details>
          )}
          {x.above.length > 0 && (
            <details open={!p}>
              <summary>{t.detail.whyNotAbove}</summary>
              <Refusals above={x.above} t={t} r={r} m={m} adjustFrom={x.adjustment?.from} lang={lang} regionNames={regionNames} />
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
