// Pieces of the search pages (web/pages/search.tsx): the facet drawer that puts results first, and a
// vocabulary list with the items a search matched marked.
import type { Child } from 'hono/jsx';
import { label } from '../../src/lib/vocab';
import { fmt, type Lang, type Messages } from '../i18n';
import type { Labels } from './fields';

/** Results first: the facets sit in a sidebar on wide screens and in a folded "筛选" drawer on phones
 * (a <details>, no script needed; style.css shows it open on wide screens and hides its button). */
export function FacetDrawer({ m, chosen, children }: { m: Messages; chosen: number; children?: Child }) {
  return (
    <details class="facet-drawer">
      <summary>{chosen > 0 ? fmt(m.layouts.filtersChosen, { n: chosen }) : m.layouts.filtersDrawer}</summary>
      <div class="facet-drawer-body">{children}</div>
    </details>
  );
}

/** How many facet values the query chose (the drawer's button says so while it is folded). */
export const chosenCount = (values: Record<string, string | string[]>, names: string[]) =>
  names.reduce((n, k) => n + (values[k] === undefined ? 0 : Array.isArray(values[k]) ? values[k].length : 1), 0);

/** The texts inside <mark>…</mark> of a highlight string (already escaped; compared as text). */
function markedTexts(html: string | undefined): string[] {
  return html ? [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]) : [];
}

/** A whole list in the page's language, the items the search matched (words or filters) marked. */
export function MarkedList({
  codes,
  vocab,
  lang,
  highlight,
  filtered,
  sep,
}: {
  codes: string[];
  vocab: Labels;
  lang: Lang;
  highlight: string | undefined;
  filtered: string[];
  sep: string;
}) {
  const marks = markedTexts(highlight);
  const matched = (code: string) => filtered.includes(code) || (vocab[code] ?? []).some((l) => marks.some((mk) => mk !== '' && l.includes(mk)));
  return (
    <>
      {codes.map((code, i) => (
        <>
          {i > 0 && sep}
          {matched(code) ? <mark>{label(vocab, code, lang)}</mark> : label(vocab, code, lang)}
        </>
      ))}
    </>
  );
}

/** The region names a hit shows: its documents also hold each name's short form for searching
 * (通辽市, 通辽; search/documents.ts regionFields), which a person should not see twice. */
export function shownRegionNames(names: readonly string[]): string[] {
  return names.filter((n, i) => !(i > 0 && names[i - 1] !== n && names[i - 1].startsWith(n)));
}
