// A graduate's applications: their status, the interview, whether their phone and email were shown
// to the employer, the history and withdrawing one; above them, the invitations to apply.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { APPLICATION_STATUSES, label } from '../../../src/lib/vocab';
import { ApplicationListQuery, WithdrawBody, type ApplicationDto, type InvitationDto } from '../../../src/applications';
import { getApplicationWithHistory, listInvitations, listMyApplications, withdraw } from '../../../src/applications';
import { ActionButton, Badge, ErrorSummary, Fact, Pager, STATUS_TONES } from '../../components';
import { optText, readForm, submit, type FormErrors } from '../../forms';
import { fmt, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

export const applicationsTalentPages = new Hono<AppEnv>();

applicationsTalentPages.get('/me/applications', (c) => applicationsPage(c));

function InterviewCard({ m, a }: { m: Messages; a: ApplicationDto }) {
  const i = a.interview;
  if (!i || a.status !== 'interview') return null;
  return (
    <div class="notice info interview">
      <p>
        <strong>{m.contact.interviewTitle}</strong>
      </p>
      <dl class="facts">
        <Fact term={m.contact.interviewWhen}>
          {i.date} {i.time}
        </Fact>
        {i.place && <Fact term={m.contact.interviewPlace}>{i.place}</Fact>}
        {i.link && (
          <Fact term={m.contact.interviewLink} wide>
            <a href={i.link} rel="noopener noreferrer">
              {i.link}
            </a>
          </Fact>
        )}
      </dl>
    </div>
  );
}

/** Whether the employer saw, will see, or may not see the talent's phone and email. */
function ContactLine({ m, a }: { m: Messages; a: ApplicationDto }) {
  const employer = a.position.employerName;
  if (a.contactShownAt) return <p class="small">{fmt(m.contact.contactShownTo, { employer, date: day(a.contactShownAt) })}</p>;
  if (!a.contactConsent) return <p class="muted small">{fmt(m.contact.contactNotConsented, { employer })}</p>;
  if (a.nextSteps.includes('withdrawn')) return <p class="muted small">{fmt(m.contact.contactWillShow, { employer })}</p>;
  return null;
}

function Invitations({ m, items }: { m: Messages; items: InvitationDto[] }) {
  if (items.length === 0) return null;
  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{m.contact.invitationsTitle}</h2>
      <ul class="records">
        {items.map((v) => (
          <li class="record spread">
            <div>
              <h3>
                <a href={`/positions/${v.position.id}`}>{v.position.title}</a>
              </h3>
              <p class="muted small">
                {v.position.regionName} · {fmt(m.contact.invitationFrom, { employer: v.position.employerName, date: day(v.createdAt) })}
              </p>
            </div>
            {v.applicationId ? (
              <Badge tone="neutral">{m.contact.appliedAlready}</Badge>
            ) : v.position.takesApplications ? (
              <a class="btn small" href={`/positions/${v.position.id}#apply-title`}>
                {m.contact.applyNow}
              </a>
            ) : (
              <span class="muted small">{m.contact.notTakingApplications}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

async function applicationsPage(c: WebContext, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const query = ApplicationListQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const filters = query.success ? query.data : { page: 1, pageSize: 20 };
  const [list, invitations] = await Promise.all([listMyApplications(deps, user, filters), listInvitations(deps, user)]);
  // Each card shows its history, which the list does not carry.
  const detailed = await Promise.all(list.items.map((a) => getApplicationWithHistory(deps, user, a.id)));
  return render(
    c,
    m.applications.title,
    <>
      <div class="page-head">
        <h1>{m.applications.title}</h1>
      </div>
      <ErrorSummary errors={errors} />
      <Invitations m={m} items={invitations.items} />
      {detailed.length === 0 ? (
        <div class="card empty">
          <p>{m.applications.empty}</p>
          <a class="btn" href="/">
            {m.applications.browse}
          </a>
        </div>
      ) : (
        <ul class="records">
          {detailed.map((a) => (
            <li class="record">
              <div class="spread">
                <h3>
                  <a href={`/positions/${a.position.id}`}>{a.position.title}</a>
                </h3>
                <Badge tone={STATUS_TONES[a.status]}>{label(APPLICATION_STATUSES, a.status, lang)}</Badge>
              </div>
              <p class="muted small">
                {a.position.employerName} · {a.position.regionName} · {m.applications.appliedAt} {day(a.createdAt)}
              </p>
              <InterviewCard m={m} a={a} />
              <ContactLine m={m} a={a} />
              <details open={a.events.length <= 3}>
                <summary>{m.applications.history}</summary>
                <ol class="timeline">
                  {a.events.map((e) => (
                    <li>
                      {fmt(m.applications.event, { date: day(e.at), status: label(APPLICATION_STATUSES, e.toStatus, lang) })}
                      {e.note && <span class="muted"> — {fmt(m.applications.note, { note: e.note })}</span>}
                    </li>
                  ))}
                </ol>
              </details>
              {a.nextSteps.includes('withdrawn') && (
                <div class="actions">
                  <ActionButton action={`/me/applications/${a.id}/withdraw`} label={m.applications.withdraw} tone="danger" confirm={m.applications.withdrawConfirm} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} href={(n) => `/me/applications?page=${n}`} m={m} />
    </>,
    status,
    '/me/applications',
  );
}

applicationsTalentPages.post('/me/applications/:id/withdraw', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, WithdrawBody, { note: optText(form, 'note') }, (d) => withdraw(deps, user, c.req.param('id'), d.note));
  if (!out.ok) return applicationsPage(c, out.errors, out.status);
  return redirectWith(c, '/me/applications', 'withdrawn');
});
