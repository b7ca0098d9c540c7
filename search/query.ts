// The normalised query: validated, typed clauses that both engines translate (engine.ts builds it).
import type { PositionSort, SearchEntity, TalentSort } from '../src/lib/search';

export type RegionField = 'regionProvince' | 'regionCity' | 'regionCounty' | 'regionTownship';

export type Clause =
  /** field equals one of the values (for list fields: contains one of them). `disjunctive`: a user's
   * multi-select filter on the facet of the same name, whose counts are taken without it. */
  | { op: 'in'; field: string; values: string[]; disjunctive?: boolean }
  | { op: 'gte' | 'lte'; field: string; value: number }
  /** the document lies in the region subtree with this code. */
  | { op: 'region'; field: RegionField; code: string };

export interface NormalizedQuery {
  entity: SearchEntity;
  /** Cleaned query text ('' = browse everything in scope). */
  text: string;
  clauses: Clause[];
  /** true when the scope and the filters cannot both hold (e.g. status draft in the public scope). */
  empty: boolean;
  sort: PositionSort | TalentSort;
  page: number;
  pageSize: number;
  facets: string[];
  /** Talents: may the caller search and see names? (departments and admins) */
  withNames: boolean;
  /** Positions: one post per employer. */
  distinctEmployer?: boolean;
}
