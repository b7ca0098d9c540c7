// Issue 9 A1: recording a placement needs a relationship with the talent. A department: the talent
// and the employer in its region subtree. An employer: the talent applied to one of its posts or
// holds a round proposal for one (in a round it can see). Anything else is 404, names no one and
// writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate, makePosition } from '../helpers/builders';
import { unchangedPlacements } from '../helpers/world';
import { insertProposal } from '../authz/trust-fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const body = (talentId: string, more: Record<string, unknown> = {}) => ({ talentId, kind: 'employment', startOn: '2026-06-01', ...more });

describe('an employer records placements only of people it knows', () => {
  it('404 without an application or a proposal, naming no one; 201 once the talent applied', async () => {
    const employer = await makeEmployer(t);
    const post = await makePosition(employer.client);
    const stranger = await makeGraduate(t, { name: '素不相识' });
    const res = await unchangedPlacements(t, async () => {
      const r = await employer.client.post('/api/v1/placements', body(stranger.talentId));
      const text = await r.clone().text();
      expect(text).not.toContain('素不相识');
      return expectProblem(r, 404, 'talentId');
    });
    // The same answer as for an id nobody has.
    const unknown = await unchangedPlacements(t, async () => expectProblem(await employer.client.post('/api/v1/placements', body('nosuchtalent0000')), 404, 'talentId'));
    expect(res).toEqual(unknown);

    expect((await stranger.post('/api/v1/applications', { positionId: post })).status).toBe(201);
    const placed = await employer.client.post('/api/v1/placements', body(stranger.talentId));
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({ talent: { id: stranger.talentId, name: '素不相识' }, employer: { id: employer.employerId } });
  });

  it("an application to another employer's post is no relationship", async () => {
    const a = await makeEmployer(t);
    const b = await makeEmployer(t);
    const grad = await makeGraduate(t);
    expect((await grad.post('/api/v1/applications', { positionId: await makePosition(b.client) })).status).toBe(201);
    await unchangedPlacements(t, async () => expectProblem(await a.client.post('/api/v1/placements', body(grad.talentId)), 404, 'talentId'));
    expect((await b.client.post('/api/v1/placements', body(grad.talentId))).status).toBe(201);
  });

  it('a proposal for one of its posts counts once the round is published, not before', async () => {
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const employer = await makeEmployer(t);
    const post = await makePosition(employer.client);
    const grad = await makeGraduate(t);
    const round = await insertProposal(t, { departmentUserId: dept.userId, talentId: grad.talentId, positionId: post, roundStatus: 'run' });
    await unchangedPlacements(t, async () => expectProblem(await employer.client.post('/api/v1/placements', body(grad.talentId)), 404, 'talentId'));
    await t.deps.database.db.updateTable('rounds').set({ status: 'published' }).where('id', '=', round).execute();
    expect((await employer.client.post('/api/v1/placements', body(grad.talentId))).status).toBe(201);
  });
});

describe('a department records placements only inside its region', () => {
  it('a talent of another region is 404 even at an employer of its own; nothing is written', async () => {
    const hohhot = await signedIn(t, 'department', { regionCode: '1501' });
    const employer = await makeEmployer(t, { regionCode: '150102' });
    const baotouTalent = await makeGraduate(t, { name: '包头的人', region_code: '150202' });
    const mine = await makeGraduate(t, { region_code: '150102' });
    await unchangedPlacements(t, async () => {
      const r = await hohhot.post('/api/v1/placements', body(baotouTalent.talentId, { employerId: employer.employerId }));
      expect(await r.clone().text()).not.toContain('包头的人');
      return expectProblem(r, 404, 'talentId');
    });
    // A talent without a region belongs to no department's subtree.
    const nowhere = await makeGraduate(t, { region_code: null });
    await unchangedPlacements(t, async () => expectProblem(await hohhot.post('/api/v1/placements', body(nowhere.talentId, { employerId: employer.employerId })), 404, 'talentId'));
    // An employer of another region: 404 as well.
    const far = await makeEmployer(t, { regionCode: '150202' });
    await unchangedPlacements(t, async () => expectProblem(await hohhot.post('/api/v1/placements', body(mine.talentId, { employerId: far.employerId })), 404, 'employerId'));
    expect((await hohhot.post('/api/v1/placements', body(mine.talentId, { employerId: employer.employerId }))).status).toBe(201);
  });

  it('a fake placement cannot take a talent of another region out of the rounds', async () => {
    const hebei = await signedIn(t, 'department', { regionCode: '13' });
    const hebeiEmployer = await makeEmployer(t, { regionCode: '130102' });
    const grad = await makeGraduate(t, { region_code: '150102' });
    await unchangedPlacements(t, async () => expectProblem(await hebei.post('/api/v1/placements', body(grad.talentId, { employerId: hebeiEmployer.employerId })), 404));
    expect(await t.deps.database.db.selectFrom('placements').selectAll().execute()).toEqual([]);
  });
});
