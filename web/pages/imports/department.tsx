// Roster imports for departments (issue #5): templates, the upload form, the preview with every bad
// row (row, column, reason), the commit with progress, and past imports. Forms post multipart or
// plain forms and call the same service as the JSON API (src/imports); no script needed — a running
// import's page refreshes itself (Refresh header) and has a refresh link.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AppError } from '../../../src/lib/errors';
import { COLUMNS } from '../../../src/imports';
import { readUpload } from '../../../src/imports';
import { ErrorPageQuery, IMPORT_KINDS, ImportListQuery, type ImportDto, type ImportPreviewDto } from '../../../src/imports';
import { getImport, listImports, uploadImport } from '../../../src/imports';
import { beginCommit, discardImport } from '../../../src/imports';
import { ENCODINGS } from '../../../src/imports';
import { fillReason } from '../../../src/imports';
import { Badge, Pager, type Tone } from '../../components';
import { messages, fieldMessage, fmt, problemMessage, type Lang, type Messages, textFor } from '../../i18n';
import type { ImportsText } from '../../i18n/imports';
import { page, render, requireRole, type WebContext } from '../../page';

type ImportKind = (typeof IMPORT_KINDS)[number];

export const importsPages = new Hono<AppEnv>();
importsPages.use('/department/imports', requireRole('department', 'admin'));
importsPages.use('/department/imports/*', requireRole('department', 'admin'));

const textOf = (lang: Lang): ImportsText => messages(lang).imports;

const TONES: Record<ImportDto['status'], Tone> = {
  staging: 'info',
  previewed: 'warning',
  committing: 'primary',
  committed: 'success',
  failed: 'danger',
  discarded: 'neutral',
};

/** A time as YYYY-MM-DD HH:mm in China time. */
function when(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Why an import failed or stopped, in the page's language (by its code; the English sentence for
 * an import stored before codes were kept). */
function failureText(m: Messages, imp: ImportDto): string {
  if (!imp.failure) return '';
  return imp.failureCode ? fieldMessage(m, { code: imp.failureCode, params: imp.failureParams ?? undefined, message: imp.failure }) : imp.failure;
}

/** What went wrong with an upload, one line per problem, in the page's language: by the error's
 * code; an unreadable file by its reason (the same English sentence an import's stored failure
 * keeps, see fileProblem). */
function uploadProblems(tx: ImportsText, m: Messages, err: AppError): string[] {
  if (!err.errors?.length) return [problemMessage(m, err)];
  return err.errors.map((e) => {
    const column = e.path.startsWith('columns.') ? e.path.slice('columns.'.length) : '';
    if (e.code === 'column_missing') return fmt(tx.columnMissing, { name: column });
    if (e.code === 'column_twice') return fmt(tx.columnTwice, { name: column });
    if (e.code === 'column_unknown') return fmt(tx.columnUnknown, { name: column });
    if (e.path === 'kind') return `${tx.kind}: ${fieldMessage(m, e)}`;
    return fieldMessage(m, e);
  });
}

function StatusBadge({ tx, status }: { tx: ImportsText; status: ImportDto['status'] }) {
  return <Badge tone={TONES[status]}>{tx.statuses[status]}</Badge>;
}

// ---------------------------------------------------------------- the list, templates and upload form

function Templates({ tx, lang }: { tx: ImportsText; lang: Lang }) {
  return (
    <section class="card" aria-labelledby="imp-templates">
      <h2 id="imp-templates">{tx.templatesTitle}</h2>
      <p class="muted">{tx.templatesLead}</p>
      <ul class="plain-list">
        {IMPORT_KINDS.map((kind) => (
          <li>
            <div>
              <strong>{tx.kinds[kind]}</strong>
              <p class="small muted import-hint">
                {tx.requiredColumns}
                {COLUMNS[kind]
                  .filter((s) => s.required)
                  .map((s) => (lang === 'zh' ? s.zh : s.en))
                  .join(lang === 'zh' ? '、' : ', ')}
                {' · '}
                {tx.kindHints[kind]}
              </p>
            </div>
            <span class="row">
              <a class="btn small secondary" href={`/api/v1/imports/templates/${kind}?format=xlsx`} download>
                {tx.downloadXlsx}
              </a>
              <a class="btn small secondary" href={`/api/v1/imports/templates/${kind}?format=csv`} download>
                {tx.downloadCsv}
              </a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UploadForm({ tx, kind, problems }: { tx: ImportsText; kind: ImportKind; problems: string[] | null }) {
  return (
    <section class="card" aria-labelledby="imp-upload">
      <h2 id="imp-upload">{tx.uploadTitle}</h2>
      {problems && (
        <div class="notice error" role="alert" id="upload-problems">
          <p>{tx.uploadFailed}</p>
          <ul>
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action="/department/imports" enctype="multipart/form-data">
        <div class="form-grid import-form">
          <div class="field">
            <label for="imp-kind">
              {tx.kind}
              <span class="req" aria-hidden="true">
                *
              </span>
            </label>
            <select id="imp-kind" name="kind" required>
              {IMPORT_KINDS.map((k) => (
                <option value={k} selected={k === kind}>
                  {tx.kinds[k]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="imp-file">
              {tx.file}
              <span class="req" aria-hidden="true">
                *
              </span>
            </label>
            <input
              id="imp-file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-describedby="imp-file-hint"
            />
            <span class="hint" id="imp-file-hint">
              {tx.fileHint}
            </span>
          </div>
          <div class="field">
            <label for="imp-encoding">{tx.encoding}</label>
            <select id="imp-encoding" name="encoding" aria-describedby="imp-encoding-hint">
              {ENCODINGS.map((e) => (
                <option value={e}>{tx.encodings[e]}</option>
              ))}
            </select>
            <span class="hint" id="imp-encoding-hint">
              {tx.encodingHint}
            </span>
          </div>
          <div class="form-actions wide">
            <button type="submit">{tx.upload}</button>
          </div>
        </div>
      </form>
    </section>
  );
}

function History({ tx, result }: { tx: ImportsText; result: { items: ImportDto[] } }) {
  if (result.items.length === 0) return <div class="card empty">{tx.historyEmpty}</div>;
  return (
    <div class="table-wrap">
      <table class="import-table">
        <thead>
          <tr>
            <th scope="col">{tx.colTime}</th>
            <th scope="col">{tx.colKind}</th>
            <th scope="col">{tx.colFile}</th>
            <th scope="col">{tx.colStatus}</th>
            <th scope="col">{tx.colRows}</th>
            <th scope="col">{tx.colProgress}</th>
            <th scope="col">
              <span class="visually-hidden">{tx.view}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((i) => (
            <tr>
              <td data-label={tx.colTime}>{when(i.createdAt)}</td>
              <td data-label={tx.colKind}>{tx.kinds[i.kind]}</td>
              <td data-label={tx.colFile} class="import-file">
                {i.fileName}
              </td>
              <td data-label={tx.colStatus}>
                <StatusBadge tx={tx} status={i.status} />
              </td>
              <td data-label={tx.colRows} class="num">
                {i.rows.good} / {i.rows.bad}
              </td>
              <td data-label={tx.colProgress} class="num">
                {i.status === 'committing' || i.status === 'committed' ? `${i.progress.done} / ${i.progress.total}` : ''}
              </td>
              <td>
                <a href={`/department/imports/${i.id}`}>{tx.view}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function listPage(c: WebContext, problems: string[] | null = null, status = 200, kindAsked?: string) {
  const { lang, deps, user } = page(c);
  const tx = textOf(lang);
  const q = ImportListQuery.safeParse({ page: c.req.query('page') ?? '1', pageSize: '20' });
  const filters = q.success ? q.data : { page: 1, pageSize: 20 };
  const result = await listImports(deps, user, filters);
  const asked = kindAsked ?? c.req.query('kind');
  const kind: ImportKind = (IMPORT_KINDS as readonly string[]).includes(asked ?? '') ? (asked as ImportKind) : 'talents';
  return render(
    c,
    tx.title,
    <>
      <div class="page-head">
        <h1>{tx.title}</h1>
        <p>{tx.lead}</p>
      </div>
      <div class="stack">
        <Templates tx={tx} lang={lang} />
        <UploadForm tx={tx} kind={kind} problems={problems} />
        <section aria-labelledby="imp-history">
          <h2 id="imp-history">{tx.historyTitle}</h2>
          <History tx={tx} result={result} />
          <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/imports?page=${n}`} m={page(c).m} />
        </section>
      </div>
    </>,
    status,
    '/department/imports',
  );
}

importsPages.get('/department/imports', (c) => listPage(c));

importsPages.post('/department/imports', async (c) => {
  const { lang, deps, user, m } = page(c);
  const tx = textOf(lang);
  let kind: string | undefined;
  try {
    const input = await readUpload({
      header: (name) => c.req.header(name),
      parseBody: async () => {
        const body = (await c.req.parseBody()) as Record<string, string | File>;
        kind = typeof body.kind === 'string' ? body.kind : undefined;
        return body;
      },
    });
    const preview = await uploadImport(deps, user, input);
    return c.redirect(`/department/imports/${preview.id}`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 403 || err.status === 401) throw err;
    return listPage(c, uploadProblems(tx, m, err), err.status, kind);
  }
});

// ---------------------------------------------------------------- one import: preview, commit, progress

function Numbers({ tx, imp }: { tx: ImportsText; imp: ImportDto }) {
  const cells: [string, number, string?][] = [
    [tx.counts.total, imp.rows.total],
    [tx.counts.good, imp.rows.good],
    [tx.counts.new, imp.rows.new],
    [tx.counts.update, imp.rows.update],
    [tx.counts.bad, imp.rows.bad, imp.rows.bad ? 'import-bad' : undefined],
  ];
  return (
    <dl class="numbers" id="import-counts">
      {cells.map(([term, n, cls]) => (
        <div class={cls}>
          <dt>{term}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

const percentOf = (imp: ImportDto) => Math.floor((100 * imp.progress.done) / Math.max(1, imp.progress.total));

function State({ tx, m, imp, here, confirmError }: { tx: ImportsText; m: Messages; imp: ImportDto; here: string; confirmError: boolean }) {
  if (imp.status === 'committing') {
    return (
      <div class="notice info" role="status" id="import-progress">
        <p>{tx.committing({ done: imp.progress.done, total: imp.progress.total })}</p>
        <p>{tx.percent({ percent: percentOf(imp) })}</p>
        <progress max={Math.max(1, imp.progress.total)} value={imp.progress.done} class="import-progress">
          {imp.progress.done} / {imp.progress.total}
        </progress>
        <p>
          <a href={here}>{tx.refresh}</a>
        </p>
      </div>
    );
  }
  if (imp.status === 'committed') {
    return (
      <div class="notice success" role="status" id="import-result">
        <p>{tx.committed({ done: imp.progress.done - imp.progress.skipped })}</p>
        {imp.progress.skipped > 0 && <p>{tx.skipped({ skipped: imp.progress.skipped })}</p>}
        <p class="small">{fmt(tx.committedAt, { time: when(imp.committedAt) })}</p>
      </div>
    );
  }
  if (imp.status === 'failed') {
    return (
      <div class="notice error" role="alert" id="import-result">
        <p>
          <strong>{tx.failedTitle}</strong>
        </p>
        <p>{failureText(m, imp)}</p>
      </div>
    );
  }
  if (imp.status === 'discarded') {
    return (
      <div class="notice info" role="status" id="import-result">
        <p>{tx.discarded}</p>
      </div>
    );
  }
  if (imp.status !== 'previewed') return null;
  // Part written (on Workers a commit call writes a bounded share; or a commit that stopped): the
  // progress, and one button that resumes after the rows already written.
  if (imp.progress.done > 0 && !imp.failure) {
    return (
      <section class="card" aria-labelledby="imp-partial" id="import-progress">
        <p id="imp-partial">{tx.partial({ done: imp.progress.done, total: imp.progress.total, percent: percentOf(imp) })}</p>
        <progress max={Math.max(1, imp.progress.total)} value={imp.progress.done} class="import-progress">
          {imp.progress.done} / {imp.progress.total}
        </progress>
        <form method="post" action={`/department/imports/${imp.id}/commit`} class="form-actions">
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">{tx.continueCommit}</button>
        </form>
      </section>
    );
  }
  return (
    <>
      {imp.failure && (
        <div class="notice warning" role="alert">
          <p>
            <strong>{tx.stoppedTitle}</strong>
          </p>
          <p>{failureText(m, imp)}</p>
        </div>
      )}
      <section class="card" aria-labelledby="imp-confirm">
        <p id="imp-confirm">{tx.previewLead}</p>
        {imp.rows.good === 0 ? (
          <p class="muted">{tx.nothingToCommit}</p>
        ) : (
          <form method="post" action={`/department/imports/${imp.id}/commit`} class="stack">
            {confirmError && (
              <p class="field-error" id="imp-confirm-error">
                {tx.confirmRequired}
              </p>
            )}
            <label class="check import-confirm">
              <input type="checkbox" name="confirm" value="yes" required aria-describedby={confirmError ? 'imp-confirm-error' : undefined} />
              <span>{tx.confirmLabel({ good: imp.rows.good, bad: imp.rows.bad })}</span>
            </label>
            <div class="form-actions">
              <button type="submit">{tx.commit}</button>
            </div>
          </form>
        )}
        <form method="post" action={`/department/imports/${imp.id}/discard`} class="import-discard">
          <button type="submit" class="small danger">
            {tx.discard}
          </button>
        </form>
      </section>
    </>
  );
}

function ErrorsTable({ tx, imp }: { tx: ImportsText; imp: ImportPreviewDto }) {
  if (imp.errors.total === 0) return <p class="muted">{tx.errorsNone}</p>;
  return (
    <div class="table-wrap">
      <table class="import-table" id="import-errors">
        <thead>
          <tr>
            <th scope="col">{tx.colRow}</th>
            <th scope="col">{tx.colColumn}</th>
            <th scope="col">{tx.colReason}</th>
          </tr>
        </thead>
        <tbody>
          {imp.errors.items.map((e) => (
            <tr>
              <td data-label={tx.colRow} class="num">
                {e.row}
              </td>
              <td data-label={tx.colColumn}>{e.column}</td>
              <td data-label={tx.colReason}>{textFor(tx.reasons, e.code) !== undefined ? fillReason(textFor(tx.reasons, e.code)!, e.params) : e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function importPage(c: WebContext, opts: { confirmError?: boolean; status?: number } = {}) {
  const { lang, deps, user, m } = page(c);
  const tx = textOf(lang);
  const id = c.req.param('id') ?? '';
  const q = ErrorPageQuery.safeParse({ page: c.req.query('page') ?? '1', pageSize: '50' });
  const errorPage = q.success ? q.data : { page: 1, pageSize: 50 };
  const imp = await getImport(deps, user, id, errorPage);
  const here = `/department/imports/${imp.id}`;
  // A running import's page reloads itself every 2 s (no script needed).
  if (imp.status === 'committing' || imp.status === 'staging') c.header('Refresh', '2');
  return render(
    c,
    `${tx.title} · ${imp.fileName}`,
    <>
      <nav class="breadcrumbs" aria-label="breadcrumbs">
        <ol>
          <li>
            <a href="/department/imports">{tx.title}</a>
          </li>
          <li aria-current="page">{imp.fileName}</li>
        </ol>
      </nav>
      <div class="page-head spread">
        <div>
          <h1>{imp.fileName}</h1>
          <p class="muted">
            {tx.kinds[imp.kind]} · {fmt(tx.uploadedAt, { time: when(imp.createdAt) })}
            {imp.encoding ? ` · ${fmt(tx.encodingUsed, { encoding: imp.encoding.toUpperCase() })}` : ''}
          </p>
        </div>
        <StatusBadge tx={tx} status={imp.status} />
      </div>
      <Numbers tx={tx} imp={imp} />
      <State tx={tx} m={messages(lang)} imp={imp} here={here} confirmError={!!opts.confirmError} />
      <section aria-labelledby="imp-errors" class="stack">
        <h2 id="imp-errors">{tx.errorsTitle}</h2>
        {imp.errors.total > 0 && <p class="muted">{tx.errorsCount({ n: imp.errors.total })}</p>}
        {imp.errors.notListed > 0 && <p class="muted">{tx.errorsNotListed({ n: imp.errors.notListed, kept: imp.errors.total })}</p>}
        <ErrorsTable tx={tx} imp={imp} />
        <Pager page={imp.errors.page} pageSize={imp.errors.pageSize} total={imp.errors.total} href={(n) => `${here}?page=${n}`} m={m} />
      </section>
      <p class="import-back">
        <a href="/department/imports">{tx.back}</a>
      </p>
    </>,
    opts.status ?? 200,
    `${here}${new URL(c.req.url).search}`,
  );
}

importsPages.get('/department/imports/:id', (c) => importPage(c));

importsPages.post('/department/imports/:id/commit', async (c) => {
  const { deps, user } = page(c);
  const body = await c.req.parseBody();
  if (body.confirm !== 'yes') return importPage(c, { confirmError: true, status: 422 });
  const { imp, done } = await beginCommit(deps, user, c.req.param('id'));
  if (done) {
    // The page answers at once and shows the progress; the commit job goes on (a worker thread on
    // Node; on Workers the rest of this invocation).
    try {
      c.executionCtx.waitUntil(done.catch(() => undefined));
    } catch {
      // Node: no execution context; the job runs on in its worker thread.
    }
  }
  return c.redirect(`/department/imports/${imp.id}`, 303);
});

importsPages.post('/department/imports/:id/discard', async (c) => {
  const { deps, user } = page(c);
  await discardImport(deps, user, c.req.param('id'));
  return c.redirect(`/department/imports/${c.req.param('id')}`, 303);
});
