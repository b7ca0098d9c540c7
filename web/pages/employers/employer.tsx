// An employer's own organisation: registering it, its verification status and editing it.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { EMPLOYER_TYPES } from '../../../src/lib/vocab';
import { EmployerInput, EmployerUpdate, type EmployerDto } from '../../../src/employers';
import { findOwnEmployer, registerEmployer, updateOwnEmployer } from '../../../src/employers';
import { toFullEmployerDto } from '../../../src/employers';
import { Badge, ErrorSummary, RegionField, STATUS_TONES, SelectField, TextArea, TextField, vocabOptions } from '../../components';
import { optText, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, type Messages } from '../../i18n';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { loadRegionPick } from '../../regions';

export const employersEmployerPages = new Hono<AppEnv>();

async function ownEmployer(c: WebContext): Promise<EmployerDto | null> {
  const { deps, user } = page(c);
  const record = await findOwnEmployer(deps, user!);
  return record ? toFullEmployerDto(record) : null;
}

function employerValues(e: EmployerDto | null): FormValues {
  // No type is chosen for a new organisation: a pre-selected one would put an agency that did not
  // notice among the township stations of the coverage statistics (issue 11 §6).
  if (!e) return {};
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
    type: text(f, 'type') || null,
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
      {e.reviewNote && <p>{fmt(m.common.labelled, { label: m.employer.reviewNote, value: e.reviewNote })}</p>}
    </div>
  );
}

async function employerPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang } = page(c);
  const e = await ownEmployer(c);
  const values = form ?? employerValues(e);
  const regionPick = await loadRegionPick(c, 'regionCode', text(values, 'regionCode'));
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
            <SelectField name="type" label={m.employer.type} options={vocabOptions(EMPLOYER_TYPES, lang)} empty={m.regionPicker.choose} required {...opt} />
            <RegionField name="regionCode" label={m.employer.region} required m={m} pick={regionPick} wide {...opt} />
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

employersEmployerPages.get('/employer', (c) => employerPage(c));

employersEmployerPages.post('/employer', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const existing = await ownEmployer(c);
  const input = employerInput(form);
  const out = existing
    ? await submit(m, EmployerUpdate, input, (d) => updateOwnEmployer(deps, user, d), form)
    : await submit(m, EmployerInput, input, (d) => registerEmployer(deps, user, d), form);
  if (!out.ok) return employerPage(c, form, out.errors, out.status);
  return redirectWith(c, '/employer', existing ? 'employerSaved' : 'employerRegistered');
});
