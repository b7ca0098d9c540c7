// The applicants to one of an employer's positions: each application with its history and the
// moves review → interview → offer → hired (or rejected).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { APPLICATION_STATUSES, AVAILABILITY, EDUCATION_LEVELS, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { ApplicationListQuery, MoveBody } from '../../../src/applications';
import { getApplicationWithHistory, listApplicants, moveApplication } from '../../../src/applications';
import { Badge, ConfirmStep, ErrorSummary, Fact, Pager, STATUS_TONES, Tags, TextField } from '../../components';
import { optText, readForm, submit, text, type FormErrors } from '../../forms';
import { fmt } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { toQuery } from '../../query';
import { getOwnPosition } from '../../../src/positions';

export const applicationsEmployerPages = new Hono<AppEnv>();

async function applicantsPage(c: WebContext, positionId: string, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const p = await getOwnPosition(deps, user, positionId);
  const q = ApplicationListQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const result = await listApplicants(deps, user, positionId, q.success ? q.data : { page: 1, pageSize: 20 });
  const detailed = await Promise.all(result.items.map((a) => getApplicationWithHistory(deps, user, a.id)));
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

applicationsEmployerPages.get('/employer/positions/:id/applicants', (c) => applicantsPage(c, c.req.param('id')));

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
  const out = await submit(m, MoveBody, { status: text(form, 'status'), note: optText(form, 'note') }, (d) => moveApplication(deps, user, id, d));
  if (!out.ok) return applicantsPage(c, current.position.id, out.errors, out.status);
  return redirectWith(c, `/employer/positions/${current.position.id}/applicants#application-${id}`, 'applicationMoved');
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
