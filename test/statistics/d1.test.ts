// The statistics SQL on real D1 (Miniflare's workerd with a local D1): the migrations apply there
// (expression and partial indexes), every query runs (INDEXED BY, at most 100 bound parameters) and
// the figures equal the independent computation, as on better-sqlite3 in statistics.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegionRows } from '../../db/regions-data';
import { openLocalD1, type LocalD1 } from '../helpers/d1';
import type { AppDeps, SessionUser } from '../../src/lib/context';
import * as stats from '../../src/statistics/statistics.service';
import { TALENT_DIMENSIONS } from '../../src/statistics/talents';
import { generateDataset, insertDataset, type Dataset } from './data';
import { expectedDirected, expectedLapsing, expectedMonthly, expectedSchools, expectedSupply, expectedTalents, expectedTownships } from './expected';

const TODAY = '2026-06-01';
let local: LocalD1;
let deps: AppDeps;
let d: Dataset;
const dept: SessionUser = { id: 'dept', email: 'dept@x', role: 'department', display_name: 'dept', region_code: '15' };
const admin: SessionUser = { id: 'admin', email: 'admin@x', role: 'admin', display_name: 'admin', region_code: null };

beforeAll(async () => {
  local = await openLocalD1();
  const { d1, database } = local;
  // Inner Mongolia and Beijing, as the tests elsewhere use.
  const regions = loadRegionRows().filter((r) => r.code.startsWith('15') || r.code.startsWith('11'));
  const insert = d1.prepare('INSERT INTO regions (code, name, level, parent_code, full_name) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < regions.length; i += 500) await d1.batch(regions.slice(i, i + 500).map((r) => insert.bind(r.code, r.name, r.level, r.parent_code, r.full_name)));
  await d1.prepare(`INSERT INTO users (id,email,password_hash,role,display_name,region_code,created_at) VALUES ('dept','dept@x','x','department','dept','15',0)`).run();
  deps = { database, now: () => Date.parse(`${TODAY}T08:00:00Z`) } as unknown as AppDeps;
  const under = (parents: string[]) => regions.filter((r) => r.parent_code && parents.includes(r.parent_code)).map((r) => r.code);
  const pool = { townships: under(['150102', '150203', '150121']), coarse: ['15', '1501', '1502', '150102'], outside: [...under(['110101']), '110105'] };
  d = generateDataset(99, { talents: 500, employers: 80, positions: 100, placements: 300, agreements: 80 }, pool, 'dept', TODAY);
  await insertDataset(database, d, 100);
}, 120_000);

afterAll(async () => {
  await local?.close();
});

describe('statistics on D1', () => {
  it('every statistic for the whole tree, the province and a city equals the independent computation', { timeout: 120_000 }, async () => {
    const db = deps.database.db;
    const townships = (await db.selectFrom('regions').select('code').where('level', '=', 4).execute()).map((r) => r.code);
    for (const region of ['', '15', '1501']) {
      const ctx = await stats.statContext(deps, region === '' ? admin : dept, region || undefined);
      expect(ctx.region.code).toBe(region);
      const children = ctx.region.children;
      for (const dim of TALENT_DIMENSIONS) {
        const got = await stats.talentBreakdown(deps, ctx, dim);
        const want = expectedTalents(d, region, children, dim, TODAY);
        expect(got.total, `${region} ${dim}`).toEqual(want.total);
        expect(got.children.map(({ code, talents, counts }) => ({ code, talents, counts }))).toEqual(want.children);
      }
      const supply = await stats.supplyDemand(deps, ctx);
      expect(supply.total).toEqual(expectedSupply(d, region, children, TODAY).total);
      const town = await stats.townshipCoverage(deps, ctx, { page: 1, pageSize: 100 });
      expect(town.total).toEqual(expectedTownships(d, region, children, townships, TODAY).total);
      const schools = await stats.schoolCoverage(deps, ctx, { page: 1, pageSize: 100 });
      expect(schools.total).toEqual(expectedSchools(d, region, children, TODAY).total);
      const monthly = await stats.monthlyPlacements(deps, ctx, {});
      expect(monthly.months).toEqual(expectedMonthly(d, region, children, '2024-07', '2026-06').months);
      const directed = await stats.directedTraining(deps, ctx);
      expect(directed.total).toEqual(expectedDirected(d, region, children, TODAY).total);
      const lapsing = await stats.lapsingRegistrations(deps, ctx, { page: 1, pageSize: 100 });
      const wantLapsing = expectedLapsing(d, region, children, TODAY);
      expect(lapsing.total).toBe(wantLapsing.total);
      expect(lapsing.list.items.map((x) => x.talentId)).toEqual(wantLapsing.list.slice(0, 100).map((x) => x.talentId));
    }
  });
});
