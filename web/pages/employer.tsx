// An employer's pages: its organisation (register, edit, verification status), its positions
// (list, new, edit, publish, close) and the applicants to each position.
import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';
import {
  APPLICATION_STATUSES,
  AVAILABILITY,
  EDUCATION_LEVELS,
  EMPLOYER_TYPES,
  EMPLOYMENT_TYPES,
  GENDERS,
  LANGUAGES,
  POSITION_KINDS,
  QUALIFICATION_LEVELS,
  SERVICE_AREAS,
  label,
} from '../../src/lib/vocab';
import { EmployerInput, EmployerUpdate, type EmployerDto } from '../../src/employers/employers.schemas';
import { findOwnEmployer, registerEmployer, updateOwnEmployer } from '../../src/employers/employers.service';
import { toFullEmployerDto } from '../../src/employers/employers.schemas';
import { PositionInput, PositionUpdate, OwnPositionsQuery, type PositionDto } from '../../src/positions/positions.schemas';
import { closePosition, createPosition, getPositionForViewer, listOwnPositions, publishPosition, updatePosition } from '../../src/positions/positions.service';
import { chinaToday } from '../../src/lib/dates';
import { ApplicationListQuery, MoveBody } from '../../src/applications/applications.schemas';
import { getApplicationWithHistory, listApplicants, moveApplication } from '../../src/applications/applications.service';
import { forbidden } from '../../src/lib/errors';
import {
  ActionButton,
  Badge,
  CheckboxGroup,
  ErrorSummary,
  Fact,
  Pager,
  RegionField,
  STATUS_TONES,
  SelectField,
  Tags,
  TextArea,
  TextField,
  vocabOptions,
} from '../components';
import { list, num, optText, readForm, run, submit, text, type FormErrors, type FormValues } from '../forms';
import { fmt, type Lang, type Messages } from '../i18n';
import { day, page, redirectWith, render, requireRole, type WebContext } from '../page';
import { regionFullName } from '../regions';
import { salaryText } from './positions';

export const employerPages = new Hono<AppEnv>();
employerPages.use('/employer', requireRole('employer'));
employerPages.use('/employer/*', requireRole('employer'));

async function ownEmployer(c: WebContext): Promise<EmployerDto | null> {
  const { deps, user } = page(c);
  const record = await findOwnEmployer(deps, user!);
  return record ? toFullEmployerDto(record) : null;
}

// ---------------------------------------------------------------- organisation

function employerValues(e: EmployerDto | null): FormValues {
  if (!e) return { type: 'station' };
  return {
    name: e.name,
    creditCode: e.creditCode,
    type: e.type,
    regionCode: e.regionCode,
    address: e.address ?? '',
    contactName: e.contactName ?? '',
    contactPhone: e.contactPhone ?? '',
    description: e.description ?? '',
  };
}

/** The form as the body of POST /api/v1/employers (and PATCH /api/v1/employers/me). */
function employerInput(f: FormValues) {
  return {
    name: text(f, 'name'),
    creditCode: text(f, 'creditCode'),
    type: text(f, 'type'),
    regionCode: text(f, 'regionCode').trim(),
    address: optText(f, 'address'),
    contactName: text(f, 'contactName'),
    contactPhone: text(f, 'contactPhone'),
    description: optText(f, 'description'),
  };
}

function VerificationStatus({ e, m }: { e: EmployerDto; m: Messages }) {
  const status = e.status ?? 'pending';
  const note = status === 'verified' ? m.employer.verifiedNote : status === 'rejected' ? m.employer.rejectedNote : m.employer.pendingNote;
  const tone = status === 'verified' ? 'success' : status === 'rejected' ? 'error' : 'warning';
  return (
    <div class={`notice ${tone}`} role="status">
      <p class="row">
        <strong>{m.employer.status}</strong>
        <Badge tone={STATUS_TONES[status]}>{m.employer.statuses[status]}</Badge>
        {e.internshipBase && <Badge tone="info">{m.employer.internshipBase}</Badge>}
      </p>
      <p>{note}</p>
      {e.reviewNote && (
        <p>
          {fmt(m.common.labelled, { label: m.employer.reviewNote, value: e.reviewNote })}
        </p>
      )}
    </div>
  );
}

async function employerPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps } = page(c);
  const e = await ownEmployer(c);
  const values = form ?? employerValues(e);
  const regionName = await regionFullName(deps.database, text(values, 'regionCode'));
  const opt = { values, errors };
  return render(
    c,
    e ? m.employer.title : m.employer.registerTitle,
    <>
      <div class="page-head">
        <h1>{e ? e.name : m.employer.registerTitle}</h1>
        {!e && <p>{m.employer.registerLead}</p>}
      </div>
      {e && <VerificationStatus e={e} m={m} />}
      <section class="card" aria-labelledby="org-form-title">
        <h2 id="org-form-title">{e ? m.common.edit : m.employer.registerTitle}</h2>
        {e?.status === 'verified' && <p class="muted small">{m.employer.reverifyNote}</p>}
        <ErrorSummary errors={errors} />
        <form method="post" action="/employer" novalidate>
          <div class="form-grid two">
            <TextField name="name" label={m.employer.name} required maxlength={100} wide autocomplete="organization" {...opt} />
            <TextField name="creditCode" label={m.employer.creditCode} hint={m.employer.creditCodeHint} required maxlength={18} autocomplete="off" {...opt} />
            <SelectField name="type" label={m.employer.type} options={vocabOptions(EMPLOYER_TYPES, lang)} required {...opt} />
            <RegionField name="regionCode" label={m.employer.region} required m={m} regionName={regionName} wide {...opt} />
            <TextField name="address" label={m.employer.address} maxlength={200} wide autocomplete="street-address" {...opt} />
            <TextField name="contactName" label={m.employer.contactName} required maxlength={50} {...opt} />
            <TextField name="contactPhone" type="tel" label={m.employer.contactPhone} required autocomplete="tel" {...opt} />
            <TextArea name="description" label={m.employer.description} maxlength={2000} wide {...opt} />
          </div>
          <div class="form-actions">
            <button type="submit">{e ? m.employer.saveButton : m.employer.registerButton}</button>
            {e && <a href="/employer/positions">{m.nav.positions}</a>}
          </div>
        </form>
      </section>
    </>,
    status,
  );
}

employerPages.get('/employer', (c) => employerPage(c));

employerPages.post('/employer', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const existing = await ownEmployer(c);
  const input = employerInput(form);
  const out = existing
    ? await submit(m, EmployerUpdate, input, (d) => updateOwnEmployer(deps, user, d))
    : await submit(m, EmployerInput, input, (d) => registerEmployer(deps, user, d));
  if (!out.ok) return employerPage(c, form, out.errors, out.status);
  return redirectWith(c, '/employer', existing ? 'employerSaved' : 'employerRegistered');
});

// ---------------------------------------------------------------- positions

function positionValues(p: PositionDto | null, defaults: { regionCode: string; today: string }): FormValues {
  if (!p) {
    const close = new Date(Date.parse(defaults.today) + 30 * 86400_000).toISOString().slice(0, 10);
    return {
      kind: 'station_worker',
      regionCode: defaults.regionCode,
      seats: '1',
      reservedSeats: '0',
      'requirements.minQualification': 'none',
      employmentType: 'FULL_TIME',
      opensOn: defaults.today,
      closesOn: close,
    };
  }
  return {
    title: p.title,
    kind: p.kind,
    regionCode: p.regionCode,
    seats: String(p.seats),
    reservedSeats: String(p.reservedSeats),
    'requirements.minEducation': p.requirements.minEducation ?? '',
    'requirements.minQualification': p.requirements.minQualification,
    'requirements.serviceAreas': p.requirements.serviceAreas,
    'requirements.languages': p.requirements.languages,
    'salary.min': p.salary ? String(p.salary.min) : '',
    'salary.max': p.salary ? String(p.salary.max) : '',
    employmentType: p.employmentType,
    description: p.description,
    opensOn: p.opensOn,
    closesOn: p.closesOn,
  };
}

/** The form as the body of POST /api/v1/positions (and PATCH /api/v1/positions/{id}). */
function positionInput(f: FormValues) {
  const min = num(f, 'salary.min');
  const max = num(f, 'salary.max');
  return {
    title: text(f, 'title'),
    kind: text(f, 'kind'),
    regionCode: text(f, 'regionCode').trim(),
    seats: num(f, 'seats') ?? undefined,
    reservedSeats: num(f, 'reservedSeats') ?? 0,
    requirements: {
      minEducation: optText(f, 'requirements.minEducation'),
      minQualification: text(f, 'requirements.minQualification') || 'none',
      serviceAreas: list(f, 'requirements.serviceAreas'),
      languages: list(f, 'requirements.languages'),
    },
    salary: min == null && max == null ? null : { min: min ?? undefined, max: max ?? undefined },
    employmentType: text(f, 'employmentType'),
    description: text(f, 'description'),
    opensOn: text(f, 'opensOn'),
    closesOn: text(f, 'closesOn'),
  };
}

function PositionForm({ action, values, errors, m, lang, regionName, submitLabel }: {
  action: string;
  values: FormValues;
  errors?: FormErrors;
  m: Messages;
  lang: Lang;
  regionName: string | null;
  submitLabel: string;
}) {
  const opt = { values, errors };
  return (
    <form method="post" action={action} novalidate>
      <ErrorSummary errors={errors} />
      <div class="form-grid two">
        <TextField name="title" label={m.positions.titleField} required maxlength={100} wide {...opt} />
        <SelectField name="kind" label={m.positions.kind} options={vocabOptions(POSITION_KINDS, lang)} required {...opt} />
        <SelectField name="employmentType" label={m.positions.employmentType} options={vocabOptions(EMPLOYMENT_TYPES, lang)} required {...opt} />
        <RegionField name="regionCode" label={m.positions.region} required m={m} regionName={regionName} wide {...opt} />
        <TextField name="seats" type="number" label={m.positions.seats} required inputmode="numeric" min={1} max={1000} {...opt} />
        <TextField name="reservedSeats" type="number" label={m.positions.reservedSeats} hint={m.positions.reservedSeatsHint} inputmode="numeric" min={0} max={1000} {...opt} />
        <TextField name="salary.min" type="number" label={m.positions.salaryMin} inputmode="numeric" min={0} {...opt} />
        <TextField name="salary.max" type="number" label={m.positions.salaryMax} inputmode="numeric" min={0} {...opt} />
        <TextField name="opensOn" type="date" label={m.positions.opensOn} required {...opt} />
        <TextField name="closesOn" type="date" label={m.positions.closesOn} required {...opt} />
        <SelectField name="requirements.minEducation" label={m.positions.minEducation} options={vocabOptions(EDUCATION_LEVELS, lang)} empty={m.common.any} {...opt} />
        <SelectField name="requirements.minQualification" label={m.positions.minQualification} options={vocabOptions(QUALIFICATION_LEVELS, lang)} {...opt} />
        <CheckboxGroup name="requirements.serviceAreas" label={m.positions.serviceAreas} options={vocabOptions(SERVICE_AREAS, lang)} wide {...opt} />
        <CheckboxGroup name="requirements.languages" label={m.positions.languages} options={vocabOptions(LANGUAGES, lang)} wide {...opt} />
        <TextArea name="description" label={m.positions.description} required maxlength={5000} rows={8} wide {...opt} />
      </div>
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}

async function positionsPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200, actionErrors?: FormErrors) {
  const { m, lang, deps, user } = page(c);
  const e = await ownEmployer(c);
  if (!e) {
    return render(
      c,
      m.positions.title,
      <>
        <div class="page-head"><h1>{m.positions.title}</h1></div>
        <div class="notice warning"><p>{m.positions.needEmployer}</p><p><a class="btn" href="/employer">{m.employer.registerTitle}</a></p></div>
      </>,
      status,
      '/employer/positions',
    );
  }
  const q = OwnPositionsQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const result = await listOwnPositions(deps, user, q.success ? q.data : { page: 1, pageSize: 20 });
  const values = form ?? positionValues(null, { regionCode: e.regionCode, today: chinaToday(deps.now()) });
  const regionName = await regionFullName(deps.database, text(values, 'regionCode'));
  const newPosition = (
      <section class="card mt-24" id="new-position" aria-labelledby="new-title">
        <h2 id="new-title">{m.positions.newTitle}</h2>
        <PositionForm action="/employer/positions" values={values} errors={errors} m={m} lang={lang} regionName={regionName} submitLabel={m.positions.createButton} />
      </section>
  );
  return render(
    c,
    m.positions.title,
    <>
      <div class="page-head spread">
        <h1>{m.positions.title}</h1>
        <a class="btn secondary" href="#new-position">{m.positions.newTitle}</a>
      </div>
      {e.status !== 'verified' && <div class="notice warning"><p>{m.positions.needVerified}</p></div>}
      <ErrorSummary errors={actionErrors} />
      {errors && newPosition /* a failed post shows its form first */}
      {result.items.length === 0 ? (
        <div class="card empty">{m.positions.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((p) => (
            <li class="record">
              <div class="spread">
                <h3><a href={`/positions/${p.id}`}>{p.title}</a></h3>
                <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
              </div>
              <p class="muted small">
                {label(POSITION_KINDS, p.kind, lang)} · {p.regionName} · {fmt(m.common.seats, { n: p.seats })} · {salaryText(m, p.salary)} ·{' '}
                {fmt(m.common.dateRange, { from: p.opensOn, to: p.closesOn })}
              </p>
              <div class="actions">
                <a class="btn small secondary" href={`/employer/positions/${p.id}/applicants`}>{m.positions.applicants}</a>
                {p.status === 'open' && <a class="btn small secondary" href={`/employer/positions/${p.id}/candidates`}>{m.positions.candidates}</a>}
                <a class="btn small secondary" href={`/employer/positions/${p.id}/edit`}>{m.common.edit}</a>
                {p.status !== 'open' && e.status === 'verified' && <ActionButton action={`/employer/positions/${p.id}/publish`} label={m.positions.publish} />}
                {p.status === 'open' && <ActionButton action={`/employer/positions/${p.id}/close`} label={m.positions.close} tone="danger" />}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/employer/positions?page=${n}`} m={m} />
      {!errors && newPosition}
    </>,
    status,
    '/employer/positions',
  );
}

employerPages.get('/employer/positions', (c) => positionsPage(c));

employerPages.post('/employer/positions', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, PositionInput, positionInput(form), (d) => createPosition(deps, user, d));
  if (!out.ok) return positionsPage(c, form, out.errors, out.status);
  return redirectWith(c, '/employer/positions', 'positionCreated');
});

async function ownPosition(c: WebContext, id: string): Promise<PositionDto> {
  const { deps, user } = page(c);
  const { position, isOwner } = await getPositionForViewer(deps, user, id);
  if (!isOwner) throw forbidden('Only the employer that posted this position may change it');
  return position;
}

async function editPage(c: WebContext, id: string, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps } = page(c);
  const p = await ownPosition(c, id);
  const values = form ?? positionValues(p, { regionCode: p.regionCode, today: '' });
  const regionName = await regionFullName(deps.database, text(values, 'regionCode'));
  return render(
    c,
    m.positions.editTitle,
    <>
      <nav class="breadcrumbs"><a href="/employer/positions">{m.applicants.back}</a></nav>
      <div class="page-head spread">
        <h1>{m.positions.editTitle}</h1>
        <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
      </div>
      <section class="card">
        <PositionForm action={`/employer/positions/${p.id}/edit`} values={values} errors={errors} m={m} lang={lang} regionName={regionName} submitLabel={m.positions.saveButton} />
      </section>
    </>,
    status,
  );
}

employerPages.get('/employer/positions/:id/edit', (c) => editPage(c, c.req.param('id')));

employerPages.post('/employer/positions/:id/edit', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, PositionUpdate, positionInput(form), (d) => updatePosition(deps, user, id, d));
  if (!out.ok) return editPage(c, id, form, out.errors, out.status);
  return redirectWith(c, '/employer/positions', 'positionSaved');
});

employerPages.post('/employer/positions/:id/publish', async (c) => {
  const { m, deps, user } = page(c);
  const out = await run(m, () => publishPosition(deps, user, c.req.param('id')));
  if (!out.ok) return positionsPage(c, undefined, undefined, out.status, out.errors);
  return redirectWith(c, '/employer/positions', 'positionPublished');
});

employerPages.post('/employer/positions/:id/close', async (c) => {
  const { m, deps, user } = page(c);
  const out = await run(m, () => closePosition(deps, user, c.req.param('id')));
  if (!out.ok) return positionsPage(c, undefined, undefined, out.status, out.errors);
  return redirectWith(c, '/employer/positions', 'positionClosed');
});

// ---------------------------------------------------------------- applicants

async function applicantsPage(c: WebContext, positionId: string, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const p = await ownPosition(c, positionId);
  const q = ApplicationListQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const result = await listApplicants(deps, user, positionId, q.success ? q.data : { page: 1, pageSize: 20 });
  const detailed = await Promise.all(result.items.map((a) => getApplicationWithHistory(deps, user, a.id)));
  return render(
    c,
    fmt(m.applicants.title, { position: p.title }),
    <>
      <nav class="breadcrumbs"><a href="/employer/positions">{m.applicants.back}</a></nav>
      <div class="page-head">
        <h1>{fmt(m.applicants.title, { position: p.title })}</h1>
        <p class="row">
          <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
          <span>{p.regionName}</span>
        </p>
      </div>
      <ErrorSummary errors={errors} />
      {detailed.length === 0 ? (
        <div class="card empty">{m.applicants.empty}</div>
      ) : (
        <ul class="records">
          {detailed.map((a) => {
            const t = a.applicant;
            return (
              <li class="record" id={`application-${a.id}`}>
                <div class="spread">
                  <h3>
                    {t.name}
                    <span class="muted small fw-normal">
                      {' '}
                      {[label(GENDERS, t.gender, lang), t.birthYear ? fmt(m.applicants.birthYear, { year: t.birthYear }) : null].filter(Boolean).join(' · ')}
                    </span>
                  </h3>
                  <Badge tone={STATUS_TONES[a.status]}>{label(APPLICATION_STATUSES, a.status, lang)}</Badge>
                </div>
                <dl class="facts mt-8">
                  <Fact term={m.applicants.education}>
                    {t.education ? [label(EDUCATION_LEVELS, t.education.level, lang), t.education.school, t.education.major].filter(Boolean).join(' · ') : m.common.notSet}
                  </Fact>
                  <Fact term={m.applicants.qualification}>{label(QUALIFICATION_LEVELS, t.qualification.level, lang)}</Fact>
                  <Fact term={m.applicants.phone}>{t.phone ?? m.common.notSet}</Fact>
                  <Fact term={m.profile.availability}>{label(AVAILABILITY, t.availability, lang)}</Fact>
                  <Fact term={m.applicants.serviceAreas} wide>
                    {t.serviceAreas.length ? <Tags codes={t.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}
                  </Fact>
                  <Fact term={m.applicants.languages} wide>
                    {t.languages.length ? <Tags codes={t.languages} vocab={LANGUAGES} lang={lang} /> : m.common.notSet}
                  </Fact>
                  {a.coverLetter && (
                    <Fact term={m.applicants.coverLetter} wide>
                      <span class="prose">{a.coverLetter}</span>
                    </Fact>
                  )}
                </dl>
                <details>
                  <summary>{m.applicants.history}</summary>
                  <ol class="timeline">
                    {a.events.map((e) => (
                      <li>
                        {fmt(m.applications.event, { date: day(e.at), status: label(APPLICATION_STATUSES, e.toStatus, lang) })}
                        {e.note && <span class="muted"> — {fmt(m.applications.note, { note: e.note })}</span>}
                      </li>
                    ))}
                  </ol>
                </details>
                {a.nextSteps.length > 0 && (
                  <div class="actions">
                    <form method="post" action={`/employer/applications/${a.id}/move`}>
                      <TextField name="note" idPrefix={`a-${a.id}`} label={m.applicants.note} maxlength={500} />
                      {a.nextSteps.map((s) => (
                        <button type="submit" name="status" value={s} class={s === 'rejected' ? 'small danger' : 'small'}>
                          {fmt(m.applicants.moveToStatus, { status: label(APPLICATION_STATUSES, s, lang) })}
                        </button>
                      ))}
                    </form>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/employer/positions/${positionId}/applicants?page=${n}`} m={m} />
    </>,
    status,
    `/employer/positions/${positionId}/applicants`,
  );
}

employerPages.get('/employer/positions/:id/applicants', (c) => applicantsPage(c, c.req.param('id')));

employerPages.post('/employer/applications/:id/move', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  // The application tells which position page to return to (and 404s for someone else's).
  const current = await getApplicationWithHistory(deps, user, id);
  const out = await submit(m, MoveBody, { status: text(form, 'status'), note: optText(form, 'note') }, (d) => moveApplication(deps, user, id, d));
  if (!out.ok) return applicantsPage(c, current.position.id, out.errors, out.status);
  return redirectWith(c, `/employer/positions/${current.position.id}/applicants#application-${id}`, 'applicationMoved');
});
