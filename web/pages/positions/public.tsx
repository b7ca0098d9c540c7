// The public pages: open positions with filters (home) and a position's own page with its
// schema.org JobPosting JSON-LD and the apply form.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import {
  APPLICATION_STATUSES,
  EDUCATION_LEVELS,
  EMPLOYER_TYPES,
  EMPLOYMENT_TYPES,
  LANGUAGES,
  POSITION_KINDS,
  QUALIFICATION_LEVELS,
  SERVICE_AREAS,
  label,
} from '../../../src/lib/vocab';
import { OPEN_POSITION_SORTS, OpenPositionsQuery, type PositionDto, type PositionSummaryDto } from '../../../src/positions';
import { getPositionForViewer, listOpenPositions } from '../../../src/positions';
import { jobPostingScript } from '../../../src/positions';
import { ApplyBody } from '../../../src/applications';
import { apply, listMyApplications } from '../../../src/applications';
import { getOwnProfile } from '../../../src/talents';
import { Badge, ErrorSummary, Fact, Pager, STATUS_TONES, SelectField, Tags, TextArea, vocabOptions } from '../../components';
import { checked, parseFilters, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, type Lang, type Messages } from '../../i18n';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { salaryText } from '../../components/salary';
import { regionTrail } from '../../../src/regions';

export const positionsPublicPages = new Hono<AppEnv>();

function PositionCard({ p, m, lang }: { p: PositionSummaryDto; m: Messages; lang: Lang }) {
  return (
    <article class="pos-card" aria-labelledby={`pos-${p.id}`}>
      <div class="row">
        <Badge tone="info">{label(POSITION_KINDS, p.kind, lang)}</Badge>
        <Badge tone="neutral">{label(EMPLOYMENT_TYPES, p.employmentType, lang)}</Badge>
      </div>
      <h3 id={`pos-${p.id}`}>
        <a href={`/positions/${p.id}`}>{p.title}</a>
      </h3>
      <p class="org">
        {p.employerName} · {label(EMPLOYER_TYPES, p.employerType, lang)}
      </p>
      <ul class="meta">
        <li>{p.regionName}</li>
        <li>{fmt(m.home.seatsLeft, { n: p.seats })}</li>
      </ul>
      <div class="foot">
        <span class="salary">{salaryText(m, p.salary)}</span>
        <span class="muted small">{fmt(m.home.closesOn, { date: p.closesOn })}</span>
      </div>
    </article>
  );
}

positionsPublicPages.get('/', async (c) => {
  const { m, lang, deps } = page(c);
  const q = c.req.query();
  const raw: Record<string, string> = { pageSize: '12' };
  for (const k of ['regionCode', 'kind', 'serviceArea', 'employerType', 'sort', 'page']) if (q[k]) raw[k] = q[k];
  let { data: filters, errors } = parseFilters(m, OpenPositionsQuery, raw);
  const trail = await regionTrail(deps, filters.regionCode);
  if (filters.regionCode && trail.path.length === 0) {
    // A well-formed code that names no region: say so rather than list nothing.
    errors = { fields: { ...errors.fields, regionCode: fmt(m.fields.region_unknown, { code: filters.regionCode }) }, summary: null };
    filters = { ...filters, regionCode: undefined };
  }
  const result = await listOpenPositions(deps, filters);
  const values: FormValues = {
    kind: filters.kind ?? '',
    serviceArea: filters.serviceArea ?? '',
    employerType: filters.employerType ?? '',
    sort: filters.sort ?? '',
  };
  const query = (over: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const all = { regionCode: filters.regionCode, ...values, ...over } as Record<string, string | number | undefined>;
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
    const s = params.toString();
    return s ? `/?${s}` : '/';
  };
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  // Past the last page (an old link, a hand-typed ?page=999): go to the last page that has posts.
  if (result.items.length === 0 && result.total > 0 && result.page > lastPage) return c.redirect(query({ page: lastPage }), 302);
  const here = trail.path[trail.path.length - 1];
  const regionOptions: [string, string][] = [
    [here?.code ?? '', here ? here.name + fmt(m.common.paren, { text: m.common.any }) : m.common.allRegions],
    ...trail.children.map((r) => [r.code, r.name] as [string, string]),
  ];
  return render(
    c,
    m.home.title,
    <>
      <section class="hero">
        <h1>{m.home.title}</h1>
        <p>{m.home.lead}</p>
      </section>
      <section class="card filters" aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">
          {m.home.filters}
        </h2>
        <nav class="breadcrumbs" aria-label={m.common.regionPath}>
          <ol>
            <li>
              {trail.path.length ? <a href={query({ regionCode: undefined, page: undefined })}>{m.common.allRegions}</a> : <span aria-current="page">{m.common.allRegions}</span>}
            </li>
            {trail.path.map((r, i) => (
              <li>{i === trail.path.length - 1 ? <span aria-current="page">{r.name}</span> : <a href={query({ regionCode: r.code, page: undefined })}>{r.name}</a>}</li>
            ))}
          </ol>
        </nav>
        <form method="get" action="/">
          <div class="form-grid">
            <SelectField name="regionCode" label={m.home.region} options={regionOptions} value={filters.regionCode ?? ''} errors={errors} />
            <SelectField name="kind" label={m.home.kind} options={vocabOptions(POSITION_KINDS, lang)} empty={m.common.any} values={values} errors={errors} />
            <SelectField name="serviceArea" label={m.home.serviceArea} options={vocabOptions(SERVICE_AREAS, lang)} empty={m.common.any} values={values} errors={errors} />
            <SelectField name="employerType" label={m.home.employerType} options={vocabOptions(EMPLOYER_TYPES, lang)} empty={m.common.any} values={values} errors={errors} />
            <SelectField
              name="sort"
              label={m.layouts.home.sort}
              options={OPEN_POSITION_SORTS.map((k) => [k, m.layouts.home.sorts[k]] as [string, string])}
              values={values}
              errors={errors}
            />
            <div class="form-actions">
              <button type="submit">{m.home.apply}</button>
              <a href="/" class="small">
                {m.common.reset}
              </a>
            </div>
          </div>
        </form>
      </section>
      <div class="spread mb-12">
        <h2 class="m-0">{fmt(m.home.results, { total: result.total })}</h2>
      </div>
      {result.items.length === 0 ? (
        <div class="card empty">{m.home.empty}</div>
      ) : (
        <ul class="cards">
          {result.items.map((p) => (
            <li>
              <PositionCard p={p} m={m} lang={lang} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => query({ page: n })} m={m} />
    </>,
  );
});

/** What the side panel of a position page offers the caller. */
async function applyState(c: WebContext, position: PositionDto): Promise<{ kind: 'anonymous' | 'notGraduate' | 'needProfile' | 'applied' | 'closed' | 'form'; status?: string }> {
  const { user, deps } = page(c);
  if (!user) return { kind: 'anonymous' };
  if (user.role !== 'graduate') return { kind: 'notGraduate' };
  // There is no "my application to this position" lookup; a graduate's list is short.
  const mine = await listMyApplications(deps, user, { page: 1, pageSize: 100 });
  const existing = mine.items.find((a) => a.position.id === position.id);
  if (existing) return { kind: 'applied', status: existing.status };
  if (!position.acceptingApplications) return { kind: 'closed' };
  if (!(await getOwnProfile(deps, user))) return { kind: 'needProfile' };
  return { kind: 'form' };
}

async function positionPage(c: WebContext, id: string, values: FormValues = {}, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const { position: p, jobPosting, isOwner } = await getPositionForViewer(deps, user, id);
  const state = await applyState(c, p);
  const r = p.requirements;
  return render(
    c,
    p.title,
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jobPostingScript(jobPosting) }} />
      <nav class="breadcrumbs" aria-label={m.common.regionPath}>
        <a href="/">{m.position.backToList}</a>
      </nav>
      <div class="layout-2">
        <article class="card">
          <div class="row mb-8">
            <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
            <Badge tone="info">{label(POSITION_KINDS, p.kind, lang)}</Badge>
          </div>
          <h1>{p.title}</h1>
          <p class="spread">
            <span>
              <strong class="salary">{salaryText(m, p.salary)}</strong>
              <span class="muted"> · {fmt(m.home.closesOn, { date: p.closesOn })}</span>
            </span>
            {state.kind === 'form' && (
              <a class="btn small" href="#apply-title">
                {m.position.applyTitle}
              </a>
            )}
          </p>
          <dl class="facts">
            <Fact term={m.position.employer}>
              {p.employerName}
              {fmt(m.common.paren, { text: label(EMPLOYER_TYPES, p.employerType, lang) })}
            </Fact>
            <Fact term={m.position.region}>{p.regionName}</Fact>
            <Fact term={m.position.kind}>{label(POSITION_KINDS, p.kind, lang)}</Fact>
            <Fact term={m.position.employmentType}>{label(EMPLOYMENT_TYPES, p.employmentType, lang)}</Fact>
            <Fact term={m.position.seats}>
              {fmt(m.common.seats, { n: p.seats })}
              {p.reservedSeats > 0 && <span class="muted">{fmt(m.common.paren, { text: fmt(m.common.reservedSeats, { n: p.reservedSeats }) })}</span>}
            </Fact>
            <Fact term={m.position.salary}>{salaryText(m, p.salary)}</Fact>
            <Fact term={m.position.dates} wide>
              {fmt(m.common.dateRange, { from: p.opensOn, to: p.closesOn })}
            </Fact>
          </dl>
          <h2 class="mt-24">{m.position.requirements}</h2>
          <dl class="facts">
            <Fact term={m.position.minEducation}>{r.minEducation ? label(EDUCATION_LEVELS, r.minEducation, lang) : m.common.any}</Fact>
            <Fact term={m.position.minQualification}>{label(QUALIFICATION_LEVELS, r.minQualification, lang)}</Fact>
            <Fact term={m.position.serviceAreas} wide>
              {r.serviceAreas.length ? <Tags codes={r.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.any}
            </Fact>
            <Fact term={m.position.languages} wide>
              {r.languages.length ? <Tags codes={r.languages} vocab={LANGUAGES} lang={lang} /> : m.common.any}
            </Fact>
          </dl>
          <h2 class="mt-24">{m.position.description}</h2>
          <div class="prose">{p.description}</div>
        </article>
        <aside class="card" aria-labelledby="apply-title">
          <h2 id="apply-title">{m.position.applyTitle}</h2>
          {state.kind === 'anonymous' && (
            <>
              <p>{m.position.signInToApply}</p>
              <p class="row">
                <a class="btn" href={`/sign-in?next=${encodeURIComponent(`/positions/${p.id}`)}`}>
                  {m.nav.signIn}
                </a>
                <a class="btn secondary" href="/sign-up">
                  {m.nav.signUp}
                </a>
              </p>
            </>
          )}
          {state.kind === 'notGraduate' && <p class="muted">{m.position.onlyGraduates}</p>}
          {isOwner && (
            <p>
              <a class="btn secondary" href={`/employer/positions/${p.id}/applicants`}>
                {m.positions.applicants}
              </a>
            </p>
          )}
          {state.kind === 'needProfile' && (
            <>
              <p>{m.position.needProfile}</p>
              <p>
                <a class="btn" href="/me/profile">
                  {m.nav.profile}
                </a>
              </p>
            </>
          )}
          {state.kind === 'applied' && (
            <div class="notice info">
              <p>{fmt(m.position.alreadyApplied, { status: label(APPLICATION_STATUSES, state.status, lang) })}</p>
              <p>
                <a href="/me/applications">{m.nav.applications}</a>
              </p>
            </div>
          )}
          {state.kind === 'closed' && <p class="muted">{m.position.notOpen}</p>}
          {state.kind === 'form' && (
            <form method="post" action={`/positions/${p.id}/apply`} class="stack" novalidate>
              <ErrorSummary errors={errors} />
              <TextArea name="coverLetter" label={m.position.coverLetter} hint={m.position.coverLetterHint} values={values} errors={errors} maxlength={2000} rows={6} />
              <label class="check">
                <input type="checkbox" name="contactConsent" value="on" checked={errors ? checked(values, 'contactConsent') : true} aria-describedby="consent-hint" />
                <span>{m.contact.consent}</span>
              </label>
              <p class="muted small m-0" id="consent-hint">
                {m.contact.consentHint}
              </p>
              <div class="form-actions">
                <button type="submit">{m.position.applyButton}</button>
              </div>
            </form>
          )}
          {state.kind !== 'form' && errors?.summary && <ErrorSummary errors={errors} />}
        </aside>
      </div>
    </>,
    status,
    `/positions/${id}`,
  );
}

positionsPublicPages.get('/positions/:id', (c) => positionPage(c, c.req.param('id')));

positionsPublicPages.post('/positions/:id/apply', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  if (!user) return c.redirect(`/sign-in?next=${encodeURIComponent(`/positions/${id}`)}`, 303);
  const form = await readForm(c);
  const input = { positionId: id, coverLetter: text(form, 'coverLetter') || null, contactConsent: checked(form, 'contactConsent') };
  const out = await submit(m, ApplyBody, input, (d) => apply(deps, user, d));
  if (!out.ok) return positionPage(c, id, form, out.errors, out.status);
  return redirectWith(c, '/me/applications', 'applied');
});
