// Searching, for the JSON API and the web search pages alike: who may search what (the scope, taken
// from the session only; request filters can narrow it, never widen it), the validated parameters
// turned into the engine's query, the answer, and the zero-result report. The engine is
// AppDeps.search (the interface in src/lib/search.ts).
import type { z } from '@hono/zod-openapi';
import type { AppDeps, SessionUser } from '../lib/context';
import { forbidden, zodIssuesToErrors, type FieldError } from '../lib/errors';
import { chinaToday } from '../lib/dates';
import {
  POSITION_STATUSES,
  PUBLIC_POSITION_SCOPE,
  type PositionHit,
  type PositionQuery,
  type PositionScope,
  type PositionStatus,
  type SearchResult,
  type TalentHit,
  type TalentQuery,
  type TalentScope,
} from '../lib/search';
import { findEmployerByUser } from '../employers';
import { assertRegionExists, regionFullNamesIn } from '../regions';
import { PositionSearchParams, TalentSearchParams } from './search.schemas';
import { noteZeroResult } from './zero-results.service';

// ----- scopes: from the session, never from the request -----

/** Anyone browsing posts: open ones not yet past their closing date (`today` in China time,
 * chinaToday(deps.now())). */
export const publicPositionScope = (today?: string): PositionScope => (today ? { ...PUBLIC_POSITION_SCOPE, closingFrom: today } : PUBLIC_POSITION_SCOPE);

/** A department (its region, every status) or an admin (everything); null for anyone else. */
export function administeredPositionScope(user: SessionUser): PositionScope | null {
  if (user.role === 'admin') return { statuses: POSITION_STATUSES };
  if (user.role === 'department' && user.region_code) return { statuses: POSITION_STATUSES, regionPrefix: user.region_code };
  return null;
}

/** An employer's own posts, drafts included. */
export const ownPositionsScope = (employerId: string): PositionScope => ({ statuses: POSITION_STATUSES, employerId });

/** Who may search talents, and within what: a department its region, an admin everything, a
 * verified employer the talents open to employers (no names). null: not allowed to search talents. */
export function talentScopeFor(user: SessionUser, isVerifiedEmployer: boolean): TalentScope | null {
  if (user.role === 'admin') return { visibleToEmployers: false };
  if (user.role === 'department' && user.region_code) return { regionPrefix: user.region_code, visibleToEmployers: false };
  if (user.role === 'employer' && isVerifiedEmployer) return { visibleToEmployers: true };
  return null;
}

/** Open posts not yet past their closing date, for everyone. */
export function positionSearchScope(deps: AppDeps): PositionScope {
  return publicPositionScope(chinaToday(deps.now()));
}

/** A department its region, an admin everything, a verified employer the talents open to
 * employers (no names); anyone else is refused. */
export async function talentSearchScope(deps: AppDeps, user: SessionUser): Promise<TalentScope> {
  const verified = user.role === 'employer' && (await findEmployerByUser(deps.database, user.id))?.status === 'verified';
  const scope = talentScopeFor(user, verified);
  if (!scope) throw forbidden('Only departments and verified employers may search talents');
  return scope;
}

// ----- parameters → query -----

export function toPositionQuery(p: PositionSearchParams, scope: PositionScope): PositionQuery {
  return {
    q: p.q,
    scope,
    sort: p.sort,
    page: p.page,
    pageSize: p.pageSize,
    distinctEmployer: p.distinct === 'employer',
    filters: {
      regionCode: p.regionCode,
      kinds: p.kind,
      employerTypes: p.employerType,
      serviceAreas: p.serviceArea,
      languages: p.language,
      employmentTypes: p.employmentType,
      statuses: p.status as PositionStatus[] | undefined,
      educationAtMost: p.educationAtMost,
      qualificationAtMost: p.qualificationAtMost,
      salaryAtLeast: p.salaryAtLeast,
      openOn: p.openOn,
    },
  };
}

export function toTalentQuery(p: TalentSearchParams, scope: TalentScope): TalentQuery {
  return {
    q: p.q,
    scope,
    sort: p.sort,
    page: p.page,
    pageSize: p.pageSize,
    filters: {
      regionCode: p.regionCode,
      serviceAreas: p.serviceArea,
      languages: p.language,
      availability: p.availability,
      ageBands: p.ageBand,
      visibility: p.visibility as ('employers' | 'department')[] | undefined,
      qualificationAtLeast: p.qualificationAtLeast,
      educationAtLeast: p.educationAtLeast,
    },
  };
}

// ----- searching -----

const positionsFor = (deps: AppDeps, p: PositionSearchParams) => deps.search.engine.searchPositions(toPositionQuery(p, positionSearchScope(deps)));
const talentsFor = (deps: AppDeps, p: TalentSearchParams, scope: TalentScope) => deps.search.engine.searchTalents(toTalentQuery(p, scope));

const findPositions = async (deps: AppDeps, p: PositionSearchParams) => noteZeroResult(deps, 'position', p.q, await positionsFor(deps, p));
const findTalents = async (deps: AppDeps, p: TalentSearchParams, scope: TalentScope) => noteZeroResult(deps, 'talent', p.q, await talentsFor(deps, p, scope));

/** The search's answer once the region filter is known to name a region (a 422 naming
 * `regionCode` otherwise). The search is sent first and the region row read while Meilisearch
 * works, instead of before it; only an answered search is noted in the zero-result report. */
async function withKnownRegion<H>(deps: AppDeps, regionCode: string | undefined, search: Promise<SearchResult<H>>): Promise<SearchResult<H>> {
  if (!regionCode) return search;
  search.catch(() => undefined); // an unknown region is the answer; the search's own failure is awaited below otherwise
  await assertRegionExists(deps.database, regionCode, 'regionCode');
  return search;
}

/** Open posts (anyone). A region code not in the region table is a 422 naming `regionCode`. */
export async function searchPositions(deps: AppDeps, p: PositionSearchParams): Promise<SearchResult<PositionHit>> {
  const result = await withKnownRegion(deps, p.regionCode, positionsFor(deps, p));
  return noteZeroResult(deps, 'position', p.q, result);
}

/** Talents within the caller's scope (departments, admins, verified employers; others 403). */
export async function searchTalents(deps: AppDeps, user: SessionUser, p: TalentSearchParams): Promise<SearchResult<TalentHit>> {
  const scope = await talentSearchScope(deps, user);
  const result = await withKnownRegion(deps, p.regionCode, talentsFor(deps, p, scope));
  return noteZeroResult(deps, 'talent', p.q, result);
}

// ----- the search pages' view -----

/** What a search page shows: the parameters as given, whether they were accepted, the result and
 * the names of the regions it offers. */
export interface SearchView<P, H> {
  /** 200; 400 when the schema refused a parameter; 422 when the region code names no region. */
  status: 200 | 400 | 422;
  params: P | undefined;
  /** The first problem per refused parameter (status 400), with its code for the page to word. */
  invalid: Record<string, FieldError>;
  /** The region code that names no region (status 422). */
  unknownRegion?: string;
  result: SearchResult<H> | null;
  /** Full names of the cities in the region facet and of the region filter. */
  regionNames: Map<string, string>;
}

function firstIssues(error: z.ZodError): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const e of zodIssuesToErrors(error.issues)) out[e.path === '(body)' ? 'q' : e.path.split('.')[0]] ??= e;
  return out;
}

async function searchView<P extends { regionCode?: string }, H>(
  deps: AppDeps,
  parsed: { success: true; data: P } | { success: false; error: z.ZodError },
  find: (p: P) => Promise<SearchResult<H>>,
): Promise<SearchView<P, H>> {
  if (!parsed.success) return { status: 400, params: undefined, invalid: firstIssues(parsed.error), result: null, regionNames: new Map() };
  const p = parsed.data;
  const known = p.regionCode ? await regionFullNamesIn(deps.database, [p.regionCode]) : new Map<string, string>();
  if (p.regionCode && !known.has(p.regionCode)) return { status: 422, params: p, invalid: {}, unknownRegion: p.regionCode, result: null, regionNames: known };
  const result = await find(p);
  const cities = Object.keys(result.facets.regionCity ?? {});
  const regionNames = cities.length ? await regionFullNamesIn(deps.database, [...cities, ...known.keys()]) : known;
  return { status: 200, params: p, invalid: {}, result, regionNames };
}

/** The public position search page (/search): the query string as given (repeated names as lists). */
export function positionSearchView(deps: AppDeps, values: Record<string, string | string[]>): Promise<SearchView<PositionSearchParams, PositionHit>> {
  return searchView(deps, PositionSearchParams.safeParse(values), (p) => findPositions(deps, p));
}

/** The talent search pages: refused (403) before anything else for callers who may not search talents. */
export async function talentSearchView(deps: AppDeps, user: SessionUser, values: Record<string, string | string[]>): Promise<SearchView<TalentSearchParams, TalentHit>> {
  const scope = await talentSearchScope(deps, user);
  return searchView(deps, TalentSearchParams.safeParse(values), (p) => findTalents(deps, p, scope));
}
