// An employer's own positions: the list, posting one (a draft), editing, publishing and closing.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { EDUCATION_LEVELS, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { type EmployerDto } from '../../../src/employers';
import { findOwnEmployer } from '../../../src/employers';
import { toFullEmployerDto } from '../../../src/employers';
import { PositionInput, PositionUpdate, OwnPositionsQuery, type PositionDto } from '../../../src/positions';
import { closePosition, createPosition, listOwnPositions, publishPosition, updatePosition } from '../../../src/positions';
import { chinaToday } from '../../../src/lib/dates';
import {
  ActionButton,
  Badge,
  CheckboxGroup,
  ConfirmStep,
  ErrorSummary,
  Fact,
  Pager,
  RegionField,
  STATUS_TONES,
  SelectField,
  TextArea,
  TextField,
  vocabOptions,
} from '../../components';
import { list, num, optText, readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, type Lang, type Messages } from '../../i18n';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { salaryText } from '../../components/salary';
import { getOwnPosition } from '../../../src/positions';
import { loadRegionPick, type RegionPick } from '../../regions';

export const positionsEmployerPages = new Hono<AppEnv>();

async function ownEmployer(c: WebContext): Promise<EmployerDto | null> {
  const { deps, user } = page(c);
  const record = await findOwnEmployer(deps, user!);
  return record ? toFullEmployerDto(record) : null;
}

function positionValues(p: PositionDto | null, defaults: { regionCode: string; today: string }): FormValues {
  if (!p) {
    const close = new Date(Date.parse(defaults.today) + 30 * 86400_000).toISOString().slice(0, 10);
    return {
      regionCode: defaults.regionCode,
      seats: '1',
      reservedSeats: '0',
      'requirements.minQualification': 'none',
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
    kind: text(f, 'kind') || null,
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
    employmentType: text(f, 'employmentType') || null, // null, not the API's default: the form asks
    description: text(f, 'description'),
    opensOn: text(f, 'opensOn'),
    closesOn: text(f, 'closesOn'),
  };
}

function PositionForm({
  action,
  values,
  errors,
  m,
  lang,
  regionPick,
  submitLabel,
}: {
  action: string;
  values: FormValues;
  errors?: FormErrors;
  m: Messages;
  lang: Lang;
  regionPick: RegionPick;
  submitLabel: string;
}) {
  const opt = { values, errors };
  return (
    <form method="post" action={action} novalidate>
      <ErrorSummary errors={errors} />
      <div class="form-grid two">
        <TextField name="title" label={m.positions.titleField} required maxlength={100} wide {...opt} />
        <SelectField name="kind" label={m.positions.kind} options={vocabOptions(POSITION_KINDS, lang)} empty={m.regionPicker.choose} required {...opt} />
        <SelectField name="employmentType" label={m.positions.employmentType} options={vocabOptions(EMPLOYMENT_TYPES, lang)} empty={m.regionPicker.choose} required {...opt} />
        <RegionField name="regionCode" label={m.positions.region} required m={m} pick={regionPick} wide {...opt} />
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
        <div class="page-head">
          <h1>{m.positions.title}</h1>
        </div>
        <div class="notice warning">
          <p>{m.positions.needEmployer}</p>
          <p>
            <a class="btn" href="/employer">
              {m.employer.registerTitle}
            </a>
          </p>
        </div>
      </>,
      status,
      '/employer/positions',
    );
  }
  const q = OwnPositionsQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const result = await listOwnPositions(deps, user, q.success ? q.data : { page: 1, pageSize: 20 });
  const values = form ?? positionValues(null, { regionCode: e.regionCode, today: chinaToday(deps.now()) });
  // A post lies within the employer's region: the picker starts there.
  const regionPick = await loadRegionPick(c, 'regionCode', text(values, 'regionCode'), { root: e.regionCode });
  const newPosition = (
    <section class="card mt-24" id="new-position" aria-labelledby="new-title">
      <h2 id="new-title">{m.positions.newTitle}</h2>
      <PositionForm action="/employer/positions" values={values} errors={errors} m={m} lang={lang} regionPick={regionPick} submitLabel={m.positions.createButton} />
    </section>
  );
  return render(
    c,
    m.positions.title,
    <>
      <div class="page-head spread">
        <h1>{m.positions.title}</h1>
        <a class="btn secondary" href="#new-position">
          {m.positions.newTitle}
        </a>
      </div>
      {e.status !== 'verified' && (
        <div class="notice warning">
          <p>{m.positions.needVerified}</p>
        </div>
      )}
      <ErrorSummary errors={actionErrors} />
      {errors && newPosition /* a failed post shows its form first */}
      {result.items.length === 0 ? (
        <div class="card empty">{m.positions.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((p) => (
            <li class="record">
              <div class="spread">
                <h3>
                  <a href={`/positions/${p.id}`}>{p.title}</a>
                </h3>
                <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
              </div>
              <p class="muted small">
                {label(POSITION_KINDS, p.kind, lang)} · {p.regionName} · {fmt(m.common.seats, { n: p.seats })} · {salaryText(m, p.salary)} ·{' '}
                {fmt(m.common.dateRange, { from: p.opensOn, to: p.closesOn })}
              </p>
              <div class="actions">
                <a class="btn small secondary" href={`/employer/positions/${p.id}/applicants`}>
                  {m.positions.applicants}
                </a>
                {p.status === 'open' && (
                  <a class="btn small secondary" href={`/employer/positions/${p.id}/candidates`}>
                    {m.positions.candidates}
                  </a>
                )}
                <a class="btn small secondary" href={`/employer/positions/${p.id}/edit`}>
                  {m.common.edit}
                </a>
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

positionsEmployerPages.get('/employer/positions', (c) => positionsPage(c));

positionsEmployerPages.post('/employer/positions', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, PositionInput, positionInput(form), (d) => createPosition(deps, user, d), form);
  if (!out.ok) return positionsPage(c, form, out.errors, out.status);
  return redirectWith(c, '/employer/positions', 'positionCreated');
});

async function editPage(c: WebContext, id: string, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const p = await getOwnPosition(deps, user, id);
  const values = form ?? positionValues(p, { regionCode: p.regionCode, today: '' });
  const regionPick = await loadRegionPick(c, 'regionCode', text(values, 'regionCode'));
  return render(
    c,
    m.positions.editTitle,
    <>
      <nav class="breadcrumbs">
        <a href="/employer/positions">{m.applicants.back}</a>
      </nav>
      <div class="page-head spread">
        <h1>{m.positions.editTitle}</h1>
        <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
      </div>
      <section class="card">
        <PositionForm action={`/employer/positions/${p.id}/edit`} values={values} errors={errors} m={m} lang={lang} regionPick={regionPick} submitLabel={m.positions.saveButton} />
      </section>
    </>,
    status,
  );
}

positionsEmployerPages.get('/employer/positions/:id/edit', (c) => editPage(c, c.req.param('id')));

positionsEmployerPages.post('/employer/positions/:id/edit', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, PositionUpdate, positionInput(form), (d) => updatePosition(deps, user, id, d), form);
  if (!out.ok) return editPage(c, id, form, out.errors, out.status);
  return redirectWith(c, '/employer/positions', 'positionSaved');
});

positionsEmployerPages.post('/employer/positions/:id/publish', async (c) => {
  const { m, deps, user } = page(c);
  const out = await run(m, () => publishPosition(deps, user, c.req.param('id')));
  if (!out.ok) return positionsPage(c, undefined, undefined, out.status, out.errors);
  return redirectWith(c, '/employer/positions', 'positionPublished');
});

// Closing confirms on its own step first (issue 11 §6); that step posts back with confirm=yes.
positionsEmployerPages.post('/employer/positions/:id/close', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  if (text(await readForm(c), 'confirm') !== 'yes') return c.redirect(`/employer/positions/${id}/close/confirm`, 303);
  const out = await run(m, () => closePosition(deps, user, c.req.param('id')));
  if (!out.ok) return positionsPage(c, undefined, undefined, out.status, out.errors);
  return redirectWith(c, '/employer/positions', 'positionClosed');
});

positionsEmployerPages.get('/employer/positions/:id/close/confirm', async (c) => {
  const { m, deps, user } = page(c);
  const p = await getOwnPosition(deps, user, c.req.param('id')); // someone else's: 404
  if (p.status !== 'open') return c.redirect('/employer/positions', 303);
  const x = m.confirm.closePosition;
  return render(
    c,
    x.title,
    <ConfirmStep
      title={x.title}
      lead={x.lead}
      warning={m.confirm.cannotUndo}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.position}>{p.title}</Fact>
          <Fact term={m.positions.region}>{p.regionName}</Fact>
          <Fact term={m.positions.closesOn}>{p.closesOn}</Fact>
        </dl>
      }
      action={`/employer/positions/${p.id}/close`}
      button={x.button}
      back="/employer/positions"
      backLabel={m.confirm.back}
    />,
  );
});
