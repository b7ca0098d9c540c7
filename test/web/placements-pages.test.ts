// The agreements and placements pages: who may open them, forms that change state (and bad input
// that changes nothing), only the legal status moves offered, region scope, and the three views of
// a placement (department, talent, employer).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { account, seedDemo } from '../e2e/seed';
import { WebClient, signInAs } from './client';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeEach(async () => {
  t = await makeTestApp();
  seeded = await seedDemo(t.deps);
});
afterEach(() => t.close());

const db = () => t.deps.database.db;
const talentId = async () => (await db().selectFrom('talents').select('id').where('name', '=', '李娜').executeTakeFirstOrThrow()).id;
const employerId = async (i: number) => (await db().selectFrom('employers').select('id').where('user_id', '=', seeded.employers[i].id).executeTakeFirstOrThrow()).id;
const agreementRow = (id: string) => db().selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

function fieldError(html: string, inputId: string): string | null {
  const m = html.match(new RegExp(`<p class="field-error" id="${inputId}-error">([^<]*)</p>`));
  return m ? m[1] : null;
}

const agreementForm = async (over: Record<string, string> = {}) => ({
  talentId: await talentId(),
  targetRegionCode: '1501',
  targetEmployerId: '',
  institution: '内蒙古师范大学',
  enrolmentYear: '2021',
  graduationYear: '2025',
  serviceYears: '3',
  signedOn: '2021-08-20',
  status: 'awaiting_placement',
  ...over,
});

async function createAgreement(dept: WebClient, over: Record<string, string> = {}): Promise<string> {
  const res = await dept.post('/department/agreements', await agreementForm(over));
  expect(res.status, await res.clone().text()).toBe(303);
  const id = res.headers.get('location')!.split('/').pop()!;
  expect(res.headers.get('location')).toBe(`/department/agreements/${id}`);
  return id;
}

describe('who may open the pages', () => {
  const matrix: [string, string[]][] = [
    ['/department/agreements', ['department', 'admin']],
    ['/department/placements', ['department', 'admin']],
    ['/me/placements', ['graduate']],
    ['/employer/placements', ['employer']],
  ];
  it('renders for the right roles, sends anonymous callers to sign-in and refuses the others', async () => {
    await account(t.deps, 'admin', 'admin@example.cn', '管理员');
    const clients: Record<string, WebClient> = {
      anonymous: new WebClient(t),
      graduate: await signInAs(t, 'grad@example.cn'),
      employer: await signInAs(t, 'org0@example.cn'),
      department: await signInAs(t, 'dept@example.cn'),
      admin: await signInAs(t, 'admin@example.cn'),
    };
    for (const [path, allowed] of matrix) {
      for (const [who, c] of Object.entries(clients)) {
        const res = await c.get(path);
        const body = await res.text();
        const expected = allowed.includes(who) ? 200 : who === 'anonymous' ? 303 : 403;
        expect(res.status, `${path} as ${who}`).toBe(expected);
        if (expected === 303) expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
        if (expected === 200) {
          expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
          for (const [, id] of body.matchAll(/<(?:select|input|textarea)[^>]*\bid="([^"]+)"/g)) expect(body, `${path} ${id}`).toContain(`for="${id}"`);
        }
      }
    }
    // A form post by the wrong role is refused too.
    expect((await clients.graduate.post('/department/agreements', await agreementForm())).status).toBe(403);
    expect(await db().selectFrom('agreements').select('id').execute()).toHaveLength(0);
  });
});

describe('agreements', () => {
  it('finds a talent by name and offers to choose them', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const html = await dept.html('/department/agreements?find=李');
    expect(html).toContain(`/department/agreements?talentId=${await talentId()}#new-agreement`);
    const chosen = await dept.html(`/department/agreements?talentId=${await talentId()}`);
    expect(chosen).toContain('已选择：李娜');
    expect(chosen).toContain(`value="${await talentId()}"`);
  });

  it('bad input re-renders with messages next to the fields and records nothing', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const res = await dept.post('/department/agreements', await agreementForm({ institution: '', enrolmentYear: '2025', graduationYear: '2021', targetRegionCode: '11' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'new-institution')).toBe('必填');
    expect(fieldError(html, 'new-graduationYear')).toBe('不能早于入学年份');
    expect(html).toContain('value="内蒙古师范大学"'.replace('内蒙古师范大学', '2025')); // typed values stay
    expect(await db().selectFrom('agreements').select('id').execute()).toHaveLength(0);
    // A target outside the department's region is named by the service, in Chinese.
    const outside = await dept.post('/department/agreements', await agreementForm({ targetRegionCode: '11' }));
    expect(outside.status).toBe(422);
    expect(fieldError(await outside.text(), 'new-targetRegionCode')).toBe('须在本部门所辖地区 15 之内');
  });

  it('records one, shows its history and only the legal moves, and moves it', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const id = await createAgreement(dept, { status: 'in_training' });
    const html = await dept.html(`/department/agreements/${id}`);
    expect(html).toContain('定向培养协议已登记。');
    expect(html).toContain('登记为 在读培养');
    expect(html).toContain('0 / 1095 天');
    const buttons = [...html.matchAll(/<button type="submit" name="status" value="(\w+)"/g)].map((x) => x[1]);
    expect(buttons).toEqual(['awaiting_placement', 'breached', 'waived']);
    // The flash shows once.
    expect(await dept.html(`/department/agreements/${id}`)).not.toContain('定向培养协议已登记。');

    // Breach needs a note: nothing changes without one.
    const noNote = await dept.post(`/department/agreements/${id}/move`, { status: 'breached', note: '', confirm: 'yes' }); // the confirmation step posts confirm=yes
    expect(noNote.status).toBe(422);
    expect(fieldError(await noNote.text(), 'f-note')).toBe('记为违约或豁免时必须填写说明');
    expect((await agreementRow(id)).status).toBe('in_training');

    // An illegal move (a crafted post) answers with the API's message and changes nothing.
    const illegal = await dept.post(`/department/agreements/${id}/move`, { status: 'fulfilled' });
    expect(illegal.status).toBe(409);
    expect(await illegal.text()).toContain('当前状态下不能进行此操作。');
    expect((await agreementRow(id)).status).toBe('in_training');

    const ok = await dept.post(`/department/agreements/${id}/move`, { status: 'awaiting_placement', note: '已毕业' });
    expect(ok.status).toBe(303);
    const after = await dept.html(`/department/agreements/${id}`);
    expect(after).toContain('协议状态已更新。');
    expect(after).toContain('在读培养 → 待安置');
    expect(after).toContain('已毕业');
    expect([...after.matchAll(/name="status" value="(\w+)"/g)].map((x) => x[1])).toEqual(['serving', 'breached', 'waived']);
    expect((await agreementRow(id)).status).toBe('awaiting_placement');
  });

  it('lists by status and region, and an agreement outside the region is not found', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const id = await createAgreement(dept, { targetRegionCode: '150102' });
    const other = await createAgreement(dept, { targetRegionCode: '1502', institution: '包头师范学院' });
    expect(await dept.html('/department/agreements')).toContain(`/department/agreements/${other}`);
    const inHohhot = await dept.html('/department/agreements?regionCode=1501');
    expect(inHohhot).toContain(`/department/agreements/${id}`);
    expect(inHohhot).not.toContain(`/department/agreements/${other}`);
    const serving = await dept.html('/department/agreements?status=serving');
    expect(serving).toContain('没有符合条件的协议。');

    // A department of another province sees neither the page nor the move.
    await account(t.deps, 'department', 'dept-bj@example.cn', '北京市社会工作部', '11');
    const beijing = await signInAs(t, 'dept-bj@example.cn');
    expect((await beijing.get(`/department/agreements/${id}`)).status).toBe(404);
    expect((await beijing.post(`/department/agreements/${id}/move`, { status: 'waived', note: 'x' })).status).toBe(404);
    expect((await agreementRow(id)).status).toBe('awaiting_placement');
    expect(await beijing.html('/department/agreements')).not.toContain(id);
    // A Baotou department sees the Baotou agreement only.
    await account(t.deps, 'department', 'dept-bt@example.cn', '包头市社会工作部', '1502');
    const baotou = await signInAs(t, 'dept-bt@example.cn');
    expect((await baotou.get(`/department/agreements/${id}`)).status).toBe(404);
    expect((await baotou.get(`/department/agreements/${other}`)).status).toBe(200);
  });

  it('renders in English with ?lang=en', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const id = await createAgreement(dept);
    const html = await dept.html(`/department/agreements/${id}?lang=en`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Awaiting placement');
    expect(html).toContain('Mark serving');
    expect(html).not.toContain('待安置');
  });
});

describe('placements', () => {
  it('a direct placement serving an agreement shows on all three sides, and ends with a reason', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const agreement = await createAgreement(dept);
    const tid = await talentId();
    const eid = await employerId(0);
    // The chosen talent's open agreements are offered.
    const form = await dept.html(`/department/placements?talentId=${tid}`);
    expect(form).toContain(`<option value="${agreement}"`);

    const bad = await dept.post('/department/placements', { talentId: tid, employerId: eid, kind: 'employment', startOn: '2026-06-01', endOn: '2026-05-01' });
    expect(bad.status).toBe(422);
    expect(fieldError(await bad.text(), 'new-endOn')).toBe('不能早于开始日期');
    expect(await db().selectFrom('placements').select('id').execute()).toHaveLength(0);

    const res = await dept.post('/department/placements', {
      talentId: tid,
      employerId: eid,
      positionId: seeded.positions[0].id,
      kind: 'employment',
      startOn: '2026-05-01',
      agreementId: agreement,
    });
    expect(res.status).toBe(303);
    expect((await agreementRow(agreement)).status).toBe('serving');
    const list = await dept.html('/department/placements');
    expect(list).toContain('就业/实习记录已登记。');
    // One table row: the talent, the employer, the start and no end yet.
    expect(list).toMatch(/<th scope="row" data-label="人才">李娜<\/th><td data-label="用人单位">呼和浩特市新城区海拉尔东路街道社会工作服务站<\/td>/);
    expect(list).toContain('<td class="nowrap" data-label="开始日期">2026-05-01</td><td class="nowrap" data-label="结束日期"><span class="badge success">在岗</span>');
    expect(list).toContain('32 天'); // 2026-05-01 to today (2026-06-01) inclusive

    const grad = await signInAs(t, 'grad@example.cn');
    const mine = await grad.html('/me/placements');
    expect(mine).toContain('内蒙古师范大学');
    expect(mine).toContain('服务中');
    expect(mine).toContain('32 / 1095 天');
    expect(mine).toContain('社区工作者（社会工作方向）');

    const employer = await signInAs(t, 'org0@example.cn');
    const staff = await employer.html('/employer/placements');
    expect(staff).toContain('李娜');
    expect(staff).toContain('直接登记'); // the shared source label (lib/vocab PLACEMENT_SOURCES)
    expect(await (await signInAs(t, 'org1@example.cn')).html('/employer/placements')).not.toContain('李娜');

    // Ending needs a reason; then it moves to the past list with the reason.
    const pid = (await db().selectFrom('placements').select('id').executeTakeFirstOrThrow()).id;
    const noReason = await employer.post(`/employer/placements/${pid}/end`, { endOn: '2026-06-01', reason: '' });
    expect(noReason.status).toBe(422);
    expect(fieldError(await noReason.text(), `end-${pid}-reason`)).toBe('必填');
    const ended = await employer.post(`/employer/placements/${pid}/end`, { endOn: '2026-06-01', reason: '合同期满', confirm: 'yes' });
    expect(ended.status).toBe(303);
    const past = await employer.html('/employer/placements');
    expect(past).toContain('该记录已结束，原因已保存。');
    expect(past).toContain('合同期满');
    expect(past).toContain('目前没有在岗人员。');
    // Ending twice is refused with the API's message.
    const again = await dept.post(`/department/placements/${pid}/end`, { endOn: '2026-06-01', reason: '重复', confirm: 'yes' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('当前状态下不能进行此操作。');
  });

  it('an employer outside the department region cannot be used, and its placements are not shown', async () => {
    await account(t.deps, 'department', 'dept-bt@example.cn', '包头市社会工作部', '1502');
    const baotou = await signInAs(t, 'dept-bt@example.cn');
    const res = await baotou.post('/department/placements', { talentId: await talentId(), employerId: await employerId(0), kind: 'internship', startOn: '2026-05-01' });
    expect(res.status).toBe(404); // as the API answers: the employer is "not found" for this department
    expect(fieldError(await res.text(), 'new-employerId')).toBe('本地区没有该单位');
    const dept = await signInAs(t, 'dept@example.cn');
    expect((await dept.post('/department/placements', { talentId: await talentId(), employerId: await employerId(0), kind: 'internship', startOn: '2026-05-01' })).status).toBe(
      303,
    );
    const pid = (await db().selectFrom('placements').select('id').executeTakeFirstOrThrow()).id;
    expect(await baotou.html('/department/placements')).toContain('没有符合条件的记录。');
    expect((await baotou.post(`/department/placements/${pid}/end`, { endOn: '2026-06-01', reason: 'x' })).status).toBe(404);
  });

  it('a department flags an internship base; the employer sees it and filters its interns', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const eid = await employerId(0);
    expect((await dept.post(`/department/employers/${eid}/internship-base?value=true`)).status).toBe(303);
    expect(await dept.html('/department/placements')).toContain('已更新实习基地标记。');
    await dept.post('/department/placements', { talentId: await talentId(), employerId: eid, kind: 'internship', startOn: '2026-05-01' });
    const employer = await signInAs(t, 'org0@example.cn');
    const html = await employer.html('/employer/placements?kind=internship');
    expect(html).toContain('本单位是实习基地。');
    expect(html).toContain('李娜');
    expect(await employer.html('/employer/placements?kind=employment')).not.toContain('李娜');
    // The candidates of each position are linked from here.
    expect(html).toContain(`/employer/positions/${seeded.positions[0].id}/candidates`);
  });
});

describe('choosing employers, posts and regions that scale; notes and warnings in words', () => {
  /** Many verified employers in 东胜区 (150602), copies of a seeded one under other names (direct SQL:
   * 150 sign-ups, registrations and reviews through the API would be most of the test's time). */
  async function manyEmployers(n: number): Promise<string[]> {
    const row = await db()
      .selectFrom('employers')
      .selectAll()
      .where('id', '=', await employerId(2))
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `bulk${String(i).padStart(4, '0')}`;
      await db()
        .insertInto('employers')
        .values({ ...row, id, user_id: null, name: `测试社工机构${String(i).padStart(3, '0')}`, credit_code: `CC${id}`, region_code: '150602', status: 'verified' })
        .execute();
      ids.push(id);
    }
    return ids;
  }

  it('finds any of hundreds of employers by name or region (sorted, with region names) and offers the open posts of the one chosen', async () => {
    const ids = await manyEmployers(150);
    const dept = await signInAs(t, 'dept@example.cn');
    // The last of 150 (beyond any first page of 100) is found by name and chosen by its link.
    const byName = await dept.html('/department/placements?efind=' + encodeURIComponent('测试社工机构149'));
    expect(byName).toContain(`href="/department/placements?employerId=${ids[149]}#new-placement"`);
    expect(byName).toContain('内蒙古自治区鄂尔多斯市东胜区');
    // By region: everyone in 东胜区, sorted by name (20 shown).
    const byRegion = await dept.html('/department/placements?efind=' + encodeURIComponent('东胜区'));
    const shown = [...byRegion.matchAll(/employerId=(bulk\d{4})/g)].map((x) => x[1]);
    expect(shown).toEqual(ids.slice(0, 20));
    // A chosen talent is kept when an employer is chosen, and the other way round.
    const tid = await talentId();
    expect(await dept.html(`/department/placements?talentId=${tid}&efind=${encodeURIComponent('测试社工机构007')}`)).toContain(`?talentId=${tid}&amp;employerId=${ids[7]}`);
    // Chosen: the employer is the selected option (with its region); its open posts are offered.
    const eid = await employerId(0);
    const chosen = await dept.html(`/department/placements?employerId=${eid}`);
    expect(chosen).toMatch(new RegExp(`<option value="${eid}" selected="">呼和浩特市新城区海拉尔东路街道社会工作服务站（[^<]*新城区[^<]*）</option>`));
    const positionSelect = chosen.slice(chosen.indexOf('id="new-positionId"'), chosen.indexOf('</select>', chosen.indexOf('id="new-positionId"')));
    expect(positionSelect).toContain(`<option value="${seeded.positions[0].id}"`);
    expect(positionSelect).not.toContain(`value="${seeded.positions[2]?.id ?? 'none'}"`); // another employer's post
    // An employer outside the department's region is never offered.
    await account(t.deps, 'department', 'dept-bt@example.cn', '包头市社会工作部', '1502');
    const baotou = await signInAs(t, 'dept-bt@example.cn');
    expect(await baotou.html('/department/placements?efind=' + encodeURIComponent('测试社工机构'))).not.toContain('employerId=bulk');
    expect(await baotou.html(`/department/placements?employerId=${ids[0]}`)).not.toContain(`<option value="${ids[0]}"`);
  });

  it("the agreement form finds a target employer inside the agreement's target region", async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const [hohhot, baotou] = [await employerId(0), await employerId(1)];
    const inBaotou = await dept.html(`/department/agreements?targetRegionCode=1502&efind=${encodeURIComponent('社会工作')}`);
    expect(inBaotou).toContain(`targetEmployerId=${baotou}`);
    expect(inBaotou).not.toContain(`targetEmployerId=${hohhot}`);
    const chosen = await dept.html(`/department/agreements?targetRegionCode=1502&targetEmployerId=${baotou}`);
    expect(chosen).toMatch(new RegExp(`<option value="${baotou}" selected="">包头市昆都仑区阳光社会工作服务中心`));
    expect(chosen).toMatch(/<option value="1502" selected="">/);
  });

  it("region pickers offer only the department's region subtree; admins keep the whole country", async () => {
    const dept = await signInAs(t, 'dept@example.cn'); // 内蒙古 (15)
    const html = await dept.html('/department/agreements');
    // The cascade starts at the department's region (its cities), and a typed name stays inside it.
    const select = html.slice(html.indexOf('id="new-targetRegionCode-l0"'), html.indexOf('</select>', html.indexOf('id="new-targetRegionCode-l0"')));
    expect(select).toContain('value="1502"');
    expect(select).toContain('value="1501"');
    expect(select).not.toContain('value="11"');
    expect(select).not.toContain('value="1101"');
    expect(html).toContain('name="_rproot.targetRegionCode" value="15"');
    expect(html).not.toContain('name="_rpwide.targetRegionCode"');
    const filter = html.slice(html.indexOf('id="f-regionCode-l0"'), html.indexOf('</select>', html.indexOf('id="f-regionCode-l0"')));
    expect(filter).toContain('value="1502"');
    expect(filter).not.toContain('value="11"');
    await account(t.deps, 'admin', 'admin@example.cn', '管理员');
    const admin = await signInAs(t, 'admin@example.cn');
    expect(await admin.html('/department/agreements')).toContain('data-region-field');
  });

  it('history names the placement a note refers to; a serving agreement without a current placement is flagged', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    const agreement = await createAgreement(dept);
    const eid = await employerId(0);
    expect(
      (await dept.post('/department/placements', { talentId: await talentId(), employerId: eid, kind: 'employment', startOn: '2026-05-01', agreementId: agreement })).status,
    ).toBe(303);
    const pid = (await db().selectFrom('placements').select('id').executeTakeFirstOrThrow()).id;
    const detail = await dept.html(`/department/agreements/${agreement}`);
    const history = detail.slice(detail.indexOf('class="timeline"'));
    expect(history).toContain(`<a href="#placement-${pid}">就业记录：呼和浩特市新城区海拉尔东路街道社会工作服务站，2026-05-01 起</a>`);
    expect(history).not.toContain(`placement ${pid}`);
    expect(detail).toContain(`id="placement-${pid}"`);
    expect(await dept.html(`/department/agreements/${agreement}?lang=en`)).toContain(`Placement: 呼和浩特市新城区海拉尔东路街道社会工作服务站, from 2026-05-01`);
    expect(await (await signInAs(t, 'grad@example.cn')).html('/me/placements')).toContain('就业记录：呼和浩特市新城区海拉尔东路街道社会工作服务站');
    // Serving with a current placement: no warning.
    expect(detail).not.toContain('无在岗记录');
    expect(await dept.html('/department/agreements')).not.toContain('无在岗记录');

    // The placement ends: the agreement stays serving, and every view says there is no current placement.
    expect((await dept.post(`/department/placements/${pid}/end`, { endOn: '2026-05-20', reason: '调动', confirm: 'yes' })).status).toBe(303);
    expect((await agreementRow(agreement)).status).toBe('serving');
    const list = await dept.html('/department/agreements?lang=zh');
    const record = list.slice(list.indexOf(`id="agreement-${agreement}"`), list.indexOf('</li>', list.indexOf(`id="agreement-${agreement}"`)));
    expect(record).toContain('无在岗记录');
    expect(await dept.html(`/department/agreements/${agreement}`)).toContain('无在岗记录');
    expect(await dept.html(`/department/agreements/${agreement}?lang=en`)).toContain('No current placement');
    expect(await (await signInAs(t, 'grad@example.cn')).html('/me/placements')).toContain('无在岗记录');
  });

  it('English pages count in the singular and plural', async () => {
    const dept = await signInAs(t, 'dept@example.cn');
    expect((await dept.post('/department/placements', { talentId: await talentId(), employerId: await employerId(0), kind: 'internship', startOn: '2026-06-01' })).status).toBe(
      303,
    );
    const en = await dept.html('/department/placements?lang=en');
    expect(en).toMatch(/>1 day</);
    expect(en).not.toContain('1 days');
    const agreement = await createAgreement(dept, { serviceYears: '1' });
    const detail = await dept.html(`/department/agreements/${agreement}?lang=en`);
    expect(detail).toMatch(/>1 year</);
    expect(detail).toContain('0 / 365 days');
  });
});
