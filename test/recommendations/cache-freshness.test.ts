// The open-posts cache (src/recommendations/open-positions-cache.ts) never serves a stale answer after writes.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTestApp, type TestApp, type Client } from '../helpers/app';
import { adminOf, makeEmployer, makeGraduate, makePosition, graduateWithProfile, moveBody } from '../helpers/builders';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());
type Recs = { items: { position: { id: string; title: string; freeSeats: number; employerName: string } }[] };
const recs = async (c: Client) => (await (await c.get('/api/v1/talents/me/recommendations')).json()) as Recs;

async function hire(employer: Client, grad: Client, positionId: string) {
  const applied = await grad.post('/api/v1/applications', { positionId });
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
  const { id } = (await applied.json()) as { id: string };
  for (const status of ['reviewing', 'interview', 'offer', 'hired']) {
    const r = await employer.post(`/api/v1/applications/${id}/status`, moveBody(status, t.clock.now));
    if (r.status !== 200) throw new Error(`move ${status}: ${r.status} ${await r.text()}`);
  }
}

it('sees placements, edits, new posts and closing at once', async () => {
  const e = await makeEmployer(t);
  const a = await makePosition(e.client, { seats: 2, reservedSeats: 0 });
  const { client } = await graduateWithProfile(t);
  let r = await recs(client);
  expect(r.items.map((i) => [i.position.id, i.position.freeSeats])).toEqual([[a, 2]]);
  // a hire (placement) on the post: free seats drop
  await hire(e.client, await makeGraduate(t), a);
  r = await recs(client);
  expect(r.items.map((i) => [i.position.id, i.position.freeSeats])).toEqual([[a, 1]]);
  await hire(e.client, await makeGraduate(t), a);
  r = await recs(client);
  expect(r.items).toEqual([]);
  // a new post appears, an edit shows
  const b = await makePosition(e.client);
  r = await recs(client);
  expect(r.items.map((i) => i.position.id)).toEqual([b]);
  expect((await e.client.patch(`/api/v1/positions/${b}`, { title: '新的标题' })).status).toBe(200);
  r = await recs(client);
  expect(r.items[0].position.title).toBe('新的标题');
  // an employer rename sends it back to review: its post is held at once, and shows, renamed, once verified
  const rn = await e.client.patch(`/api/v1/employers/me`, { name: '改名后的社会工作服务中心' });
  r = await recs(client);
  expect(rn.status).toBe(200);
  expect(r.items).toEqual([]);
  expect((await (await adminOf(t)).post(`/api/v1/employers/${e.employerId}/verify`, {})).status).toBe(200);
  r = await recs(client);
  expect(r.items[0].position.employerName).toBe('改名后的社会工作服务中心');
  // closing removes it
  expect((await e.client.post(`/api/v1/positions/${b}/close`)).status).toBe(200);
  r = await recs(client);
  expect(r.items).toEqual([]);
});
