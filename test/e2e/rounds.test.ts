// A placement round in Chromium, as people would run it: a county department creates a round, adds
// the county's open posts and its talents, opens it; a talent ranks posts; the department runs the
// match, reads the result and publishes it after confirming; the talent accepts the proposal, the
// employer accepts; the placement shows for the talent, the employer and the department.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, fitsWidth, PHONE, screenshot, useBrowser } from '../helpers/browser';
import { PASSWORD } from './seed';
import { seedCounty } from '../web/rounds-pages.seed';

const server = useBrowser();

async function person(email: string, viewport = PHONE): Promise<Page> {
  return (await server.page({ viewport, signIn: { email, password: PASSWORD }, errors: 'none' })).page;
}

const main = (page: Page) => page.locator('main').innerText();
/** A link of the header's navigation; on a phone it sits behind the menu button. */
async function nav(page: Page, name: string) {
  const menu = page.locator('.nav-menu > summary');
  if ((await menu.isVisible()) && !(await page.locator('.nav-menu[open]').count())) await menu.click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();
}

/** With ROUNDS_SCREENSHOTS=<dir>, full-page screenshots of the steps (for looking at, not asserted). */
async function shot(page: Page, name: string) {
  const dir = process.env.ROUNDS_SCREENSHOTS;
  if (dir) await screenshot(page, `${dir}/${name}.png`);
}

describe('a placement round in a browser', () => {
  it('a department runs and publishes a round; the talent and the employer accept; the placement shows on every side', { timeout: 180_000 }, async () => {
    const s = await seedCounty(server.t.deps);
    const { elderly, children } = s.positions;

    // The department creates the round and sets it up.
    const dept = await person('county@example.cn', DESKTOP);
    await nav(dept, '对接轮次');
    await dept.waitForURL('**/department/rounds');
    await dept.getByLabel('名称').fill('2026 年新城区社区社工统一匹配');
    await dept.getByRole('button', { name: '创建' }).click();
    await dept.waitForURL(/\/department\/rounds\/\w+$/);
    expect(await main(dept)).toContain('对接轮次已创建');
    const roundUrl = dept.url();

    await dept.getByRole('button', { name: '加入本地区全部有空余名额的开放岗位' }).click();
    await dept.waitForURL(/#positions$/);
    expect(await main(dept)).toContain('岗位和名额已保存');
    expect(await dept.getByLabel('名额 · 社区养老服务社工', { exact: true }).inputValue()).toBe('2');
    // One seat at the elderly post, reserved for directed graduates.
    await dept.getByLabel('名额 · 社区养老服务社工', { exact: true }).fill('1');
    await dept.getByLabel('定向名额 · 社区养老服务社工', { exact: true }).fill('1');
    await dept.getByRole('button', { name: '保存名额' }).click();
    await dept.waitForURL(/#positions$/);
    expect(await dept.getByLabel('名额 · 社区养老服务社工', { exact: true }).inputValue()).toBe('1');

    await dept.getByRole('button', { name: '加入定向地区在本轮地区内、待安置的全部定向生' }).click();
    await dept.waitForURL(/#talents$/);
    await dept.getByLabel('姓名（含任意部分）').fill('李');
    await dept.getByLabel('姓名（含任意部分）').press('Enter');
    await dept.getByRole('button', { name: '加入 · 李娜' }).click();
    await dept.waitForURL(/#talents$/);
    const talents = await dept.locator('#talents').innerText();
    expect(talents).toContain('赵敏');
    expect(talents).toContain('定向生');
    expect(talents).toContain('李娜');
    await shot(dept, 'round-setup');
    await dept.getByRole('button', { name: '开始征集志愿' }).click();
    await dept.waitForURL(roundUrl);
    expect(await main(dept)).toContain('已开始征集志愿');

    // The talent ranks the two posts (children's post first) with plain selects, on a phone.
    const lina = await person('lina@example.cn');
    await nav(lina, '岗位对接');
    await lina.waitForURL('**/me/rounds');
    await lina.getByLabel('第 1 志愿').selectOption(children.id);
    await lina.getByLabel('第 2 志愿').selectOption(elderly.id);
    await lina.getByRole('button', { name: '保存志愿' }).click();
    await lina.waitForURL(/\/me\/rounds/);
    expect(await main(lina)).toContain('志愿已保存');
    expect(await lina.getByLabel('第 1 志愿').inputValue()).toBe(children.id);
    expect(await fitsWidth(lina)).toBe(true);
    await shot(lina, 'me-rounds-choices');

    // The department runs the match and reads the result.
    await dept.goto(roundUrl);
    await dept.getByRole('button', { name: '运行匹配' }).click();
    await dept.waitForURL(/#result$/);
    const result = await main(dept);
    expect(result).toContain('匹配已运行');
    expect(result).toMatch(/匹配 2 人（定向生 1 人）/);
    const elderlyPost = await dept.locator(`#rp-${elderly.id}`).innerText();
    expect(elderlyPost).toMatch(/录取线：\s*\d+/);
    expect(elderlyPost).toContain('赵敏');
    const linaOutcome = await dept.locator(`#rt-${s.talents.lina.talentId}`).innerText();
    expect(linaOutcome).toContain('匹配到第 1 志愿：儿童关爱社工');
    const zhaoOutcome = await dept.locator(`#rt-${s.talents.zhao.talentId}`).innerText();
    expect(zhaoOutcome).toContain('社区养老服务社工');
    await shot(dept, 'round-result');
    // Publishing needs the confirmation; the dialog is accepted.
    await dept.getByLabel('我已核对以上结果，确认发布（发布后不可更改）').check();
    await dept.getByRole('button', { name: '发布结果' }).click();
    await dept.waitForURL(roundUrl);
    expect(await main(dept)).toContain('结果已发布');
    expect(await dept.locator('.page-head').innerText()).toContain('已发布');

    // The talent accepts the proposal.
    await lina.goto(server.url + '/me/rounds');
    const proposal = await main(lina);
    expect(proposal).toContain('儿童关爱社工（锡林北路街道社会工作服务站）');
    expect(proposal).toContain('这是您的第 1 志愿');
    await lina.getByRole('button', { name: '接受' }).click();
    await lina.waitForURL('**/me/rounds');
    expect(await main(lina)).toContain('已接受。双方都接受后即形成就业记录。');
    await shot(lina, 'me-rounds-accepted');

    // The employer accepts: the placement is recorded.
    const employer = await person('station-b@example.cn');
    await nav(employer, '对接结果');
    await employer.waitForURL('**/employer/proposals');
    expect(await main(employer)).toContain('人才：已接受');
    await employer.getByRole('button', { name: '接受 · 李娜' }).click();
    await employer.waitForURL('**/employer/proposals');
    expect(await main(employer)).toContain('双方都已接受，已形成就业记录。');
    expect(await fitsWidth(employer)).toBe(true);
    await shot(employer, 'employer-proposals');
    await nav(employer, '实习与就业');
    await employer.waitForURL('**/employer/placements');
    const staff = await employer.locator('#current-title + ul').innerText();
    expect(staff).toContain('李娜');
    expect(staff).toContain('对接轮次');
    await shot(employer, 'employer-placements');

    // Both sides and the department see the placement.
    await nav(lina, '我的就业与协议');
    await lina.waitForURL('**/me/placements');
    const mine = await main(lina);
    expect(mine).toContain('锡林北路街道社会工作服务站');
    expect(mine).toContain('儿童关爱社工');
    await nav(dept, '就业记录');
    await dept.waitForURL('**/department/placements');
    expect(await dept.locator('tr', { hasText: '李娜' }).innerText()).toContain('锡林北路街道社会工作服务站');
    await shot(dept, 'dept-placements');

    // The directed graduate and the elderly post's employer accept too: her agreement is now served.
    const zhao = await person('zhaomin@example.cn');
    await nav(zhao, '岗位对接');
    await zhao.getByRole('button', { name: '接受' }).click();
    await zhao.waitForURL('**/me/rounds');
    const stationA = await person('station-a@example.cn');
    await nav(stationA, '对接结果');
    await stationA.getByRole('button', { name: '接受 · 赵敏' }).click();
    await stationA.waitForURL('**/employer/proposals');
    await dept.goto(`${server.url}/department/agreements/${s.agreement.id}`);
    expect(await dept.locator('.page-head').innerText()).toContain('服务中');
    expect(await dept.locator('.timeline').innerText()).toContain('待安置 → 服务中');
    await shot(dept, 'agreement');
    await nav(zhao, '我的就业与协议');
    expect(await main(zhao)).toMatch(/服务中[\s\S]*社区养老服务社工/);
    await shot(zhao, 'me-placements');

    // The round page at phone width does not scroll sideways either.
    await dept.setViewportSize(PHONE);
    await dept.goto(roundUrl);
    expect(await fitsWidth(dept)).toBe(true);
    await shot(dept, 'round-phone');
  });
});
