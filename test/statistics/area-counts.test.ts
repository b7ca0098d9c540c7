// Talents by service area read talent_area_counts, which triggers keep (migration 0009): the counts
// follow every profile write — a new talent, a change of areas, a move to another region; a
// talent counts once per area.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { graduateWithProfile, profileBody } from '../helpers/builders';

type Cell = { talents: number; counts: Record<string, number> };
type Breakdown = { total: Cell; children: (Cell & { code: string })[] };

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function areas(region: string): Promise<Breakdown> {
  const dept = await signedIn(t, 'department', { regionCode: region });
  const res = await dept.get(`/api/v1/statistics/talents/serviceArea?region=${region}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Breakdown;
}

it('follows new talents, changed areas and moves between regions', async () => {
  const a = await graduateWithProfile(t, { regionCode: '150102', serviceAreas: ['elderly', 'community'] });
  await graduateWithProfile(t, { regionCode: '150102', serviceAreas: ['elderly'] });
  let city = await areas('1501');
  expect(city.total.talents).toBe(2);
  expect(city.total.counts.elderly).toBe(2);
  expect(city.total.counts.community).toBe(1);
  expect(city.children.find((c) => c.code === '150102')!.counts.elderly).toBe(2);

  const changed = await a.client.put('/api/v1/talents/me', profileBody({ regionCode: '150103', serviceAreas: ['children'] }));
  expect(changed.status).toBe(200);
  city = await areas('1501');
  expect(city.total.counts).toMatchObject({ elderly: 1, community: 0, children: 1 });
  expect(city.children.find((c) => c.code === '150103')!.counts.children).toBe(1);
  expect(city.children.find((c) => c.code === '150102')!.counts.children).toBe(0);

  const moved = await a.client.put('/api/v1/talents/me', profileBody({ regionCode: '150202', serviceAreas: ['children'] }));
  expect(moved.status).toBe(200);
  expect((await areas('1501')).total.counts.children).toBe(0);
  expect((await areas('1502')).total.counts.children).toBe(1);
});
