// The placement-round pages: a county department creates a round, sets posts and seats, talents,
// opens it; a talent ranks posts; the department runs, inspects (cut-offs, holders, explanations)
// and publishes after a confirmation; talent and employer accept and the placement appears on every
// side. Bad input changes nothing; other roles and other regions are refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { account } from '../e2e/seed';
import { WebClient, signInAs } from './client';
import { seedCounty } from './rounds-pages.seed';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedCounty>>;
beforeEach(async () => {
  t = await makeTestApp();
  s = await seedCounty(t.deps);
});
afterEach(() => t.close());

const db = () => t.deps.database.db;
const roundRow = (id: string) => db().selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const roundPositions = (id: string) =>
  db().selectFrom('round_positions').select(['position_id', 'seats', 'reserved_seats']).where('round_id', '=', id).orderBy('position_id').execute();

function fieldError(html: string, inputId: string): string | null {
  const m = html.match(new RegExp(`<p class="field-error" id="${inputId}-error">([^<]*)</p>`));
  return m ? m[1] : null;
}
/** The text of the record with this id (up to the next record or the end of its section), tags stripped. */
function textOf(html: string, id: string): string {
  const i = html.indexOf(`id="${id}"`);
  if (i < 0) throw new Error(`no element ${id}`);
  const ends = [html.indexOf('<li class="record"', i), html.indexOf('</section>', i)].filter((x) => x > 0);
  return html
    .slice(i, Math.min(...ends))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

async function createRound(dept: WebClient): Promise<string> {
  const res = await dept.post('/department/rounds', { name: '2026 年新城区社区社工统一匹配', regionCode: '', choicesCloseOn: '' });
  expect(res.status, await res.clone().text()).toBe(303);
  return res.headers.get('location')!.split('/').pop()!;
}

/** A round with both posts (the elderly post cut to one reserved seat) and all three talents, open. */
async function openRound(dept: WebClient): Promise<string> {
  const id = await createRound(dept);
  expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
  const { elderly, children } = s.positions;
  expect(
    (
      await dept.post(`/department/rounds/${id}/positions`, {
        positionId: [elderly.id, children.id],
        [`seats.${elderly.id}`]: '1',
        [`reservedSeats.${elderly.id}`]: '1',
        [`seats.${children.id}`]: '2',
        [`reservedSeats.${children.id}`]: '0',
      })
    ).status,
  ).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
  for (const x of [s.talents.lina, s.talents.wang]) expect((await dept.post(`/department/rounds/${id}/talents/add`, { talentId: x.talentId })).status).toBe(303);
  expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
  return id;
}

describe('who may open the pages', () => {
  it('renders for the right roles, sends anonymous callers to sign-in and refuses the others', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await createRound(dept);
    await account(t.deps, 'admin', 'admin@example.cn', '管理员');
    const clients: Record<string, WebClient> = {
      anonymous: new WebClient(t),
      graduate: await signInAs(t, 'lina@example.cn'),
      employer: await signInAs(t, 'station-a@example.cn'),
      department: dept,
      admin: await signInAs(t, 'admin@example.cn'),
    };
    const matrix: [string, string[]][] = [
      ['/department/rounds', ['department', 'admin']],
      [`/department/rounds/${id}`, ['department', 'admin']],
      ['/me/rounds', ['graduate']],
      ['/employer/proposals', ['employer']],
    ];
    for (const [path, allowed] of matrix) {
      for (const [who, c] of Object.entries(clients)) {
        const res = await c.get(path);
        const body = await res.text();
        const expected = allowed.includes(who) ? 200 : who === 'anonymous' ? 303 : 403;
        expect(res.status, `${path} as ${who}: ${body.slice(0, 300)}`).toBe(expected);
        if (expected === 200) for (const [, fid] of body.matchAll(/<(?:select|input|textarea)[^>]*\bid="([^"]+)"/g)) expect(body, `${path} ${fid}`).toContain(`for="${fid}"`);
      }
    }
    expect((await clients.graduate.post(`/department/rounds/${id}/run`)).status).toBe(403);
    expect((await clients.employer.post('/department/rounds', { name: 'x' })).status).toBe(403);
  });

  it("answers 404 for another region's round, and its actions change nothing", async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await createRound(dept);
    await account(t.deps, 'department', 'baotou@example.cn', '包头市社会工作部', '1502');
    const other = await signInAs(t, 'baotou@example.cn');
    expect((await other.get(`/department/rounds/${id}`)).status).toBe(404);
    for (const action of ['positions/add?all=1', 'talents/add?awaiting=1', 'open', 'run', 'publish']) {
      expect((await other.post(`/department/rounds/${id}/${action}`, { confirm: 'yes' })).status, action).toBe(404);
    }
    expect(await roundPositions(id)).toHaveLength(0);
    expect((await roundRow(id)).status).toBe('draft');
    expect(await other.html('/department/rounds')).not.toContain(id);
  });
});

describe('setting up a round', () => {
  it('names the field of bad input and creates nothing', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const res = await dept.post('/department/rounds', { name: '', regionCode: '1502', 'weights.serviceArea': '-1' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'new-name')).toBe('必填');
    expect(fieldError(html, 'new-weights-serviceArea')).toBe('不能为负数');
    expect(await db().selectFrom('rounds').select('id').execute()).toHaveLength(0);
    const outside = await dept.post('/department/rounds', { name: '越界', regionCode: '1502' });
    expect(outside.status).toBe(422);
    expect(fieldError(await outside.text(), 'new-regionCode')).toBe('须在本部门所辖地区 150102 之内');
  });

  it('adds posts, edits seats next to each post, adds and removes talents, and opens', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await createRound(dept);
    const fresh = await dept.html(`/department/rounds/${id}`);
    expect(fresh).toContain('对接轮次已创建');
    expect(fresh).toContain('社区养老服务社工'); // offered to add
    // Opening an empty round is refused with the API's message.
    const early = await dept.post(`/department/rounds/${id}/open`);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('当前状态下不能进行此操作。');

    const { elderly, children } = s.positions;
    expect((await dept.post(`/department/rounds/${id}/positions/add`, { add: elderly.id })).status).toBe(303);
    expect(await roundPositions(id)).toEqual([{ position_id: elderly.id, seats: 2, reserved_seats: 1 }]);
    expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
    expect((await roundPositions(id)).map((r) => r.position_id).sort()).toEqual([elderly.id, children.id].sort());

    // More reserved seats than seats: the message sits next to that input; nothing changes.
    const before = await roundPositions(id);
    const bad = await dept.post(`/department/rounds/${id}/positions`, {
      positionId: [elderly.id, children.id],
      [`seats.${elderly.id}`]: '1',
      [`reservedSeats.${elderly.id}`]: '2',
      [`seats.${children.id}`]: '5',
      [`reservedSeats.${children.id}`]: '0',
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, `pos-reservedSeats-${elderly.id}`)).toBe('不能超过名额数');
    expect(await roundPositions(id)).toEqual(before);
    const tooMany = await dept.post(`/department/rounds/${id}/positions`, {
      positionId: [elderly.id, children.id],
      [`seats.${elderly.id}`]: '1',
      [`reservedSeats.${elderly.id}`]: '1',
      [`seats.${children.id}`]: '5',
      [`reservedSeats.${children.id}`]: '0',
    });
    expect(tooMany.status).toBe(422);
    expect(fieldError(await tooMany.text(), `pos-seats-${children.id}`)).toBe('不能超过空余名额 2 个');
    // A page of the table changes only its rows; the other posts keep their seats.
    expect((await dept.post(`/department/rounds/${id}/positions`, { positionId: [elderly.id], [`seats.${elderly.id}`]: '2', [`reservedSeats.${elderly.id}`]: '0' })).status).toBe(
      303,
    );
    expect(await roundPositions(id)).toEqual(
      [
        { position_id: elderly.id, seats: 2, reserved_seats: 0 },
        { position_id: children.id, seats: 2, reserved_seats: 0 },
      ].sort((a, b) => (a.position_id < b.position_id ? -1 : 1)),
    );
    // Remove one post and set the other's seats.
    expect(
      (
        await dept.post(`/department/rounds/${id}/positions`, {
          positionId: [elderly.id, children.id],
          remove: children.id,
          [`seats.${elderly.id}`]: '1',
          [`reservedSeats.${elderly.id}`]: '1',
        })
      ).status,
    ).toBe(303);
    expect(await roundPositions(id)).toEqual([{ position_id: elderly.id, seats: 1, reserved_seats: 1 }]);

    // Talents: find by name and add; every directed graduate awaiting placement; remove.
    const found = await dept.html(`/department/rounds/${id}?find=王`);
    expect(found).toContain(`name="talentId" value="${s.talents.wang.talentId}"`);
    expect((await dept.post(`/department/rounds/${id}/talents/add`, { talentId: s.talents.wang.talentId })).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/talents/add?awaiting=1`)).status).toBe(303);
    let html = await dept.html(`/department/rounds/${id}`);
    expect(html).toContain('参加的人才已保存');
    expect(textOf(html, `rt-${s.talents.zhao.talentId}`)).toContain('定向生');
    expect(html).toContain(`id="rt-${s.talents.wang.talentId}"`);
    expect((await dept.post(`/department/rounds/${id}/talents/remove`, { talentId: s.talents.wang.talentId })).status).toBe(303);
    html = await dept.html(`/department/rounds/${id}`);
    expect(html).not.toContain(`id="rt-${s.talents.wang.talentId}"`);
    // A talent of another county is refused by name.
    const outsider = await account(t.deps, 'graduate', 'far@example.cn', '远方');
    const { saveOwnProfile } = await import('../../src/talents/talents.service');
    const { TalentProfileInput } = await import('../../src/talents/talents.schemas');
    const far = await saveOwnProfile(t.deps, outsider, TalentProfileInput.parse({ name: '远方', regionCode: '150203' }));
    const refused = await dept.post(`/department/rounds/${id}/talents/add`, { talentId: far.profile.id });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('本轮地区内没有该人才');

    expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
    expect((await roundRow(id)).status).toBe('collecting');
    expect(await dept.html(`/department/rounds/${id}`)).toContain('已开始征集志愿');
  });

  it('saves settings and weights while editable', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await createRound(dept);
    expect((await dept.post(`/department/rounds/${id}/settings`, { name: '改名后的轮次', choicesCloseOn: '2026-06-30', 'weights.serviceArea': '40' })).status).toBe(303);
    const row = await roundRow(id);
    expect(row.name).toBe('改名后的轮次');
    expect(JSON.parse(row.weights)).toEqual({ serviceArea: 40 });
    expect(row.choices_close_on).toBe('2026-06-30');
  });
});

describe('choices, run, result, publish, responses', () => {
  it('a talent ranks posts with plain selects; duplicates are refused', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRound(dept);
    const lina = await signInAs(t, 'lina@example.cn');
    const page = await lina.html('/me/rounds');
    expect(page).toContain('2026 年新城区社区社工统一匹配');
    expect(page).toContain(`id="choice-${id}-1"`);
    expect(page).toContain(`id="choice-${id}-2"`);
    expect(page).not.toContain(`id="choice-${id}-3"`); // two posts in the round: two choices
    const { elderly, children } = s.positions;
    const dup = await lina.post(`/me/rounds/${id}/choices`, { choice: [elderly.id, elderly.id] });
    expect(dup.status).toBe(422);
    expect(fieldError(await dup.text(), `choice-${id}-2`)).toBe('同一岗位只能选择一次');
    expect(await db().selectFrom('round_choices').select('rank').execute()).toHaveLength(0);
    expect((await lina.post(`/me/rounds/${id}/choices`, { choice: [elderly.id, children.id] })).status).toBe(303);
    const saved = await lina.html('/me/rounds');
    expect(saved).toContain('志愿已保存');
    expect(saved).toMatch(new RegExp(`id="choice-${id}-1"[\\s\\S]*?<option value="${elderly.id}" selected`));
    // Emptying every select withdraws the choices.
    expect((await lina.post(`/me/rounds/${id}/choices`, { choice: ['', ''] })).status).toBe(303);
    expect(await db().selectFrom('round_choices').select('rank').execute()).toHaveLength(0);
    // Every talent of the round sees it; a graduate outside it sees none.
    expect(await (await signInAs(t, 'wangqiang@example.cn')).html('/me/rounds')).toContain('2026 年新城区');
    await account(t.deps, 'graduate', 'outside@example.cn', '局外人');
    expect(await (await signInAs(t, 'outside@example.cn')).html('/me/rounds')).toContain('您目前没有参加对接轮次');
  });

  it('runs, explains every outcome, publishes only when confirmed, and both sides accept into a placement', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRound(dept);
    const { elderly, children } = s.positions;
    const lina = await signInAs(t, 'lina@example.cn');
    expect((await lina.post(`/me/rounds/${id}/choices`, { choice: [elderly.id, children.id] })).status).toBe(303);

    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    const html = await dept.html(`/department/rounds/${id}`);
    expect(html).toContain('匹配已运行');
    expect(html).toMatch(/匹配 2 人（定向生 1 人），定向名额使用 1 个，剩余名额 1 个。/);
    // Per post: the elderly post is full (cut-off = 赵敏's score on the reserved seat); the other has a seat left.
    const elderlyPost = textOf(html, `rp-${elderly.id}`);
    expect(elderlyPost).toMatch(/录取线： \d+/);
    expect(elderlyPost).toContain('赵敏');
    expect(elderlyPost).toContain('定向名额');
    expect(textOf(html, `rp-${children.id}`)).toContain('有空余名额，无录取线');
    // Per talent: outcome, why not the post ranked higher, unassigned with the reason.
    const linaRow = textOf(html, `rt-${s.talents.lina.talentId}`);
    expect(linaRow).toContain('匹配到第 2 志愿：儿童关爱社工');
    expect(linaRow).toContain('第 1 志愿 社区养老服务社工');
    expect(linaRow).toContain('剩余名额均为定向名额，已由定向生占满');
    expect(linaRow).toContain('本人填报的志愿');
    expect(textOf(html, `rt-${s.talents.zhao.talentId}`)).toContain('未填报，按匹配分生成');
    expect(textOf(html, `rt-${s.talents.wang.talentId}`)).toContain('未匹配：未填报志愿，且本轮没有符合其条件的岗位');
    const unassigned = await dept.html(`/department/rounds/${id}?outcome=unassigned`);
    expect(unassigned).toContain(`id="rt-${s.talents.wang.talentId}"`);
    expect(unassigned).not.toContain(`id="rt-${s.talents.lina.talentId}"`);
    // Running again gives the same digest.
    const digest = (await roundRow(id)).result_digest;
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    expect((await roundRow(id)).result_digest).toBe(digest);
    // Talents and employers see nothing before publishing.
    expect(await lina.html('/me/rounds')).toContain('结果发布后会显示在这里');
    const employerB = await signInAs(t, 'station-b@example.cn');
    expect(await employerB.html('/employer/proposals')).toContain('还没有匹配到本单位岗位的人才');

    // Publishing needs the box ticked.
    const unconfirmed = await dept.post(`/department/rounds/${id}/publish`, {});
    expect(unconfirmed.status).toBe(422);
    expect(fieldError(await unconfirmed.text(), 'publish-confirm')).toBe('请先勾选确认');
    expect((await roundRow(id)).status).toBe('run');
    expect((await dept.post(`/department/rounds/${id}/publish`, { confirm: 'yes' })).status).toBe(303);
    expect((await roundRow(id)).status).toBe('published');
    // Published rounds are immutable: a crafted post is refused and changes nothing.
    const late = await dept.post(`/department/rounds/${id}/positions`, { positionId: [elderly.id], [`seats.${elderly.id}`]: '2' });
    expect(late.status).toBe(409);
    expect((await roundPositions(id)).find((r) => r.position_id === elderly.id)?.seats).toBe(1);

    // The talent sees the proposal with the explanation and accepts.
    const mine = await lina.html('/me/rounds');
    expect(mine).toContain('儿童关爱社工（锡林北路街道社会工作服务站）');
    expect(mine).toContain('这是您的第 2 志愿');
    const proposal = (await db().selectFrom('round_proposals').select('id').where('talent_id', '=', s.talents.lina.talentId).executeTakeFirstOrThrow()).id;
    expect((await lina.post(`/me/rounds/proposals/${proposal}/respond`, { decision: 'accept' })).status).toBe(303);
    const accepted = await lina.html('/me/rounds');
    expect(accepted).toContain('已接受。双方都接受后即形成就业记录。');
    expect(accepted).toContain('您已接受。');
    // Answering twice is refused with the API's message.
    const twice = await lina.post(`/me/rounds/proposals/${proposal}/respond`, { decision: 'decline' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('当前状态下不能进行此操作。');

    // The employer sees it (masked phone, no ranking of the talent) and accepts: a placement.
    const list = await employerB.html('/employer/proposals');
    expect(list).toContain('李娜');
    expect(list).toContain('人才：已接受');
    expect(list).not.toContain('第 2 志愿');
    expect((await employerB.post(`/employer/proposals/${proposal}/respond`, { decision: 'accept' })).status).toBe(303);
    const placedList = await employerB.html('/employer/proposals?state=placed');
    expect(placedList).toContain('双方都已接受，已形成就业记录。');
    expect(placedList).toContain('<span class="badge success">已形成就业记录</span>');
    const placement = await db().selectFrom('placements').selectAll().where('source', '=', 'round').executeTakeFirstOrThrow();
    expect(placement.source_id).toBe(proposal);
    expect(await employerB.html('/employer/placements')).toContain('李娜');
    expect(await lina.html('/me/placements')).toContain('儿童关爱社工');
    const deptPlacements = await dept.html('/department/placements');
    expect(deptPlacements).toContain('<th scope="row" data-label="人才">李娜</th><td data-label="用人单位">锡林北路街道社会工作服务站</td>');
    expect(deptPlacements).toContain('对接轮次');
    // The department's page shows the response on the holder.
    expect(textOf(await dept.html(`/department/rounds/${id}`), `rp-${children.id}`)).toContain('已形成就业记录');
  });

  it('renders the result in English with ?lang=en', async () => {
    const dept = await signInAs(t, 'county@example.cn');
    const id = await openRound(dept);
    await dept.post(`/department/rounds/${id}/run`);
    const html = await dept.html(`/department/rounds/${id}?lang=en`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Run, not published');
    expect(html).toContain('Unmatched: No list was submitted, and the round has no post the profile is eligible for');
    expect(html).not.toContain('未匹配');
  });
});

describe('review: explanations that tell posts apart, derived lists in their own words, bulk adding, scoped regions', () => {
  it('adds everyone seeking a post at once; explains derived lists as derived; names the employer and region of each refused post; timings tucked away', async () => {
    const { graduate } = await import('./rounds-pages.seed');
    const profile = {
      education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2025 },
      qualification: { level: 'assistant', certificateNumber: 'ZL2025150009', year: 2025, registrationValidUntil: '2028-06-30' },
      serviceAreas: ['children'],
      languages: ['mandarin', 'mongolian'],
    };
    const extra1 = await graduate(t.deps, 'extra1@example.cn', { name: '钱一', ...profile });
    const extra2 = await graduate(t.deps, 'extra2@example.cn', { name: '孙二', ...profile, qualification: { ...profile.qualification, certificateNumber: 'ZL2025150010' } });
    const extra3 = await graduate(t.deps, 'extra3@example.cn', { name: '李三', ...profile, qualification: { ...profile.qualification, certificateNumber: 'ZL2025150012' } });
    const notLooking = await graduate(t.deps, 'busy@example.cn', {
      name: '周忙',
      ...profile,
      availability: 'unavailable',
      qualification: { ...profile.qualification, certificateNumber: 'ZL2025150011' },
    });
    const dept = await signInAs(t, 'county@example.cn');
    const id = await createRound(dept);
    const { elderly, children } = s.positions;
    expect((await dept.post(`/department/rounds/${id}/positions/add?all=1`)).status).toBe(303);
    expect(
      (
        await dept.post(`/department/rounds/${id}/positions`, {
          positionId: [elderly.id, children.id],
          [`seats.${elderly.id}`]: '1',
          [`reservedSeats.${elderly.id}`]: '1',
          [`seats.${children.id}`]: '2',
          [`reservedSeats.${children.id}`]: '0',
        })
      ).status,
    ).toBe(303);
    // One button: everyone of the county seeking a post and not employed (the directed one directed).
    const draft = await dept.html(`/department/rounds/${id}`);
    expect(draft).toContain('加入本轮地区内所有正在求职且未就业的人才');
    expect((await dept.post(`/department/rounds/${id}/talents/add?seeking=1`)).status).toBe(303);
    const inRound = await db().selectFrom('round_talents').select(['talent_id', 'agreement_id']).where('round_id', '=', id).execute();
    expect(inRound.map((r) => r.talent_id).sort()).toEqual(
      [s.talents.lina.talentId, s.talents.zhao.talentId, s.talents.wang.talentId, extra1.talentId, extra2.talentId, extra3.talentId].sort(),
    );
    expect(inRound.find((r) => r.talent_id === s.talents.zhao.talentId)?.agreement_id).toBe(s.agreement.id);
    expect(inRound.some((r) => r.talent_id === notLooking.talentId)).toBe(false);
    const before = await dept.html(`/department/rounds/${id}`);
    expect(textOf(before, `rt-${extra1.talentId}`)).toContain('未填志愿（将按匹配分生成）');

    expect((await dept.post(`/department/rounds/${id}/open`)).status).toBe(303);
    const lina = await signInAs(t, 'lina@example.cn');
    expect((await lina.post(`/me/rounds/${id}/choices`, { choice: [elderly.id, children.id] })).status).toBe(303);
    expect((await dept.post(`/department/rounds/${id}/run`)).status).toBe(303);
    const html = await dept.html(`/department/rounds/${id}`);
    // The refused post is named with its employer and region.
    expect(textOf(html, `rt-${s.talents.lina.talentId}`)).toMatch(/第 1 志愿 社区养老服务社工（海拉尔东路街道社会工作服务站，[^）]*新城区[^）]*）：/);
    // Three with derived lists (children's services) compete for the two children's seats: one is left.
    const extras = [extra1, extra2, extra3].map((x) => x.talentId);
    const rows = await db().selectFrom('round_talents').select(['talent_id', 'list_source', 'unassigned_reason']).where('round_id', '=', id).execute();
    const leftOver = rows.filter((r) => extras.includes(r.talent_id) && r.unassigned_reason !== null);
    expect(leftOver).toHaveLength(1);
    const left = leftOver[0];
    expect(left).toMatchObject({ list_source: 'derived', unassigned_reason: 'all_refused' });
    const leftRow = textOf(html, `rt-${left.talent_id}`);
    expect(leftRow).toContain('未匹配：按匹配分生成的志愿中，符合条件的岗位都已被排名更高的人选占满');
    expect(leftRow).toContain('未填志愿（已按匹配分生成）');
    expect(leftRow).not.toContain('填报的');
    expect(leftRow).toContain('儿童关爱社工（锡林北路街道社会工作服务站');
    // Developer timings only inside a collapsed "technical details".
    expect(html).toMatch(/<details class="tech-info"><summary>技术信息<\/summary><p class="muted small">用时：读取 [\d.]+ ms/);
    expect(html).not.toMatch(/<details class="tech-info" open/);

    // The talent left over reads the same words once published.
    expect((await dept.post(`/department/rounds/${id}/publish`, { confirm: 'yes' })).status).toBe(303);
    const who = `extra${extras.indexOf(left.talent_id) + 1}@example.cn`;
    const mine = await (await signInAs(t, who)).html('/me/rounds');
    expect(mine).toContain('本轮没有为您匹配到岗位：按匹配分生成的志愿中，符合条件的岗位都已被排名更高的人选占满');

    // English: ASCII colon after labels, singular and plural.
    const en = await dept.html(`/department/rounds/${id}?lang=en`);
    expect(en).toContain('Result digest: <span class="mono">');
    expect(en).not.toContain('：');
    expect(textOf(en, `rt-${s.talents.lina.talentId}`)).toContain('2 choices');
    expect(textOf(en, `rt-${left.talent_id}`)).toContain('No choices (list derived from scores)');
    expect(textOf(en, `rt-${s.talents.lina.talentId}`)).toMatch(/Choice 1 社区养老服务社工 \(海拉尔东路街道社会工作服务站, [^)]*\): /);
  });

  it("the region of a new round is chosen among the department's own region and its parts", async () => {
    const dept = await signInAs(t, 'county@example.cn'); // 新城区 (150102)
    const html = await dept.html('/department/rounds?lang=zh');
    const select = html.slice(html.indexOf('id="new-regionCode-l0"'), html.indexOf('</select>', html.indexOf('id="new-regionCode-l0"')));
    expect(select).toMatch(/<option value="150102">整个新城区<\/option>/);
    expect(select).toContain('value="150102001"');
    expect(select).not.toContain('value="1502"');
    expect(select).not.toContain('value="11"');
  });
});
