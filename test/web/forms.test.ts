// The forms post to the same services as the API: bad input re-renders the form with the message
// next to the field and changes nothing; good input redirects (PRG) and shows what happened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { account, seedDemo } from '../e2e/seed';
import { creditCode, idNumber } from '../helpers/ids';
import { WebClient, signInAs, webUser, type Fields } from './client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const count = async (table: 'users' | 'talents' | 'employers' | 'positions' | 'applications' | 'audit_log' | 'sessions') =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The error shown for an input: its <p class="field-error"> tied to the input by aria-describedby. */
function fieldError(html: string, inputId: string): string | null {
  const m = html.match(new RegExp(`<p class="field-error" id="${inputId}-error">([^<]*)</p>`));
  return m ? m[1] : null;
}
const invalid = (html: string, inputId: string) => new RegExp(`id="${inputId}"[^>]*aria-invalid="true"`).test(html);

const profile = (over: Fields = {}): Fields => ({
  name: '张伟',
  gender: 'male',
  ethnicity: '01',
  idNumber: idNumber('150102', '1998-05-20', '123'),
  phone: '13900001111',
  regionCode: '150102',
  'education.level': 'bachelor',
  'education.school': '内蒙古师范大学',
  'education.major': '社会工作',
  'education.graduationYear': '2024',
  'qualification.level': 'none',
  serviceAreas: ['elderly', 'youth'],
  languages: ['mandarin'],
  preferredRegions: '1501, 150102',
  availability: 'available',
  visibility: 'employers',
  ...over,
});

describe('sign up, sign in, sign out', () => {
  it('re-renders sign-up with messages next to the fields and creates nobody', async () => {
    const before = await count('users');
    const c = new WebClient(t);
    const res = await c.post('/sign-up', { role: 'graduate', displayName: '王芳', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'f-email')).toBe('请输入有效的邮箱地址');
    expect(fieldError(html, 'f-password')).toBe('至少 8 个字符');
    expect(invalid(html, 'f-email')).toBe(true);
    expect(html).toContain('value="王芳"'); // what was typed stays
    expect(html).not.toContain('value="short"'); // but never the password
    expect(await count('users')).toBe(before);
    expect(c.cookies.has('session')).toBe(false);
  });

  it('refuses a second account with the same email, naming the field', async () => {
    const first = await webUser(t, 'graduate');
    const res = await new WebClient(t).post('/sign-up', { role: 'employer', displayName: 'X', email: first.email, password: 'long enough pw' });
    expect(res.status).toBe(409);
    expect(fieldError(await res.text(), 'f-email')).toBe('该邮箱已注册');
  });

  it('signs up, lands on the right page with a message, and signs out', async () => {
    const c = new WebClient(t);
    const res = await c.post('/sign-up', { role: 'employer', displayName: '某社工站', email: 'station@example.cn', password: 'long enough pw' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/employer');
    expect(c.cookies.get('session')).toMatch(/\./);
    expect(await c.html('/employer')).toContain('注册成功');
    expect(await c.html('/employer')).not.toContain('注册成功'); // the message shows once
    const sessions = await count('sessions');
    const out = await c.post('/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect(await count('sessions')).toBe(sessions - 1);
    expect(c.cookies.has('session')).toBe(false);
    expect((await c.get('/employer')).status).toBe(303);
  });

  it('says so when the password is wrong, and returns to `next` after signing in', async () => {
    const g = await webUser(t, 'graduate');
    const c = new WebClient(t);
    const bad = await c.post('/sign-in', { email: g.email, password: 'wrong password', next: '/me/applications' });
    expect(bad.status).toBe(401);
    const html = await bad.text();
    expect(html).toContain('邮箱或密码错误');
    expect(html).toContain('name="next" value="/me/applications"');
    const good = await c.post('/sign-in', { email: g.email, password: 'correct horse battery', next: '/me/applications' });
    expect(good.headers.get('location')).toBe('/me/applications');
  });

  it('rate limits failed sign-ins with 429, Retry-After and a message', async () => {
    const g = await webUser(t, 'graduate');
    const c = new WebClient(t);
    for (let i = 0; i < 5; i++) expect((await c.post('/sign-in', { email: g.email, password: 'wrong password' })).status).toBe(401);
    const blocked = await c.post('/sign-in', { email: g.email, password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/尝试次数过多，请 \d+ 秒后再试/);
    expect(c.cookies.has('session')).toBe(false);
  });

  it('never follows a `next` to another site', async () => {
    const g = await webUser(t, 'graduate');
    const res = await new WebClient(t).post('/sign-in', { email: g.email, password: 'correct horse battery', next: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/me/profile');
  });

  it('refuses a form posted from another site', async () => {
    const g = await webUser(t, 'graduate');
    const res = await t.app.request('/me/profile', {
      method: 'POST',
      headers: { cookie: `session=${g.cookies.get('session')}`, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams(profile() as Record<string, string>).toString(),
    });
    expect(res.status).toBe(403);
    expect(await count('talents')).toBe(0);
  });
});

describe('my profile', () => {
  it('re-renders with the ID number check error and saves nothing', async () => {
    const g = await webUser(t, 'graduate');
    const bad = idNumber('150102', '1998-05-20', '123').slice(0, 17) + (idNumber('150102', '1998-05-20', '123').endsWith('1') ? '2' : '1');
    const res = await g.post('/me/profile', profile({ idNumber: bad }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'f-idNumber')).toBe('身份证号校验码不正确');
    expect(html).toContain('表单有 1 处需要修改');
    expect(html).not.toContain(bad); // an ID number is never echoed back
    expect(html).toMatch(/value="elderly" checked=""/); // checkboxes keep what was ticked
    expect(await count('talents')).toBe(0);
  });

  it('names an unknown region and a bad element of the preferred regions', async () => {
    const g = await webUser(t, 'graduate');
    const res = await g.post('/me/profile', profile({ regionCode: '159999', preferredRegions: '1501, 12x' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'f-preferredRegions')).toBe('应为 2、4、6 或 9 位行政区划代码');
    const second = await g.post('/me/profile', profile({ regionCode: '159999' }));
    expect(fieldError(await second.text(), 'f-regionCode')).toBe('未知的行政区划代码 159999');
    expect(await count('talents')).toBe(0);
  });

  it('shows errors of nested fields next to their inputs, in English too', async () => {
    const g = await webUser(t, 'graduate');
    await g.get('/?lang=en');
    const res = await g.post('/me/profile', profile({ 'qualification.level': 'assistant', 'education.graduationYear': 'abc' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'f-qualification-certificateNumber')).toBe('Required when you hold a qualification');
    expect(fieldError(html, 'f-education-graduationYear')).toBe('Enter a number');
  });

  it('saves every field, shows the ID number masked only, and keeps it when left empty', async () => {
    const g = await webUser(t, 'graduate');
    const id = idNumber('150102', '1998-05-20', '123');
    const res = await g.post('/me/profile', profile());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/profile');
    const row = await t.deps.database.db.selectFrom('talents').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: '张伟',
      gender: 'male',
      ethnicity: '01',
      birth_date: '1998-05-20',
      region_code: '150102',
      education_level: 'bachelor',
      graduation_year: 2024,
    });
    expect(JSON.parse(row.service_areas)).toEqual(['elderly', 'youth']);
    expect(JSON.parse(row.preferred_regions)).toEqual(['1501', '150102']);
    const html = await g.html('/me/profile');
    expect(html).toContain('档案已保存');
    expect(html).toContain('1501**********' + id.slice(-4));
    expect(html).not.toContain(id);
    expect(html).toContain('内蒙古自治区呼和浩特市新城区');
    // Saving again with the ID field empty keeps the stored number.
    expect((await g.post('/me/profile', profile({ idNumber: '', name: '张伟伟' }))).status).toBe(303);
    const again = await t.deps.database.db.selectFrom('talents').selectAll().executeTakeFirstOrThrow();
    expect(again.name).toBe('张伟伟');
    expect(again.id_number_hmac).toBe(row.id_number_hmac);
  });
});

describe('applications', () => {
  it('applies from the position page, sees the history, withdraws', async () => {
    const seeded = await seedDemo(t.deps);
    const position = seeded.positions[1];
    const g = await webUser(t, 'graduate');
    expect(await g.html(`/positions/${position.id}`)).toContain('报名前请先完善您的人才档案');
    await g.post('/me/profile', profile());
    expect(await g.html(`/positions/${position.id}`)).toContain('提交报名');
    const res = await g.post(`/positions/${position.id}/apply`, { coverLetter: '愿意扎根基层。' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/applications');
    let html = await g.html('/me/applications');
    expect(html).toContain('报名已提交');
    expect(html).toContain(position.title);
    expect(html).toContain('已投递');
    expect(await g.html(`/positions/${position.id}`)).toContain('您已报名此岗位，当前状态：已投递');
    // A second application is refused and changes nothing.
    const before = await count('applications');
    const twice = await g.post(`/positions/${position.id}/apply`, {});
    expect(twice.status).toBe(409);
    expect(await count('applications')).toBe(before);
    const app = await t.deps.database.db.selectFrom('applications').select('id').where('position_id', '=', position.id).executeTakeFirstOrThrow();
    expect((await g.post(`/me/applications/${app.id}/withdraw`)).status).toBe(303);
    html = await g.html('/me/applications');
    expect(html).toContain('报名已撤回');
    expect(html).toContain('已撤回');
    expect(html).not.toContain(`/me/applications/${app.id}/withdraw`);
  });

  it('sends an anonymous applicant to sign in and back', async () => {
    const seeded = await seedDemo(t.deps);
    const res = await new WebClient(t).post(`/positions/${seeded.positions[0].id}/apply`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/positions/${seeded.positions[0].id}`)}`);
  });

  it('lets the employer move an applicant on, and refuses an illegal move without changing it', async () => {
    const seeded = await seedDemo(t.deps);
    const employer = await signInAs(t, 'org0@example.cn');
    const app = await t.deps.database.db.selectFrom('applications').select('id').executeTakeFirstOrThrow();
    const page = await employer.html(`/employer/positions/${seeded.positions[0].id}/applicants`);
    expect(page).toContain('李娜');
    expect(page).toContain('138****1234'); // phone masked
    const illegal = await employer.post(`/employer/applications/${app.id}/move`, { status: 'hired' });
    expect(illegal.status).toBe(409);
    expect(await illegal.text()).toContain('当前状态下不能进行此操作');
    expect((await t.deps.database.db.selectFrom('applications').select('status').executeTakeFirstOrThrow()).status).toBe('submitted');
    const ok = await employer.post(`/employer/applications/${app.id}/move`, { status: 'reviewing', note: '请准备面试' });
    expect(ok.status).toBe(303);
    const after = await employer.html(`/employer/positions/${seeded.positions[0].id}/applicants`);
    expect(after).toContain('报名状态已更新');
    expect(after).toContain('请准备面试');
    // A page shown in answer to a post links to its own address in the other language.
    expect(await (await employer.post(`/employer/applications/${app.id}/move`, { status: 'submitted' })).text()).toContain(
      `href="/employer/positions/${seeded.positions[0].id}/applicants?lang=en"`,
    );
    const grad = await signInAs(t, 'grad@example.cn');
    expect(await grad.html('/me/applications')).toContain('审核中');
    // Someone else's application is not there for another employer.
    const other = await signInAs(t, 'org1@example.cn');
    expect((await other.post(`/employer/applications/${app.id}/move`, { status: 'rejected' })).status).toBe(404);
  });
});

describe('employers and positions', () => {
  const org = (over: Fields = {}): Fields => ({
    name: '兴安盟乌兰浩特市社会工作服务中心',
    creditCode: creditCode('152201'),
    type: 'agency',
    regionCode: '152201',
    address: '乌兰浩特市兴安北大路 1 号',
    contactName: '包明',
    contactPhone: '0482-8261234',
    description: '',
    ...over,
  });

  it('refuses a bad credit code next to its field and registers nothing', async () => {
    const e = await webUser(t, 'employer');
    const code = creditCode('152201');
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const res = await e.post('/employer', org({ creditCode: wrong, contactPhone: '12' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'f-creditCode')).toBe('统一社会信用代码校验码不正确');
    expect(fieldError(html, 'f-contactPhone')).toBe('请输入 11 位手机号或座机号码（如 0471-1234567）');
    expect(await count('employers')).toBe(0);
  });

  it('registers, is verified by the department, posts a position that appears on the home page', async () => {
    const e = await webUser(t, 'employer');
    expect((await e.post('/employer', org())).status).toBe(303);
    expect(await e.html('/employer')).toContain('待认证');
    // A department rejects without a note: refused, still pending.
    await account(t.deps, 'department', 'dept@example.cn', '内蒙古自治区社会工作部', '15');
    const d = await signInAs(t, 'dept@example.cn');
    const queue = await d.html('/department/employers');
    expect(queue).toContain('兴安盟乌兰浩特市社会工作服务中心');
    const employerId = (await t.deps.database.db.selectFrom('employers').select('id').executeTakeFirstOrThrow()).id;
    const noNote = await d.post(`/department/employers/${employerId}/reject?status=pending`, { note: '' });
    expect(noNote.status).toBe(422);
    expect(fieldError(await noNote.text(), `r-${employerId}-note`)).toBe('必填');
    expect((await t.deps.database.db.selectFrom('employers').select('status').executeTakeFirstOrThrow()).status).toBe('pending');
    const verified = await d.post(`/department/employers/${employerId}/verify?status=pending`, { note: '' });
    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/department/employers?status=pending');
    expect(await d.html('/department/employers')).toContain('没有待认证的单位');
    expect(await e.html('/employer')).toContain('已认证');

    const position: Fields = {
      title: '社区矫正社工',
      kind: 'agency_worker',
      employmentType: 'FULL_TIME',
      regionCode: '152201',
      seats: '2',
      reservedSeats: '3',
      'salary.min': '4000',
      'salary.max': '3000',
      opensOn: '2026-06-10',
      closesOn: '2026-06-05',
      'requirements.minQualification': 'none',
      'requirements.serviceAreas': ['corrections', 'assistance'],
      'requirements.languages': ['mandarin', 'mongolian'],
      description: '协助开展社区矫正对象的个案服务。',
    };
    const bad = await e.post('/employer/positions', position);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'f-closesOn')).toBe('不能早于开放日期');
    expect(fieldError(html, 'f-reservedSeats')).toBe('定向名额不能多于招聘人数');
    expect(fieldError(html, 'f-salary-max')).toBe('最高薪资不能低于最低薪资');
    expect(await count('positions')).toBe(0);
    const outside = await e.post('/employer/positions', { ...position, regionCode: '150102', reservedSeats: '0', 'salary.max': '5000', closesOn: '2026-07-31' });
    expect(outside.status).toBe(422);
    expect(fieldError(await outside.text(), 'f-regionCode')).toBe('应在本单位所在地区（152201）范围内');

    const created = await e.post('/employer/positions', { ...position, reservedSeats: '1', 'salary.max': '5000', closesOn: '2026-07-31' });
    expect(created.status).toBe(303);
    const row = await t.deps.database.db.selectFrom('positions').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', seats: 2, reserved_seats: 1, salary_min: 4000, salary_max: 5000 });
    expect(JSON.parse(row.languages)).toEqual(['mandarin', 'mongolian']);
    expect(await new WebClient(t).html('/')).not.toContain('社区矫正社工');
    expect((await e.post(`/employer/positions/${row.id}/publish`)).status).toBe(303);
    const home = await new WebClient(t).html('/?regionCode=1522&serviceArea=corrections');
    expect(home).toContain('社区矫正社工');
    expect(home).toContain('共 1 个开放岗位');
    expect(await new WebClient(t).html('/?serviceArea=children')).not.toContain('社区矫正社工');
    expect((await e.post(`/employer/positions/${row.id}/close`, { confirm: 'yes' })).status).toBe(303);
    const again = await e.post(`/employer/positions/${row.id}/close`, { confirm: 'yes' });
    expect(again.status).toBe(409);
    const againHtml = await again.text();
    expect(againHtml).toContain('当前状态下不能进行此操作');
    expect(againHtml.indexOf('当前状态下不能进行此操作')).toBeLessThan(againHtml.indexOf('id="new-position"'));
    expect(await new WebClient(t).html('/')).not.toContain('社区矫正社工');
  });

  it('edits a position through the same form', async () => {
    const seeded = await seedDemo(t.deps);
    const e = await signInAs(t, 'org0@example.cn');
    const id = seeded.positions[0].id;
    const form = await e.html(`/employer/positions/${id}/edit`);
    expect(form).toContain('value="社区工作者（社会工作方向）"');
    const fields: Fields = {
      title: '社区工作者（老年服务方向）',
      kind: 'community_worker',
      employmentType: 'FULL_TIME',
      regionCode: '150102001',
      seats: '3',
      reservedSeats: '1',
      'salary.min': '',
      'salary.max': '',
      opensOn: seeded.positions[0].opensOn,
      closesOn: seeded.positions[0].closesOn,
      'requirements.minQualification': 'none',
      description: '新的描述',
    };
    const bad = await e.post(`/employer/positions/${id}/edit`, { ...fields, title: '' });
    expect(bad.status).toBe(422);
    expect(fieldError(await bad.text(), 'f-title')).toBe('必填');
    expect((await e.post(`/employer/positions/${id}/edit`, fields)).status).toBe(303);
    const row = await t.deps.database.db.selectFrom('positions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: '社区工作者（老年服务方向）', salary_min: null, description: '新的描述' });
    const other = await signInAs(t, 'org1@example.cn');
    expect((await other.post(`/employer/positions/${id}/edit`, fields)).status).toBe(403);
  });
});

describe('department talent list', () => {
  it('shows ID numbers masked and reveals one once, writing the audit log', async () => {
    await seedDemo(t.deps);
    const full = idNumber('150102', '1999-03-07', '123');
    const d = await signInAs(t, 'dept@example.cn');
    const list = await d.html('/department/talents?serviceArea=elderly');
    expect(list).toContain('李娜');
    expect(list).toContain('1501**********' + full.slice(-4));
    expect(list).not.toContain(full);
    const talentId = (await t.deps.database.db.selectFrom('talents').select('id').executeTakeFirstOrThrow()).id;
    const audits = await count('audit_log');
    const res = await d.post(`/department/talents/${talentId}/reveal?serviceArea=elderly`, { purpose: 'verify_identity', confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/department/talents?serviceArea=elderly#talent-${talentId}`);
    expect(res.headers.get('location')).not.toContain(full);
    const shown = await d.get('/department/talents?serviceArea=elderly');
    expect(shown.headers.get('cache-control')).toContain('no-store');
    expect(await shown.text()).toContain(full);
    const entry = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal_id_number').executeTakeFirstOrThrow();
    expect(entry.subject_id).toBe(talentId);
    expect(await count('audit_log')).toBe(audits + 1);
    expect(await d.html('/department/talents')).not.toContain(full);
  });

  it('does not reveal to a department of another region', async () => {
    await seedDemo(t.deps);
    await account(t.deps, 'department', 'dept13@example.cn', '河北', '13');
    const d = await signInAs(t, 'dept13@example.cn');
    const talentId = (await t.deps.database.db.selectFrom('talents').select('id').executeTakeFirstOrThrow()).id;
    const res = await d.post(`/department/talents/${talentId}/reveal`, { purpose: 'verify_identity', confirm: 'yes' });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(idNumber('150102', '1999-03-07', '123'));
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal_id_number').execute()).toHaveLength(0);
  });

  it('reports a bad filter next to it instead of failing', async () => {
    await seedDemo(t.deps);
    const d = await signInAs(t, 'dept@example.cn');
    const html = await d.html('/department/talents?regionCode=12x&qualification=wizard');
    expect(fieldError(html, 'f-regionCode')).toBe('应为 2、4、6 或 9 位行政区划代码');
    expect(fieldError(html, 'f-qualification')).toBe('请选择一个有效选项');
  });
});
