// The pieces of a list page, top to bottom: the heading with its lead, the filter form (a GET form
// with search and reset), the page count, the empty-list card; the Pager (pager.tsx) closes it.
import type { Child } from 'hono/jsx';
import { fmt, type Messages } from '../i18n';

/** The page heading and its lead; `children` follow the lead inside the heading block. */
export function PageHead({ title, lead, children }: { title: string; lead?: string; children?: Child }) {
  return (
    <div class="page-head">
      <h1>{title}</h1>
      {lead && <p>{lead}</p>}
      {children}
    </div>
  );
}

/** The filter form: its fields, then the search button and (with `reset`) a link back to the
 * unfiltered list. */
export function FilterCard({ action, m, reset, children }: { action: string; m: Messages; reset?: boolean; children?: Child }) {
  return (
    <section class="card filters">
      <form method="get" action={action}>
        <div class="form-grid">
          {children}
          <div class="form-actions">
            <button type="submit">{m.common.search}</button>
            {reset && (
              <a href={action} class="small">
                {m.common.reset}
              </a>
            )}
          </div>
        </div>
      </form>
    </section>
  );
}

/** "Page n of p, t in all" above the list. */
export function ResultCount({ m, page, pageSize, total }: { m: Messages; page: number; pageSize: number; total: number }) {
  return <p class="muted">{fmt(m.common.pageOf, { page, pages: Math.max(1, Math.ceil(total / pageSize)), total })}</p>;
}

/** What an empty list shows instead. */
export function EmptyCard({ children }: { children?: Child }) {
  return <div class="card empty">{children}</div>;
}
