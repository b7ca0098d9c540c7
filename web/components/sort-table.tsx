// Long lists as tables (issue 11 §8): column headers that sort by a link (GET `sort`, the API's own
// parameter: `column` ascending, `-column` descending), and a wrapper that scrolls sideways on
// phones with a visible hint.
import type { Child } from 'hono/jsx';
import { fmt, type Messages } from '../i18n';

/** A column header; sortable when `column` is given: the link sorts by it, or flips its direction. */
export function SortHeader({ label, column, sort, href, m }: { label: string; column?: string; sort?: string; href?: (sort: string) => string; m: Messages }) {
  if (!column || !href) return <th scope="col">{label}</th>;
  const desc = sort === `-${column}`;
  const active = desc || sort === column;
  const next = active && !desc ? `-${column}` : column;
  return (
    <th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
      <a href={href(next)} title={fmt(m.layouts.sortBy, { column: label })} class={active ? 'sorted' : undefined}>
        {label}
        {active && (
          <>
            <span aria-hidden="true">{desc ? ' ↓' : ' ↑'}</span>
            <span class="visually-hidden">{desc ? m.layouts.sortedDesc : m.layouts.sortedAsc}</span>
          </>
        )}
      </a>
    </th>
  );
}

/** A table that scrolls sideways inside the page on narrow screens, saying so above it; with `stack`
 * it becomes one card per row on a phone instead (each cell labelled by its `data-label`, the
 * sortable headers a row of links after the head row's `data-label`). */
export function WideTable({ m, label, stack, children }: { m: Messages; label: string; stack?: boolean; children?: Child }) {
  return (
    <div class={stack ? 'wide-table stack-on-phone' : 'wide-table'}>
      <p class="scroll-hint muted small" aria-hidden="true">
        {m.layouts.scrollHint}
      </p>
      <div class="table-scroll" role="region" aria-label={label} tabindex={0}>
        <table class="data-table">{children}</table>
      </div>
    </div>
  );
}

/** A `sort` value the list does not know (a stale or hand-made link): the page answers 422 and says so. */
export function SortProblem({ m, message }: { m: Messages; message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="notice error" role="alert" id="f-sort-error">
      <p>{fmt(m.layouts.badSort, { message })}</p>
    </div>
  );
}
