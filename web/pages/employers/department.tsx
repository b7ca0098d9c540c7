// A department's employer verification queue: the employers of its region with filters, verify
// (with a note) or reject (with the reason the employer sees).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { EMPLOYER_TYPES, label } from '../../../src/lib/vocab';
import { EMPLOYER_STATUSES, EmployerListQuery, RejectBody, VerifyBody, type EmployerDto } from '../../../src/employers';
import { listEmployersForReview, rejectEmployer, verifyEmployer } from '../../../src/employers';
import {
  Badge,
  EmptyCard,
  ErrorSummary,
  Fact,
  FilterCard,
  PageHead,
  Pager,
  RegionField,
  SelectField,
  SortHeader,
  SortProblem,
  STATUS_TONES,
  TextField,
  WideTable,
} from '../../components';
import { parseFilters, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { type Lang, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { pick, toQuery } from '../../query';
import { loadRegionPick, regionQuery } from '../../regions';

export const employersDepartmentPages = new Hono<AppEnv>();

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
    <tr id={`employer-${e.id}`}>
      <th scope="row">{e.name}</th>
      <td class="nowrap">{label(EMPLOYER_TYPES, e.type, lang)}</td>
      <td>{e.regionName}</td>
      <td class="nowrap">{day(e.createdAt ?? null)}</td>
      <td>
        <Badge tone={STATUS_TONES[status]}>{m.employer.statuses[status]}</Badge>
      </td>
      <td>
        <details open={mine !== undefined}>
          <summary>{status === 'pending' ? m.layouts.actions : m.common.details}</summary>
          <dl class="facts">
            <Fact term={m.employer.creditCode}>
              <span class="mono">{e.creditCode}</span>
            </Fact>
            <Fact term={m.employer.address} wide>
              {e.address || m.common.notSet}
            </Fact>
            <Fact term={m.employer.contactName}>{e.contactName}</Fact>
            <Fact term={m.employer.contactPhone}>{e.contactPhone}</Fact>
            {e.description && (
              <Fact term={m.employer.description} wide>
                <span class="prose">{e.description}</span>
              </Fact>
            )}
            {e.reviewNote && (
              <Fact term={m.employer.reviewNote} wide>
                {e.reviewNote}
              </Fact>
            )}
          </dl>
          {status === 'pending' && (
            <div class="actions">
              <form method="post" action={`/department/employers/${e.id}/verify${back}`}>
                <TextField
                  name="note"
                  idPrefix={`v-${e.id}`}
                  label={m.department.verifyNote}
                  maxlength={500}
                  values={mine?.form === 'verify' ? mine.values : undefined}
                  errors={mine?.form === 'verify' ? mine.errors : undefined}
                />
                <button type="submit" class="small">
                  {m.department.verify}
                </button>
              </form>
              <form method="post" action={`/department/employers/${e.id}/reject${back}`}>
                <TextField
                  name="note"
                  idPrefix={`r-${e.id}`}
                  label={m.department.rejectNote}
                  placeholder={m.department.rejectNoteHint}
                  maxlength={500}
                  required
                  values={mine?.form === 'reject' ? mine.values : undefined}
                  errors={mine?.form === 'reject' ? mine.errors : undefined}
                />
                <button type="submit" class="small danger">
                  {m.department.reject}
                </button>
              </form>
            </div>
          )}
        </details>
      </td>
    </tr>
  );
}

async function employersPage(c: WebContext, failed?: RecordErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const raw = pick(await regionQuery(c), ['status', 'regionCode', 'q', 'sort', 'page']);
  if (raw.status === undefined && c.req.query('status') === undefined) raw.status = 'pending';
  if (raw.status === 'all') delete raw.status;
  const { data: filters, errors } = parseFilters(m, EmployerListQuery, { ...raw, pageSize: '20' });
  const result = await listEmployersForReview(deps, user, filters);
  const regionPick = await loadRegionPick(c, 'regionCode', filters.regionCode ?? '', { scoped: true });
  const statusValue = filters.status ?? 'all';
  const keep = { status: statusValue, regionCode: filters.regionCode, q: filters.q, sort: filters.sort };
  const back = toQuery({ ...keep, page: filters.page > 1 ? filters.page : undefined });
  // Sorting starts again at the first page and keeps every filter.
  const sorting = { sort: filters.sort ?? 'submitted', href: (sort: string) => `/department/employers${toQuery({ ...keep, sort })}`, m };
  const statusOptions: [string, string][] = [...EMPLOYER_STATUSES.map((s) => [s, m.employer.statuses[s]] as [string, string]), ['all', m.common.any]];
  return render(
    c,
    m.department.employersTitle,
    <>
      <PageHead title={m.department.employersTitle} lead={m.department.employersLead} />
      <FilterCard action="/department/employers" m={m}>
        <SelectField name="status" label={m.department.filterStatus} options={statusOptions} value={statusValue} errors={errors} />
        <RegionField name="regionCode" label={m.department.region} m={m} pick={regionPick} wide values={{ regionCode: filters.regionCode ?? '' }} errors={errors} hint="" />
        <TextField name="q" type="search" label={m.layouts.nameQuery} maxlength={50} values={{ q: filters.q ?? '' }} errors={errors} />
        {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
      </FilterCard>
      {failed && <ErrorSummary errors={failed.errors} />}
      <SortProblem m={m} message={errors.fields.sort} />
      {result.items.length === 0 ? (
        <EmptyCard>{m.department.queueEmpty}</EmptyCard>
      ) : (
        <WideTable m={m} label={m.department.employersTitle}>
          <thead>
            <tr>
              <SortHeader label={m.employer.name} column="name" {...sorting} />
              <SortHeader label={m.employer.type} column="type" {...sorting} />
              <SortHeader label={m.employer.region} column="region" {...sorting} />
              <SortHeader label={m.layouts.submitted} column="submitted" {...sorting} />
              <SortHeader label={m.department.filterStatus} column="status" {...sorting} />
              <SortHeader label={m.layouts.actions} m={m} />
            </tr>
          </thead>
          <tbody>
            {result.items.map((e) => (
              <EmployerRecord e={e} m={m} lang={lang} failed={failed} back={back} />
            ))}
          </tbody>
        </WideTable>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/employers${toQuery({ ...keep, page: n })}`} m={m} />
    </>,
    errors.fields.sort ? 422 : status,
    `/department/employers${new URL(c.req.url).search}`,
  );
}

employersDepartmentPages.get('/department/employers', (c) => employersPage(c));

employersDepartmentPages.post('/department/employers/:id/verify', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, VerifyBody, { note: text(form, 'note') || undefined }, (d) => verifyEmployer(deps, user, id, d.note));
  if (!out.ok) return employersPage(c, { id, form: 'verify', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/employers${new URL(c.req.url).search}`, 'employerVerified');
});

employersDepartmentPages.post('/department/employers/:id/reject', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, RejectBody, { note: text(form, 'note') }, (d) => rejectEmployer(deps, user, id, d.note));
  if (!out.ok) return employersPage(c, { id, form: 'reject', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/employers${new URL(c.req.url).search}`, 'employerRejected');
});
