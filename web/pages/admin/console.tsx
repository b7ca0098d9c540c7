// /admin: the admin console's landing (a card per section with its count), the imports of every
// department, and the search status with the reindex buttons (issue #11 §3). Thin views over the
// admin feature's console service; the reindex form starts a job and redirects (PRG).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { ReindexQuery, adminConsole, type AdminImport } from '../../../src/admin';
import { Badge, EmptyCard, ErrorSummary, Fact, PageHead, Pager, ResultCount } from '../../components';
import { readForm, submit, text, type FormErrors } from '../../forms';
import { fmt, messages } from '../../i18n';
import { redirectWith } from '../../flash';
import { dateTime, page, render, requireRole, type WebContext } from '../../page';

export const consolePages = new Hono<AppEnv>();
consolePages.use('/admin', requireRole('admin'));
consolePages.use('/admin/*', requireRole('admin'));

consolePages.get('/admin', async (c) => {
  const { lang, deps, user } = page(c);
  const x = messages(lang).admin;
  const o = await adminConsole.overview(deps, user);
  const card = (href: string, title: string, body: string, tone?: 'warning') => (
    <a class={tone ? `card admin-card ${tone}` : 'card admin-card'} href={href}>
      <h2>{title}</h2>
      <p>{body}</p>
    </a>
  );
  return render(
    c,
    x.title,
    <>
      <PageHead title={x.title} lead={x.lead} />
      <div class="admin-cards">
        {card('/admin/departments', x.cards.departments, fmt(x.cards.departmentsCount, o.departments))}
        {card('/admin/users', x.cards.users, fmt(x.cards.usersCount, o.users))}
        {card('/admin/users', x.cards.throttled, fmt(x.cards.throttledCount, { n: o.throttledSignIns }), o.throttledSignIns > 0 ? 'warning' : undefined)}
        {card('/admin/audit', x.cards.audit, x.cards.auditLead)}
        {card('/admin/imports', x.cards.imports, fmt(x.cards.importsCount, { n: o.pendingImports }))}
        {card(
          '/admin/search/status',
          x.cards.search,
          fmt(o.search.degraded ? x.cards.searchDegraded : x.cards.searchOk, { n: o.search.pending }),
          o.search.degraded ? 'warning' : undefined,
        )}
        {card('/admin/search', x.cards.tuning, x.cards.tuningLead)}
      </div>
    </>,
  );
});

const importTone = (s: AdminImport['status']) => (s === 'committed' ? 'success' : s === 'failed' ? 'danger' : s === 'discarded' ? 'neutral' : 'warning');

consolePages.get('/admin/imports', async (c) => {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).admin.imports;
  const n = Number(c.req.query('page') ?? '1');
  const list = await adminConsole.listImports(deps, user, Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1);
  return render(
    c,
    x.title,
    <>
      <PageHead title={x.title} lead={x.lead} />
      {list.items.length === 0 ? (
        <EmptyCard>{x.none}</EmptyCard>
      ) : (
        <>
          <ResultCount m={m} page={list.page} pageSize={list.pageSize} total={list.total} />
          <div class="table-wrap">
            <table class="stat-table admin-table" id="admin-imports">
              <thead>
                <tr>
                  <th scope="col">{x.department}</th>
                  <th scope="col">{x.region}</th>
                  <th scope="col">{x.kind}</th>
                  <th scope="col">{x.file}</th>
                  <th scope="col">{x.rows}</th>
                  <th scope="col">{x.status}</th>
                  <th scope="col">{x.created}</th>
                  <th scope="col">{x.committed}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((i) => (
                  <tr>
                    <td>{i.department.name}</td>
                    <td>{i.regionName ?? ''}</td>
                    <td>{x.kinds[i.kind]}</td>
                    <td>
                      <a href={`/department/imports/${encodeURIComponent(i.id)}`}>{i.fileName}</a>
                    </td>
                    <td>{fmt(x.rowsText, i.rows)}</td>
                    <td>
                      <Badge tone={importTone(i.status)}>{x.statuses[i.status]}</Badge>
                    </td>
                    <td>{dateTime(Date.parse(i.createdAt), lang)}</td>
                    <td>{i.committedAt ? dateTime(Date.parse(i.committedAt), lang) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager m={m} page={list.page} pageSize={list.pageSize} total={list.total} href={(p) => `/admin/imports?page=${p}`} />
        </>
      )}
    </>,
  );
});

/** A document count as people read it (12,345), or a dash for an index that does not answer. */
const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));

async function searchPage(c: WebContext, errors?: FormErrors, status = 200) {
  const { lang, deps, user } = page(c);
  const x = messages(lang).admin.search;
  const { status: s, reindexable, runs } = await adminConsole.searchConsole(deps, user);
  const o = s.outbox;
  return render(
    c,
    x.title,
    <>
      <PageHead title={x.title} lead={x.lead} />
      <section class="card" aria-labelledby="engine-title">
        <h2 id="engine-title" class="visually-hidden">
          {x.title}
        </h2>
        <dl class="facts">
          <Fact term={x.engine}>
            <Badge tone={s.degraded ? 'warning' : 'success'}>{x.engines[s.engine]}</Badge>
          </Fact>
          <Fact term={x.reachable}>{!s.meilisearch.configured ? x.notConfigured : s.meilisearch.reachable ? x.reachableYes : x.reachableNo}</Fact>
          {s.meilisearch.documents && (
            <Fact term={x.indexDocuments}>{fmt(x.documentCounts, { talent: count(s.meilisearch.documents.talent), position: count(s.meilisearch.documents.position) })}</Fact>
          )}
          <Fact term={x.pending}>{String(o?.pending ?? 0)}</Fact>
          {o && o.pending > 0 && <Fact term={x.lag}>{fmt(x.minutes, { n: Math.max(1, Math.round(o.lagMs / 60_000)) })}</Fact>}
          {o && <Fact term={x.failing}>{String(o.failing)}</Fact>}
          {o && o.parked > 0 && <Fact term={x.parked}>{String(o.parked)}</Fact>}
          <Fact term={x.lastError} wide>
            {o?.lastError ? `${o.lastError}${o.lastErrorAt ? ` (${dateTime(o.lastErrorAt, lang)})` : ''}` : x.noError}
          </Fact>
        </dl>
      </section>
      <section class="card" aria-labelledby="reindex-title">
        <h2 id="reindex-title">{x.reindexTitle}</h2>
        <ErrorSummary errors={errors} />
        {reindexable ? (
          <>
            <p class="muted small">{x.reindexLead}</p>
            <div class="row">
              <form method="post" action="/admin/search/reindex" class="inline">
                <input type="hidden" name="entity" value="talent" />
                <button type="submit" class="secondary">
                  {x.reindexTalents}
                </button>
              </form>
              <form method="post" action="/admin/search/reindex" class="inline">
                <input type="hidden" name="entity" value="position" />
                <button type="submit" class="secondary">
                  {x.reindexPositions}
                </button>
              </form>
            </div>
          </>
        ) : (
          <p class="muted">{x.reindexUnavailable}</p>
        )}
        <h3>{x.runsTitle}</h3>
        {runs.length === 0 ? (
          <p class="muted">{x.runsNone}</p>
        ) : (
          <div class="table-wrap">
            <table class="stat-table">
              <thead>
                <tr>
                  <th scope="col">{x.entity}</th>
                  <th scope="col">{x.by}</th>
                  <th scope="col">{x.started}</th>
                  <th scope="col">{x.finished}</th>
                  <th scope="col">{x.result}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr>
                    <td>{r.entity ? (x.entities[r.entity] ?? r.entity) : ''}</td>
                    <td>{r.by ?? ''}</td>
                    <td>{dateTime(Date.parse(r.startedAt), lang)}</td>
                    <td>{r.finishedAt ? dateTime(Date.parse(r.finishedAt), lang) : ''}</td>
                    <td>
                      <Badge tone={r.status === 'done' ? 'success' : r.status === 'running' ? 'info' : 'danger'}>{x.runStatuses[r.status]}</Badge>{' '}
                      {r.documents !== null ? fmt(x.documents, { n: r.documents }) : (r.problem ?? '')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>,
    status,
    '/admin/search/status',
  );
}

consolePages.get('/admin/search/status', (c) => searchPage(c));

consolePages.post('/admin/search/reindex', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, ReindexQuery, { entity: text(form, 'entity') }, (d) => adminConsole.startReindex(deps, user, d.entity));
  if (!out.ok) return searchPage(c, out.errors, out.status);
  return redirectWith(c, '/admin/search/status', 'adminReindexStarted');
});
