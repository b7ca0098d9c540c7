// Placements as records (talent, employer, period, served days, source, the agreement served), with
// an end form on the ones still open when the viewer may end them.
import type { PlacementDto } from '../../src/placements';
import type { FormErrors, FormValues } from '../forms';
import { fmt, type Lang, type Messages } from '../i18n';
import type { PlacementsText } from '../i18n/placements';
import { Badge } from './badge';
import { ConfirmStep } from './confirm';
import { Fact } from './fact';
import { TextField } from './fields';
import { SortHeader, WideTable } from './sort-table';

function periodText(t: PlacementsText, p: PlacementDto): string {
  return p.endOn ? `${p.startOn} – ${p.endOn}` : fmt(t.placements.since, { from: p.startOn });
}

/** An end form that failed: which placement, with the errors and what was typed. */
export interface EndFailure {
  id: string;
  errors: FormErrors;
  values: FormValues;
}

/** Placements as records; `endAction` gives the end form's address for the ones still open. */
export function PlacementList({
  items,
  t,
  lang,
  endAction,
  today,
  failed,
  showTalent = true,
  showEmployer = true,
  agreementHref,
}: {
  items: PlacementDto[];
  t: PlacementsText;
  lang: Lang;
  endAction?: (p: PlacementDto) => string;
  today?: string;
  failed?: EndFailure;
  showTalent?: boolean;
  showEmployer?: boolean;
  /** Where the agreement a placement serves is shown (null: leave the fact out, e.g. on that page). */
  agreementHref?: (id: string) => string | null;
}) {
  return (
    <ul class="records">
      {items.map((p) => {
        const mine = failed?.id === p.id ? failed : undefined;
        const heading = [showTalent ? p.talent.name : null, showEmployer ? p.employer.name : null].filter(Boolean).join(' · ') || p.employer.name;
        return (
          <li class="record" id={`placement-${p.id}`}>
            <div class="spread">
              <h3>{heading}</h3>
              <span class="row">
                <Badge tone={p.kind === 'internship' ? 'info' : 'primary'}>{t.kinds[p.kind]}</Badge>
                <Badge tone={p.endOn ? 'neutral' : 'success'}>{p.endOn ? t.placements.ended : t.placements.current}</Badge>
              </span>
            </div>
            <dl class="facts mt-8">
              {p.position && (
                <Fact term={t.placements.position} wide>
                  <a href={`/positions/${p.position.id}`}>{p.position.title}</a>
                </Fact>
              )}
              <Fact term={t.placements.period}>{periodText(t, p)}</Fact>
              <Fact term={t.agreements.served}>{t.placements.days(p.days)}</Fact>
              <Fact term={t.placements.source}>{t.sources[p.source]}</Fact>
              {p.agreementId && (agreementHref ? agreementHref(p.agreementId) !== null : true) && (
                <Fact term={t.placements.agreement}>{agreementHref ? <a href={agreementHref(p.agreementId)!}>{t.placements.linked}</a> : t.placements.linked}</Fact>
              )}
              {p.endReason && (
                <Fact term={t.placements.endReason} wide>
                  {p.endReason}
                </Fact>
              )}
            </dl>
            {!p.endOn && endAction && (
              <div class="actions">
                <EndForm p={p} t={t} action={endAction(p)} today={today} mine={mine} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The confirmation step of ending a placement (issue 11 §6): what ends, on which day and why; the
 * values typed in the first form travel as hidden inputs, and `action` is the end form's address. */
export function EndPlacementConfirm({ p, m, action, back, values }: { p: PlacementDto; m: Messages; action: string; back: string; values: { endOn: string; reason: string } }) {
  const x = m.confirm.endPlacement;
  return (
    <ConfirmStep
      title={x.title}
      lead={x.lead}
      warning={m.confirm.cannotUndo}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.talent}>{p.talent.name}</Fact>
          <Fact term={x.employer}>{p.employer.name}</Fact>
          <Fact term={x.endOn}>{values.endOn}</Fact>
          <Fact term={x.reason} wide>
            {values.reason}
          </Fact>
        </dl>
      }
      action={action}
      hidden={values}
      button={x.button}
      back={back}
      backLabel={m.confirm.back}
    />
  );
}

/** Placements as a sortable table (the department's long list): talent, employer, post, kind, start,
 * end, served days, source and agreement; the end form folds under the row's last cell. */
export function PlacementTable({
  items,
  t,
  m,
  endAction,
  today,
  failed,
  agreementHref,
  sorting,
}: {
  items: PlacementDto[];
  t: PlacementsText;
  m: Messages;
  endAction?: (p: PlacementDto) => string;
  today?: string;
  failed?: EndFailure;
  agreementHref: (id: string) => string;
  sorting: { sort: string; href: (sort: string) => string; m: Messages };
}) {
  return (
    <WideTable m={m} label={t.placements.title} stack>
      <thead>
        <tr data-label={m.layouts.stackSort}>
          <SortHeader label={t.agreements.talent} column="talent" {...sorting} />
          <SortHeader label={t.placements.employer} column="employer" {...sorting} />
          <SortHeader label={t.placements.position} m={m} />
          <SortHeader label={t.placements.kind} column="kind" {...sorting} />
          <SortHeader label={t.placements.startOn} column="start" {...sorting} />
          <SortHeader label={t.placements.endOn} column="end" {...sorting} />
          <SortHeader label={t.agreements.served} m={m} />
          <SortHeader label={t.placements.source} m={m} />
          <SortHeader label={t.placements.endTitle} m={m} />
        </tr>
      </thead>
      <tbody>
        {items.map((p) => {
          const mine = failed?.id === p.id ? failed : undefined;
          return (
            <tr id={`placement-${p.id}`}>
              <th scope="row" data-label={t.agreements.talent}>
                {p.talent.name}
              </th>
              <td data-label={t.placements.employer}>{p.employer.name}</td>
              <td data-label={t.placements.position} class={p.position ? undefined : 'stack-empty'}>
                {p.position ? <a href={`/positions/${p.position.id}`}>{p.position.title}</a> : ''}
              </td>
              <td data-label={t.placements.kind}>
                <Badge tone={p.kind === 'internship' ? 'info' : 'primary'}>{t.kinds[p.kind]}</Badge>
              </td>
              <td class="nowrap" data-label={t.placements.startOn}>
                {p.startOn}
              </td>
              <td class="nowrap" data-label={t.placements.endOn}>
                {p.endOn ?? <Badge tone="success">{t.placements.current}</Badge>}
              </td>
              <td class="num" data-label={t.agreements.served}>
                {t.placements.days(p.days)}
              </td>
              <td class="nowrap" data-label={t.placements.source}>
                {t.sources[p.source]}
                {p.agreementId && (
                  <>
                    {' · '}
                    <a href={agreementHref(p.agreementId)}>{t.placements.agreement}</a>
                  </>
                )}
              </td>
              <td data-label={p.endReason ? t.placements.endReason : undefined} class={p.endReason || (!p.endOn && endAction) ? undefined : 'stack-empty'}>
                {p.endReason && <span class="small">{p.endReason}</span>}
                {!p.endOn && endAction && (
                  <details open={mine !== undefined}>
                    <summary>{t.placements.endTitle}</summary>
                    <EndForm p={p} t={t} action={endAction(p)} today={today} mine={mine} />
                  </details>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </WideTable>
  );
}

/** The end form of one placement (in the list's card and in the table's folded cell): the end date
 * (today by default) and the reason, with what was typed and its errors when it was refused. */
function EndForm({ p, t, action, today, mine }: { p: PlacementDto; t: PlacementsText; action: string; today?: string; mine?: { values?: FormValues; errors?: FormErrors } }) {
  return (
    <form method="post" action={action} aria-label={`${t.placements.endTitle} · ${p.talent.name}`}>
      <TextField name="endOn" idPrefix={`end-${p.id}`} type="date" label={t.placements.endOn} required values={mine?.values ?? { endOn: today ?? '' }} errors={mine?.errors} />
      <TextField name="reason" idPrefix={`end-${p.id}`} label={t.placements.reason} required maxlength={500} values={mine?.values} errors={mine?.errors} />
      <button type="submit" class="small danger">
        {t.placements.endButton}
      </button>
    </form>
  );
}
