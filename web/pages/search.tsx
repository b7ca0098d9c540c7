// Search pages (issue #3 item 7): public position search at /search and the talent search for
// departments (/department/search, their region) and verified employers (/talents/search, talents
// open to employers). Plain GET forms, so everything works without script. The parameters are
// validated with the API's own zod schemas and the scope is taken from the session by the same
// search-api service the API calls (positionSearchView, talentSearchView); bad parameters give a 4xx
// page with the form, never a 5xx. The handlers load that view; the components only render it.
//
// Highlight strings come from the search engine with everything except <mark>…</mark> already
// HTML-escaped; they are the ONLY strings rendered with `raw`.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../src/lib/context';
import { AGE_BANDS, MAX_QUERY_LENGTH, POSITION_SORTS, TALENT_SORTS, type FacetCounts, type PositionHit, type TalentHit } from '../../src/lib/search';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../src/lib/vocab';
import { PositionSearchParams, TalentSearchParams, positionSearchView, talentSearchView, type SearchView } from '../../src/search-api';
import { Badge, ErrorSummary, InviteForm, InviteFormTarget, Pager, SelectField, TextField, type InviteChoices } from '../components';
import { SEEKING, invitationChoices } from '../../src/applications';
import type { FormErrors, FormValues } from '../forms';
import { fieldMessage, fmt, type Lang, type Messages } from '../i18n';
import { page, render, requireRole, type WebContext } from '../page';
import { salaryText } from '../components/salary';
import { FacetDrawer, MarkedList, chosenCount, shownRegionNames } from '../components/search-parts';

export const searchPages = new Hono<AppEnv>();

type Labels = Record<string, readonly [string, string]>;

/** The query string as the schemas take it: `lang` is the page's language switch, not a search
 * parameter; empty values (an unselected <select>) are left out; repeated names become lists. */
function rawParams(c: WebContext): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, vs] of Object.entries(c.req.queries())) {
    if (k === 'lang') continue;
    const kept = vs.filter((v) => v !== '');
    if (kept.length === 0) continue;
    out[k] = kept.length === 1 ? kept[0] : kept;
  }
  return out;
}

/** The form's errors for a view the service refused: bad parameters (400) or an unknown region (422). */
function viewErrors(m: Messages, view: SearchView<unknown, unknown>): FormErrors | undefined {
  if (view.status === 400) {
    const fields = Object.fromEntries(Object.entries(view.invalid).map(([k, e]) => [k, fieldMessage(m, e)]));
    return { fields, summary: fmt(m.search.badParams, { fields: Object.keys(fields).join(', ') }) };
  }
  if (view.status === 422) return { fields: { regionCode: fmt(m.fields.region_unknown, { code: view.unknownRegion ?? '' }) }, summary: m.search.invalid };
  return undefined;
}

function hrefWith(path: string, values: Record<string, string | string[]>, over: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (k in over) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  for (const [k, v] of Object.entries(over)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** One facet as a group of checkboxes, each with its count; selected values stay even at 0. */
function FacetGroup(p: {
  name: string;
  legend: string;
  counts: Record<string, number> | undefined;
  order: readonly string[];
  labelOf: (code: string) => string;
  values: FormValues;
  m: Messages;
}) {
  const selected = new Set(asList(p.values[p.name]));
  const counts = p.counts ?? {};
  const codes = p.order.filter((code) => (counts[code] ?? 0) > 0 || selected.has(code));
  if (codes.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{p.legend}</legend>
      <div class="checks">
        {codes.map((code) => (
          <label class="check">
            <input type="checkbox" name={p.name} value={code} checked={selected.has(code)} />
            <span>
              {p.labelOf(code)}
              <span class="muted small facet-count">{fmt(p.m.search.count, { n: counts[code] ?? 0 })}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The city facet as radio buttons (a region filter is one code); the current code stays listed. */
function RegionFacet(p: { counts: Record<string, number> | undefined; current: string | undefined; names: Map<string, string>; m: Messages }) {
  const counts = p.counts ?? {};
  const codes = Object.keys(counts)
    .filter((k) => counts[k] > 0)
    .sort();
  if (p.current && !codes.includes(p.current)) codes.unshift(p.current);
  if (codes.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{p.m.search.region}</legend>
      <div class="checks">
        <label class="check">
          <input type="radio" name="regionCode" value="" checked={!p.current} />
          <span>{p.m.search.anyRegion}</span>
        </label>
        {codes.map((code) => (
          <label class="check">
            <input type="radio" name="regionCode" value={code} checked={p.current === code} />
            <span>
              {p.names.get(code) ?? code}
              {code in counts && <span class="muted small facet-count">{fmt(p.m.search.count, { n: counts[code] })}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Filters the form has no field for (given by a link or the API's parameters) ride along as hidden
 * inputs, so resubmitting the form keeps every filter it was given. The page always starts again at 1. */
function HiddenParams({ values, known, shown }: { values: Record<string, string | string[]>; known: string[]; shown: string[] }) {
  const kept = Object.entries(values).filter(([k]) => known.includes(k) && !shown.includes(k) && k !== 'page');
  return <>{kept.flatMap(([k, v]) => asList(v).map((one) => <input type="hidden" name={k} value={one} />))}</>;
}

const vocabOrder = (vocab: Labels) => Object.keys(vocab);
const vocabLabeler = (vocab: Labels, lang: Lang) => (code: string) => label(vocab, code, lang);

/** A highlight string from the engine (only <mark> unescaped), or the plain value escaped by JSX. */
function Marked({ html, plain }: { html: string | undefined; plain: string | null | undefined }) {
  if (html) return <>{raw(html)}</>;
  return <>{plain ?? ''}</>;
}

function crop(text: string, n = 120): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function EmptyState({ m, browseHref, browseText, filtered }: { m: Messages; browseHref: string; browseText: string; filtered: boolean }) {
  return (
    <section class="card empty search-empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{m.search.emptyTitle}</h2>
      <p>{m.search.emptyTry}</p>
      <ul>
        <li>{m.search.tryFewer}</li>
        <li>{m.search.trySynonyms}</li>
        {filtered && <li>{m.search.tryFilters}</li>}
      </ul>
      <p>
        <a class="btn secondary" href={browseHref}>
          {browseText}
        </a>
      </p>
    </section>
  );
}

/** Nothing held every word: the results are those of the relaxed words (search/relax.ts). */
function RelaxedNotice({ m, relaxed }: { m: Messages; relaxed: { from: string[]; to: string[] } | undefined }) {
  if (!relaxed) return null;
  const from = relaxed.from.join(' ');
  return (
    <div class="notice" role="status">
      <p>{relaxed.to.length ? fmt(m.search.relaxedTo, { from, to: relaxed.to.join(' ') }) : fmt(m.search.relaxedAll, { from })}</p>
    </div>
  );
}

function Degraded({ m }: { m: Messages }) {
  return (
    <div class="notice warning" role="status">
      <p>{m.search.degraded}</p>
    </div>
  );
}

function SortField({ sorts, value, m }: { sorts: readonly string[]; value: string; m: Messages }) {
  const names = m.search.sorts as Record<string, string>;
  return <SelectField name="sort" label={m.search.sort} options={sorts.map((s) => [s, names[s] ?? s])} value={value} />;
}

function ResultsHead({ m, q, total }: { m: Messages; q: string | undefined; total: number }) {
  return <h2 id="results-title">{q ? fmt(m.search.resultsFor, { q, total }) : fmt(m.search.results, { total })}</h2>;
}

// ---------- positions (public) ----------

function PositionResult({ hit, m, lang }: { hit: PositionHit; m: Messages; lang: Lang }) {
  const h = hit.highlights ?? {};
  const salary = hit.salaryMin != null || hit.salaryMax != null ? { min: hit.salaryMin ?? hit.salaryMax ?? 0, max: hit.salaryMax ?? hit.salaryMin ?? 0 } : null;
  return (
    <article class="pos-card search-hit" aria-labelledby={`hit-${hit.id}`}>
      <div class="row">
        <Badge tone="info">{label(POSITION_KINDS, hit.kind, lang)}</Badge>
        <Badge tone="neutral">{label(EMPLOYMENT_TYPES, hit.employmentType, lang)}</Badge>
      </div>
      <h3 id={`hit-${hit.id}`}>
        <a href={`/positions/${encodeURIComponent(hit.id)}`}>
          <Marked html={h.title} plain={hit.title} />
        </a>
      </h3>
      <p class="org">
        <Marked html={h.employerName} plain={hit.employerName} /> · {label(EMPLOYER_TYPES, hit.employerType, lang)}
      </p>
      <p class="snippet">
        <Marked html={h.description} plain={crop(hit.description)} />
      </p>
      <ul class="meta">
        <li>{shownRegionNames(hit.regionNames).at(-1) ?? ''}</li>
        {hit.serviceAreas.length > 0 && <li>{hit.serviceAreas.map((a) => label(SERVICE_AREAS, a, lang)).join(m.common.listSep)}</li>}
      </ul>
      <div class="foot">
        <span class="salary">{salaryText(m, salary)}</span>
        <span class="muted small">{fmt(m.home.closesOn, { date: new Date(hit.closesOn).toISOString().slice(0, 10) })}</span>
      </div>
    </article>
  );
}

searchPages.get('/search', async (c) => {
  const { m, lang, deps } = page(c);
  const values = rawParams(c);
  const view = await positionSearchView(deps, values);
  const { status, result, regionNames, params: p } = view;
  const errors = viewErrors(m, view);
  const facets: FacetCounts = result?.facets ?? {};
  const filtered = ['kind', 'employerType', 'serviceArea', 'regionCode', 'language', 'employmentType'].some((k) => k in values);
  const formValues: FormValues = values;
  return render(
    c,
    m.search.title,
    <>
      <div class="page-head">
        <h1>{m.search.title}</h1>
        <p>{m.search.lead}</p>
      </div>
      <form method="get" action="/search" class="search-form" role="search">
        <section class="card filters search-bar" aria-labelledby="search-form-title">
          <h2 id="search-form-title" class="visually-hidden">
            {m.search.filters}
          </h2>
          <ErrorSummary errors={errors} />
          <div class="form-grid">
            <TextField name="q" type="search" label={m.search.query} hint={m.search.queryHint} maxlength={MAX_QUERY_LENGTH} values={formValues} errors={errors} />
            <SortField sorts={POSITION_SORTS} value={p?.sort ?? 'relevance'} m={m} />
            <div class="form-actions">
              <button type="submit">{m.search.submit}</button>
              <a href="/search" class="small">
                {m.search.reset}
              </a>
            </div>
          </div>
          {errors?.fields.regionCode && (
            <p class="field-error" id="f-regionCode-error">
              {errors.fields.regionCode}
            </p>
          )}
          <HiddenParams
            values={values}
            known={Object.keys(PositionSearchParams.shape)}
            shown={result ? ['q', 'sort', 'kind', 'employerType', 'serviceArea', 'employmentType', 'language', 'regionCode'] : ['q', 'sort']}
          />
        </section>
        <div class="search-layout">
          {result && (
            <aside class="search-facets" aria-label={m.search.filters}>
              <FacetDrawer m={m} chosen={chosenCount(values, ['kind', 'employerType', 'serviceArea', 'employmentType', 'language', 'regionCode'])}>
                <div class="facets">
                  <FacetGroup
                    name="kind"
                    legend={m.search.kind}
                    counts={facets.kind}
                    order={vocabOrder(POSITION_KINDS)}
                    labelOf={vocabLabeler(POSITION_KINDS, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="employerType"
                    legend={m.search.employerType}
                    counts={facets.employerType}
                    order={vocabOrder(EMPLOYER_TYPES)}
                    labelOf={vocabLabeler(EMPLOYER_TYPES, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="serviceArea"
                    legend={m.search.serviceArea}
                    counts={facets.serviceAreas}
                    order={vocabOrder(SERVICE_AREAS)}
                    labelOf={vocabLabeler(SERVICE_AREAS, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="employmentType"
                    legend={m.search.employmentType}
                    counts={facets.employmentType}
                    order={vocabOrder(EMPLOYMENT_TYPES)}
                    labelOf={vocabLabeler(EMPLOYMENT_TYPES, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="language"
                    legend={m.search.language}
                    counts={facets.languages}
                    order={vocabOrder(LANGUAGES)}
                    labelOf={vocabLabeler(LANGUAGES, lang)}
                    values={formValues}
                    m={m}
                  />
                  <RegionFacet counts={facets.regionCity} current={p?.regionCode} names={regionNames} m={m} />
                  <div class="form-actions">
                    <button type="submit" class="secondary">
                      {m.home.apply}
                    </button>
                  </div>
                </div>
              </FacetDrawer>
            </aside>
          )}
          <div class="search-main">
            {result && (
              <section aria-labelledby="results-title">
                <ResultsHead m={m} q={p?.q} total={result.total} />
                {result.degraded && <Degraded m={m} />}
                <RelaxedNotice m={m} relaxed={result.relaxed} />
                {result.hits.length === 0 ? (
                  <EmptyState m={m} browseHref="/search" browseText={m.search.browseAll} filtered={filtered} />
                ) : (
                  <ul class="cards">
                    {result.hits.map((hit) => (
                      <li>
                        <PositionResult hit={hit} m={m} lang={lang} />
                      </li>
                    ))}
                  </ul>
                )}
                <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => hrefWith('/search', values, { page: n })} m={m} />
              </section>
            )}
          </div>
        </div>
      </form>
    </>,
    status,
  );
});

// ---------- talents (departments: their region; verified employers: talents open to employers) ----------

function TalentResult({
  hit,
  m,
  lang,
  canOpen,
  filters,
  invite,
}: {
  hit: TalentHit;
  m: Messages;
  lang: Lang;
  canOpen: boolean;
  filters: { serviceAreas: string[]; languages: string[] };
  invite?: { choices: InviteChoices; back: string };
}) {
  const h = hit.highlights ?? {};
  return (
    <li class="record search-hit">
      <div class="spread">
        <h3 class="m-0">{hit.name !== undefined ? <Marked html={h.name} plain={hit.name} /> : <span class="muted">{m.search.hiddenName}</span>}</h3>
        <Badge tone="info">{label(AVAILABILITY, hit.availability, lang)}</Badge>
      </div>
      <ul class="meta">
        <li class="vocab">
          {m.search.qualification}
          {m.layouts.colon}
          {label(QUALIFICATION_LEVELS, hit.qualification, lang)}
        </li>
        {hit.education && (
          <li class="vocab">
            {m.search.education}
            {m.layouts.colon}
            {label(EDUCATION_LEVELS, hit.education, lang)}
          </li>
        )}
        {hit.school && (
          <li>
            {m.search.school}
            {m.layouts.colon}
            <Marked html={h.school} plain={hit.school} />
          </li>
        )}
        {hit.major && (
          <li>
            {m.search.major}
            {m.layouts.colon}
            <Marked html={h.major} plain={hit.major} />
          </li>
        )}
        {hit.ageBand && <li>{fmt(m.search.ageBandValue, { band: hit.ageBand })}</li>}
        {hit.regionNames.length > 0 && (
          <li>
            {m.search.regionLabel}
            {m.layouts.colon}
            {shownRegionNames(hit.regionNames).join(lang === 'zh' ? '' : ' ')}
          </li>
        )}
      </ul>
      {hit.serviceAreas.length > 0 && (
        <p class="small vocab">
          {m.search.serviceArea}
          {m.layouts.colon}
          <MarkedList codes={hit.serviceAreas} vocab={SERVICE_AREAS} lang={lang} highlight={h.serviceAreaNames} filtered={filters.serviceAreas} sep={m.common.listSep} />
        </p>
      )}
      {hit.languages.length > 0 && (
        <p class="small muted vocab">
          {m.search.language}
          {m.layouts.colon}
          <MarkedList codes={hit.languages} vocab={LANGUAGES} lang={lang} highlight={h.languageNames} filtered={filters.languages} sep={m.common.listSep} />
        </p>
      )}
      {canOpen && hit.name !== undefined && (
        <p class="small">
          <a href={`/department/talents?q=${encodeURIComponent(hit.name)}`}>{m.search.openRecord}</a>
        </p>
      )}
      {/* Only talents who are looking can be invited (the service refuses the others). */}
      {invite && SEEKING.includes(hit.availability) && <InviteForm m={m} lang={lang} talentId={hit.id} choices={invite.choices} back={invite.back} nested />}
    </li>
  );
}

/** The filter is "at least this level": its count is the sum over this level and those above. */
function atLeastCount(counts: Record<string, number> | undefined, code: string): number | undefined {
  if (!counts) return undefined;
  const levels = Object.keys(QUALIFICATION_LEVELS);
  return levels.slice(levels.indexOf(code)).reduce((sum, l) => sum + (counts[l] ?? 0), 0);
}

async function talentSearchPage(c: WebContext, path: string) {
  const { m, lang, deps, user } = page(c);
  // The same service as the API's talent search: the scope comes from the session (403 otherwise).
  const values = rawParams(c);
  const [view, choices] = await Promise.all([talentSearchView(deps, user!, values), invitationChoices(deps, user)]);
  const invite = choices.positions.length ? { choices, back: hrefWith(path, values, {}) } : undefined;
  const { status, result, regionNames, params: p } = view;
  const errors = viewErrors(m, view);
  const facets: FacetCounts = result?.facets ?? {};
  const filtered = ['serviceArea', 'language', 'availability', 'ageBand', 'regionCode', 'visibility', 'qualificationAtLeast', 'educationAtLeast'].some((k) => k in values);
  const formValues: FormValues = values;
  const isDept = user!.role === 'department' || user!.role === 'admin';
  return render(
    c,
    m.search.talentTitle,
    <>
      <div class="page-head">
        <h1>{m.search.talentTitle}</h1>
        <p>{isDept ? m.search.talentLeadDept : m.search.talentLeadEmployer}</p>
      </div>
      <form method="get" action={path} class="search-form" role="search">
        <section class="card filters search-bar" aria-labelledby="search-form-title">
          <h2 id="search-form-title" class="visually-hidden">
            {m.search.filters}
          </h2>
          <ErrorSummary errors={errors} />
          <div class="form-grid">
            <TextField name="q" type="search" label={m.search.query} hint={m.search.talentQueryHint} maxlength={MAX_QUERY_LENGTH} values={formValues} errors={errors} />
            <SelectField
              name="qualificationAtLeast"
              label={m.search.qualification}
              options={Object.keys(QUALIFICATION_LEVELS).map((code) => {
                const n = atLeastCount(facets.qualification, code);
                return [code, n === undefined ? label(QUALIFICATION_LEVELS, code, lang) : `${label(QUALIFICATION_LEVELS, code, lang)}${fmt(m.search.count, { n })}`];
              })}
              empty={m.common.any}
              values={formValues}
              errors={errors}
            />
            <SortField sorts={TALENT_SORTS} value={p?.sort ?? 'relevance'} m={m} />
            <div class="form-actions">
              <button type="submit">{m.search.submit}</button>
              <a href={path} class="small">
                {m.search.reset}
              </a>
            </div>
          </div>
          {errors?.fields.regionCode && (
            <p class="field-error" id="f-regionCode-error">
              {errors.fields.regionCode}
            </p>
          )}
          <HiddenParams
            values={values}
            known={Object.keys(TalentSearchParams.shape)}
            shown={result ? ['q', 'sort', 'qualificationAtLeast', 'serviceArea', 'availability', 'language', 'ageBand', 'regionCode'] : ['q', 'sort', 'qualificationAtLeast']}
          />
        </section>
        <div class="search-layout">
          {result && (
            <aside class="search-facets" aria-label={m.search.filters}>
              <FacetDrawer m={m} chosen={chosenCount(values, ['serviceArea', 'availability', 'language', 'ageBand', 'regionCode'])}>
                <div class="facets">
                  <FacetGroup
                    name="serviceArea"
                    legend={m.search.serviceArea}
                    counts={facets.serviceAreas}
                    order={vocabOrder(SERVICE_AREAS)}
                    labelOf={vocabLabeler(SERVICE_AREAS, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="availability"
                    legend={m.search.availability}
                    counts={facets.availability}
                    order={vocabOrder(AVAILABILITY)}
                    labelOf={vocabLabeler(AVAILABILITY, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="language"
                    legend={m.search.language}
                    counts={facets.languages}
                    order={vocabOrder(LANGUAGES)}
                    labelOf={vocabLabeler(LANGUAGES, lang)}
                    values={formValues}
                    m={m}
                  />
                  <FacetGroup
                    name="ageBand"
                    legend={m.search.ageBand}
                    counts={facets.ageBand}
                    order={AGE_BANDS}
                    labelOf={(b) => fmt(m.search.ageBandValue, { band: b })}
                    values={formValues}
                    m={m}
                  />
                  <RegionFacet counts={facets.regionCity} current={p?.regionCode} names={regionNames} m={m} />
                  <div class="form-actions">
                    <button type="submit" class="secondary">
                      {m.home.apply}
                    </button>
                  </div>
                </div>
              </FacetDrawer>
            </aside>
          )}
          <div class="search-main">
            {result && (
              <section aria-labelledby="results-title">
                <ResultsHead m={m} q={p?.q} total={result.total} />
                {result.degraded && <Degraded m={m} />}
                <RelaxedNotice m={m} relaxed={result.relaxed} />
                {result.hits.length === 0 ? (
                  <EmptyState m={m} browseHref={path} browseText={m.search.browseAllTalents} filtered={filtered} />
                ) : (
                  <ul class="records">
                    {result.hits.map((hit) => (
                      <TalentResult
                        hit={hit}
                        m={m}
                        lang={lang}
                        canOpen={isDept}
                        filters={{ serviceAreas: asList(values.serviceArea), languages: asList(values.language) }}
                        invite={invite}
                      />
                    ))}
                  </ul>
                )}
                <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => hrefWith(path, values, { page: n })} m={m} />
              </section>
            )}
          </div>
        </div>
      </form>
      {invite && result?.hits.filter((hit) => SEEKING.includes(hit.availability)).map((hit) => <InviteFormTarget talentId={hit.id} />)}
    </>,
    status,
  );
}

searchPages.get('/department/search', requireRole('department', 'admin'), (c) => talentSearchPage(c, '/department/search'));
searchPages.get('/talents/search', requireRole('department', 'admin', 'employer'), (c) => talentSearchPage(c, '/talents/search'));
