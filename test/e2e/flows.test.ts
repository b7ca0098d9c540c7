// Browser flows in Chromium, as people would do them: clicks, typing and choosing from lists.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from '../helpers/browser';
import { account, seedDemo } from './seed';
import { creditCode, idNumber } from '../helpers/ids';

const server = useBrowser();

async function person(): Promise<Page> {
  return (await server.page({ viewport: 'phone', errors: 'none' })).page;
}

const text = (page: Page) => page.locator('main').innerText();

/** A link of the header's navigation; on a phone it sits behind the menu button. */
async function navLink(page: Page, name: string) {
  const menu = page.locator('.nav-menu > summary');
  if ((await menu.isVisible()) && !(await page.locator('.nav-menu[open]').count())) await menu.click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();
}

async function signUp(page: Page, role: RegExp, name: string, email: string) {
  await page.goto(server.url + '/');
  await navLink(page, '注册');
  await page.getByRole('radio', { name: role }).check();
  await page.getByLabel('姓名或单位简称').fill(name);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('a long password');
  await page.getByRole('button', { name: '注册' }).click();
}

/** Chooses a region level by level in the picker of the field labelled `field` (each choice shows
 * the next level). */
async function chooseRegion(page: Page, names: string[], field: string) {
  const levels = ['省级', '市级', '县级', '乡镇/街道'];
  const group = page.getByRole('group', { name: field });
  for (const [i, name] of names.entries()) await group.getByLabel(levels[i], { exact: true }).selectOption({ label: name });
}

describe('the real server', () => {
  it('serves the stylesheet and script, and the 404 page for unknown pages', async () => {
    const css = await fetch(server.url + '/static/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await fetch(server.url + '/static/app.js')).status).toBe(200);
    const missing = await fetch(server.url + '/no/such/page');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('页面不存在');
  });
});

describe('in a browser', () => {
  it('a graduate signs up, fills in the profile and applies to an open position', { timeout: 120_000 }, async () => {
    await seedDemo(server.t.deps);
    const page = await person();
    await signUp(page, /毕业生/, '陈晓', 'chen.xiao@example.cn');
    await page.waitForURL('**/me/profile');
    expect(await text(page)).toContain('注册成功');

    await page.getByRole('textbox', { name: '姓名', exact: true }).fill('陈晓');
    await page.getByLabel('性别').selectOption({ label: '女' });
    await page.getByLabel('民族').selectOption({ label: '蒙古族' });
    await page.getByLabel('身份证号').fill(idNumber('150102', '2001-09-15', '246'));
    await page.getByLabel('手机号').fill('13912345678');
    await chooseRegion(page, ['内蒙古自治区', '呼和浩特市', '新城区'], '所在地区');
    expect(await page.locator('.region-name').innerText()).toBe('当前：内蒙古自治区呼和浩特市新城区');
    await page.getByLabel('学历', { exact: true }).selectOption({ label: '本科' });
    await page.getByLabel('毕业院校').fill('内蒙古大学');
    await page.getByLabel('专业', { exact: true }).fill('社会工作');
    await page.getByLabel('毕业年份').fill('2024');
    await page.getByRole('checkbox', { name: '儿童' }).check();
    await page.getByRole('checkbox', { name: '社会救助' }).check();
    await page.getByRole('checkbox', { name: '普通话' }).check();
    await page.getByRole('checkbox', { name: '蒙古语' }).check();
    const preferred = page.getByRole('group', { name: '意向地区' });
    for (const [i, place] of ['呼和浩特', '呼和浩特 新城区'].entries()) {
      await preferred.getByLabel('或输入地名').fill(place);
      await preferred.getByRole('button', { name: '添加' }).click();
      // As a person would: the next name once this one shows as a chip (the lookup is a request).
      await expect.poll(() => preferred.locator('.chip').count()).toBe(i + 1);
    }
    await page.getByRole('button', { name: '保存档案' }).click();
    await page.waitForURL('**/me/profile');
    const saved = await text(page);
    expect(saved).toContain('档案已保存');
    expect(saved).toContain('1501**********');
    expect(saved).toContain('内蒙古自治区呼和浩特市新城区');

    await navLink(page, '岗位');
    await page.getByRole('link', { name: '乡镇社工站驻站社工' }).click();
    await page.waitForURL('**/positions/*');
    await page.getByLabel('自荐信（选填）').fill('我熟悉蒙古语，愿意到乡镇社工站工作。');
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.waitForURL('**/me/applications');
    const mine = await text(page);
    expect(mine).toContain('报名已提交');
    expect(mine).toContain('乡镇社工站驻站社工');
    expect(mine).toContain('已投递');

    const talent = await server.t.deps.database.db.selectFrom('talents').selectAll().where('name', '=', '陈晓').executeTakeFirstOrThrow();
    expect(talent).toMatchObject({ gender: 'female', ethnicity: '02', region_code: '150102', birth_date: '2001-09-15' });
    expect(JSON.parse(talent.languages)).toEqual(['mandarin', 'mongolian']);
  });

  it('an employer registers, a department verifies it, and its new position appears on the home page', { timeout: 120_000 }, async () => {
    await account(server.t.deps, 'department', 'verifier@example.cn', '呼和浩特市社会工作部', '1501');
    const orgName = '呼和浩特市新城区幸福里社区居民委员会';

    const employer = await person();
    await signUp(employer, /用人单位/, '幸福里社区', 'xingfuli@example.cn');
    await employer.waitForURL('**/employer');
    await employer.getByLabel('单位名称').fill(orgName);
    await employer.getByLabel('统一社会信用代码').fill(creditCode('150102'));
    await employer.getByLabel('单位类型').selectOption({ label: '社区/街道' });
    await chooseRegion(employer, ['内蒙古自治区', '呼和浩特市', '新城区', '海拉尔东路街道'], '所在地区');
    await employer.getByLabel('联系人').fill('赵丽');
    await employer.getByLabel('联系电话').fill('0471-6612345');
    await employer.getByRole('button', { name: '提交认证' }).click();
    await employer.waitForURL('**/employer');
    expect(await text(employer)).toContain('待认证');

    const department = await person();
    await department.goto(server.url + '/');
    await navLink(department, '登录');
    await department.getByLabel('邮箱').fill('verifier@example.cn');
    await department.getByLabel('密码').fill('correct horse battery');
    await department.getByRole('button', { name: '登录' }).click();
    // A department lands on its dashboard; the employer queue is one link away, a table of rows.
    await department.waitForURL('**/department');
    await navLink(department, '单位认证');
    await department.waitForURL('**/department/employers');
    const record = department.locator('tr', { hasText: orgName });
    await record.locator('summary').click();
    await record.getByRole('button', { name: '通过认证' }).click();
    await department.waitForURL('**/department/employers**');
    expect(await text(department)).toContain('已通过该单位认证');

    await employer.reload();
    expect(await text(employer)).toContain('已认证');
    await navLink(employer, '岗位管理');
    await employer.getByLabel('岗位名称').fill('社区工作者（儿童服务方向）');
    await employer.getByLabel('岗位类别').selectOption({ label: '社区工作者' });
    await employer.getByLabel('用工形式').selectOption({ label: '全职' });
    await employer.getByLabel('招聘人数').fill('2');
    await employer.getByLabel('最低月薪（元）').fill('4000');
    await employer.getByLabel('最高月薪（元）').fill('5200');
    await employer.getByRole('checkbox', { name: '儿童' }).check();
    await employer.getByLabel('岗位描述').fill('开展社区儿童关爱服务，建立儿童之家活动。');
    await employer.getByRole('button', { name: '创建岗位' }).click();
    await employer.waitForURL('**/employer/positions');
    expect(await text(employer)).toContain('岗位已创建');
    await employer.locator('li.record', { hasText: '社区工作者（儿童服务方向）' }).getByRole('button', { name: '发布' }).click();
    await employer.waitForURL('**/employer/positions');
    expect(await text(employer)).toContain('岗位已发布');

    const visitor = await person();
    await visitor.goto(server.url + '/');
    await visitor.getByLabel('服务领域').selectOption({ label: '儿童' });
    await visitor.getByRole('button', { name: '筛选' }).click();
    await visitor.getByRole('link', { name: '社区工作者（儿童服务方向）' }).click();
    await visitor.waitForURL('**/positions/*');
    const detail = await text(visitor);
    expect(detail).toContain(orgName);
    expect(detail).toContain('4,000–5,200 元/月');
    const ld = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld).toMatchObject({ '@type': 'JobPosting', title: '社区工作者（儿童服务方向）', hiringOrganization: { name: orgName } });
  });
});
