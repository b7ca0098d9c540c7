// The Meilisearch implementation of the search layer: index settings (set explicitly, never left to
// defaults), filter expressions built only from validated clauses, and the document sink the outbox
// drain and reindex write through.
import { Meilisearch, type Index, type SearchParams, type SearchResponse, type Settings, type Task } from 'meilisearch';
import {
  MARK_CLOSE,
  MARK_OPEN,
  emptyResult,
  highlightsFrom,
  normalizePositionQuery,
  normalizeTalentQuery,
  disjunctiveFacetQueries,
  type Clause,
  type DocumentSink,
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
import type { PositionDocument, SearchDocument, SearchEntity, TalentDocument } from './documents';
import { applyAnalysis, type AnalyzedQuery, type Lexicon } from './analysis';
import { likelyRelaxedText, relaxQuery } from './relax';
import { meiliSynonyms } from './synonyms';

const REGION_ATTRIBUTES = ['regionProvince', 'regionCity', 'regionCounty', 'regionTownship'];

/** Ranked so the field people mean wins: the searched-for facts (tags) and what a talent can do
 * first, then qualification, availability, languages and region above education, major and school;
 * the name last and only for departments (employers search with attributesToSearchOn without it). */
export const TALENT_SEARCHABLE = [
  'tags',
  'serviceAreaNames',
  'qualificationName',
  'availabilityName',
  'languageNames',
  'regionNames',
  'educationName',
  'major',
  'school',
  'name',
] as const;
export const TALENT_SEARCHABLE_FOR_EMPLOYERS = TALENT_SEARCHABLE.filter((a) => a !== 'name');

/** The title and the structured facts above the employer's name; the boilerplate description last. */
export const POSITION_SEARCHABLE = [
  'title',
  'kindName',
  'serviceAreaNames',
  'employmentTypeName',
  'employerTypeName',
  'languageNames',
  'regionNames',
  'employerName',
  'description',
] as const;

// Which field matched counts before how close the words are (measured on the relevance set,
// test/search/relevance/README.md).
const RANKING_RULES = ['words', 'typo', 'attribute', 'proximity', 'sort', 'exactness'];
/** Every query word must match (stop words and filler are removed beforehand, search/analysis.ts). */
export const MATCHING_STRATEGY = 'all' as const;
/** Below the client's search timeout (1500 ms), so a slow query answers partially instead of failing over. */
export const SEARCH_CUTOFF_MS = 1000;

const COMMON_SETTINGS: Settings = {
  displayedAttributes: ['*'],
  rankingRules: RANKING_RULES,
  distinctAttribute: null,
  stopWords: [],
  synonyms: meiliSynonyms(),
  typoTolerance: {
    enabled: true,
    // Chinese words are short and have no typos in this sense; these apply to Latin/pinyin words.
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
  // Departments page through their whole region; totals stay exact up to this many hits.
  pagination: { maxTotalHits: 100_000 },
  // Our text is Chinese (with English labels, which Latin segmentation handles either way): pin the
  // language so short strings such as names are not mistaken for Japanese.
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
  facetSearch: false,
  prefixSearch: 'indexingTime',
  proximityPrecision: 'byWord',
  searchCutoffMs: SEARCH_CUTOFF_MS,
};

export const TALENT_SETTINGS: Settings = {
  ...COMMON_SETTINGS,
  searchableAttributes: [...TALENT_SEARCHABLE],
  filterableAttributes: [
    'id',
    ...REGION_ATTRIBUTES,
    'serviceAreas',
    'qualification',
    'qualificationRank',
    'education',
    'educationRank',
    'languages',
    'availability',
    'visibility',
    'ageBand',
    'graduationYear',
    'updatedAt',
  ],
  sortableAttributes: ['id', 'updatedAt', 'qualificationRank', 'educationRank', 'graduationYear'],
};

export const POSITION_SETTINGS: Settings = {
  ...COMMON_SETTINGS,
  searchableAttributes: [...POSITION_SEARCHABLE],
  filterableAttributes: [
    'id',
    'status',
    ...REGION_ATTRIBUTES,
    'kind',
    'employerType',
    'employerId',
    'serviceAreas',
    'languages',
    'employmentType',
    'minEducation',
    'minEducationRank',
    'minQualification',
    'minQualificationRank',
    'salaryMin',
    'salaryMax',
    'seats',
    'opensOn',
    'closesOn',
    'publishedAt',
  ],
  sortableAttributes: ['id', 'publishedAt', 'closesOn', 'salaryMax', 'salaryMin', 'updatedAt'],
};

const SETTINGS: Record<SearchEntity, Settings> = { talent: TALENT_SETTINGS, position: POSITION_SETTINGS };

/** An index's settings with the dictionary (region names, vocabulary) from the lexicon. */
export function settingsFor(entity: SearchEntity, lex: Lexicon | null): Settings {
  return lex ? { ...SETTINGS[entity], dictionary: lex.dictionary, synonyms: meiliSynonyms(lex.synonyms) } : SETTINGS[entity];
}

const TALENT_FIELDS_FOR_EMPLOYERS: (keyof TalentDocument)[] = [
  'id',
  'serviceAreas',
  'serviceAreaNames',
  'qualification',
  'qualificationRank',
  'qualificationName',
  'education',
  'educationRank',
  'educationName',
  'school',
  'major',
  'graduationYear',
  'languages',
  'languageNames',
  'regionProvince',
  'regionCity',
  'regionCounty',
  'regionTownship',
  'regionNames',
  'availability',
  'availabilityName',
  'tags',
  'visibility',
  'ageBand',
  'updatedAt',
];

/** Fields whose highlighted form is returned; those in `always` come back even without a match. */
const HIGHLIGHT = {
  position: { fields: ['title', 'employerName', 'description', 'serviceAreaNames', 'regionNames'], always: ['title', 'description'] },
  talentDepartment: { fields: ['name', 'school', 'major', 'serviceAreaNames', 'languageNames', 'qualificationName', 'regionNames'], always: [] as string[] },
  talentEmployer: { fields: ['school', 'major', 'serviceAreaNames', 'languageNames', 'qualificationName', 'regionNames'], always: [] as string[] },
};

const FILTERABLE = new Set<string>([...(TALENT_SETTINGS.filterableAttributes as string[]), ...(POSITION_SETTINGS.filterableAttributes as string[])]);

/** A Meilisearch string literal. Values reaching here are already validated codes, but quote
 * properly anyway so no value can ever end the literal. */
export function quoteFilterValue(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Clauses → Meilisearch's array filter form (each element ANDed). */
export function toMeiliFilter(clauses: readonly Clause[]): string[] {
  return clauses.map((c) => {
    if (!FILTERABLE.has(c.field)) throw new Error(`search: not a filterable attribute: ${c.field}`);
    switch (c.op) {
      case 'in':
        return `${c.field} IN [${c.values.map(quoteFilterValue).join(', ')}]`;
      case 'region':
        return `${c.field} = ${quoteFilterValue(c.code)}`;
      case 'gte':
      case 'lte':
        if (!Number.isFinite(c.value)) throw new Error('search: not a number');
        return `${c.field} ${c.op === 'gte' ? '>=' : '<='} ${c.value}`;
    }
  });
}

function sortFor(n: NormalizedQuery): string[] | undefined {
  const browsing = n.text === '';
  switch (n.sort) {
    case 'relevance':
      // Without words there is no relevance: show the newest first, in a stable order.
      if (!browsing) return undefined;
      return n.entity === 'position' ? ['publishedAt:desc', 'id:asc'] : ['updatedAt:desc', 'id:asc'];
    case 'newest':
      return ['publishedAt:desc', 'id:asc'];
    case 'closingSoon':
      return ['closesOn:asc', 'id:asc'];
    case 'salary':
      return ['salaryMax:desc', 'id:asc'];
    case 'updated':
      return ['updatedAt:desc', 'id:asc'];
    case 'qualification':
      return ['qualificationRank:desc', 'educationRank:desc', 'id:asc'];
  }
}

export class MeiliTaskError extends Error {
  constructor(
    readonly task: Task,
    message: string,
  ) {
    super(message);
    this.name = 'MeiliTaskError';
  }
}

export interface MeiliOptions {
  host: string;
  apiKey?: string;
  /** Prepended to index names (tests run several app instances against one server). */
  indexPrefix?: string;
  /** Per-request timeout for searches: short, so the fallback answers quickly when Meilisearch hangs. */
  searchTimeoutMs?: number;
  /** Per-request timeout for writes and task polling. */
  adminTimeoutMs?: number;
  /** How long to wait for an indexing task. */
  taskTimeoutMs?: number;
  /** Region names and vocabulary for query analysis and the index dictionary (search/analysis.ts). */
  lexicon?: () => Promise<Lexicon>;
  /** The searches' transport in place of `fetch` (on Node: search/node-http.ts). Writes keep fetch. */
  searchHttpClient?: (...args: Parameters<typeof fetch>) => Promise<unknown>;
}

export class MeiliSearchEngine implements SearchEngine, DocumentSink {
  readonly kind = 'meilisearch' as const;
  readonly searchClient: Meilisearch;
  readonly adminClient: Meilisearch;
  readonly taskTimeoutMs: number;
  readonly uids: Record<SearchEntity, string>;

  constructor(readonly options: MeiliOptions) {
    const prefix = options.indexPrefix ?? '';
    if (!/^[A-Za-z0-9_-]*$/.test(prefix)) throw new Error('search: index prefix may hold letters, digits, - and _ only');
    this.uids = { talent: `${prefix}talents`, position: `${prefix}positions` };
    // Uncompressed responses: Meilisearch streams compressed bodies in several writes, and with
    // Nagle and delayed ACKs that cost ~40 ms per search (measured: 44 ms vs 1 ms on 127.0.0.1).
    const requestInit = { headers: { 'Accept-Encoding': 'identity' } };
    this.searchClient = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.searchTimeoutMs ?? 1500,
      requestInit,
      ...(options.searchHttpClient ? { httpClient: options.searchHttpClient } : {}),
    });
    this.adminClient = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      requestInit,
      timeout: options.adminTimeoutMs ?? 30_000,
      defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 120_000, interval: 25 },
    });
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  }

  index<T extends SearchDocument>(entity: SearchEntity, client = this.searchClient): Index<T> {
    return client.index<T>(this.uids[entity]);
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.searchClient.health();
      // What each live index holds, for the admins' status page (an index not made yet is left out).
      const entities = Object.keys(this.uids) as SearchEntity[];
      const counts = await Promise.all(
        entities.map((e) =>
          this.index(e)
            .getStats()
            .then(
              (x) => x.numberOfDocuments,
              () => null,
            ),
        ),
      );
      const documents: Partial<Record<SearchEntity, number>> = {};
      entities.forEach((e, i) => {
        if (counts[i] !== null) documents[e] = counts[i];
      });
      return { engine: 'meilisearch', ok: true, documents };
    } catch (e) {
      return { engine: 'meilisearch', ok: false, detail: errorMessage(e) };
    }
  }

  private async analyzed(n: NormalizedQuery): Promise<NormalizedQuery> {
    return this.options.lexicon ? applyAnalysis(n, await this.options.lexicon()) : n;
  }

  async searchPositions(query: PositionQuery): Promise<SearchResult<PositionHit>> {
    const n = normalizePositionQuery(query);
    if (n.empty) return emptyResult(n, 'meilisearch', false);
    return this.runRelaxing<PositionHit>(await this.analyzed(n));
  }

  async searchTalents(query: TalentQuery): Promise<SearchResult<TalentHit>> {
    const n = normalizeTalentQuery(query);
    if (n.empty) return emptyResult(n, 'meilisearch', false);
    return this.runRelaxing<TalentHit>(await this.analyzed(n));
  }

  /** The exact Meilisearch request a query becomes (index, text, parameters) — for benchmarks
   * comparing the API with the client, and for debugging relevance. null when nothing can match. */
  async requestFor(entity: SearchEntity, query: PositionQuery | TalentQuery): Promise<{ uid: string; q: string; params: SearchParams } | null> {
    const raw = entity === 'position' ? normalizePositionQuery(query as PositionQuery) : normalizeTalentQuery(query as TalentQuery);
    if (raw.empty) return null;
    const n = await this.analyzed(raw);
    return { uid: this.uids[entity], q: n.text, params: this.paramsFor(n) };
  }

  private shape(n: NormalizedQuery) {
    if (n.entity === 'position') return { highlight: HIGHLIGHT.position, searchOn: undefined, retrieve: undefined };
    return n.withNames
      ? { highlight: HIGHLIGHT.talentDepartment, searchOn: undefined, retrieve: undefined }
      : { highlight: HIGHLIGHT.talentEmployer, searchOn: [...TALENT_SEARCHABLE_FOR_EMPLOYERS], retrieve: TALENT_FIELDS_FOR_EMPLOYERS as string[] };
  }

  private paramsFor(n: NormalizedQuery): SearchParams {
    const { highlight, searchOn, retrieve } = this.shape(n);
    const params: SearchParams = {
      filter: toMeiliFilter(n.clauses),
      facets: n.facets,
      page: n.page,
      hitsPerPage: n.pageSize,
      sort: sortFor(n),
      attributesToHighlight: highlight.fields,
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      attributesToCrop: highlight.fields.includes('description') ? ['description'] : undefined,
      cropLength: 40,
      cropMarker: '…',
      matchingStrategy: MATCHING_STRATEGY,
    };
    if (n.distinctEmployer) params.distinct = 'employerId';
    if (searchOn) params.attributesToSearchOn = searchOn;
    if (retrieve) params.attributesToRetrieve = retrieve;
    return params;
  }

  /** The query; when it found nothing, once more with its words relaxed (search/relax.ts). Relaxing
   * starts as soon as the main search answers 0: its disjunctive facet counts, needed only when
   * nothing is relaxed, are not waited for. */
  private async runRelaxing<H>(n: NormalizedQuery): Promise<SearchResult<H>> {
    const main = this.index(n.entity).search(n.text, this.paramsFor(n));
    const facets = this.disjunctiveFacets(n);
    facets.catch(() => undefined); // awaited below; not left unhandled when the main search fails first
    const res = await main;
    const found = (res as { totalHits?: number }).totalHits ?? res.hits.length;
    const again = found === 0 && n.text !== '' && this.options.lexicon ? await this.relaxed<H>(n) : null;
    return again ?? this.toResult<H>(n, res, await facets);
  }

  /** The relaxed search of a query that found nothing; null when the rule does not apply or the
   * relaxed words find nothing either. The words are counted first and the relaxed query searched
   * after (three round trips in all), except for one word holding a single dictionary word (社工站 →
   * 社工): that word's count is the total of its search, so the search is sent at once and counts it. */
  private async relaxed<H>(n: NormalizedQuery): Promise<SearchResult<H> | null> {
    const lex = await this.options.lexicon!();
    const a = (n as { analyzed?: AnalyzedQuery }).analyzed;
    const likelyText = likelyRelaxedText(n, lex);
    const likely = likelyText !== null && !likelyText.includes(' ') ? { text: likelyText, result: this.run<H>({ ...n, text: likelyText }) } : null;
    likely?.result.catch(() => undefined); // awaited below (as a count, and as the answer when it is one)
    const relaxed = await relaxQuery(n, lex, Boolean(a?.regionCode || a?.qualification), (words) => this.countWords(n, words, likely));
    if (!relaxed) return null;
    const again = likely && relaxed.query.text === likely.text ? await likely.result : await this.run<H>(relaxed.query);
    return again.total > 0 ? { ...again, relaxed: relaxed.relaxed } : null;
  }

  /** How many documents each word matches alone within the query's clauses: one request per word,
   * sent together (Meilisearch runs separate requests in parallel, but a multi-search's queries one
   * after another). A word equal to `known.text` takes the total of that search instead (the same
   * words within the same clauses; only whether a count is 0 matters). */
  private countWords(n: NormalizedQuery, words: string[], known: { text: string; result: Promise<SearchResult<unknown>> } | null): Promise<number[]> {
    return Promise.all(
      words.map(async (w) => {
        if (w === known?.text) return (await known.result).total;
        const p = this.paramsFor({ ...n, text: w, facets: [] });
        const r = await this.index(n.entity).search(w, {
          filter: p.filter,
          limit: 0,
          matchingStrategy: MATCHING_STRATEGY,
          ...(p.attributesToSearchOn ? { attributesToSearchOn: p.attributesToSearchOn } : {}),
        });
        return Number((r as { estimatedTotalHits?: number }).estimatedTotalHits ?? (r as { totalHits?: number }).totalHits ?? 0);
      }),
    );
  }

  /** The multi-search entries counting the disjunctive facets (engine.ts disjunctiveFacetQueries). */
  private facetQueries(n: NormalizedQuery, extra: ReturnType<typeof disjunctiveFacetQueries>) {
    return extra.map(({ query }) => {
      const p = this.paramsFor(query);
      return {
        indexUid: this.uids[n.entity],
        q: query.text,
        filter: p.filter,
        facets: query.facets,
        limit: 0,
        matchingStrategy: MATCHING_STRATEGY,
        ...(p.distinct ? { distinct: p.distinct } : {}),
        ...(p.attributesToSearchOn ? { attributesToSearchOn: p.attributesToSearchOn } : {}),
      };
    });
  }

  /** Counts of the disjunctive facets: one facet (the common case) in a plain search, which
   * Meilisearch answers sooner than the same query inside a multi-search (3.2–3.7 against 4.0–4.2 ms
   * on the benchmark's index, and the main search beside it finishes 0.3 ms sooner); several in one
   * multi-search, whose queries run one after another instead of competing with the main search. */
  private async disjunctiveFacets(n: NormalizedQuery): Promise<FacetCounts> {
    const extra = disjunctiveFacetQueries(n);
    if (extra.length === 0) return {};
    const queries = this.facetQueries(n, extra);
    const { results } = queries.length === 1 ? { results: [await this.searchOne(queries[0])] } : await this.searchClient.multiSearch({ queries });
    const out: FacetCounts = {};
    extra.forEach(({ facet }, i) => (out[facet] = { ...(results[i]?.facetDistribution?.[facet] ?? {}) }));
    return out;
  }

  /** One multi-search entry sent as a plain search of its index. */
  private searchOne({ indexUid, q, ...params }: ReturnType<MeiliSearchEngine['facetQueries']>[number]): Promise<SearchResponse> {
    return this.searchClient.index(indexUid).search(q, params);
  }

  private async run<H>(n: NormalizedQuery): Promise<SearchResult<H>> {
    const [res, disjunctive] = await Promise.all([this.index(n.entity).search(n.text, this.paramsFor(n)), this.disjunctiveFacets(n)]);
    return this.toResult<H>(n, res, disjunctive);
  }

  /** A Meilisearch answer as the engine's result: hits with safe highlights, facets (the disjunctive
   * ones counted apart), the exact total. */
  private toResult<H>(n: NormalizedQuery, res: SearchResponse, disjunctive: FacetCounts): SearchResult<H> {
    const { highlight, retrieve } = this.shape(n);
    const hits = res.hits.map((raw) => {
      // One copy per hit, the highlights added to it (a second spread copied every field again: twice
      // the time, measured on the benchmark's answers).
      const { _formatted, ...hit } = raw as unknown as Record<string, unknown> & { _formatted?: Record<string, unknown> };
      if (retrieve) for (const k of Object.keys(hit)) if (!retrieve.includes(k)) delete hit[k];
      hit.highlights = highlightsFrom(_formatted ?? {}, highlight);
      return hit as H;
    });
    const facets: FacetCounts = {};
    for (const f of n.facets) facets[f] = disjunctive[f] ?? { ...(res.facetDistribution?.[f] ?? {}) };
    return {
      hits,
      total: (res as { totalHits?: number }).totalHits ?? hits.length,
      facets,
      page: n.page,
      pageSize: n.pageSize,
      degraded: false,
      engine: 'meilisearch',
    };
  }

  // ----- DocumentSink -----

  private async wait(task: { taskUid: number } | number, what: string): Promise<Task> {
    const uid = typeof task === 'number' ? task : task.taskUid;
    const done = await this.adminClient.tasks.waitForTask(uid, { timeout: this.taskTimeoutMs, interval: 25 });
    if (done.status !== 'succeeded') {
      throw new MeiliTaskError(done, `${what}: task ${uid} ${done.status}${done.error ? ` (${done.error.code}: ${done.error.message})` : ''}`);
    }
    return done;
  }

  /** Creates the index if missing and applies the settings; true when it was created. */
  private async createWithSettings(uid: string, entity: SearchEntity): Promise<boolean> {
    const created = await this.adminClient.createIndex(uid, { primaryKey: 'id' });
    const t = await this.adminClient.tasks.waitForTask(created.taskUid, { timeout: this.taskTimeoutMs, interval: 25 });
    if (t.status !== 'succeeded' && t.error?.code !== 'index_already_exists') throw new MeiliTaskError(t, `create index ${uid}: ${t.error?.message}`);
    const lex = this.options.lexicon ? await this.options.lexicon() : null;
    await this.wait(await this.adminClient.index(uid).updateSettings(settingsFor(entity, lex)), `settings of ${uid}`);
    return t.status === 'succeeded';
  }

  /** Creates missing indexes and (re)applies the settings; cheap when nothing changed. */
  async ensureIndexes(): Promise<SearchEntity[]> {
    const created: SearchEntity[] = [];
    for (const entity of ['talent', 'position'] as const) if (await this.createWithSettings(this.uids[entity], entity)) created.push(entity);
    return created;
  }

  async upsertDocuments(entity: SearchEntity, docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const idx = this.index(entity, this.adminClient);
    await this.wait(await idx.addDocuments(docs as SearchDocument[], { primaryKey: 'id' }), `upsert ${entity}`);
  }

  async deleteDocuments(entity: SearchEntity, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.wait(await this.index(entity, this.adminClient).deleteDocuments([...ids]), `delete ${entity}`);
  }

  /** Builds `<index>_new` from scratch with the current settings, swaps it with the live index in one
   * task (searches see the old index until the swap, the new one after: never an empty one), then
   * drops the old copy. */
  async rebuild(entity: SearchEntity, batches: AsyncIterable<readonly SearchDocument[]>): Promise<number> {
    const live = this.uids[entity];
    const staging = `${live}_new`;
    await this.dropIndex(staging);
    await this.createWithSettings(staging, entity);
    const idx = this.adminClient.index(staging);
    let count = 0;
    const pending: number[] = [];
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      pending.push((await idx.addDocuments(batch as SearchDocument[], { primaryKey: 'id' })).taskUid);
      count += batch.length;
      // Keep the queue short so a failure surfaces early and memory stays flat.
      if (pending.length >= 8) await this.wait(pending.shift()!, `reindex ${entity}`);
    }
    for (const uid of pending) await this.wait(uid, `reindex ${entity}`);
    if (!(await this.indexExists(live))) await this.createWithSettings(live, entity);
    await this.wait(await this.adminClient.swapIndexes([{ indexes: [live, staging], rename: false }]), `swap ${live}`);
    await this.dropIndex(staging);
    return count;
  }

  async indexExists(uid: string): Promise<boolean> {
    try {
      await this.adminClient.getRawIndex(uid);
      return true;
    } catch (e) {
      if ((e as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
      throw e;
    }
  }

  async dropIndex(uid: string): Promise<void> {
    const enq = await this.adminClient.deleteIndex(uid);
    const t = await this.adminClient.tasks.waitForTask(enq.taskUid, { timeout: this.taskTimeoutMs, interval: 25 });
    if (t.status !== 'succeeded' && t.error?.code !== 'index_not_found') throw new MeiliTaskError(t, `drop ${uid}: ${t.error?.message}`);
  }

  /** Every stored document of an entity (tests and consistency checks). */
  async allDocuments<T extends SearchDocument = SearchDocument>(entity: SearchEntity): Promise<T[]> {
    const out: T[] = [];
    const idx = this.index<T>(entity, this.adminClient);
    for (let offset = 0; ; offset += 1000) {
      const page = await idx.getDocuments({ offset, limit: 1000 });
      out.push(...(page.results as T[]));
      if (page.results.length < 1000) return out;
    }
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const c = cause instanceof Error ? `: ${cause.message}` : '';
    return `${e.name}: ${e.message}${c}`.slice(0, 500);
  }
  return String(e).slice(0, 500);
}

export type { PositionDocument, TalentDocument };
