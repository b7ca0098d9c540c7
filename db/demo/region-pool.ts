// The real region tree of one province, read from the migrated `regions` table and arranged for
// picking: leagues/cities by population, their counties, and their townships by kind.
import type BetterSqlite3 from 'better-sqlite3';
import { CITY_WEIGHTS } from './data';
import type { Rng } from './random';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  full_name: string;
}

const TOWNSHIP = /(街道|镇|乡|苏木)$/;

export class RegionPool {
  readonly province: RegionRow;
  readonly cities: RegionRow[];
  private readonly byCode = new Map<string, RegionRow>();
  private readonly countiesOf = new Map<string, RegionRow[]>();
  private readonly townshipsOf = new Map<string, RegionRow[]>();
  private readonly streetsOfCity = new Map<string, RegionRow[]>();
  private readonly cityWeights: [RegionRow, number][];

  constructor(rows: RegionRow[], provinceCode: string) {
    for (const r of rows) this.byCode.set(r.code, r);
    const province = this.byCode.get(provinceCode);
    if (!province) throw new Error(`Region ${provinceCode} is not in the regions table; migrate first`);
    this.province = province;
    for (const r of rows) {
      // Townships proper (街道, 镇, 乡, 苏木), not industrial parks, farms or forestry bureaus.
      if (r.level === 4 && TOWNSHIP.test(r.name)) push(this.townshipsOf, r.parent_code!, r);
    }
    for (const r of rows) {
      // Counties, banners and districts; development zones (codes xxxx7x) register no residents.
      if (r.level === 3 && r.code[4] !== '7' && this.townshipsOf.has(r.code)) push(this.countiesOf, r.parent_code!, r);
    }
    this.cities = rows.filter((r) => r.level === 2 && this.countiesOf.has(r.code));
    for (const city of this.cities) {
      const streets = this.countiesOf.get(city.code)!.flatMap((c) => this.townshipsOf.get(c.code)!.filter((t) => t.name.endsWith('街道')));
      if (streets.length > 0) this.streetsOfCity.set(city.code, streets);
    }
    this.cityWeights = this.cities.map((c) => [c, CITY_WEIGHTS[c.code] ?? 50]);
  }

  static load(sqlite: BetterSqlite3.Database, provinceCode: string): RegionPool {
    const rows = sqlite
      .prepare('SELECT code, name, level, parent_code, full_name FROM regions WHERE code >= ? AND code < ? ORDER BY code')
      .all(provinceCode, provinceCode.slice(0, -1) + String.fromCharCode(provinceCode.charCodeAt(provinceCode.length - 1) + 1)) as RegionRow[];
    return new RegionPool(rows, provinceCode);
  }

  get(code: string): RegionRow {
    const r = this.byCode.get(code);
    if (!r) throw new Error(`No region ${code}`);
    return r;
  }

  /** The city (level 2) a region lies in. */
  cityOf(code: string): RegionRow {
    return this.get(code.slice(0, 4));
  }

  /** The county (level 3) a county or township lies in. */
  countyOf(code: string): RegionRow {
    return this.get(code.slice(0, 6));
  }

  city(rng: Rng, code?: string): RegionRow {
    return code ? this.get(code) : rng.weighted(this.cityWeights);
  }

  counties(cityCode: string): RegionRow[] {
    return this.countiesOf.get(cityCode) ?? [];
  }

  county(rng: Rng, city: RegionRow): RegionRow {
    return rng.pick(this.countiesOf.get(city.code)!);
  }

  township(rng: Rng, county: RegionRow): RegionRow {
    return rng.pick(this.townshipsOf.get(county.code)!);
  }

  /** Every township (街道, 镇, 乡, 苏木) of a city, in code order. */
  townshipsOfCity(cityCode: string): RegionRow[] {
    return this.counties(cityCode).flatMap((c) => this.townshipsOf.get(c.code) ?? []);
  }

  /** A street office (街道) in the city, or undefined if it has none. */
  street(rng: Rng, city: RegionRow): RegionRow | undefined {
    const streets = this.streetsOfCity.get(city.code);
    return streets ? rng.pick(streets) : undefined;
  }

  /** Every city and county code, for filters in benchmarks and tests. */
  cityAndCountyCodes(): string[] {
    return this.cities.flatMap((c) => [c.code, ...this.counties(c.code).map((k) => k.code)]);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
