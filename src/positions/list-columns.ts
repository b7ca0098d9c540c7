// The derived columns of positions that the public list filters on (migration 0004). They are
// always computed here from region_code and the service areas and written in the same statement as
// those, so they cannot drift from them.
import { SERVICE_AREAS } from '../lib/vocab';

const AREA_CODES = Object.keys(SERVICE_AREAS);

/** The bit of a service area in service_area_mask: bit i = the i-th code of SERVICE_AREAS. The
 * migration's backfill spells out the same order; append new codes at the end of SERVICE_AREAS. */
export function serviceAreaBit(area: string): number {
  const i = AREA_CODES.indexOf(area);
  if (i < 0) throw new Error(`Unknown service area ${area}`);
  return 2 ** i;
}

export function serviceAreaMask(areas: readonly string[]): number {
  let mask = 0;
  for (const a of new Set(areas)) mask += serviceAreaBit(a);
  return mask;
}

export function listColumnsOf(regionCode: string, areas: readonly string[]) {
  return {
    city_code: regionCode.length >= 4 ? regionCode.slice(0, 4) : null,
    county_code: regionCode.length >= 6 ? regionCode.slice(0, 6) : null,
    service_area_mask: serviceAreaMask(areas),
  };
}
