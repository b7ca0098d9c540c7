// Finders for a department's forms: a name search (a GET form) whose results are links that choose
// an employer or a talent, keeping the choices made so far. The page runs the search through the
// services and passes the results in.
import type { Child } from 'hono/jsx';
import type { EmployerChoice } from '../../src/employers';
import type { TalentDto } from '../../src/talents';
import type { Lang } from '../i18n';
import type { PlacementsText } from '../i18n/placements';
import { fmt, type Messages } from '../i18n';
import { toQuery } from '../query';
import type { FormErrors, FormValues } from '../forms';
import { ErrorSummary } from './error-summary';
import { SelectField, TextField, type Base } from './fields';

/** Longest search a finder takes (longer input is cut). */
export const FIND_MAX = 50;

/** An employer with its region, as a select option shows it. */
export const employerText = (e: EmployerChoice, lang: Lang) => (e.regionName ? (lang === 'zh' ? `${e.name}（${e.regionName}）` : `${e.name} (${e.regionName})`) : e.name);

/** A name/region search for verified employers of the caller's region, each with a link that
 * chooses it (the link keeps the other choices made so far). */
export function EmployerFinder({
  q,
  items,
  t,
  action,
  anchor,
  param,
  keep,
  label: l,
}: {
  /** The search as typed (trimmed) and what it found. */
  q: string;
  items: EmployerChoice[];
  t: PlacementsText;
  action: string;
  anchor: string;
  /** The query parameter the choice sets (employerId, targetEmployerId). */
  param: string;
  keep: Record<string, string>;
  label: string;
}) {
  return (
    <div class="finder">
      <form method="get" action={`${action}#${anchor}`} class="row">
        {Object.entries(keep)
          .filter(([k, v]) => v && k !== param && k !== 'efind')
          .map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
        <TextField name="efind" idPrefix={`${anchor}-efind`} type="search" label={l} maxlength={FIND_MAX} value={q} />
        <button type="submit" class="small secondary">
          {t.agreements.findButton}
        </button>
      </form>
      {q && items.length === 0 && <p class="muted small">{t.agreements.noEmployerFound}</p>}
      {items.length > 0 && (
        <ul class="finder-results">
          {items.map((e) => (
            <li>
              <span>
                {e.name} <span class="muted small">{e.regionName ?? ''}</span>
              </span>
              <a class="btn small secondary" href={`${action}${toQuery({ ...keep, efind: undefined, [param]: e.id })}#${anchor}`}>
                {t.agreements.chooseEmployer}
                <span class="visually-hidden"> · {e.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A talent as a person tells them apart: name, school, graduation year and the last four
 * characters of the ID number (never the id or the whole number). */
export function talentText(x: Pick<TalentDto, 'name' | 'idNumberMasked' | 'education'>, lang: Lang): string {
  const tail = x.idNumberMasked ? x.idNumberMasked.slice(-4) : '';
  const parts = [
    x.name,
    x.education?.school,
    x.education?.graduationYear ? (lang === 'zh' ? `${x.education.graduationYear} 届` : `class of ${x.education.graduationYear}`) : null,
    tail ? (lang === 'zh' ? `身份证尾号 ${tail}` : `ID ends ${tail}`) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The talent a form posts (`talentId`): a select of the one chosen so far and the matches of the
 * name search above it (TalentFinder) — picked by name, never typed as an id. */
export function TalentChoice(
  p: Omit<Base, 'name'> & {
    chosen: { id: string; name: string } | null;
    found: Pick<TalentDto, 'id' | 'name' | 'idNumberMasked' | 'education'>[];
    lang: Lang;
    empty: string;
    choose: string;
  },
) {
  const options: [string, string][] = p.found.map((x) => [x.id, talentText(x, p.lang)]);
  if (p.chosen && !options.some(([id]) => id === p.chosen!.id)) options.unshift([p.chosen.id, p.chosen.name]);
  return (
    <SelectField
      name="talentId"
      label={p.label}
      hint={p.hint}
      required={p.required}
      options={options}
      empty={options.length ? p.choose : p.empty}
      values={p.values}
      errors={p.errors}
      idPrefix={p.idPrefix}
      wide={p.wide}
    />
  );
}

/** A name search for talents of the department's region, each with a link that chooses it. */
export function TalentFinder({
  q,
  items,
  t,
  action,
  anchor,
  keep = {},
  lang = 'zh',
}: {
  /** The search as typed (trimmed) and what it found. */
  q: string;
  items: Pick<TalentDto, 'id' | 'name' | 'idNumberMasked' | 'education'>[];
  t: PlacementsText;
  action: string;
  anchor: string;
  keep?: Record<string, string>;
  lang?: Lang;
}) {
  return (
    <div class="finder">
      <form method="get" action={`${action}#${anchor}`} class="row">
        {Object.entries(keep)
          .filter(([k, v]) => v && k !== 'talentId' && k !== 'find')
          .map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
        <TextField name="find" idPrefix={`${anchor}-find`} type="search" label={t.agreements.findTalent} maxlength={FIND_MAX} value={q} />
        <button type="submit" class="small secondary">
          {t.agreements.findButton}
        </button>
      </form>
      {q && items.length === 0 && <p class="muted small">{t.agreements.noTalentFound}</p>}
      {items.length > 0 && (
        <ul class="finder-results">
          {items.map((x) => (
            <li>
              <span>
                {x.name} <span class="muted small">{talentText({ ...x, name: '' }, lang).replace(/^ · /, '')}</span>
              </span>
              <a class="btn small secondary" href={`${action}${toQuery({ ...keep, find: undefined, talentId: x.id })}#${anchor}`}>
                {t.agreements.chooseTalent}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A department's form that records something about a talent at an employer (an agreement, a
 * placement): the talent and employer finders (GET forms, so they work without script), then the
 * form itself with the chosen talent first; `children` are the record's other fields.
 */
export function TalentEmployerForm(p: {
  /** The section's anchor (the finders come back to it). */
  anchor: string;
  title: string;
  lead: string;
  action: string;
  submit: string;
  t: PlacementsText;
  m: Messages;
  lang: Lang;
  /** The choices the finders' links keep. */
  keep: Record<string, string>;
  talentQ: string;
  talentsFound: Pick<TalentDto, 'id' | 'name' | 'idNumberMasked' | 'education'>[];
  employerQ: string;
  employersFound: EmployerChoice[];
  /** The parameter the employer finder sets, and its label. */
  employerParam: string;
  employerLabel: string;
  /** The chosen talent's name, or null. */
  chosen: string | null;
  /** A field whose choice changes what the form offers (the placement's agreements follow the
   * talent): with script, choosing in it shows the form again for that choice, keeping the rest. */
  reloadOn?: string;
  values: FormValues;
  errors?: FormErrors;
  children?: Child;
}) {
  const { t, m } = p;
  return (
    <section class="card mt-24" id={p.anchor} aria-labelledby={`${p.anchor}-title`}>
      <h2 id={`${p.anchor}-title`}>{p.title}</h2>
      <p class="muted">{p.lead}</p>
      {/* With script, a search or a choice in the finders carries what was typed in the form below
          (web/static/app.js, data-carry); the page reads those fields back from the query. */}
      <div data-carry={`${p.anchor}-form`} data-reload-on={p.reloadOn}>
        <TalentFinder q={p.talentQ} items={p.talentsFound} t={t} action={p.action} anchor={p.anchor} keep={p.keep} lang={p.lang} />
        <EmployerFinder q={p.employerQ} items={p.employersFound} t={t} action={p.action} anchor={p.anchor} param={p.employerParam} keep={p.keep} label={p.employerLabel} />
      </div>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={p.action} id={`${p.anchor}-form`} novalidate>
        {p.chosen && <p class="notice info">{fmt(t.agreements.chosen, { name: p.chosen })}</p>}
        <div class="form-grid two">
          <TalentChoice
            label={t.agreements.talentId}
            hint={t.agreements.talentIdHint}
            required
            chosen={p.chosen ? { id: p.keep.talentId ?? '', name: p.chosen } : null}
            found={p.talentsFound}
            lang={p.lang}
            empty={t.agreements.noTalentChosen}
            choose={m.regionPicker.choose}
            values={p.values}
            errors={p.errors}
            idPrefix="new"
          />
          {p.children}
        </div>
        <div class="form-actions">
          <button type="submit">{p.submit}</button>
        </div>
      </form>
    </section>
  );
}
