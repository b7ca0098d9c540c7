// The SQL fallback: the same normalised queries answered from the database when Meilisearch cannot
// answer. Same clauses (scope included), same query analysis (search/analysis.ts: simplified
// characters, dictionary + Intl.Segmenter words, pinyin, regions and qualification levels as
// filters), same paging, same facet counts and the same documents as hits. Each word must match a
// field (LIKE, synonyms, vocabulary labels, tags); hits rank by which fields matched, as Meilisearch's
// attribute rule does. Every result says `degraded: true`. One statement per search, and no compound
// SELECT (D1 refuses more than a few terms): counts, the page and facets are scalar subqueries.
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../src/lib/database';
import { subtreeRange } from '../src/lib/regions-range';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../src/lib/vocab';
import { TALENT_TAGS, applyAnalysis, type AnalyzedQuery, type Lexicon } from './analysis';
import { relaxQuery } from './relax';
import { DIRECTED_STATUSES, loadPositionDocuments, loadTalentDocuments } from './documents';
import {
  MARK_CLOSE,
  MARK_OPEN,
  emptyResult,
  markedToHtml,
  normalizePositionQuery,
  normalizeTalentQuery,
  disjunctiveFacetQueries,
  type Clause,
  type FacetCounts,
  type Highlights,
  type NormalizedQuery,
  type PositionHit,
  type PositionQuery,
  type SearchEngine,
  type SearchHealth,
  type SearchResult,
  type TalentHit,
  type TalentQuery,
} from './engine';
import { expandTerm } from './synonyms';

type Labels = Record<string, readonly [string, string]>;
type Sql = RawBuilder<unknown>;

/** How a document attribute is read from the tables. */
type Column = { kind: 'scalar'; expr: Sql } | { kind: 'list'; exists: (values: string[]) => Sql; facet: Sql } | { kind: 'region'; expr: Sql } | { kind: 'date'; expr: Sql };

const rankCase = (expr: Sql, vocab: Labels): Sql =>
  sql`(CASE ${expr} ${sql.join(
    Object.keys(vocab).map((code, i) => sql`WHEN ${sql.lit(code)} THEN ${sql.lit(i)}`),
    sql` `,
  )} ELSE -1 END)`;

const jsonList = (expr: Sql): Column => ({
  kind: 'list',
  exists: (values) => sql`EXISTS (SELECT 1 FROM json_each(${expr}) j WHERE j.value IN (${sql.join(values)}))`,
  facet: expr,
});

const POSITION_COLUMNS: Record<string, Column> = {
  id: { kind: 'scalar', expr: sql.ref('p.id') },
  status: { kind: 'scalar', expr: sql.ref('p.status') },
  kind: { kind: 'scalar', expr: sql.ref('p.kind') },
  employerType: { kind: 'scalar', expr: sql.ref('p.employer_type') },
  employerId: { kind: 'scalar', expr: sql.ref('p.employer_id') },
  employmentType: { kind: 'scalar', expr: sql.ref('p.employment_type') },
  minEducation: { kind: 'scalar', expr: sql.ref('p.min_education') },
  minQualification: { kind: 'scalar', expr: sql.ref('p.min_qualification') },
  minEducationRank: { kind: 'scalar', expr: rankCase(sql.ref('p.min_education'), EDUCATION_LEVELS) },
  minQualificationRank: { kind: 'scalar', expr: rankCase(sql.ref('p.min_qualification'), QUALIFICATION_LEVELS) },
  salaryMin: { kind: 'scalar', expr: sql.ref('p.salary_min') },
  salaryMax: { kind: 'scalar', expr: sql.ref('p.salary_max') },
  seats: { kind: 'scalar', expr: sql.ref('p.seats') },
  publishedAt: { kind: 'scalar', expr: sql.ref('p.published_at') },
  opensOn: { kind: 'date', expr: sql.ref('p.opens_on') },
  closesOn: { kind: 'date', expr: sql.ref('p.closes_on') },
  region: { kind: 'region', expr: sql.ref('p.region_code') },
  // The side table is what the schema indexes for this filter.
  serviceAreas: {
    kind: 'list',
    exists: (values) => sql`EXISTS (SELECT 1 FROM position_service_areas a WHERE a.position_id = p.id AND a.area IN (${sql.join(values)}))`,
    // Facet values come from the JSON list, as the documents do.
    facet: sql.ref('p.service_areas'),
  },
  languages: jsonList(sql.ref('p.languages')),
};

const TALENT_COLUMNS: Record<string, Column> = {
  id: { kind: 'scalar', expr: sql.ref('t.id') },
  visibility: { kind: 'scalar', expr: sql.ref('t.visibility') },
  availability: { kind: 'scalar', expr: sql.ref('t.availability') },
  qualification: { kind: 'scalar', expr: sql.ref('t.qualification_level') },
  education: { kind: 'scalar', expr: sql.ref('t.education_level') },
  qualificationRank: { kind: 'scalar', expr: rankCase(sql.ref('t.qualification_level'), QUALIFICATION_LEVELS) },
  educationRank: { kind: 'scalar', expr: rankCase(sql.ref('t.education_level'), EDUCATION_LEVELS) },
  graduationYear: { kind: 'scalar', expr: sql.ref('t.graduation_year') },
  updatedAt: { kind: 'scalar', expr: sql.ref('t.updated_at') },
  region: { kind: 'region', expr: sql.ref('t.region_code') },
  serviceAreas: jsonList(sql.ref('t.service_areas')),
  languages: jsonList(sql.ref('t.languages')),
};

const FROM = {
  position: sql`positions p JOIN employers e ON e.id = p.employer_id LEFT JOIN regions r ON r.code = p.region_code`,
  talent: sql`talents t LEFT JOIN regions r ON r.code = t.region_code`,
};

const timestampToDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The calendar date `years` before `now` ('YYYY-MM-DD'; may name Feb 29 of a common year, which
 * still orders correctly as text). */
function yearsBefore(now: number, years: number): string {
  const d = new Date(now);
  const mmdd = d.toISOString().slice(4, 10);
  return `${String(d.getUTCFullYear() - years).padStart(4, '0')}${mmdd}`;
}

/** Talents whose age (on `now`) lies in a band such as '25-29' or '65+': a birth-date range. */
function ageBandCondition(band: string, now: number): Sql {
  const m = /^(\d+)(?:-(\d+)|\+)$/.exec(band);
  if (!m) throw new Error(`search: bad age band ${band}`);
  const lo = Number(m[1]);
  const upper = sql`t.birth_date <= ${yearsBefore(now, lo)}`;
  if (!m[2]) return upper;
  return sql`(${upper} AND t.birth_date > ${yearsBefore(now, Number(m[2]) + 1)})`;
}

function ageBandExpr(now: number): Sql {
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const md = d.toISOString().slice(5, 10);
  const age = sql`(${sql.lit(year)} - CAST(substr(t.birth_date, 1, 4) AS INTEGER) - (CASE WHEN substr(t.birth_date, 6, 5) > ${md} THEN 1 ELSE 0 END))`;
  return sql`(CASE WHEN t.birth_date IS NULL THEN NULL WHEN ${age} >= 65 THEN '65+' WHEN ${age} >= 15 THEN ((${age} / 5) * 5) || '-' || ((${age} / 5) * 5 + 4) ELSE NULL END)`;
}

function clauseToSql(c: Clause, columns: Record<string, Column>, now: number): Sql {
  if (c.op === 'region') {
    const { from, to } = subtreeRange(c.code);
    const col = columns.region as { expr: Sql };
    return sql`(${col.expr} >= ${from} AND ${col.expr} < ${to})`;
  }
  if (c.field === 'ageBand' && c.op === 'in')
    return sql`(${sql.join(
      c.values.map((b) => ageBandCondition(b, now)),
      sql` OR `,
    )})`;
  const col = columns[c.field];
  if (!col) throw new Error(`search: no SQL column for ${c.field}`);
  if (c.op === 'in') {
    if (col.kind === 'list') return col.exists(c.values);
    if (col.kind !== 'scalar') throw new Error(`search: cannot match ${c.field} by value`);
    return sql`${col.expr} IN (${sql.join(c.values)})`;
  }
  const op = sql.raw(c.op === 'gte' ? '>=' : '<=');
  if (col.kind === 'date') return sql`${col.expr} ${op} ${timestampToDate(c.value)}`;
  if (col.kind !== 'scalar') throw new Error(`search: cannot compare ${c.field}`);
  return sql`${col.expr} ${op} ${c.value}`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m);
const like = (expr: Sql, word: string) => sql`${expr} LIKE ${'%' + escapeLike(word) + '%'} ESCAPE '\\'`;

/** Codes whose Chinese or English label is the word or starts with it ("老年" → elderly, "蒙古" →
 * mongolian). With `exact`, only the whole label: 社会工作师 is not 助理社会工作师. */
export function codesMatching(vocab: Labels, word: string, exact = false): string[] {
  const w = word.toLowerCase();
  return Object.entries(vocab)
    .filter(([code, [zh, en]]) => {
      if (code === 'none') return false;
      const e = en.toLowerCase();
      if (zh === w || e === w) return true;
      return !exact && w.length >= 2 && (zh.startsWith(w) || e.startsWith(w));
    })
    .map(([code]) => code);
}

const MAX_TERMS = 8;

/** Analysed query words → terms, each expanded to its synonyms (the lexicon's groups: the maintained
 * list and the admins'). */
export function termsOf(text: string, groups?: readonly (readonly string[])[]): string[][] {
  if (!text) return [];
  return text
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((t) => expandTerm(t, groups));
}

/** One field a word may match, with its weight for ranking (higher = the field people mean). */
interface Match {
  weight: number;
  cond: Sql;
}

function talentTagCondition(word: string, now: number): Sql | null {
  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  if (word === TALENT_TAGS.freshGraduate) return sql`t.graduation_year IN (${year - 1}, ${year})`;
  if (word === TALENT_TAGS.directed) return sql`EXISTS (SELECT 1 FROM agreements a WHERE a.talent_id = t.id AND a.status IN (${sql.join([...DIRECTED_STATUSES])}))`;
  if (word === TALENT_TAGS.certified) return sql`t.qualification_level IN ('assistant', 'intermediate', 'senior')`;
  return null;
}

/** The fields a word matches, in ranking order (as the searchable attributes in meili.ts). */
function matchesOf(n: NormalizedQuery, word: string, now: number): Match[] {
  const out: Match[] = [];
  const add = (weight: number, cond: Sql | null) => {
    if (cond) out.push({ weight, cond });
  };
  const codes = (vocab: Labels, exact = false) => codesMatching(vocab, word, exact);
  if (n.entity === 'position') {
    add(64, like(sql`p.title`, word));
    const kinds = codes(POSITION_KINDS);
    add(32, kinds.length ? sql`p.kind IN (${sql.join(kinds)})` : null);
    const areas = codes(SERVICE_AREAS);
    add(32, areas.length ? (POSITION_COLUMNS.serviceAreas as Extract<Column, { kind: 'list' }>).exists(areas) : null);
    const employment = codes(EMPLOYMENT_TYPES, true);
    add(16, employment.length ? sql`p.employment_type IN (${sql.join(employment)})` : null);
    const types = codes(EMPLOYER_TYPES);
    add(16, types.length ? sql`p.employer_type IN (${sql.join(types)})` : null);
    const langs = codes(LANGUAGES);
    add(16, langs.length ? (POSITION_COLUMNS.languages as Extract<Column, { kind: 'list' }>).exists(langs) : null);
    add(8, like(sql`coalesce(r.full_name, '')`, word));
    add(4, like(sql`e.name`, word));
    add(1, like(sql`p.description`, word));
  } else {
    add(64, talentTagCondition(word, now));
    const areas = codes(SERVICE_AREAS);
    add(32, areas.length ? (TALENT_COLUMNS.serviceAreas as Extract<Column, { kind: 'list' }>).exists(areas) : null);
    const quals = codes(QUALIFICATION_LEVELS, true);
    add(32, quals.length ? sql`t.qualification_level IN (${sql.join(quals)})` : null);
    const avail = codes(AVAILABILITY, true);
    add(16, avail.length ? sql`t.availability IN (${sql.join(avail)})` : null);
    const langs = codes(LANGUAGES);
    add(16, langs.length ? (TALENT_COLUMNS.languages as Extract<Column, { kind: 'list' }>).exists(langs) : null);
    add(8, like(sql`coalesce(r.full_name, '')`, word));
    const edus = codes(EDUCATION_LEVELS, true);
    add(4, edus.length ? sql`t.education_level IN (${sql.join(edus)})` : null);
    add(4, like(sql`coalesce(t.major, '')`, word));
    add(2, like(sql`coalesce(t.school, '')`, word));
    if (n.withNames) add(1, like(sql`t.name`, word));
  }
  return out;
}

/** Every term must match some field (any of its synonyms); the score adds, per term, the weight of
 * the best field it matched. */
function textMatch(n: NormalizedQuery, terms: string[][], now: number): { where: Sql; score: Sql } | null {
  if (terms.length === 0) return null;
  const perTerm = terms.map((alternatives) => {
    const matches = alternatives.flatMap((w) => matchesOf(n, w, now)).sort((a, b) => b.weight - a.weight);
    if (matches.length === 0) return { where: sql`0`, score: sql`0` };
    return {
      where: sql`(${sql.join(
        matches.map((m) => m.cond),
        sql` OR `,
      )})`,
      score: sql`(CASE ${sql.join(
        matches.map((m) => sql`WHEN ${m.cond} THEN ${sql.lit(m.weight)}`),
        sql` `,
      )} ELSE 0 END)`,
    };
  });
  return {
    where: sql.join(
      perTerm.map((t) => t.where),
      sql` AND `,
    ),
    score: sql`(${sql.join(
      perTerm.map((t) => t.score),
      sql` + `,
    )})`,
  };
}

type SortKey = [Sql, 'ASC' | 'DESC'];

/** Sort keys, most significant first; the id breaks ties last (as in Meilisearch's sort). */
function sortKeys(n: NormalizedQuery, score: Sql | null): SortKey[] {
  const rank = (c: Column) => (c.kind === 'scalar' ? c.expr : sql`0`);
  switch (n.sort) {
    case 'relevance':
      // By the fields the words matched, then the newest.
      if (n.entity === 'position')
        return score
          ? [
              [score, 'DESC'],
              [sql`p.published_at`, 'DESC'],
            ]
          : [[sql`p.published_at`, 'DESC']];
      return score
        ? [
            [score, 'DESC'],
            [sql`t.updated_at`, 'DESC'],
          ]
        : [[sql`t.updated_at`, 'DESC']];
    case 'newest':
      return [[sql`p.published_at`, 'DESC']];
    case 'closingSoon':
      return [[sql`p.closes_on`, 'ASC']];
    case 'salary':
      return [[sql`p.salary_max`, 'DESC']];
    case 'updated':
      return [[sql`t.updated_at`, 'DESC']];
    case 'qualification':
      return [
        [rank(TALENT_COLUMNS.qualificationRank), 'DESC'],
        [rank(TALENT_COLUMNS.educationRank), 'DESC'],
      ];
  }
}

function facetExpr(entity: 'position' | 'talent', facet: string, now: number): { expr: Sql; list: boolean } {
  const alias = entity === 'position' ? 'p' : 't';
  if (facet === 'regionCity')
    return { expr: sql`(CASE WHEN length(${sql.ref(`${alias}.region_code`)}) >= 4 THEN substr(${sql.ref(`${alias}.region_code`)}, 1, 4) END)`, list: false };
  if (facet === 'regionCounty')
    return { expr: sql`(CASE WHEN length(${sql.ref(`${alias}.region_code`)}) >= 6 THEN substr(${sql.ref(`${alias}.region_code`)}, 1, 6) END)`, list: false };
  if (facet === 'ageBand') return { expr: ageBandExpr(now), list: false };
  const col = (entity === 'position' ? POSITION_COLUMNS : TALENT_COLUMNS)[facet];
  if (!col) throw new Error(`search: no facet column ${facet}`);
  if (col.kind === 'list') return { expr: col.facet, list: true };
  if (col.kind !== 'scalar') throw new Error(`search: cannot facet on ${facet}`);
  return { expr: col.expr, list: false };
}

export interface SqlFallbackOptions {
  database: Database;
  now: () => number;
  /** Region names and vocabulary for query analysis (search/analysis.ts); without it, words are used as typed. */
  lexicon?: () => Promise<Lexicon>;
}

type Run = { ids: string[]; total: number; facets: FacetCounts; terms: string[][]; relaxed?: { from: string[]; to: string[] } };

export class SqlSearchEngine implements SearchEngine {
  readonly kind = 'sql' as const;
  constructor(private readonly options: SqlFallbackOptions) {}

  async health(): Promise<SearchHealth> {
    try {
      await sql`SELECT 1`.execute(this.options.database.db);
      return { engine: 'sql', ok: true };
    } catch (e) {
      return { engine: 'sql', ok: false, detail: e instanceof Error ? e.message : String(e) };
    }
  }

  async searchPositions(query: PositionQuery): Promise<SearchResult<PositionHit>> {
    const n = normalizePositionQuery(query);
    if (n.empty) return emptyResult(n, 'sql', true);
    const { ids, total, facets, terms, relaxed } = await this.run(n);
    const docs = await loadPositionDocuments(this.options.database, ids);
    const hits = ids
      .map((id) => docs.get(id))
      .filter((d) => d !== undefined)
      .map((d) => ({
        ...d,
        highlights: highlightFields(
          d as unknown as Record<string, unknown>,
          terms,
          ['title', 'employerName', 'description', 'serviceAreaNames', 'regionNames'],
          ['title', 'description'],
        ),
      }));
    return { hits, total, facets, page: n.page, pageSize: n.pageSize, degraded: true, engine: 'sql', ...(relaxed ? { relaxed } : {}) };
  }

  async searchTalents(query: TalentQuery): Promise<SearchResult<TalentHit>> {
    const n = normalizeTalentQuery(query);
    if (n.empty) return emptyResult(n, 'sql', true);
    const { ids, total, facets, terms, relaxed } = await this.run(n);
    const docs = await loadTalentDocuments(this.options.database, ids, this.options.now());
    const fields = ['school', 'major', 'serviceAreaNames', 'languageNames', 'qualificationName', 'regionNames'];
    const hits: TalentHit[] = ids
      .map((id) => docs.get(id))
      .filter((d) => d !== undefined)
      .map((d) => {
        const highlights = highlightFields(d as unknown as Record<string, unknown>, terms, n.withNames ? ['name', ...fields] : fields, []);
        if (n.withNames) return { ...d, highlights };
        const { name: _name, ...rest } = d;
        return { ...rest, highlights };
      });
    return { hits, total, facets, page: n.page, pageSize: n.pageSize, degraded: true, engine: 'sql' };
  }

  /** The query, with the disjunctive facets (engine.ts disjunctiveFacetQueries) counted without their
   * own filter; when it found nothing, once more with its words relaxed (search/relax.ts). */
  private async run(raw: NormalizedQuery): Promise<Run> {
    const lex = this.options.lexicon ? await this.options.lexicon() : null;
    const n = lex ? applyAnalysis(raw, lex) : raw;
    const result = await this.withFacets(n, lex);
    if (result.total > 0 || !n.text || !lex) return result;
    const a = (n as { analyzed?: AnalyzedQuery }).analyzed;
    const relaxed = await relaxQuery(n, lex, Boolean(a?.regionCode || a?.qualification), async (words) => {
      const out: number[] = [];
      for (const w of words) out.push((await this.query({ ...n, text: w, facets: [], pageSize: 1 }, lex)).total);
      return out;
    });
    if (!relaxed) return result;
    const again = await this.withFacets(relaxed.query, lex);
    return again.total > 0 ? { ...again, relaxed: relaxed.relaxed } : result;
  }

  private async withFacets(n: NormalizedQuery, lex: Lexicon | null): Promise<Run> {
    const result = await this.query(n, lex);
    for (const { facet, query } of disjunctiveFacetQueries(n)) result.facets[facet] = (await this.query(query, lex)).facets[facet] ?? {};
    return result;
  }

  private async query(n: NormalizedQuery, lex: Lexicon | null): Promise<Run> {
    const db = this.options.database.db;
    const now = this.options.now();
    const columns = n.entity === 'position' ? POSITION_COLUMNS : TALENT_COLUMNS;
    const terms = termsOf(n.text, lex?.synonyms);
    const conditions = n.clauses.map((c) => clauseToSql(c, columns, now));
    const text = textMatch(n, terms, now);
    if (text) conditions.push(text.where);
    const where = conditions.length ? sql.join(conditions, sql` AND `) : sql`1`;
    const from = FROM[n.entity];
    const id = n.entity === 'position' ? sql`p.id` : sql`t.id`;

    // One statement, one scan: the matching rows (with their sort keys and facet values) are
    // materialised once, then counted, paged and grouped per facet in scalar subqueries (JSON).
    // Separate statements would each repeat the LIKE scan (measured: 600 ms → 60 ms for a text query
    // on 20,000 posts); a UNION ALL of them is a compound SELECT, which D1 refuses past a few terms.
    const keys = sortKeys(n, text?.score ?? null);
    const facetCols = n.facets.map((f) => facetExpr(n.entity, f, now));
    const distinct = n.entity === 'position' && n.distinctEmployer;
    const columns_ = [
      sql`${id} AS id`,
      ...keys.map(([expr], i) => sql`${expr} AS ${sql.ref(`s${i}`)}`),
      ...facetCols.map(({ expr }, i) => sql`${expr} AS ${sql.ref(`f${i}`)}`),
      ...(distinct ? [sql`p.employer_id AS g`] : []),
    ];
    const order = sql.join([...keys.map(([, dir], i) => sql`${sql.ref(`m.s${i}`)} ${sql.raw(dir)}`), sql`m.id`]);
    const offset = (n.page - 1) * n.pageSize;
    // With distinct, only each employer's best post counts (its first in the result order).
    const source = distinct ? sql`(SELECT * FROM (SELECT m.*, row_number() OVER (PARTITION BY m.g ORDER BY ${order}) AS k FROM m AS m) WHERE k = 1)` : sql`m`;
    const parts: Sql[] = [
      sql`(SELECT count(*) FROM ${source}) AS total`,
      sql`(SELECT json_group_array(json_array(v, k)) FROM (SELECT m.id AS v, row_number() OVER (ORDER BY ${order}) AS k FROM ${source} AS m ORDER BY ${order} LIMIT ${n.pageSize} OFFSET ${offset})) AS page`,
      ...n.facets.map((_facet, i) => {
        const col = sql.ref(`m.f${i}`);
        const grouped = facetCols[i].list
          ? sql`SELECT j.value AS v, count(DISTINCT m.id) AS c FROM ${source} AS m, json_each(${col}) j GROUP BY j.value`
          : sql`SELECT ${col} AS v, count(*) AS c FROM ${source} AS m WHERE ${col} IS NOT NULL GROUP BY ${col}`;
        return sql`(SELECT json_group_array(json_array(v, c)) FROM (${grouped})) AS ${sql.ref(`facet${i}`)}`;
      }),
    ];
    const { rows } = await sql<Record<string, unknown>>`WITH m AS MATERIALIZED (SELECT ${sql.join(columns_)} FROM ${from} WHERE ${where}) SELECT ${sql.join(parts)}`.execute(db);
    const row = rows[0] ?? {};
    const total = Number(row.total ?? 0);
    const ids = (JSON.parse(String(row.page ?? '[]')) as [unknown, number][]).sort((a, b) => a[1] - b[1]).map(([v]) => String(v));
    const facets: FacetCounts = Object.fromEntries(n.facets.map((f) => [f, {} as Record<string, number>]));
    n.facets.forEach((f, i) => {
      for (const [v, c] of JSON.parse(String(row[`facet${i}`] ?? '[]')) as [unknown, number][]) if (facetValueKnown(f, v)) facets[f][String(v)] = Number(c);
    });
    return { ids, total, facets, terms };
  }
}

// Documents keep only known vocabulary codes in lists; count the same values here.
const LIST_VOCAB: Record<string, Labels> = { serviceAreas: SERVICE_AREAS, languages: LANGUAGES };
function facetValueKnown(facet: string, value: unknown): boolean {
  const vocab = LIST_VOCAB[facet];
  return vocab ? typeof value === 'string' && value in vocab : value !== null;
}

/** Marks every occurrence of any term's words; returns HTML-safe strings like Meilisearch's. */
export function markText(text: string, terms: string[][]): string {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const word of terms.flat()) {
    const w = word.toLowerCase();
    if (!w) continue;
    for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + w.length)) ranges.push([i, i + w.length]);
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  let out = '';
  let pos = 0;
  for (const [a, b] of merged) {
    out += text.slice(pos, a) + MARK_OPEN + text.slice(a, b) + MARK_CLOSE;
    pos = b;
  }
  return out + text.slice(pos);
}

const CROP = 80;

function crop(text: string, terms: string[][]): string {
  if (text.length <= CROP) return text;
  const lower = text.toLowerCase();
  const first = Math.min(
    ...terms
      .flat()
      .map((w) => lower.indexOf(w.toLowerCase()))
      .filter((i) => i >= 0),
    Infinity,
  );
  const start = first === Infinity ? 0 : Math.max(0, first - 20);
  const end = Math.min(text.length, start + CROP);
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}

function highlightFields(doc: Record<string, unknown>, terms: string[][], fields: string[], always: string[]): Highlights {
  const out: Highlights = {};
  for (const field of fields) {
    const value = doc[field];
    if (typeof value === 'string') {
      const text = field === 'description' ? crop(value, terms) : value;
      const marked = markText(text, terms);
      if (marked !== text || always.includes(field)) out[field] = markedToHtml(marked);
    } else if (Array.isArray(value)) {
      const marked = value
        .filter((v): v is string => typeof v === 'string')
        .map((v) => markText(v, terms))
        .filter((v) => v.includes(MARK_OPEN));
      if (marked.length) out[field] = marked.map(markedToHtml).join('、');
    }
  }
  return out;
}
