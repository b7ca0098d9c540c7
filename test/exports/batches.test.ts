// The keyset batches behind every export, with tiny batches: each row once, in order, none missed
// where many rows share a region, and rows added while an export runs are left out of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { insertTalent, makeAgreement, makePlacement, makeEmployer, makeGraduate } from '../helpers/builders';
import { readAgreements, readPlacements, readTalents } from '../../src/exports/exports.repository';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function collect<R extends { id: string }>(batches: AsyncIterable<R[]>): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  for await (const b of batches) {
    sizes.push(b.length);
    ids.push(...b.map((r) => r.id));
  }
  return { ids, sizes };
}

describe('export batches', () => {
  it('talents: by region then as inserted, every row once, across batch boundaries inside one region', async () => {
    const regions = ['150203', '150102', '150102', '1501', '150102', '130102', '150102', '150102001', '150102', '150203', null];
    for (const [i, region_code] of regions.entries()) await insertTalent(t, null, { name: `人${i}`, region_code });
    const expected = async (root: string) =>
      (
        await sql<{ id: string }>`SELECT id FROM talents WHERE ${root === '' ? sql`1` : sql`region_code LIKE ${root + '%'}`}
          ORDER BY region_code IS NOT NULL, region_code, rowid`.execute(t.deps.database.db)
      ).rows.map((r) => r.id);
    for (const root of ['', '15', '1501', '150102', '13', '1502']) {
      for (const size of [1, 2, 3, 1000]) {
        const read = await readTalents(t.deps.database, { root }, { sealed: false });
        const { ids, sizes } = await collect(read.batches(size));
        expect(ids, `${root} by ${size}`).toEqual(await expected(root));
        expect(new Set(ids).size).toBe(ids.length);
        expect(sizes.every((s) => s <= size)).toBe(true);
        expect(await read.count()).toBe(ids.length);
      }
    }
  });

  it('filters apply inside the keyset walk', async () => {
    for (let i = 0; i < 7; i++) await insertTalent(t, null, { name: `人${i}`, availability: i % 2 ? 'employed' : 'available', region_code: '150102' });
    const read = await readTalents(t.deps.database, { root: '1501', availability: 'employed' }, { sealed: false });
    const { ids } = await collect(read.batches(2));
    expect(ids).toHaveLength(3);
    expect(await read.count()).toBe(3);
  });

  it('rows added after an export started are not in it', async () => {
    for (let i = 0; i < 4; i++) await insertTalent(t, null, { name: `早${i}`, region_code: '150102' });
    const read = await readTalents(t.deps.database, { root: '15' }, { sealed: false });
    const it = read.batches(2)[Symbol.asyncIterator]();
    const first = await it.next();
    await insertTalent(t, null, { name: '晚到', region_code: '150102' });
    await insertTalent(t, null, { name: '晚到2', region_code: '1501' });
    const names = first.done ? [] : first.value.map((r) => r.name);
    for (;;) {
      const n = await it.next();
      if (n.done) break;
      names.push(...n.value.map((r) => r.name));
    }
    expect(names).toEqual(['早0', '早1', '早2', '早3']);
    expect(await read.count()).toBe(4);
  });

  it('placements and agreements in batches of one', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const near = await makeEmployer(t, { regionCode: '150102' });
    const far = await makeEmployer(t, { regionCode: '150202' });
    const placed: string[] = [];
    const agreed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const g = await makeGraduate(t, { name: `毕业生${i}` });
      agreed.push((await makeAgreement(dept, g.talentId, { targetRegionCode: i % 2 ? '1501' : '1502' })).id);
      placed.push((await makePlacement(dept, { talentId: g.talentId, employerId: (i % 2 ? near : far).employerId })).id);
    }
    const p = await readPlacements(t.deps.database, { root: '1501' }, { sealed: false });
    expect((await collect(p.batches(1))).ids).toEqual([placed[1], placed[3]]);
    const all = await readPlacements(t.deps.database, { root: '' }, { sealed: false });
    expect((await collect(all.batches(2))).ids).toEqual(placed);
    const a = await readAgreements(t.deps.database, { root: '1502' }, { sealed: false, today: '2026-06-01' });
    expect((await collect(a.batches(1))).ids).toEqual([agreed[0], agreed[2], agreed[4]]);
    // The sponsor region (15) puts every agreement in a department-15 export.
    const bySponsor = await readAgreements(t.deps.database, { root: '15' }, { sealed: false, today: '2026-06-01' });
    expect((await collect(bySponsor.batches(2))).ids).toEqual(agreed);
    expect(await bySponsor.count()).toBe(5);
  });

  it('the talent walk seeks the region index in order (no sort, no table scan)', async () => {
    const plan = await sql<{
      detail: string;
    }>`EXPLAIN QUERY PLAN SELECT t.rowid FROM talents t WHERE (t.region_code, t.rowid) > ('1501', 5) AND t.region_code < '1502' ORDER BY t.region_code, t.rowid LIMIT 1000`.execute(
      t.deps.database.db,
    );
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toMatch(/USING (COVERING )?INDEX talents_region/);
    expect(details).not.toContain('TEMP B-TREE');
    const pl = await sql<{
      detail: string;
    }>`EXPLAIN QUERY PLAN SELECT pl.rowid FROM placements pl CROSS JOIN employers e WHERE e.id = pl.employer_id AND pl.rowid > 5 AND e.region_code >= '1501' AND e.region_code < '1502' ORDER BY pl.rowid LIMIT 1000`.execute(
      t.deps.database.db,
    );
    expect(pl.rows[0].detail).toContain('SEARCH pl USING INTEGER PRIMARY KEY');
  });
});
