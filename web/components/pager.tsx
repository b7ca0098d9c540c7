// Previous / next links of a paged list (nothing when everything fits on one page).
import { fmt, type Messages } from '../i18n';

export function Pager({ page, pageSize, total, href, m }: { page: number; pageSize: number; total: number; href: (p: number) => string; m: Messages }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={m.common.pagination}>
      {page > 1 ? (
        <a class="btn secondary" href={href(page - 1)} rel="prev">
          {m.common.prev}
        </a>
      ) : (
        <span class="disabled">{m.common.prev}</span>
      )}
      <span class="muted">{fmt(m.common.pageOf, { page, pages, total })}</span>
      {page < pages ? (
        <a class="btn secondary" href={href(page + 1)} rel="next">
          {m.common.next}
        </a>
      ) : (
        <span class="disabled">{m.common.next}</span>
      )}
    </nav>
  );
}
