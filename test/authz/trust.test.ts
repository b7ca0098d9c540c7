// The authorization matrix of the trust rules (issue 9 A1–A3): every kind of caller against the
// endpoints that write about people and posts — placements, what an employer may do in each
// verification status, imports — including another region's and another user's data. Refusals are
// problem+json and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { adminOf, makeEmployer, makeGraduate, makePosition, type EmployerFixture } from '../helpers/builders';
import { TALENT_HEADER, commit, talentRow, upload, uploadOk, xlsxBytes, type Preview } from '../imports/helpers';
import { creditCode } from '../helpers/ids';
import { runMatrix } from '../helpers/matrix';
import { insertProposal, snapshot } from './trust-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** Calls `call` as every actor (the shared runner); a refusal is problem+json and writes nothing. */
const matrix = (clients: Record<string, Client>, expected: Record<string, number>, call: (c: Client, actor: string) => Promise<Response>) =>
  runMatrix({ clients, expected, call: (c, _target, actor) => call(c, actor), snapshot: () => snapshot(t) });

async function applied(grad: Client, positionId: string): Promise<string> {
  const res = await grad.post('/api/v1/applications', { positionId });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A verified employer whose post the talent applied to, then renamed (back to pending: held). */
async function heldEmployer(grad: Client): Promise<EmployerFixture & { post: string; applicationId: string }> {
  const e = await makeEmployer(t);
  const post = await makePosition(e.client);
  const applicationId = await applied(grad, post);
  expect((await e.client.patch('/api/v1/employers/me', { name: '内蒙古自治区民政厅（官方招聘）' })).status).toBe(200);
  return { ...e, post, applicationId };
}

describe('POST /placements', () => {
  it('needs a relationship with the talent, and the talent and employer in a department’s subtree', async () => {
    const grad = await makeGraduate(t, { name: '乌云', region_code: '150102' });
    const baotouGrad = await makeGraduate(t, { name: '包头人', region_code: '150202' });
    const owner = await makeEmployer(t, { regionCode: '150102' });
    await applied(grad, await makePosition(owner.client));
    const proposer = await makeEmployer(t, { regionCode: '150102' });
    const dept15 = await signedIn(t, 'department', { regionCode: '15' });
    await insertProposal(t, { departmentUserId: dept15.userId, talentId: grad.talentId, positionId: await makePosition(proposer.client), roundStatus: 'published' });
    const other = await makeEmployer(t, { regionCode: '150102' });
    const held = await heldEmployer(grad);
    const rejected = await heldEmployer(grad);
    expect((await (await adminOf(t)).post(`/api/v1/employers/${rejected.employerId}/reject`, { note: '冒用名称' })).status).toBe(200);
    const pending = await makeEmployer(t, { status: 'pending' });
    const clients: Record<string, Client> = {
      anonymous: new Client(t),
      talentItself: grad,
      otherGraduate: baotouGrad,
      employerApplied: owner.client,
      employerProposal: proposer.client,
      employerStranger: other.client,
      employerHeld: held.client,
      employerRejected: rejected.client,
      employerPending: pending.client,
      dept15,
      dept1501: await signedIn(t, 'department', { regionCode: '1501' }),
      dept1502: await signedIn(t, 'department', { regionCode: '1502' }),
      dept13: await signedIn(t, 'department', { regionCode: '13' }),
      admin: await adminOf(t),
    };
    const body = (talentId: string) => ({ talentId, employerId: undefined as string | undefined, kind: 'employment', startOn: '2026-06-01' });
    const call = (talentId: string) => (c: Client, actor: string) =>
      c.post('/api/v1/placements', { ...body(talentId), ...(actor.startsWith('dept') || actor === 'admin' ? { employerId: owner.employerId } : {}) });
    const refusedEmployers = { employerHeld: 403, employerRejected: 403, employerPending: 403 };
    // A talent of 新城区 (150102) at an employer of 新城区.
    const bodies = await matrix(
      clients,
      {
        anonymous: 401,
        talentItself: 403,
        otherGraduate: 403,
        employerApplied: 201,
        employerProposal: 201,
        employerStranger: 404,
        ...refusedEmployers,
        dept15: 201,
        dept1501: 201,
        dept1502: 404,
        dept13: 404,
        admin: 403,
      },
      call(grad.talentId),
    );
    for (const actor of ['employerStranger', 'dept1502', 'dept13']) expect(JSON.stringify(bodies[actor])).not.toContain('乌云');
    // A talent of 包头 (150202) at the same employer: no department below the province may, and no employer knows them.
    await matrix(
      clients,
      {
        anonymous: 401,
        talentItself: 403,
        otherGraduate: 403,
        employerApplied: 404,
        employerProposal: 404,
        employerStranger: 404,
        ...refusedEmployers,
        dept15: 201,
        dept1501: 404,
        dept1502: 404,
        dept13: 404,
        admin: 403,
      },
      call(baotouGrad.talentId),
    );
  });
});

describe('what an employer may do in each verification status', () => {
  it('writes to posts, applications and proposals; reads of a held post', async () => {
    const grad = await makeGraduate(t);
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const verified = await makeEmployer(t);
    const vPost = await makePosition(verified.client);
    const vApplication = await applied(grad, vPost);
    const held = await heldEmployer(grad);
    const rejected = await heldEmployer(grad);
    await (await adminOf(t)).post(`/api/v1/employers/${rejected.employerId}/reject`, { note: '冒用名称' });
    const setups = { verified: { ...verified, post: vPost, applicationId: vApplication }, held, rejected };
    const proposals: Record<string, string> = {};
    for (const [k, e] of Object.entries(setups)) {
      const g = await makeGraduate(t);
      await insertProposal(t, { departmentUserId: dept.userId, talentId: g.talentId, positionId: e.post, roundStatus: 'published' });
      proposals[k] = (await t.deps.database.db.selectFrom('round_proposals').select('id').where('position_id', '=', e.post).executeTakeFirstOrThrow()).id;
    }
    const owners = Object.fromEntries(Object.entries(setups).map(([k, e]) => [k, e.client]));
    const of = (actor: string) => setups[actor as keyof typeof setups];
    await matrix(owners, { verified: 200, held: 403, rejected: 403 }, (c, a) => c.post(`/api/v1/applications/${of(a).applicationId}/status`, { status: 'reviewing' }));
    await matrix(owners, { verified: 200, held: 403, rejected: 403 }, (c, a) => c.post(`/api/v1/proposals/${proposals[a]}/response`, { decision: 'accept' }));
    await matrix(owners, { verified: 200, held: 403, rejected: 403 }, (c, a) => c.patch(`/api/v1/positions/${of(a).post}`, { title: '社工（已更新）' }));
    await matrix(owners, { verified: 409, held: 403, rejected: 403 }, (c, a) => c.post(`/api/v1/positions/${of(a).post}/publish`));
    await matrix(owners, { verified: 200, held: 403, rejected: 403 }, (c, a) => c.post(`/api/v1/positions/${of(a).post}/close`));

    // The held post, as everybody sees it: its owner and departments in scope only.
    const viewers: Record<string, Client> = {
      anonymous: new Client(t),
      graduate: grad,
      owner: held.client,
      otherEmployer: verified.client,
      dept15: dept,
      dept1502: await signedIn(t, 'department', { regionCode: '1502' }),
      admin: await adminOf(t),
    };
    await matrix(viewers, { anonymous: 404, graduate: 404, owner: 200, otherEmployer: 404, dept15: 200, dept1502: 404, admin: 200 }, (c) =>
      c.get(`/api/v1/positions/${held.post}`),
    );
    const another = await makeGraduate(t);
    await matrix({ graduate: another }, { graduate: 409 }, (c) => c.post('/api/v1/applications', { positionId: held.post }));
    // Another user's applications stay theirs: a verified employer cannot move the held one's.
    await matrix({ otherEmployer: verified.client }, { otherEmployer: 404 }, (c) => c.post(`/api/v1/applications/${held.applicationId}/status`, { status: 'reviewing' }));
  });
});

describe('imports', () => {
  const EMPLOYER_HEADER = ['单位名称', '统一社会信用代码', '单位类型', '所在地区', '地址', '联系人', '联系电话', '实习基地'];
  const PLACEMENT_HEADER = ['身份证号', '姓名', '统一社会信用代码', '类型', '开始日期', '结束日期', '结束原因'];

  it('each caller learns about a talent only inside its region', async () => {
    const province = await signedIn(t, 'department', { regionCode: '15' });
    const person = talentRow({ name: '斯琴', region: '150102' });
    await commit(province, (await uploadOk(t, province, 'talents', await xlsxBytes(TALENT_HEADER, [person]), 't.xlsx')).id);
    const code = creditCode('150102');
    await commit(
      province,
      (
        await uploadOk(
          t,
          province,
          'employers',
          await xlsxBytes(EMPLOYER_HEADER, [['新城区社工站', code, '乡镇(街道)社工站', '150102', '某路', '王敏', '0471-6901234', '否']]),
          'e.xlsx',
        )
      ).id,
    );
    const clients: Record<string, Client> = {
      anonymous: new Client(t),
      graduate: await signedIn(t, 'graduate'),
      employer: (await makeEmployer(t)).client,
      dept15: province,
      dept1501: await signedIn(t, 'department', { regionCode: '1501' }),
      dept1502: await signedIn(t, 'department', { regionCode: '1502' }),
      dept11: await signedIn(t, 'department', { regionCode: '11' }),
      admin: await adminOf(t),
    };
    const placementFile = await xlsxBytes(PLACEMENT_HEADER, [
      [person[1], '斯琴', code, '就业', '2026-06-01', null, null],
      [person[1], '错名', code, '就业', '2026-06-02', null, null],
    ]);
    const uploads = await matrix(clients, { anonymous: 401, graduate: 403, employer: 403, dept15: 201, dept1501: 201, dept1502: 201, dept11: 201, admin: 201 }, (c) =>
      upload(t, c.token ? c : null, 'placements', placementFile, 'p.xlsx'),
    );
    const codes = (actor: string) => (uploads[actor] as Preview).errors.items.map((e) => [e.row, e.code]);
    // Inside: the wrong name is named. Outside: the person is unknown, whatever the name.
    for (const inside of ['dept15', 'dept1501', 'admin']) expect(codes(inside)).toEqual([[3, 'nameMismatch']]);
    for (const outside of ['dept1502', 'dept11']) {
      expect(codes(outside)).toEqual([
        [2, 'talentUnknown'],
        [2, 'employerUnknown'],
        [3, 'talentUnknown'],
        [3, 'employerUnknown'],
      ]);
      expect(JSON.stringify(uploads[outside])).not.toContain('斯琴');
    }
    // Committing writes only what the caller's region holds.
    for (const actor of ['dept1502', 'dept11', 'dept1501']) {
      expect((await commit(clients[actor], (uploads[actor] as Preview).id)).status).toBe(200);
    }
    expect((await t.deps.database.db.selectFrom('placements').select('start_on').where('source', '=', 'import').execute()).map((p) => p.start_on)).toEqual(['2026-06-01']);

    // Talents: outside, "registered elsewhere" and nothing else, whatever the row says.
    const talentFile = await xlsxBytes(TALENT_HEADER, [talentRow({ id: person[1], name: '别人', region: '110101' })]);
    const talents = await matrix(clients, { anonymous: 401, graduate: 403, employer: 403, dept15: 201, dept1501: 201, dept1502: 201, dept11: 201, admin: 201 }, (c) =>
      upload(t, c.token ? c : null, 'talents', talentFile, 't.xlsx'),
    );
    const talentCodes = (actor: string) => (talents[actor] as Preview).errors.items.map((e) => [e.row, e.code]);
    expect(talentCodes('dept11')).toEqual([[2, 'idOutside']]);
    expect(talentCodes('dept1502')).toEqual([
      [2, 'regionOutside'],
      [2, 'idOutside'],
    ]);
    for (const actor of ['dept1502', 'dept11']) expect(JSON.stringify(talents[actor])).not.toContain('斯琴');
    for (const actor of ['dept15', 'dept1501']) expect((talents[actor] as Preview).errors.items.map((e) => e.code)).toEqual(['regionOutside']);
    expect((talents.admin as Preview).rows).toMatchObject({ good: 1, update: 1 });
  });
});
