// In Chromium: a department signs in, fills the export form and gets a download whose name is the
// UTF-8 filename* and whose content is the export; the quick link downloads too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/auth/auth.service';
import { useBrowser } from '../helpers/browser';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { talentWithId } from './helpers';

const server = useBrowser();

describe('export page in a browser', () => {
  it('downloads the chosen export with its Chinese file name', async () => {
    const { t, url } = server;
    const p = await talentWithId(t, { name: '=李娜', region_code: '150102' });
    await talentWithId(t, { name: '包头人', region_code: '150202' });
    await createAccount(t.deps, {
      email: 'export.dept@example.cn',
      password: 'correct horse battery',
      displayName: '呼和浩特市社会工作部',
      role: 'department',
      regionCode: '1501',
    });

    const { page, context } = await server.page({ acceptDownloads: true, errors: 'none' });
    await page.goto(`${url}/sign-in?next=/department/exports`);
    await page.fill('input[name="email"]', 'export.dept@example.cn');
    await page.fill('input[name="password"]', 'correct horse battery');
    await Promise.all([page.waitForURL(`${url}/department/exports`), page.click('main form button[type="submit"]')]);

    await page.selectOption('select[name="dataset"]', 'talents');
    await page.selectOption('select[name="format"]', 'xlsx');
    await page.check('input[name="reveal"]');
    await page.selectOption('select[name="purpose"]', 'agreement');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action="/department/exports"] button[type="submit"]')]);
    expect(download.suggestedFilename()).toMatch(/^人才名录_内蒙古自治区呼和浩特市_\d{4}-\d{2}-\d{2}_含完整证件号\.xlsx$/);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const rows: string[][] = [];
    for await (const r of nodeXlsx.readRows(bytes)) rows.push(r.cells.map((c) => String(c ?? '')));
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(0, 1)).toEqual(["'=李娜"]);
    expect(rows[1][4]).toBe(p.idNumber);
    expect(await t.deps.database.db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'export_reveal' }]);

    const [quick] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/api/v1/exports/placements?format=csv"]')]);
    expect(quick.suggestedFilename()).toMatch(/^岗位对接记录_内蒙古自治区呼和浩特市_.*\.csv$/);
    expect(readFileSync((await quick.path())!, 'utf8')).toMatch(/^\uFEFF人才姓名,身份证号/);
    await context.close();
  });
});
