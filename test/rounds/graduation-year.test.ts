// A round's placement serves an agreement only once its training has ended, as a hire from an
// application does (src/placements): a directed talent whose agreement ends next year is placed by
// the round, and the agreement keeps awaiting placement.
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { eachRoundWorld, ok, publishedRound, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Proposal = { id: string; talent: { id: string }; state: string; placementId: string | null };
const respond = (c: { post: (p: string, b: unknown) => Promise<Response> }, id: string) => c.post(`/api/v1/proposals/${id}/response`, { decision: 'accept' });

async function placeG1(): Promise<{ agreementId: string | null }> {
  await publishedRound(w);
  const proposals = await ok<{ items: Proposal[] }>(await w.empA.client.get('/api/v1/employers/me/proposals?pageSize=100'));
  const p1 = proposals.items.find((p) => p.talent.id === w.g1.talentId)!;
  await ok(await respond(w.empA.client, p1.id));
  const placed = await ok<Proposal>(await respond(w.g1, p1.id));
  expect(placed.state).toBe('placed');
  const placements = await ok<{ items: { id: string; agreementId: string | null }[] }>(await w.g1.get('/api/v1/placements'));
  expect(placements.items.map((p) => p.id)).toEqual([placed.placementId]);
  return placements.items[0];
}

const agreementStatus = async (id: string) => (await ok<{ status: string }>(await w.dept.get(`/api/v1/agreements/${id}`))).status;

describe('a round placement and the graduation year', () => {
  it('serves the agreement whose training has ended (the clock is 2026-06-01)', async () => {
    const { graduationYear } = await ok<{ graduationYear: number }>(await w.dept.get(`/api/v1/agreements/${w.a1.id}`));
    expect(graduationYear).toBeLessThanOrEqual(2026);
    expect((await placeG1()).agreementId).toBe(w.a1.id);
    expect(await agreementStatus(w.a1.id)).toBe('serving');
  });

  it('serves no agreement whose training ends next year; the agreement keeps awaiting placement', async () => {
    // No endpoint edits an agreement's years: the arrangement is written as a migration of old data would be.
    await t.deps.database.db.updateTable('agreements').set({ graduation_year: 2027 }).where('id', '=', w.a1.id).execute();
    expect((await placeG1()).agreementId).toBeNull();
    expect(await agreementStatus(w.a1.id)).toBe('awaiting_placement');
  });
});
