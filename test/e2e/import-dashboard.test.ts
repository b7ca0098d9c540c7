// In Chromium: a department uploads a talent roster from the import page, reads the preview with its
// bad rows, confirms, watches it finish, and the statistics dashboard counts the new talents.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from '../helpers/browser';
import { createAccount } from '../../src/auth/auth.service';
import { idNumber } from '../helpers/ids';

const server = useBrowser();
let token: string;

beforeAll(async () => {
  const email = 'import.browser@example.cn';
  const password = 'import browser password';
  await createAccount(server.t.deps, { email, password, displayName: '内蒙古自治区社会工作部', role: 'department', regionCode: '15' });
  const res = await server.t.app.request('/api/v1/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  token = ((await res.json()) as { token: string }).token;
}, 60_000);

async function department(): Promise<{ page: Page; errors: string[] }> {
  return server.page({ token });
}

/** The roster a county office would send: 9 people in 呼和浩特市 and 包头市, 2 rows with mistakes. */
async function roster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才名册');
  ws.addRow(['序号', '姓名*', '身份证号*', '所在地区*', '学历', '职业资格', '证书编号', '服务领域']);
  const people: [string, string, string, string | null][] = [
    ['其其格', '150102', '助理社会工作师', '老年'],
    ['宝音', '150102', '助理社会工作师', '儿童'],
    ['萨仁', '内蒙古自治区呼和浩特市回民区', '社会工作师', '社区治理'],
    ['阿荣', '150105', '助理社会工作师', '禁毒'],
    ['乌兰', '内蒙古自治区包头市昆都仑区', '社会工作师', '老年'],
    ['娜仁', '150203', '助理社会工作师', null],
    ['哈斯', '150102', '无', '学校'],
  ];
  people.forEach(([name, region, qual, area], i) => {
    const regionCode = /^\d+$/.test(region) ? region : region.includes('包头') ? '150203' : '150103';
    ws.addRow([i + 1, name, idNumber(regionCode, '19960315'), region, '本科', qual, qual === '无' ? null : `SW2024${100 + i}`, area]);
  });
  const broken = idNumber('150102', '19960315');
  ws.addRow([8, '错号码', broken.slice(0, 17) + (broken[17] === '1' ? '2' : '1'), '150102', '本科', '无', null, null]);
  ws.addRow([9, '外省人', idNumber('110101', '19960315'), '110101', '本科', '无', null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A table's cells by row label: { 合计: ['…', …], 助理社会工作师: [...] }. */
async function tableRows(page: Page, id: string): Promise<Record<string, string[]>> {
  const rows = await page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => (td as HTMLElement).innerText.trim())));
  return Object.fromEntries(rows.map((r) => [r[0], r.slice(1)]));
}

describe('import → dashboard in a browser', () => {
  it('uploads a roster, shows the bad rows, commits on confirmation, and the dashboard counts the new talents', { timeout: 180_000 }, async () => {
    const { page, errors } = await department();

    await page.goto(server.url + '/department/statistics');
    const before = await tableRows(page, 'table-talents-qualification');
    expect(before['人才数'][0]).toBe('0');

    const file = { name: '旗县人才名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() };
    const uploadAndConfirm = async () => {
      await page.goto(server.url + '/department/imports');
      await page.getByLabel('名册类型').selectOption({ label: '人才' });
      await page.setInputFiles('#imp-file', file);
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.waitForURL(/\/department\/imports\/[a-z0-9]+$/);
    };
    const confirm = async () => {
      await page.getByRole('checkbox', { name: /确认导入 7 行有效记录/ }).check();
      await page.getByRole('button', { name: '确认导入' }).click();
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('main').innerText();
          },
          { timeout: 30_000 },
        )
        .toContain('导入完成：7 行已写入');
    };
    await uploadAndConfirm();

    // The preview: counts and every bad row with its row number, column and reason.
    await expect.poll(() => page.locator('#import-counts').innerText()).toMatch(/有效行\s*7[\s\S]*有问题的行\s*2/);
    const problems = await page.locator('#import-errors tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => (td as HTMLElement).innerText.trim())));
    expect(problems).toEqual([
      ['9', '身份证号*', '校验码不正确'],
      ['10', '所在地区*', '不在本辖区内'],
    ]);
    // Nothing is written yet: the dashboard still counts nobody.
    const peek = await page.context().newPage();
    await peek.goto(server.url + '/department/statistics');
    expect((await tableRows(peek, 'table-talents-qualification'))['人才数'][0]).toBe('0');
    await peek.close();

    // Confirming is explicit.
    await confirm();

    // The dashboard: 7 talents, by qualification and by region.
    await page.goto(server.url + '/department/statistics');
    const after = await tableRows(page, 'table-talents-qualification');
    expect(after['人才数'][0]).toBe('7');
    expect(after['助理社会工作师'][0]).toBe('4');
    expect(after['社会工作师'][0]).toBe('2');
    expect(after['无'][0]).toBe('1');
    const regions = await tableRows(page, 'table-talents-qualification-regions');
    expect(regions['呼和浩特市'][0]).toBe('5');
    expect(regions['包头市'][0]).toBe('2');
    await expect.poll(() => page.locator('#chart-talents-qualification[data-drawn="true"]').count(), { timeout: 10_000 }).toBe(1);

    // The same roster again: 7 updates, no new talents, and the dashboard does not double.
    await uploadAndConfirm();
    await expect.poll(() => page.locator('#import-counts').innerText()).toMatch(/新增\s*0[\s\S]*更新\s*7/);
    await confirm();
    await page.goto(server.url + '/department/statistics');
    expect((await tableRows(page, 'table-talents-qualification'))['人才数'][0]).toBe('7');
    await page.goto(server.url + '/department/imports');
    const history = await page.locator('.import-table tbody tr').allInnerTexts();
    expect(history).toHaveLength(2);
    for (const row of history) expect(row).toMatch(/旗县人才名册\.xlsx[\s\S]*已导入[\s\S]*7 \/ 2/);
    expect(errors).toEqual([]);
  });
});
