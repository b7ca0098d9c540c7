// A department's pages: the employer verification queue of its region and its talent list, where
// a full ID number can be revealed once (the service writes the audit record).
import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../src/lib/vocab';
import { EmployerListQuery, RejectBody, VerifyBody, EMPLOYER_STATUSES, type EmployerDto } from '../../src/employers/employers.schemas';
import { listEmployersForReview, rejectEmployer, verifyEmployer } from '../../src/employers/employers.service';
import { TalentListQuery, type TalentDto } from '../../src/talents/talents.schemas';
import { listTalents, revealIdNumber } from '../../src/talents/talents.service';
import { Badge, ErrorSummary, Fact, Pager, RegionField, STATUS_TONES, SelectField, Tags, TextField, vocabOptions } from '../components';
import { parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../forms';
import { fmt, type Lang, type Messages } from '../i18n';
import { day, page, redirectWith, render, requireRole, type WebContext } from '../page';
import { regionFullName, regionFullNames } from '../regions';

export const departmentPages = new Hono<AppEnv>();
departmentPages.use('/department/*', requireRole('department', 'admin'));

function pick(q: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (q[k]) out[k] = q[k];
  return out;
}

function toQuery(values: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------- employer verification

interface RecordErrors {
  id: string;
  form: 'verify' | 'reject';
  errors: FormErrors;
  values: FormValues;
}

function EmployerRecord({ e, m, lang, failed, back }: { e: EmployerDto; m: Messages; lang: Lang; failed?: RecordErrors; back: string }) {
  const status = e.status ?? 'pending';
  const mine = failed?.id === e.id ? failed : undefined;
  return (
    <li class="record" id={`employer-${e.id}`}>
      <div class="spread">
        <h3>{e.name}</h3>
        <Badge tone={STATUS_TONES[status]}>{m.employer.statuses[status]}</Badge>
      </div>
      <dl class="facts mt-8">
        <Fact term={m.employer.creditCode}><span class="mono">{e.creditCode}</span></Fact>
        <Fact term={m.employer.type}>{label(EMPLOYER_TYPES, e.type, lang)}</Fact>
        <Fact term={m.employer.region} wide>{e.regionName}</Fact>
        <Fact term={m.employer.address} wide>{e.address || m.common.notSet}</Fact>
        <Fact term={m.employer.contactName}>{e.contactName}</Fact>
        <Fact term={m.employer.contactPhone}>{e.contactPhone}</Fact>
        {e.description && <Fact term={m.employer.description} wide><span class="prose">{e.description}</span></Fact>}
        {e.reviewNote && <Fact term={m.employer.reviewNote} wide>{e.reviewNote}</Fact>}
      </dl>
      <p class="muted small mt-8">{fmt(m.department.submittedAt, { date: day(e.createdAt ?? null) })}</p>
      {status === 'pending' && (
        <div class="actions">
          <form method="post" action={`/department/employers/${e.id}/verify${back}`}>
            <TextField name="note" idPrefix={`v-${e.id}`} label={m.department.verifyNote} maxlength={500} values={mine?.form === 'verify' ? mine.values : undefined} errors={mine?.form === 'verify' ? mine.errors : undefined} />
            <button type="submit" class="small">{m.department.verify}</button>
          </form>
          <form method="post" action={`/department/employers/${e.id}/reject${back}`}>
            <TextField name="note" idPrefix={`r-${e.id}`} label={m.department.rejectNote} placeholder={m.department.rejectNoteHint} maxlength={500} required values={mine?.form === 'reject' ? mine.values : undefined} errors={mine?.form === 'reject' ? mine.errors : undefined} />
            <button type="submit" class="small danger">{m.department.reject}</button>
          </form>
        </div>
      )}
    </li>
  );
}

async function employersPage(c: WebContext, failed?: RecordErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const raw = pick(c.req.query(), ['status', 'regionCode', 'page']);
  if (raw.status === undefined && c.req.query('status') === undefined) raw.status = 'pending';
  if (raw.status === 'all') delete raw.status;
  const { data: filters, errors } = parseFilters(m, EmployerListQuery, { ...raw, pageSize: '20' });
  const result = await listEmployersForReview(deps, user, filters);
  const regionName = await regionFullName(deps.database, filters.regionCode);
  const statusValue = filters.status ?? 'all';
  const back = toQuery({ status: statusValue, regionCode: filters.regionCode, page: filters.page > 1 ? filters.page : undefined });
  const statusOptions: [string, string][] = [...EMPLOYER_STATUSES.map((s) => [s, m.employer.statuses[s]] as [string, string]), ['all', m.common.any]];
  return render(
    c,
    m.department.employersTitle,
    <>
      <div class="page-head">
        <h1>{m.department.employersTitle}</h1>
        <p>{m.department.employersLead}</p>
      </div>
      <section class="card filters">
        <form method="get" action="/department/employers">
          <div class="form-grid">
            <SelectField name="status" label={m.department.filterStatus} options={statusOptions} value={statusValue} errors={errors} />
            <RegionField name="regionCode" label={m.department.region} m={m} regionName={regionName} wide values={{ regionCode: filters.regionCode ?? c.req.query('regionCode') ?? '' }} errors={errors} hint="" />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
            </div>
          </div>
        </form>
      </section>
      {failed && <ErrorSummary errors={failed.errors} />}
      {result.items.length === 0 ? (
        <div class="card empty">{m.department.queueEmpty}</div>
      ) : (
        <ul class="records">
          {result.items.map((e) => (
            <EmployerRecord e={e} m={m} lang={lang} failed={failed} back={back} />
          ))}
        </ul>
      )}
      <Pager
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        href={(n) => `/department/employers${toQuery({ status: statusValue, regionCode: filters.regionCode, page: n })}`}
        m={m}
      />
    </>,
    status,
    `/department/employers${new URL(c.req.url).search}`,
  );
}

departmentPages.get('/department/employers', (c) => employersPage(c));

departmentPages.post('/department/employers/:id/verify', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, VerifyBody, { note: text(form, 'note') || undefined }, (d) => verifyEmployer(deps, user, id, d.note));
  if (!out.ok) return employersPage(c, { id, form: 'verify', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/employers${new URL(c.req.url).search}`, 'employerVerified');
});

departmentPages.post('/department/employers/:id/reject', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, RejectBody, { note: text(form, 'note') }, (d) => rejectEmployer(deps, user, id, d.note));
  if (!out.ok) return employersPage(c, { id, form: 'reject', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/employers${new URL(c.req.url).search}`, 'employerRejected');
});

// ---------------------------------------------------------------- talents

const TALENT_FILTERS = ['regionCode', 'qualification', 'serviceArea', 'availability', 'q', 'page'];

function TalentRecord({ t, m, lang, regionNames, revealed, back }: { t: TalentDto; m: Messages; lang: Lang; regionNames: Map<string, string>; revealed?: string; back: string }) {
  return (
    <li class="record" id={`talent-${t.id}`}>
      <div class="spread">
        <h3>{t.name}</h3>
        <Badge tone={t.availability === 'available' ? 'success' : 'neutral'}>{label(AVAILABILITY, t.availability, lang)}</Badge>
      </div>
      <dl class="facts mt-8">
        <Fact term={m.department.idNumber}>
          <span class="mono">{t.idNumberMasked ?? m.department.noIdNumber}</span>
        </Fact>
        <Fact term={m.department.contact}>{t.phone ?? m.common.notSet}</Fact>
        <Fact term={m.profile.region} wide>{(t.regionCode && regionNames.get(t.regionCode)) ?? t.regionCode ?? m.common.notSet}</Fact>
        <Fact term={m.profile.education}>
          {t.education ? [label(EDUCATION_LEVELS, t.education.level, lang), t.education.school].filter(Boolean).join(' · ') : m.common.notSet}
        </Fact>
        <Fact term={m.profile.qualification}>{label(QUALIFICATION_LEVELS, t.qualification.level, lang)}</Fact>
        <Fact term={m.profile.serviceAreas} wide>
          {t.serviceAreas.length ? <Tags codes={t.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}
        </Fact>
      </dl>
      {revealed && (
        <div class="notice warning mt-12" role="status">
          <p>
            {m.department.revealed}
            <strong class="revealed">{revealed}</strong>
          </p>
          <p class="small">{m.department.revealedNote}</p>
        </div>
      )}
      {t.idNumberMasked && !revealed && (
        <div class="actions">
          <form method="post" action={`/department/talents/${t.id}/reveal${back}`}>
            <button type="submit" class="small secondary">{m.department.reveal}</button>
          </form>
        </div>
      )}
    </li>
  );
}

async function talentsPage(c: WebContext, revealed?: { talentId: string; idNumber: string }, failure?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const raw = pick(c.req.query(), TALENT_FILTERS);
  const { data: filters, errors } = parseFilters(m, TalentListQuery, { ...raw, pageSize: '20' });
  const outcome = await run(m, () => listTalents(deps, user, filters));
  const result = outcome.ok ? outcome.value : { items: [], total: 0, page: 1, pageSize: 20 };
  const shownErrors: FormErrors = outcome.ok ? errors : { fields: { ...errors.fields, ...outcome.errors.fields }, summary: null };
  const [regionNames, filterRegionName] = await Promise.all([
    regionFullNames(deps.database, result.items.map((t) => t.regionCode ?? '')),
    regionFullName(deps.database, filters.regionCode),
  ]);
  const values: FormValues = { ...raw };
  const back = toQuery(pick(raw, TALENT_FILTERS));
  if (revealed) c.header('Cache-Control', 'no-store');
  return render(
    c,
    m.department.talentsTitle,
    <>
      <div class="page-head">
        <h1>{m.department.talentsTitle}</h1>
        <p>{m.department.talentsLead}</p>
      </div>
      <section class="card filters">
        <form method="get" action="/department/talents">
          <div class="form-grid">
            <RegionField name="regionCode" label={m.department.region} m={m} regionName={filterRegionName} wide values={values} errors={shownErrors} hint="" />
            <SelectField name="qualification" label={m.department.qualification} options={vocabOptions(QUALIFICATION_LEVELS, lang)} empty={m.common.any} values={values} errors={shownErrors} />
            <SelectField name="serviceArea" label={m.department.serviceArea} options={vocabOptions(SERVICE_AREAS, lang)} empty={m.common.any} values={values} errors={shownErrors} />
            <SelectField name="availability" label={m.department.availability} options={vocabOptions(AVAILABILITY, lang)} empty={m.common.any} values={values} errors={shownErrors} />
            <TextField name="q" type="search" label={m.department.nameQuery} maxlength={50} values={values} errors={shownErrors} />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
              <a href="/department/talents" class="small">{m.common.reset}</a>
            </div>
          </div>
        </form>
      </section>
      <ErrorSummary errors={failure} />
      <p class="muted">{fmt(m.common.pageOf, { page: result.page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)), total: result.total })}</p>
      {result.items.length === 0 ? (
        <div class="card empty">{m.department.talentsEmpty}</div>
      ) : (
        <ul class="records">
          {result.items.map((t) => (
            <TalentRecord t={t} m={m} lang={lang} regionNames={regionNames} revealed={revealed?.talentId === t.id ? revealed.idNumber : undefined} back={back} />
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/talents${toQuery({ ...pick(raw, TALENT_FILTERS), page: n })}`} m={m} />
    </>,
    status,
    `/department/talents${new URL(c.req.url).search}`,
  );
}

departmentPages.get('/department/talents', (c) => talentsPage(c));

// The full number is shown in the answer to this POST only: never in a URL, a cookie or a redirect.
departmentPages.post('/department/talents/:id/reveal', async (c) => {
  const { m, deps, user } = page(c);
  const out = await run(m, () => revealIdNumber(deps, user, c.req.param('id')));
  if (!out.ok) return talentsPage(c, undefined, out.errors, out.status);
  return talentsPage(c, out.value);
});
