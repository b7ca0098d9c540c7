// The employer's interns and staff (issue #4): current and past placements at its organisation,
// ending one with a reason, and links to the recommended candidates of its posts.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { POSITION_KINDS, label } from '../../../src/lib/vocab';
import { chinaToday } from '../../../src/lib/dates';
import { toFullEmployerDto } from '../../../src/employers';
import { findOwnEmployer } from '../../../src/employers';
import { EndPlacementBody } from '../../../src/placements';
import { endPlacement, getPlacement, listPlacements } from '../../../src/placements';
import { listOwnPositions } from '../../../src/positions';
import { Badge, ErrorSummary, Pager } from '../../components';
import { EndPlacementConfirm, PlacementList, type EndFailure } from '../../components/placement-list';
import { readForm, submit, text, type FormErrors } from '../../forms';
import { redirectWith } from '../../flash';
import { messages, type Lang } from '../../i18n';
import type { PlacementsText } from '../../i18n/placements';
import { page, render, requireRole, type WebContext } from '../../page';
import { toQuery } from '../../query';

export const placementsEmployerPages = new Hono<AppEnv>();
placementsEmployerPages.use('/employer/placements', requireRole('employer'));
placementsEmployerPages.use('/employer/placements/*', requireRole('employer'));

const textOf = (lang: Lang): PlacementsText => messages(lang).placements;

/** The part of the URL after the path, for a page re-rendered in answer to a post. */
const searchOf = (c: WebContext) => new URL(c.req.url).search;

async function employerPlacementsPage(c: WebContext, opts: { failed?: EndFailure; actionErrors?: FormErrors; status?: number } = {}) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const record = await findOwnEmployer(deps, user!);
  if (!record) {
    return render(
      c,
      t.employer.title,
      <>
        <div class="page-head">
          <h1>{t.employer.title}</h1>
        </div>
        <div class="notice warning">
          <p>{t.employer.needEmployer}</p>
          <p>
            <a class="btn" href="/employer">
              {m.employer.registerTitle}
            </a>
          </p>
        </div>
      </>,
      opts.status ?? 200,
      '/employer/placements',
    );
  }
  const e = toFullEmployerDto(record);
  const kindRaw = c.req.query('kind');
  const kind = kindRaw === 'internship' || kindRaw === 'employment' ? kindRaw : undefined;
  const pastPage = Math.max(1, Math.floor(Number(c.req.query('page')) || 1));
  const [current, past, positions] = await Promise.all([
    listPlacements(deps, user, { kind, open: true, page: 1, pageSize: 100 }),
    listPlacements(deps, user, { kind, open: false, page: pastPage, pageSize: 20 }),
    listOwnPositions(deps, user, { page: 1, pageSize: 100 }),
  ]);
  const today = chinaToday(deps.now());
  const back = toQuery({ kind });
  const tab = (value: string | undefined, l: string) => (
    <a class={kind === value ? 'btn small' : 'btn small secondary'} href={`/employer/placements${toQuery({ kind: value })}`} aria-current={kind === value ? 'page' : undefined}>
      {l}
    </a>
  );
  return render(
    c,
    t.employer.title,
    <>
      <div class="page-head">
        <h1>{t.employer.title}</h1>
        <p>{t.employer.lead}</p>
      </div>
      <div class={e.internshipBase ? 'notice info' : 'notice'} role="status">
        <p class="row">
          {e.internshipBase && <Badge tone="info">{m.employer.internshipBase}</Badge>}
          <span>{e.internshipBase ? t.employer.baseYes : t.employer.baseNo}</span>
        </p>
      </div>
      <nav class="row mb-16" aria-label={t.placements.filterKind}>
        {tab(undefined, t.employer.all)}
        {tab('internship', t.employer.interns)}
        {tab('employment', t.employer.staff)}
      </nav>
      <ErrorSummary errors={opts.actionErrors} />
      <section class="mb-24" aria-labelledby="current-title">
        <h2 id="current-title">{t.employer.currentTitle}</h2>
        {current.items.length === 0 ? (
          <div class="card empty">{t.employer.noneCurrent}</div>
        ) : (
          <PlacementList
            items={current.items}
            t={t}
            lang={lang}
            showEmployer={false}
            today={today}
            failed={opts.failed}
            endAction={(p) => `/employer/placements/${p.id}/end${back}`}
          />
        )}
      </section>
      <section class="mb-24" aria-labelledby="past-title">
        <h2 id="past-title">{t.employer.pastTitle}</h2>
        {past.items.length === 0 ? <div class="card empty">{t.employer.nonePast}</div> : <PlacementList items={past.items} t={t} lang={lang} showEmployer={false} />}
        <Pager page={past.page} pageSize={past.pageSize} total={past.total} href={(n) => `/employer/placements${toQuery({ kind, page: n })}`} m={m} />
      </section>
      <section class="card" aria-labelledby="candidates-title">
        <h2 id="candidates-title">{t.employer.candidatesTitle}</h2>
        <p class="muted">{t.employer.candidatesLead}</p>
        {positions.items.length === 0 ? (
          <p class="muted">{t.employer.noPositions}</p>
        ) : (
          <ul class="plain-list">
            {positions.items.map((p) => (
              <li class="spread">
                <span>
                  {p.title}{' '}
                  <span class="muted small">
                    {label(POSITION_KINDS, p.kind, lang)} · {m.position.statuses[p.status]}
                  </span>
                </span>
                <a class="btn small secondary" href={`/employer/positions/${p.id}/candidates`}>
                  {t.employer.candidatesLink}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>,
    opts.status ?? 200,
    `/employer/placements${searchOf(c)}`,
  );
}

placementsEmployerPages.get('/employer/placements', (c) => employerPlacementsPage(c));

// Ending confirms on its own step first (issue 11 §6): a valid end form lands there with what it typed.
placementsEmployerPages.post('/employer/placements/:id/end', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const input = { endOn: text(form, 'endOn'), reason: text(form, 'reason') };
  const confirmed = text(form, 'confirm') === 'yes';
  const out = await submit(m, EndPlacementBody, input, (d) => (confirmed ? endPlacement(deps, user, id, d) : getPlacement(deps, user, id)));
  if (!out.ok) return employerPlacementsPage(c, { failed: { id, errors: out.errors, values: form }, actionErrors: out.errors, status: out.status });
  if (!confirmed) return c.redirect(`/employer/placements/${id}/end/confirm${toQuery({ ...c.req.query(), ...input })}`, 303);
  return redirectWith(c, `/employer/placements${searchOf(c)}`, 'placementEnded');
});

placementsEmployerPages.get('/employer/placements/:id/end/confirm', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const p = await getPlacement(deps, user, id); // not theirs: 404
  const { endOn = '', reason = '', ...listQuery } = c.req.query();
  const list = `/employer/placements${toQuery(listQuery)}`;
  if (p.endOn) return c.redirect(list, 303);
  const action = `/employer/placements/${id}/end${toQuery(listQuery)}`;
  return render(c, m.confirm.endPlacement.title, <EndPlacementConfirm p={p} m={m} action={action} back={list} values={{ endOn, reason }} />);
});
