// Content-Security-Policy in Chromium (issue 9 A6): every page, for every role and the public,
// loads under the policy with no violation (inline script, handler or style attribute) and no
// console error. The policy is the server's own header, so a page that needs anything inline fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser';
import { account, PASSWORD, seedDemo } from './seed';
import { signIn } from '../../src/auth/auth.service';
import { Client } from '../helpers/app';
import { agreementBody } from '../helpers/builders';
import { TALENT_HEADER, talentRow, upload, utf8Csv } from '../imports/helpers';

const server = useBrowser();
const pages: Record<string, string[]> = {};
const emails: Record<string, string | null> = {};

beforeAll(async () => {
  const { t } = server;
  const seeded = await seedDemo(t.deps);
  await account(t.deps, 'admin', 'admin@example.cn', '管理员');
  const client = async (email: string) => {
    const c = new Client(t);
    c.token = (await signIn(t.deps, email, PASSWORD, 'csp')).token;
    return c;
  };
  const dept = await client('dept@example.cn');
  const talent = await t.deps.database.db.selectFrom('talents').select('id').where('user_id', '=', seeded.grad.id).executeTakeFirstOrThrow();
  const agreement = (await (await dept.post('/api/v1/agreements', agreementBody(talent.id))).json()) as { id: string };
  const round = (await (await dept.post('/api/v1/rounds', { name: '2026 年社区社工统一匹配' })).json()) as { id: string };
  const imported = (await (await upload(t, dept, 'talents', utf8Csv(TALENT_HEADER, [talentRow(), talentRow({ id: '1' })]), 'roster.csv')).json()) as { id: string };
  expect([agreement.id, round.id, imported.id].every(Boolean)).toBe(true);
  const [p1, p2] = seeded.positions.map((p) => p.id);

  const everyone = ['/', '/?lang=en', `/positions/${p1}`, '/search?q=社工', '/api/docs', '/no-such-page'];
  const department = [
    '/department/employers',
    '/department/talents',
    '/department/search?q=李娜',
    '/department/agreements',
    `/department/agreements/${agreement.id}`,
    '/department/placements',
    '/department/rounds',
    `/department/rounds/${round.id}`,
    '/department/statistics',
    '/department/statistics/supply-demand',
    '/department/statistics/coverage',
    '/department/statistics/placements',
    '/department/statistics/directed-training',
    '/department/statistics/lapsing',
    '/department/imports',
    `/department/imports/${imported.id}`,
    '/department/exports',
  ];
  emails.public = null;
  pages.public = [...everyone, '/sign-in', '/sign-up', '/sign-in?next=/me/profile'];
  emails.graduate = 'grad@example.cn';
  pages.graduate = [...everyone, `/positions/${p2}`, '/me/profile', '/me/applications', '/me/recommendations', '/me/rounds', '/me/placements', '/department/employers'];
  emails.employer = 'org0@example.cn';
  pages.employer = [
    ...everyone,
    '/employer',
    '/employer/positions',
    `/employer/positions/${p1}/edit`,
    `/employer/positions/${p1}/applicants`,
    `/employer/positions/${p1}/candidates`,
    '/talents/search?q=社工',
    '/employer/proposals',
    '/employer/placements',
  ];
  emails.department = 'dept@example.cn';
  pages.department = [...everyone, ...department];
  emails.admin = 'admin@example.cn';
  pages.admin = [
    ...everyone,
    // The department's pages are walked for the department; the admin sees two of them (same markup).
    '/department/employers',
    '/department/statistics',
    '/admin/search',
    '/admin',
    '/admin/departments',
    '/admin/users?email=example.cn',
    '/admin/audit',
    '/admin/imports',
    '/admin/search/status',
  ];
}, 120_000);

describe('Content-Security-Policy in a browser', () => {
  for (const role of ['public', 'graduate', 'employer', 'department', 'admin']) {
    it(`every page for ${role} loads with no CSP violation or console error`, { timeout: 180_000 }, async () => {
      const email = emails[role];
      const token = email ? (await signIn(server.t.deps, email, PASSWORD, 'csp')).token : undefined;
      const { page, context } = await server.page({ token, errors: 'none', acceptDialogs: false });
      // Reported by the page itself (CSP violations are events as well as console messages).
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __csp: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      const problems: string[] = [];
      let current = '';
      page.on('console', (msg) => {
        // The 404 page and a role's forbidden pages answer 4xx on purpose; Chromium logs that.
        if (msg.type() === 'error' && !/status of 40[34]/.test(msg.text())) problems.push(`${current}: console: ${msg.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${current}: pageerror: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 500 || (r.status() >= 400 && !r.request().isNavigationRequest())) problems.push(`${current}: ${r.status()} ${r.url()}`);
      });
      let checked = 0;
      let hovered = 0;
      for (const path of pages[role]) {
        current = path;
        // 'load' comes after the deferred scripts ran (they draw the charts); a short breath lets the
        // violation events they caused arrive (networkidle would wait 500 ms on every page).
        const res = await page.goto(server.url + path, { waitUntil: 'load' });
        await page.waitForTimeout(60);
        // The API reference alone also allows data: images (Swagger UI's icons).
        const policy = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" + (path === '/api/docs' ? "; img-src 'self' data:" : '');
        expect(res?.headers()['content-security-policy'], path).toBe(policy);
        // Charts draw their tooltips on hover: ECharts' HTML tooltips would set style attributes.
        for (const chart of await page.locator('[data-drawn="true"]').all()) {
          await chart.scrollIntoViewIfNeeded();
          const box = await chart.boundingBox();
          if (box) for (const fx of [0.3, 0.6]) await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.5);
          await page.waitForTimeout(150);
          hovered += 1;
        }
        const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
        for (const v of violations) problems.push(`${path}: csp: ${v}`);
        checked += 1;
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(checked).toBe(pages[role].length);
      if (role === 'department' || role === 'admin') expect(hovered).toBeGreaterThan(5);
    });
  }
});
