// /admin/audit: the audit log with filters by actor (part of a name or email), action (by name) and
// dates, paged; and its export as CSV (the filtered rows, capped, newest first), which is audited.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AUDIT_ACTIONS, AUDIT_EXPORT_MAX_ROWS, AuditQuery, adminAudit, type AuditEntry, type AuditFilters } from '../../../src/admin';
import { csvFile } from '../../../src/lib/tabular';
import { EmptyCard, FilterCard, PageHead, Pager, ResultCount, SelectField, TextField, type Options } from '../../components';
import { parseFilters, readForm } from '../../forms';
import { fmt, messages, type Lang, type Messages } from '../../i18n';
import { toQuery } from '../../query';
import { dateTime, page, render, requireRole, type WebContext } from '../../page';

export const auditPages = new Hono<AppEnv>();
auditPages.use('/admin/audit', requireRole('admin'));
auditPages.use('/admin/audit/*', requireRole('admin'));

type A = Messages['admin']['audit'];
const FILTER_KEYS = ['actor', 'action', 'from', 'to'] as const;

const actionText = (a: A, action: string) => a.actions[action] ?? action;
const subjectText = (a: A, e: AuditEntry) => {
  const type = a.subjects[e.subjectType] ?? e.subjectType;
  return e.subject ? `${type}：${e.subject}` : e.subjectType === 'user' ? `${type} ${a.removedUser}` : type;
};

function filtersOf(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (raw[k]?.trim()) out[k] = raw[k].trim().slice(0, 200);
  return out;
}

auditPages.get('/admin/audit', async (c) => {
  const { m, lang, deps, user } = page(c);
  const a = messages(lang).admin.audit;
  const raw = filtersOf(c.req.query());
  const { data, errors } = parseFilters(m, AuditQuery, { ...raw, page: c.req.query('page') ?? '1' });
  const list = await adminAudit.auditLog(deps, user, data);
  const options: Options = AUDIT_ACTIONS.map((k) => [k, actionText(a, k)]);
  return render(
    c,
    a.title,
    <>
      <PageHead title={a.title} lead={fmt(a.lead, { n: list.pageSize })} />
      <FilterCard action="/admin/audit" m={m} reset={Object.keys(raw).length > 0}>
        <TextField name="actor" label={a.actor} hint={a.actorHint} maxlength={100} values={raw} errors={errors} />
        <SelectField name="action" label={a.action} options={options} empty={a.anyAction} values={raw} errors={errors} />
        <TextField name="from" type="date" label={a.from} values={raw} errors={errors} />
        <TextField name="to" type="date" label={a.to} values={raw} errors={errors} />
      </FilterCard>
      <form method="post" action={`/admin/audit/export${toQuery(raw)}`} class="row mb-12">
        <button type="submit" class="secondary">
          {a.export}
        </button>
        <span class="muted small">{fmt(a.exportLead, { n: AUDIT_EXPORT_MAX_ROWS })}</span>
      </form>
      {list.items.length === 0 ? (
        <EmptyCard>{a.none}</EmptyCard>
      ) : (
        <>
          <ResultCount m={m} page={list.page} pageSize={list.pageSize} total={list.total} />
          <div class="table-wrap">
            <table class="stat-table admin-table" id="audit">
              <thead>
                <tr>
                  <th scope="col">{a.at}</th>
                  <th scope="col">{a.actor}</th>
                  <th scope="col">{a.action}</th>
                  <th scope="col">{a.subject}</th>
                  <th scope="col">{a.detail}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => (
                  <tr>
                    <td>{dateTime(Date.parse(e.at), lang)}</td>
                    <td>{e.actor ? `${e.actor.name} <${e.actor.email}>` : a.removedUser}</td>
                    <td>{actionText(a, e.action)}</td>
                    <td>{subjectText(a, e)}</td>
                    <td class="small">{e.detail ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager m={m} page={list.page} pageSize={list.pageSize} total={list.total} href={(p) => `/admin/audit${toQuery({ ...raw, page: String(p) })}`} />
        </>
      )}
    </>,
  );
});

function csvOf(a: A, lang: Lang, items: AuditEntry[]): string {
  return csvFile(
    a.csv,
    items.map((e) => [
      dateTime(Date.parse(e.at), lang),
      e.actor?.name ?? '',
      e.actor?.email ?? '',
      actionText(a, e.action),
      a.subjects[e.subjectType] ?? e.subjectType,
      e.subject ?? '',
      e.detail ?? '',
    ]),
  );
}

/** The download (a POST: it writes an audit row). Bad filters are dropped as on the list page. */
auditPages.post('/admin/audit/export', async (c: WebContext) => {
  const { m, lang, deps, user } = page(c);
  await readForm(c);
  const a = messages(lang).admin.audit;
  const { data } = parseFilters(m, AuditQuery, filtersOf(c.req.query()));
  const out = await adminAudit.auditExport(deps, user, data as AuditFilters);
  const day = new Date(deps.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const name = `${a.fileName}-${day}.csv`;
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="audit-log-${day}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
  if (out.truncated) c.header('X-Rows-Truncated', `${out.items.length} of ${out.total}`);
  return c.body(csvOf(a, lang, out.items));
});
