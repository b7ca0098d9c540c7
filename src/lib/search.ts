// Search as the app uses it (AppDeps.search; ARCHITECTURE.md, "Search"): the query model both
// engines answer, the documents and hits they return, and the interface of the search layer. The
// Node entry points and the Worker pass search/ (Meilisearch with its SQL fallback and the outbox
// drain, built by createSearch); features and pages know only this file, as with the spreadsheet
// codec (src/lib/spreadsheet.ts). Types and a few constant lists only: no engine code here.
import type { SearchEntity } from './outbox';

export type { SearchEntity };

// ----- the query model -----

export type PositionStatus = 'draft' | 'open' | 'closed';
export const POSITION_STATUSES = ['draft', 'open', 'closed'] as const;
export const VISIBILITIES = ['employers', 'department'] as const;

export const MAX_QUERY_LENGTH = 100;
export const MAX_PAGE = 1000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const POSITION_SORTS = ['relevance', 'newest', 'closingSoon', 'salary'] as const;
export type PositionSort = (typeof POSITION_SORTS)[number];
export const TALENT_SORTS = ['relevance', 'updated', 'qualification'] as const;
export type TalentSort = (typeof TALENT_SORTS)[number];

/** Five-year age bands of talent documents (never the birth date). */
export const AGE_BANDS = ['15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65+'] as const;

export const POSITION_FACETS = [
  'kind',
  'employerType',
  'serviceAreas',
  'languages',
  'regionCity',
  'regionCounty',
  'minEducation',
  'minQualification',
  'status',
  'employmentType',
] as const;
export type PositionFacet = (typeof POSITION_FACETS)[number];

export const TALENT_FACETS = ['serviceAreas', 'qualification', 'education', 'languages', 'availability', 'regionCity', 'regionCounty', 'ageBand', 'visibility'] as const;
export type TalentFacet = (typeof TALENT_FACETS)[number];

/** What a user may filter positions by. Lists mean "any of". */
export interface PositionFilters {
  regionCode?: string;
  kinds?: readonly string[];
  employerTypes?: readonly string[];
  serviceAreas?: readonly string[];
  languages?: readonly string[];
  employmentTypes?: readonly string[];
  statuses?: readonly PositionStatus[];
  /** Posts a candidate with this education may apply to (minimum at most this level). */
  educationAtMost?: string;
  /** Posts a candidate with this qualification may apply to. */
  qualificationAtMost?: string;
  /** Posts whose salary band reaches at least this much (salaryMax ≥ n). */
  salaryAtLeast?: number;
  /** Posts accepting applications on this calendar date (opensOn ≤ d ≤ closesOn). */
  openOn?: string;
  employerId?: string;
}

/** Set by the server from the caller, never from request input. */
export interface PositionScope {
  /** Statuses the caller may see: the public sees ['open']. */
  statuses: readonly PositionStatus[];
  regionPrefix?: string;
  /** An employer browsing its own posts (drafts included). */
  employerId?: string;
  /** Only posts closing on or after this date ('YYYY-MM-DD'): the public list passes today (China time). */
  closingFrom?: string;
}

export const PUBLIC_POSITION_SCOPE: PositionScope = Object.freeze({ statuses: Object.freeze(['open'] as const) });

export interface PositionQuery {
  q?: string;
  filters?: PositionFilters;
  scope: PositionScope;
  sort?: PositionSort;
  page?: number;
  pageSize?: number;
  /** Facets to count; all of POSITION_FACETS when omitted. */
  facets?: readonly PositionFacet[];
  /** At most one post per employer (its best match). */
  distinctEmployer?: boolean;
}

export interface TalentFilters {
  regionCode?: string;
  serviceAreas?: readonly string[];
  languages?: readonly string[];
  availability?: readonly string[];
  ageBands?: readonly string[];
  qualificationAtLeast?: string;
  educationAtLeast?: string;
  /** Departments only; ignored in the employers' scope, which is fixed to 'employers'. */
  visibility?: readonly ('employers' | 'department')[];
}

/** Set by the server from the caller, never from request input. */
export interface TalentScope {
  /** A department's region subtree; unset for admins (everywhere) and employers. */
  regionPrefix?: string;
  /** true for employers: only talents open to employers, and names are neither searched nor returned. */
  visibleToEmployers: boolean;
}

export interface TalentQuery {
  q?: string;
  filters?: TalentFilters;
  scope: TalentScope;
  sort?: TalentSort;
  page?: number;
  pageSize?: number;
  facets?: readonly TalentFacet[];
}

// ----- documents and results -----

export interface RegionFields {
  regionProvince: string | null;
  regionCity: string | null;
  regionCounty: string | null;
  regionTownship: string | null;
  /** Names below the province, each also without its 市/县/区/旗/盟: ['呼和浩特市', '呼和浩特', '新城区', '新城', …]. */
  regionNames: string[];
}

export interface TalentDocument extends RegionFields {
  id: string;
  /** Searchable and returned for departments only (attributesToSearchOn / stripped for employers). */
  name: string;
  serviceAreas: string[];
  serviceAreaNames: string[];
  qualification: string;
  qualificationRank: number;
  qualificationName: string[];
  education: string | null;
  educationRank: number;
  educationName: string[];
  school: string | null;
  major: string | null;
  graduationYear: number | null;
  languages: string[];
  languageNames: string[];
  availability: string;
  availabilityName: string[];
  /** Facts people search for: 应届毕业生 (graduating this year or last), 定向培养 (a running
   * directed-training agreement), 持证社工 (holds a qualification). */
  tags: string[];
  visibility: 'employers' | 'department';
  /** Five-year band such as "25-29", computed when the document is built; never the birth date. */
  ageBand: string | null;
  updatedAt: number;
}

export interface PositionDocument extends RegionFields {
  id: string;
  title: string;
  description: string;
  employerId: string;
  employerName: string;
  employerType: string;
  employerTypeName: string[];
  kind: string;
  kindName: string[];
  serviceAreas: string[];
  serviceAreaNames: string[];
  languages: string[];
  languageNames: string[];
  minEducation: string | null;
  /** -1 when no minimum is set, so "at most my level" is one comparison. */
  minEducationRank: number;
  minQualification: string;
  minQualificationRank: number;
  salaryMin: number | null;
  salaryMax: number | null;
  seats: number;
  reservedSeats: number;
  employmentType: string;
  employmentTypeName: string[];
  status: 'draft' | 'open' | 'closed';
  /** Calendar dates as UTC-midnight milliseconds (filter and sort on numbers). */
  opensOn: number;
  closesOn: number;
  publishedAt: number | null;
  updatedAt: number;
}

export type SearchDocument = TalentDocument | PositionDocument;

/** Matched words wrapped in <mark>…</mark>; everything else HTML-escaped, safe to render. */
export type Highlights = Record<string, string>;
export type PositionHit = PositionDocument & { highlights: Highlights };
export type TalentHit = Omit<TalentDocument, 'name'> & { name?: string; highlights: Highlights };
export type FacetCounts = Record<string, Record<string, number>>;

export interface SearchResult<H> {
  hits: H[];
  total: number;
  facets: FacetCounts;
  page: number;
  pageSize: number;
  /** true when Meilisearch could not answer and the SQL fallback did. */
  degraded: boolean;
  engine: 'meilisearch' | 'sql';
  /** Nothing held every word; these are the results of a relaxed query (search/relax.ts). */
  relaxed?: { from: string[]; to: string[] };
}

export interface SearchHealth {
  engine: 'meilisearch' | 'sql';
  ok: boolean;
  detail?: string;
  /** Documents in each live index (Meilisearch), where its stats answer. */
  documents?: Partial<Record<SearchEntity, number>>;
}

/** Answers searches. Implemented by Meilisearch, the SQL fallback and the composition that falls
 * back from one to the other (search/). Invalid input is an AppError (422) from every engine. */
export interface SearchEngine {
  readonly kind: 'meilisearch' | 'sql' | 'fallback';
  searchPositions(q: PositionQuery): Promise<SearchResult<PositionHit>>;
  searchTalents(q: TalentQuery): Promise<SearchResult<TalentHit>>;
  health(): Promise<SearchHealth>;
}

// ----- status, reindex, tuning -----

export interface OutboxStatus {
  pending: number;
  /** created_at of the oldest pending row. */
  oldestPendingAt: number | null;
  /** How far the index is behind the database: age of the oldest pending row, 0 when none. */
  lagMs: number;
  /** Pending rows that have failed at least once. */
  failing: number;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  nextRetryAt: number | null;
  running: boolean;
  lastBatchAt: number | null;
  /** Rows set aside after Meilisearch rejected them repeatedly on their own. */
  parked: number;
}

export interface ReindexReport {
  entity: SearchEntity;
  documents: number;
  /** Entities written while the fresh index was being built, applied again after the swap. */
  replayed: number;
  ms: number;
}

export interface SearchStatus {
  /** Which engine answers right now. */
  engine: 'meilisearch' | 'sql';
  degraded: boolean;
  meilisearch: { configured: boolean; reachable: boolean; detail?: string; documents?: Partial<Record<SearchEntity, number>> };
  outbox: OutboxStatus | null;
}

/** Admins' tuning (migration 0016): words to keep whole and synonym groups, already normalised. */
export interface Tuning {
  dictionary: readonly string[];
  synonyms: readonly (readonly string[])[];
}

/** Limits of the admins' tuning (named and checked by the API: 422 naming the field). */
export const TUNING_LIMITS = {
  /** Characters in one word (after normalisation). */
  wordLength: 20,
  /** Dictionary words are cut at this length by the query segmentation. */
  dictionaryWordLength: 16,
  /** Words in one synonym group. */
  synonymsPerEntry: 10,
  /** Synonym groups kept. */
  synonymEntries: 300,
  /** Dictionary words kept. */
  dictionaryEntries: 1000,
} as const;

/** instance_meta key: tuning written but not yet applied to Meilisearch (value: a fresh id per write).
 * Set in the tuning write's unit; the outbox drain applies the settings and clears it. */
export const SEARCH_SETTINGS_KEY = 'search_settings_pending';

/** Where a Meilisearch is reached (the job threads connect to the server's). */
export interface MeiliConnection {
  host: string;
  apiKey?: string;
  indexPrefix?: string;
}

/** The search layer (search/createSearch): what features, pages and jobs may use. */
export interface Search {
  /** Use this for every query: Meilisearch with the SQL fallback. */
  readonly engine: SearchEngine;
  /** The Meilisearch in use; null when only the SQL fallback answers (nothing to reindex). */
  readonly meili: { readonly options: MeiliConnection } | null;
  /** How the analysis reads text: traditional → simplified, full-width → half-width, Latin lower case. */
  normalizeText(text: string): string;
  /** The maintained synonym groups (read-only; admins add their own). */
  readonly builtInSynonyms: readonly (readonly string[])[];
  /** Wakes the drain after a write, so the index follows within milliseconds instead of a poll. */
  kick(): void;
  status(): Promise<SearchStatus>;
  /** Rebuilds an index from the database into a fresh one and swaps it in. */
  reindex(entity: SearchEntity): Promise<ReindexReport>;
}
