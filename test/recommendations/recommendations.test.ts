// Recommendations (issue #4 item 4): a talent's best open posts and a position's best candidates,
// with scores and per-factor reasons, respecting eligibility, directed targets, visibility and scope.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { graduateWithProfile, makeAgreement, makeDepartment, makeEmployer, makePosition } from '../helpers/builders';
import { checkMatrix, expect_, makeWorld } from '../helpers/world';
import { newId } from '../../src/lib/ids';

type Match = { score: number; eligible: boolean; reasons: string[]; breakdown: { factor: string; points: number; detail: string }[] };
type Recs = { talentId: string; directed: boolean; items: { position: { id: string; regionCode: string; freeSeats: number }; match: Match }[] };
type Cands = { positionId: string; considered: number; items: { talent: Record<string, unknown> & { id: string }; match: Match }[] };

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

/** A directed-training agreement of the talent, recorded by the province's department. */
async function insertAgreement(talentId: string, targetRegionCode: string, status = 'awaiting_placement') {
  await makeAgreement(await makeDepartment(t, '15'), talentId, { targetRegionCode, status });
}

describe('GET /talents/me/recommendations', () => {
  it('ranks eligible posts with reasons and leaves out posts whose minimum the talent misses', async () => {
    const near = await makeEmployer(t);
    const far = await makeEmployer(t, { regionCode: '1502' });
    const good = await makePosition(near.client, { requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['elderly'], languages: ['mandarin'] } });
    const tooHigh = await makePosition(near.client, { requirements: { minEducation: 'bachelor', minQualification: 'senior', serviceAreas: ['elderly'], languages: ['mandarin'] } });
    const farAway = await makePosition(far.client, {
      regionCode: '150202',
      requirements: { minEducation: null, minQualification: 'none', serviceAreas: ['children'], languages: [] },
    });
    const draft = await makePosition(near.client, {}, { open: false });
    const { client, id } = await graduateWithProfile(t);

    const res = await client.get('/api/v1/talents/me/recommendations?limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Recs;
    expect(body.talentId).toBe(id);
    expect(body.directed).toBe(false);
    const ids = body.items.map((i) => i.position.id);
    expect(ids).toEqual([good, farAway]);
    expect(ids).not.toContain(tooHigh);
    expect(ids).not.toContain(draft);
    const top = body.items[0].match;
    expect(top.eligible).toBe(true);
    expect(top.reasons).toEqual([]);
    expect(top.breakdown.map((b) => b.factor)).toEqual(['serviceArea', 'preferredRegion', 'qualification', 'history', 'language', 'distance']);
    expect(top.breakdown.reduce((s, b) => s + b.points, 0)).toBe(top.score);
    expect(top.breakdown.find((b) => b.factor === 'serviceArea')!.detail).toBe('shared=elderly;listed=1');
    expect(top.score).toBeGreaterThan(body.items[1].match.score);
    expect(body.items[0].position.freeSeats).toBe(3);

    const one = (await (await client.get('/api/v1/talents/me/recommendations?limit=1')).json()) as Recs;
    expect(one.items.map((i) => i.position.id)).toEqual([good]);
  });

  it('leaves out closed posts and posts past their closing date', async () => {
    const e = await makeEmployer(t);
    const open = await makePosition(e.client, { closesOn: '2026-06-02' });
    const closed = await makePosition(e.client);
    expect((await e.client.post(`/api/v1/positions/${closed}/close`)).status).toBe(200);
    const { client } = await graduateWithProfile(t);
    const before = (await (await client.get('/api/v1/talents/me/recommendations')).json()) as Recs;
    expect(before.items.map((i) => i.position.id)).toEqual([open]);
    // 2026-06-02 16:30 UTC is already 06-03 in China: the post closed yesterday.
    t.clock.now = Date.parse('2026-06-02T16:30:00Z');
    const res = await client.get('/api/v1/talents/me/recommendations');
    expect(res.status).toBe(200);
    const after = (await res.json()) as Recs;
    expect(after.items).toEqual([]);
  });

  it('a directed talent only gets posts inside the target region', async () => {
    const hohhot = await makeEmployer(t);
    const baotou = await makeEmployer(t, { regionCode: '1502' });
    const inHohhot = await makePosition(hohhot.client);
    const inBaotou = await makePosition(baotou.client, { regionCode: '150202' });
    const { client, id } = await graduateWithProfile(t);
    const undirected = (await (await client.get('/api/v1/talents/me/recommendations')).json()) as Recs;
    expect(undirected.items.map((i) => i.position.id).sort()).toEqual([inHohhot, inBaotou].sort());

    await insertAgreement(id, '1502');
    const res = await client.get('/api/v1/talents/me/recommendations');
    const body = (await res.json()) as Recs;
    expect(body.directed).toBe(true);
    expect(body.items.map((i) => i.position.id)).toEqual([inBaotou]);
    expect(body.items.every((i) => i.position.regionCode.startsWith('1502'))).toBe(true);
  });

  it('an agreement that is not awaiting placement does not direct', async () => {
    const hohhot = await makeEmployer(t);
    const inHohhot = await makePosition(hohhot.client);
    const { client, id } = await graduateWithProfile(t);
    await insertAgreement(id, '1502', 'in_training');
    const body = (await (await client.get('/api/v1/talents/me/recommendations')).json()) as Recs;
    expect(body.directed).toBe(false);
    expect(body.items.map((i) => i.position.id)).toEqual([inHohhot]);
  });

  it('a graduate without a profile gets 404; a bad limit is 422 naming limit', async () => {
    const bare = await signedIn(t, 'graduate');
    await expectProblem(await bare.get('/api/v1/talents/me/recommendations'), 404);
    const { client } = await graduateWithProfile(t);
    for (const q of ['0', '51', 'abc', '2.5']) await expectProblem(await client.get(`/api/v1/talents/me/recommendations?limit=${q}`), 422, 'limit');
  });

  it('authorization matrix', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, graduate: 200, otherGraduate: 200 }),
      async () => undefined,
      (client) => client.get('/api/v1/talents/me/recommendations'),
    );
  });
});

describe('GET /positions/{id}/candidates', () => {
  it('the employer sees eligible talents visible to employers, masked, best first, with reasons', async () => {
    const e = await makeEmployer(t);
    const pos = await makePosition(e.client);
    const visible = await graduateWithProfile(t);
    const local = await graduateWithProfile(t, { regionCode: '150102', preferredRegions: ['150102'] });
    const hidden = await graduateWithProfile(t, { visibility: 'department' });
    const unqualified = await graduateWithProfile(t, { qualification: { level: 'none', certificateNumber: null, year: null, registrationValidUntil: null } });

    const res = await e.client.get(`/api/v1/positions/${pos}/candidates?limit=10`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Cands;
    const ids = body.items.map((i) => i.talent.id);
    expect(ids.sort()).toEqual([visible.id, local.id].sort());
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(unqualified.id);
    for (const item of body.items) {
      expect(item.match.eligible).toBe(true);
      expect(item.match.breakdown).toHaveLength(6);
      expect(item.talent.view).toBe('employer');
      expect(item.talent.idNumberMasked).toBeUndefined();
      expect(item.talent.birthDate).toBeUndefined();
      expect(item.talent.birthYear).toBe(1995);
      expect(item.talent.phone).not.toBe('13812345678');
    }
    for (const g of [visible, local, hidden, unqualified]) expect(text).not.toContain(g.body.idNumber as string);
    expect(text).not.toContain('13812345678');
    const scores = body.items.map((i) => i.match.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('a department in scope sees department-only talents of its region, in full view', async () => {
    const e = await makeEmployer(t);
    const pos = await makePosition(e.client);
    const hidden = await graduateWithProfile(t, { visibility: 'department' });
    const elsewhere = await graduateWithProfile(t, { regionCode: '150202', visibility: 'department' });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const body = (await (await dept.get(`/api/v1/positions/${pos}/candidates`)).json()) as Cands;
    const ids = body.items.map((i) => i.talent.id);
    expect(ids).toContain(hidden.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(body.items.find((i) => i.talent.id === hidden.id)!.talent.view).toBe('full');
    const admin = await signedIn(t, 'admin');
    const all = (await (await admin.get(`/api/v1/positions/${pos}/candidates`)).json()) as Cands;
    expect(all.items.map((i) => i.talent.id).sort()).toEqual([hidden.id, elsewhere.id].sort());
  });

  it('a directed talent targeted elsewhere is not a candidate; limit caps the list', async () => {
    const e = await makeEmployer(t);
    const pos = await makePosition(e.client);
    const a = await graduateWithProfile(t);
    const b = await graduateWithProfile(t);
    await insertAgreement(b.id, '1502');
    const body = (await (await e.client.get(`/api/v1/positions/${pos}/candidates`)).json()) as Cands;
    expect(body.items.map((i) => i.talent.id)).toEqual([a.id]);
    await graduateWithProfile(t);
    const one = (await (await e.client.get(`/api/v1/positions/${pos}/candidates?limit=1`)).json()) as Cands;
    expect(one.items).toHaveLength(1);
    for (const q of ['0', '51', 'x']) await expectProblem(await e.client.get(`/api/v1/positions/${pos}/candidates?limit=${q}`), 422, 'limit');
  });

  it("the employer's current staff are not candidates; once they have left, their time there counts as history", async () => {
    const e = await makeEmployer(t);
    const pos = await makePosition(e.client);
    const staff = await graduateWithProfile(t);
    const other = await graduateWithProfile(t);
    const placementId = newId();
    await t.deps.database.db
      .insertInto('placements')
      .values({
        id: placementId,
        talent_id: staff.id,
        employer_id: e.employerId,
        position_id: null,
        kind: 'employment',
        start_on: '2024-10-13',
        end_on: null,
        end_reason: null,
        source: 'direct',
        source_id: null,
        agreement_id: null,
        created_by: null,
        created_at: t.clock.now,
        updated_at: t.clock.now,
      })
      .execute();
    const now = (await (await e.client.get(`/api/v1/positions/${pos}/candidates`)).json()) as Cands;
    expect(now.items.map((i) => i.talent.id)).toEqual([other.id]);

    await t.deps.database.db.updateTable('placements').set({ end_on: '2026-03-31', end_reason: '合同期满' }).where('id', '=', placementId).execute();
    const later = (await (await e.client.get(`/api/v1/positions/${pos}/candidates`)).json()) as Cands;
    const former = later.items.find((i) => i.talent.id === staff.id);
    expect(former).toBeDefined();
    expect(former!.match.breakdown.find((b) => b.factor === 'history')!.points).toBeGreaterThan(0);
  });

  it('unknown position → 404', async () => {
    const e = await makeEmployer(t);
    await expectProblem(await e.client.get('/api/v1/positions/nosuchposition00/candidates'), 404);
    const admin = await signedIn(t, 'admin');
    await expectProblem(await admin.get('/api/v1/positions/nosuchposition00/candidates'), 404);
  });

  it('authorization matrix (open post)', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(200, { anonymous: 401, graduate: 403, otherGraduate: 403, otherEmployer: 403, unverifiedEmployer: 403, dept1502: 404, dept13: 404 }),
      () => makePosition(w.owner.client),
      (client, id) => client.get(`/api/v1/positions/${id}/candidates`),
    );
  });

  it('authorization matrix (draft): other employers get 404', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(200, { anonymous: 401, graduate: 403, otherGraduate: 403, otherEmployer: 404, unverifiedEmployer: 404, dept1502: 404, dept13: 404 }),
      () => makePosition(w.owner.client, {}, { open: false }),
      (client, id) => client.get(`/api/v1/positions/${id}/candidates`),
    );
  });
});
