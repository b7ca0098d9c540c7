// The applicants to one of an employer's positions: a filter by stage with counts, each application
// with its history, the talent's contact from the interview stage on (if they agreed), the interview
// (scheduled when moving to interview, changed while there) and the moves review → interview →
// offer → hired (or rejected).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { APPLICATION_STATUSES, AVAILABILITY, EDUCATION_LEVELS, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { ALL_STATUSES, ApplicationListQuery, CONTACT_STAGES, INTERVIEW_LIMITS, MoveBody, RescheduleBody, type ApplicationDto } from '../../../src/applications';
import { getApplicationWithHistory, listApplicants, moveApplication, rescheduleInterview } from '../../../src/applications';
import { Badge, ConfirmStep, ErrorSummary, Fact, Pager, STATUS_TONES, Tags, TextField } from '../../components';
import { optText, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { toQuery } from '../../query';
import { getOwnPosition } from '../../../src/positions';

export const applicationsEmployerPages = new Hono<AppEnv>();

/** A form that failed: which application it was for, what was typed, what was wrong. */
interface Failed {
  id: string;
  values: FormValues;
  errors: FormErrors;
}

function InterviewFields({ m, prefix, values, errors }: { m: Messages; prefix: string; values: FormValues; errors?: FormErrors }) {
  const c = m.contact;
  return (
    <div class="form-grid">
      <TextField name="interview.date" type="date" idPrefix={prefix} label={c.interviewDate} values={values} errors={errors} required />
      <TextField name="interview.time" type="time" idPrefix={prefix} label={c.interviewTime} hint={c.interviewTimeHint} values={values} errors={errors} required />
      <TextField
        name="interview.place"
        idPrefix={prefix}
        label={c.interviewPlace}
        hint={c.interviewPlaceHint}
        values={values}
        errors={errors}
        maxlength={INTERVIEW_LIMITS.placeChars}
      />
      <TextField
        name="interview.link"
        type="url"
        inputmode="url"
        idPrefix={prefix}
        label={c.interviewLink}
        hint={c.interviewLinkHint}
        values={values}
        errors={errors}
        maxlength={INTERVIEW_LIMITS.linkChars}
      />
    </div>
  );
}

function interviewValues(a: ApplicationDto): FormValues {
  const i = a.interview;
  return i ? { 'interview.date': i.date, 'interview.time': i.time, 'interview.place': i.place ?? '', 'interview.link': i.link ?? '' } : {};
}

/** What the employer sees of the talent's phone and email. */
function ContactFacts({ m, a }: { m: Messages; a: ApplicationDto }) {
  const c = m.contact;
  if (a.contact) {
    return (
      <>
        <Fact term={c.contactPhone}>{a.contact.phone ?? m.common.notSet}</Fact>
        <Fact term={c.contactEmail}>{a.contact.email ?? m.common.notSet}</Fact>
      </>
    );
  }
  const atContactStage = (CONTACT_STAGES as string[]).includes(a.status);
  return (
    <Fact term={m.applicants.phone} wide>
      {a.applicant.phone ?? m.common.notSet}
      <span class="muted small"> — {atContactStage && !a.contactConsent ? c.contactNotShared : c.contactFromInterview}</span>
    </Fact>
  );
}

async function applicantsPage(c: WebContext, positionId: string, failed?: Failed, status = 200) {
  const { m, lang, deps, user } = page(c);
  const p = await getOwnPosition(deps, user, positionId);
  const q = ApplicationListQuery.safeParse({ page: c.req.query('page'), pageSize: 20, status: c.req.query('status') || undefined });
  const filters = q.success ? q.data : { page: 1, pageSize: 20 };
  const result = await listApplicants(deps, user, positionId, filters);
  const detailed = await Promise.all(result.items.map((a) => getApplicationWithHistory(deps, user, a.id)));
  const all = Object.values(result.stageCounts).reduce((x, y) => x + y, 0);
  const here = `/employer/positions/${positionId}/applicants`;
  const stageHref = (s?: string) => (s ? `${here}?status=${s}` : here);
  const errorsOf = (id: string) => (failed?.id === id ? failed.errors : undefined);
  return render(
    c,
    fmt(m.applicants.title, { position: p.title }),
    <>
      <nav class="breadcrumbs">
        <a href="/employer/positions">{m.applicants.back}</a>
      </nav>
      <div class="page-head">
        <h1>{fmt(m.applicants.title, { position: p.title })}</h1>
        <p class="row">
          <Badge tone={STATUS_TONES[p.status]}>{m.position.statuses[p.status]}</Badge>
          <span>{p.regionName}</span>
        </p>
      </div>
      <nav class="stage-filter row" aria-label={m.contact.stageFilter}>
        <a href={stageHref()} aria-current={filters.status ? undefined : 'page'}>
          {fmt(m.contact.stageCount, { stage: m.contact.allStages, n: all })}
        </a>
        {ALL_STATUSES.filter((s) => result.stageCounts[s] || s === filters.status).map((s) => (
          <a href={stageHref(s)} aria-current={filters.status === s ? 'page' : undefined}>
            {fmt(m.contact.stageCount, { stage: label(APPLICATION_STATUSES, s, lang), n: result.stageCounts[s] ?? 0 })}
          </a>
        ))}
      </nav>
      {failed && <ErrorSummary errors={failed.errors} />}
      {detailed.length === 0 ? (
        <div class="card empty">{m.applicants.empty}</div>
      ) : (
        <ul class="records">
          {detailed.map((a) => {
            const t = a.applicant;
            const errors = errorsOf(a.id);
            const values = failed?.id === a.id ? failed.values : interviewValues(a);
            const others = a.nextSteps.filter((s) => s !== 'interview');
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
                  <ContactFacts m={m} a={a} />
                  <Fact term={m.profile.availability}>{label(AVAILABILITY, t.availability, lang)}</Fact>
                  {a.interview && (
                    <Fact term={m.contact.interviewTitle} wide>
                      {a.interview.date} {a.interview.time}
                      {a.interview.place && ` · ${a.interview.place}`}
                      {a.interview.link && (
                        <>
                          {' · '}
                          <a href={a.interview.link} rel="noopener noreferrer">
                            {a.interview.link}
                          </a>
                        </>
                      )}
                    </Fact>
                  )}
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
                {a.nextSteps.includes('interview') && (
                  <details class="mt-8" open={!!errors}>
                    <summary>{m.contact.scheduleInterview}</summary>
                    <form method="post" action={`/employer/applications/${a.id}/move`} class="stack" novalidate>
                      <InterviewFields m={m} prefix={`i-${a.id}`} values={values} errors={errors} />
                      <TextField name="note" idPrefix={`i-${a.id}`} label={m.applicants.note} maxlength={500} values={values} errors={errors} />
                      <div class="form-actions">
                        <button type="submit" name="status" value="interview" class="small">
                          {m.contact.scheduleInterview}
                        </button>
                      </div>
                    </form>
                  </details>
                )}
                {a.status === 'interview' && a.nextSteps.length > 0 && (
                  <details class="mt-8" open={!!errors}>
                    <summary>{m.contact.reschedule}</summary>
                    <form method="post" action={`/employer/applications/${a.id}/interview`} class="stack" novalidate>
                      <InterviewFields m={m} prefix={`r-${a.id}`} values={values} errors={errors} />
                      <TextField name="note" idPrefix={`r-${a.id}`} label={m.applicants.note} maxlength={500} values={values} errors={errors} />
                      <div class="form-actions">
                        <button type="submit" class="small">
                          {m.contact.rescheduleButton}
                        </button>
                      </div>
                    </form>
                  </details>
                )}
                {others.length > 0 && (
                  <div class="actions">
                    <form method="post" action={`/employer/applications/${a.id}/move`}>
                      <TextField name="note" idPrefix={`a-${a.id}`} label={m.applicants.note} maxlength={500} />
                      {others.map((s) => (
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
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `${here}?${filters.status ? `status=${filters.status}&` : ''}page=${n}`} m={m} />
    </>,
    status,
    here,
  );
}

applicationsEmployerPages.get('/employer/positions/:id/applicants', (c) => applicantsPage(c, c.req.param('id')));

function interviewInput(form: FormValues) {
  return { date: text(form, 'interview.date'), time: text(form, 'interview.time'), place: optText(form, 'interview.place'), link: optText(form, 'interview.link') };
}

applicationsEmployerPages.post('/employer/applications/:id/move', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  // The application tells which position page to return to (and 404s for someone else's).
  const current = await getApplicationWithHistory(deps, user, id);
  // Rejecting confirms on its own step first (issue 11 §6); that step posts back with confirm=yes.
  if (text(form, 'status') === 'rejected' && text(form, 'confirm') !== 'yes') {
    return c.redirect(`/employer/applications/${id}/reject/confirm${toQuery({ note: optText(form, 'note') ?? undefined })}`, 303);
  }
  const status = text(form, 'status');
  const input = { status, note: optText(form, 'note'), ...(status === 'interview' ? { interview: interviewInput(form) } : {}) };
  const out = await submit(m, MoveBody, input, (d) => moveApplication(deps, user, id, d));
  if (!out.ok) return applicantsPage(c, current.position.id, { id, values: form, errors: out.errors }, out.status);
  return redirectWith(c, `/employer/positions/${current.position.id}/applicants#application-${id}`, 'applicationMoved');
});

applicationsEmployerPages.post('/employer/applications/:id/interview', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const current = await getApplicationWithHistory(deps, user, id);
  const out = await submit(m, RescheduleBody, { interview: interviewInput(form), note: optText(form, 'note') }, (d) => rescheduleInterview(deps, user, id, d));
  if (!out.ok) return applicantsPage(c, current.position.id, { id, values: form, errors: out.errors }, out.status);
  return redirectWith(c, `/employer/positions/${current.position.id}/applicants#application-${id}`, 'interviewRescheduled');
});

applicationsEmployerPages.get('/employer/applications/:id/reject/confirm', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const a = await getApplicationWithHistory(deps, user, id); // someone else's: 404
  const back = `/employer/positions/${a.position.id}/applicants#application-${id}`;
  if (!a.nextSteps.includes('rejected')) return c.redirect(back, 303);
  const x = m.confirm.reject;
  return render(
    c,
    x.title,
    <ConfirmStep
      title={x.title}
      lead={x.lead}
      warning={m.confirm.cannotUndo}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.applicant}>{a.applicant.name}</Fact>
          <Fact term={x.position}>{a.position.title}</Fact>
        </dl>
      }
      action={`/employer/applications/${id}/move`}
      hidden={{ status: 'rejected' }}
      button={x.button}
      back={back}
      backLabel={m.confirm.back}
    >
      <TextField name="note" label={x.note} maxlength={500} wide values={{ note: c.req.query('note') ?? '' }} />
    </ConfirmStep>,
  );
});
