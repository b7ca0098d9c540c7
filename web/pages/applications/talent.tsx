// A graduate's applications: their status, history and withdrawing one.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { APPLICATION_STATUSES, label } from '../../../src/lib/vocab';
import { ApplicationListQuery, WithdrawBody } from '../../../src/applications';
import { getApplicationWithHistory, listMyApplications, withdraw } from '../../../src/applications';
import { ActionButton, Badge, ErrorSummary, Pager, STATUS_TONES } from '../../components';
import { optText, readForm, submit, type FormErrors } from '../../forms';
import { fmt } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

export const applicationsTalentPages = new Hono<AppEnv>();

applicationsTalentPages.get('/me/applications', (c) => applicationsPage(c));

async function applicationsPage(c: WebContext, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const query = ApplicationListQuery.safeParse({ page: c.req.query('page'), pageSize: 20 });
  const filters = query.success ? query.data : { page: 1, pageSize: 20 };
  const list = await listMyApplications(deps, user, filters);
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
