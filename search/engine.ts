// The query model both engines share (its types are the interface in src/lib/search.ts; ARCHITECTURE.md,
// "Search"). A query is validated and normalised here into typed clauses; the Meilisearch engine turns the
// clauses into filter expressions and the SQL fallback into WHERE conditions, so both answer the
// same question. The caller's scope (region subtree, who may see which talents, which position
// statuses) becomes clauses ANDed with the user's filters: the user can narrow a scope, never widen it.
import { fieldError } from '../src/lib/errors';
import { REGION_CODE_PATTERN } from '../src/lib/regions-range';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, rankOf } from '../src/lib/vocab';
import {
  AGE_BANDS,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  POSITION_FACETS,
  POSITION_SORTS,
  POSITION_STATUSES,
  TALENT_FACETS,
  TALENT_SORTS,
  VISIBILITIES,
  type Highlights,
  type PositionQuery,
  type SearchDocument,
  type SearchEntity,
  type SearchResult,
  type TalentQuery,
} from '../src/lib/search';
import { dateToTimestamp } from './documents';

export * from '../src/lib/search';

/** Receives documents (the outbox drain and reindex write through it). Only Meilisearch has one:
 * the SQL fallback reads the database, which is already the truth. */
export interface DocumentSink {
  /** Creates missing indexes and applies the settings. Returns the entities whose index it created
   * (empty, so the caller can fill them from the database). */
  ensureIndexes(): Promise<SearchEntity[]>;
  /** Adds or replaces whole documents and waits until Meilisearch has applied them. */
  upsertDocuments(entity: SearchEntity, docs: readonly SearchDocument[]): Promise<void>;
  deleteDocuments(entity: SearchEntity, ids: readonly string[]): Promise<void>;
  /** Builds a fresh index from `batches` and swaps it in for the live one. Returns the document count. */
  rebuild(entity: SearchEntity, batches: AsyncIterable<readonly SearchDocument[]>): Promise<number>;
  /** Applies the index settings again (after the admins' tuning changed; search/tuning.ts). */
  applySettings?(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The normalised query: validated, typed clauses that both engines translate.

export type { Clause, NormalizedQuery, RegionField } from './query';
import type { Clause, NormalizedQuery, RegionField } from './query';

const vocabSet = (v: Record<string, unknown>) => new Set(Object.keys(v));
const SETS = {
  kinds: vocabSet(POSITION_KINDS),
  employerTypes: vocabSet(EMPLOYER_TYPES),
  serviceAreas: vocabSet(SERVICE_AREAS),
  languages: vocabSet(LANGUAGES),
  employmentTypes: vocabSet(EMPLOYMENT_TYPES),
  statuses: new Set<string>(POSITION_STATUSES),
  availability: vocabSet(AVAILABILITY),
  ageBands: new Set<string>(AGE_BANDS),
  visibility: new Set<string>(VISIBILITIES),
  education: vocabSet(EDUCATION_LEVELS),
  qualification: vocabSet(QUALIFICATION_LEVELS),
};

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The region attribute that holds codes of this code's length. */
export function regionFieldFor(code: string): RegionField {
  return code.length === 2 ? 'regionProvince' : code.length === 4 ? 'regionCity' : code.length === 6 ? 'regionCounty' : 'regionTownship';
}

function checkRegion(code: unknown, path: string): string {
  if (typeof code !== 'string' || !REGION_CODE_PATTERN.test(code)) throw fieldError(path, 'region_code');
  return code;
}

function checkList(values: readonly unknown[] | undefined, allowed: Set<string>, path: string): string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw fieldError(path, 'list');
  if (values.length > allowed.size) throw fieldError(path, 'too_many_values');
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !allowed.has(v)) throw fieldError(`${path}.${i}`, 'option', { values: [...allowed].join(', ') });
  });
  return [...new Set(values as string[])];
}

function checkCode(value: unknown, allowed: Set<string>, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.has(value)) throw fieldError(path, 'option', { values: [...allowed].join(', ') });
  return value;
}

function checkInt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fieldError(path, 'int_range', { min, max });
  }
  return value;
}

function checkDate(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw fieldError(path, 'date');
  }
  return value;
}

/** Query text as the engines receive it: no control characters, single spaces, bounded length. */
export function cleanText(q: unknown): string {
  if (q === undefined || q === null) return '';
  if (typeof q !== 'string') throw fieldError('q', 'text');
  // eslint-disable-next-line no-control-regex
  const text = q
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_QUERY_LENGTH) throw fieldError('q', 'max_chars', { n: MAX_QUERY_LENGTH });
  return text;
}

function paging(page: unknown, pageSize: unknown): { page: number; pageSize: number } {
  return {
    page: page === undefined ? 1 : checkInt(page, 'page', 1, MAX_PAGE),
    pageSize: pageSize === undefined ? DEFAULT_PAGE_SIZE : checkInt(pageSize, 'pageSize', 1, MAX_PAGE_SIZE),
  };
}

/** A user's list filter: any of the values (OR within the facet, AND with everything else). */
function inClause(field: string, values: string[] | undefined): Clause[] {
  return values && values.length > 0 ? [{ op: 'in', field, values, disjunctive: true }] : [];
}

/** Disjunctive facets (the standard approach): a facet the user filters with a multi-select counts
 * its values with that facet's own filter left out, so each count says what ticking the value adds
 * and ticking a second box gives what its count promised. Returns, per such facet, the query to
 * count it with (only that facet; every other clause kept). */
export function disjunctiveFacetQueries(n: NormalizedQuery): { facet: string; query: NormalizedQuery }[] {
  return n.clauses
    .filter((c): c is Extract<Clause, { op: 'in' }> => c.op === 'in' && c.disjunctive === true && n.facets.includes(c.field))
    .map((c) => ({ facet: c.field, query: { ...n, clauses: n.clauses.filter((x) => x !== c), facets: [c.field], page: 1, pageSize: 1 } }));
}

export function normalizePositionQuery(query: PositionQuery): NormalizedQuery {
  const f = query.filters ?? {};
  const s = query.scope;
  if (!s || !Array.isArray(s.statuses)) throw new Error('search: a position query needs a scope');
  const clauses: Clause[] = [];

  // Scope first: these clauses come from the server, not the request.
  const scopeStatuses = checkList(s.statuses, SETS.statuses, 'scope.statuses') ?? [];
  const wanted = checkList(f.statuses, SETS.statuses, 'statuses');
  const statuses = wanted ? scopeStatuses.filter((x) => wanted.includes(x)) : scopeStatuses;
  clauses.push({ op: 'in', field: 'status', values: statuses });
  if (s.regionPrefix) clauses.push({ op: 'region', field: regionFieldFor(s.regionPrefix), code: checkRegion(s.regionPrefix, 'scope.regionPrefix') });
  if (s.employerId !== undefined) {
    if (!ID_PATTERN.test(s.employerId)) throw new Error('search: bad scope.employerId');
    clauses.push({ op: 'in', field: 'employerId', values: [s.employerId] });
  }
  if (s.closingFrom !== undefined) clauses.push({ op: 'gte', field: 'closesOn', value: dateToTimestamp(checkDate(s.closingFrom, 'scope.closingFrom')) });

  if (f.regionCode !== undefined) clauses.push({ op: 'region', field: regionFieldFor(String(f.regionCode)), code: checkRegion(f.regionCode, 'regionCode') });
  clauses.push(...inClause('kind', checkList(f.kinds, SETS.kinds, 'kinds')));
  clauses.push(...inClause('employerType', checkList(f.employerTypes, SETS.employerTypes, 'employerTypes')));
  clauses.push(...inClause('serviceAreas', checkList(f.serviceAreas, SETS.serviceAreas, 'serviceAreas')));
  clauses.push(...inClause('languages', checkList(f.languages, SETS.languages, 'languages')));
  clauses.push(...inClause('employmentType', checkList(f.employmentTypes, SETS.employmentTypes, 'employmentTypes')));
  const edu = checkCode(f.educationAtMost, SETS.education, 'educationAtMost');
  if (edu) clauses.push({ op: 'lte', field: 'minEducationRank', value: rankOf(EDUCATION_LEVELS, edu) });
  const qual = checkCode(f.qualificationAtMost, SETS.qualification, 'qualificationAtMost');
  if (qual) clauses.push({ op: 'lte', field: 'minQualificationRank', value: rankOf(QUALIFICATION_LEVELS, qual) });
  if (f.salaryAtLeast !== undefined) clauses.push({ op: 'gte', field: 'salaryMax', value: checkInt(f.salaryAtLeast, 'salaryAtLeast', 0, 10_000_000) });
  if (f.openOn !== undefined) {
    const t = dateToTimestamp(checkDate(f.openOn, 'openOn'));
    clauses.push({ op: 'lte', field: 'opensOn', value: t }, { op: 'gte', field: 'closesOn', value: t });
  }
  if (f.employerId !== undefined) {
    if (typeof f.employerId !== 'string' || !ID_PATTERN.test(f.employerId)) throw fieldError('employerId', 'id');
    clauses.push({ op: 'in', field: 'employerId', values: [f.employerId] });
  }

  const sort = query.sort ?? 'relevance';
  if (!(POSITION_SORTS as readonly string[]).includes(sort)) throw fieldError('sort', 'option', { values: POSITION_SORTS.join(', ') });
  const facets = query.facets ?? POSITION_FACETS;
  checkList(facets, new Set(POSITION_FACETS), 'facets');
  return {
    entity: 'position',
    text: cleanText(query.q),
    clauses,
    empty: clauses.some((c) => c.op === 'in' && c.values.length === 0),
    sort,
    ...paging(query.page, query.pageSize),
    facets: [...new Set(facets)],
    withNames: false,
    distinctEmployer: query.distinctEmployer === true,
  };
}

export function normalizeTalentQuery(query: TalentQuery): NormalizedQuery {
  const f = query.filters ?? {};
  const s = query.scope;
  if (!s || typeof s.visibleToEmployers !== 'boolean') throw new Error('search: a talent query needs a scope');
  const clauses: Clause[] = [];

  if (s.visibleToEmployers) clauses.push({ op: 'in', field: 'visibility', values: ['employers'] });
  if (s.regionPrefix) clauses.push({ op: 'region', field: regionFieldFor(s.regionPrefix), code: checkRegion(s.regionPrefix, 'scope.regionPrefix') });

  const visibility = checkList(f.visibility, SETS.visibility, 'visibility');
  // In the employers' scope the visibility is already fixed; a filter can only narrow it to nothing.
  if (visibility && visibility.length > 0) clauses.push({ op: 'in', field: 'visibility', values: s.visibleToEmployers ? visibility.filter((v) => v === 'employers') : visibility });
  if (f.regionCode !== undefined) clauses.push({ op: 'region', field: regionFieldFor(String(f.regionCode)), code: checkRegion(f.regionCode, 'regionCode') });
  clauses.push(...inClause('serviceAreas', checkList(f.serviceAreas, SETS.serviceAreas, 'serviceAreas')));
  clauses.push(...inClause('languages', checkList(f.languages, SETS.languages, 'languages')));
  clauses.push(...inClause('availability', checkList(f.availability, SETS.availability, 'availability')));
  clauses.push(...inClause('ageBand', checkList(f.ageBands, SETS.ageBands, 'ageBands')));
  const qual = checkCode(f.qualificationAtLeast, SETS.qualification, 'qualificationAtLeast');
  if (qual) clauses.push({ op: 'gte', field: 'qualificationRank', value: rankOf(QUALIFICATION_LEVELS, qual) });
  const edu = checkCode(f.educationAtLeast, SETS.education, 'educationAtLeast');
  if (edu) clauses.push({ op: 'gte', field: 'educationRank', value: rankOf(EDUCATION_LEVELS, edu) });

  const sort = query.sort ?? 'relevance';
  if (!(TALENT_SORTS as readonly string[]).includes(sort)) throw fieldError('sort', 'option', { values: TALENT_SORTS.join(', ') });
  const facets = [...new Set(query.facets ?? TALENT_FACETS)];
  checkList(facets, new Set(TALENT_FACETS), 'facets');
  return {
    entity: 'talent',
    text: cleanText(query.q),
    clauses,
    empty: clauses.some((c) => c.op === 'in' && c.values.length === 0),
    sort,
    ...paging(query.page, query.pageSize),
    // Employers do not learn which talents are department-only, not even as a count.
    facets: s.visibleToEmployers ? facets.filter((x) => x !== 'visibility') : facets,
    withNames: !s.visibleToEmployers,
  };
}

export function emptyResult<H>(n: NormalizedQuery, engine: 'meilisearch' | 'sql', degraded: boolean): SearchResult<H> {
  return { hits: [], total: 0, facets: Object.fromEntries(n.facets.map((f) => [f, {}])), page: n.page, pageSize: n.pageSize, degraded, engine };
}

// ---------------------------------------------------------------------------------------------
// Highlighting: engines mark matches with two private markers; this turns them into safe HTML.
// A stored text may itself hold U+0002/U+0003 (written before text fields refused them), so each
// marker is a sequence no text field accepts (a control character around a private-use one), only
// an opening marker followed by its closing one becomes <mark>…</mark>, and stray control
// characters are dropped. (A random tag would be stronger, but Workers forbid random values at load.)

export const MARK_OPEN = '\u0002\uf8f0\u0002';
export const MARK_CLOSE = '\u0003\uf8f1\u0003';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Most text has nothing to drop or escape: one test instead of two replacements. */
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>"']/;
const escapeText = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]) : s);

export function markedToHtml(marked: string): string {
  // No match marked (most fields, and `always` fields without a match): only stray closings to drop.
  if (!marked.includes(MARK_OPEN)) return escapeText(marked.includes(MARK_CLOSE) ? marked.replaceAll(MARK_CLOSE, '') : marked);
  return (
    marked
      // Adjacent marks are one match to the reader: <mark>呼</mark><mark>和</mark> → <mark>呼和</mark>.
      .replaceAll(MARK_CLOSE + MARK_OPEN, '')
      .split(MARK_OPEN)
      .map((part, i) => {
        const end = i === 0 ? -1 : part.indexOf(MARK_CLOSE);
        if (end < 0) return escapeText(part.replaceAll(MARK_CLOSE, ''));
        return `<mark>${escapeText(part.slice(0, end))}</mark>${escapeText(part.slice(end + MARK_CLOSE.length).replaceAll(MARK_CLOSE, ''))}`;
      })
      .join('')
  );
}

export function hasMark(marked: string): boolean {
  return marked.includes(MARK_OPEN);
}

/** Highlights of an engine's marked fields: a field's text when it holds a match (or is one shown
 * always), a list's marked items joined. */
export function highlightsFrom(formatted: Record<string, unknown>, highlight: { fields: string[]; always: string[] }): Highlights {
  const out: Highlights = {};
  for (const field of highlight.fields) {
    const value = formatted[field];
    if (typeof value === 'string') {
      if (hasMark(value) || highlight.always.includes(field)) out[field] = markedToHtml(value);
    } else if (Array.isArray(value)) {
      const marked = value.filter((v): v is string => typeof v === 'string' && hasMark(v));
      if (marked.length > 0) out[field] = marked.map(markedToHtml).join('、');
    }
  }
  return out;
}
