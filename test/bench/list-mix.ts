// The benchmark's mix of position-list requests, shared by run.ts and list-experiments.ts.
import { POSITION_KINDS, SERVICE_AREAS } from '../../src/lib/vocab';

export interface ListFilters {
  regionCode?: string;
  kind?: string;
  serviceArea?: string;
  page: number;
  pageSize: number;
}

/** Filter combinations as a visitor would make them: a city or a county, often a kind or a service
 * area, pages 1 to 5. Fixed seed, so runs are comparable. */
export function makeListPaths(regionCodes: string[], n: number): string[] {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const cities = regionCodes.filter((c) => c.length === 4);
  const counties = regionCodes.filter((c) => c.length === 6);
  const kinds = Object.keys(POSITION_KINDS).filter((k) => k !== 'other');
  const areas = Object.keys(SERVICE_AREAS);
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const q = new URLSearchParams();
    q.set('regionCode', rnd() < 0.4 ? pick(cities) : pick(counties));
    if (rnd() < 0.5) q.set('kind', pick(kinds));
    if (rnd() < 0.4) q.set('serviceArea', pick(areas));
    q.set('page', String(1 + Math.floor(rnd() * 5)));
    paths.push(`/api/v1/positions?${q}`);
  }
  return paths;
}

/** The filters of one path made by makeListPaths. */
export function parseListPath(path: string): ListFilters {
  const q = new URLSearchParams(path.split('?')[1]);
  return {
    regionCode: q.get('regionCode') ?? undefined,
    kind: q.get('kind') ?? undefined,
    serviceArea: q.get('serviceArea') ?? undefined,
    page: Number(q.get('page')),
    pageSize: 20,
  };
}
