// Issue 11 §5 in Chromium: the employer schedules an interview from the applicants page (desktop and
// phone), sees the talent's phone and email once it is scheduled, and the talent reads the message
// and sees the interview and that their contact was shown, on their applications page. Set
// SCREENSHOTS_DIR to keep full-page pictures of each step.
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitsWidth, screenshot, useBrowser } from '../helpers/browser';
import { graduateWithProfile, interviewBody, makeEmployer, makePosition } from '../helpers/builders';

const s = useBrowser();
const shots = process.env.SCREENSHOTS_DIR;
if (shots) mkdirSync(shots, { recursive: true });

describe('an interview in a browser', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`the employer schedules it and the talent sees it (${viewport})`, { timeout: 120_000 }, async () => {
      const { t } = s;
      const employer = await makeEmployer(t, { name: '青城社工服务中心' });
      const positionId = await makePosition(employer.client, { title: '儿童社工', opensOn: '2026-01-01', closesOn: '2027-12-31' });
      const grad = await graduateWithProfile(t, { phone: '13812345678' });
      const applied = await grad.client.post('/api/v1/applications', { positionId });
      const { id } = (await applied.json()) as { id: string };
      expect((await employer.client.post(`/api/v1/applications/${id}/status`, { status: 'reviewing' })).status).toBe(200);
      const when = interviewBody(t.clock.now) as { date: string };

      // The employer: the stage filter counts, the phone still masked, then the interview form.
      const e = await s.page({ viewport, token: employer.client.token! });
      await e.page.goto(`${s.url}/employer/positions/${positionId}/applicants`);
      const main = e.page.locator('main');
      await expect.poll(() => main.innerText()).toContain('审核中（1）');
      expect(await main.innerText()).toContain('138****5678');
      await e.page.getByText('安排面试', { exact: true }).first().click();
      // A date in the past is refused next to its field, and nothing moves.
      await e.page.getByLabel('面试日期').fill('2020-01-01');
      await e.page.getByLabel('面试时间').fill('09:30');
      await e.page.getByLabel('地点').fill('社区服务中心二楼');
      await e.page.getByRole('button', { name: '安排面试' }).click();
      await expect.poll(() => main.innerText()).toContain('不能早于今天');
      await e.page.getByLabel('面试日期').fill(when.date);
      await e.page.getByRole('button', { name: '安排面试' }).click();
      await expect.poll(() => main.innerText()).toContain('报名状态已更新');
      const after = await main.innerText();
      expect(after).toContain(`${when.date} 09:30 · 社区服务中心二楼`);
      expect(after).toContain('13812345678');
      expect(after).toContain(grad.client.email);
      expect(await fitsWidth(e.page)).toBe(true);
      if (shots) await screenshot(e.page, `${shots}/applicants-${viewport}.png`);
      expect(e.errors).toEqual([]);

      // The talent: the message with the details, then the applications page.
      const g = await s.page({ viewport, token: grad.client.token! });
      await g.page.goto(`${s.url}/messages`);
      const gm = g.page.locator('main');
      await expect.poll(() => gm.innerText()).toContain(`面试时间：${when.date} 09:30，地点：社区服务中心二楼`);
      await g.page.goto(`${s.url}/me/applications`);
      const page = await gm.innerText();
      expect(page).toContain('面试安排');
      expect(page).toContain(`${when.date} 09:30`);
      expect(page).toContain('社区服务中心二楼');
      expect(page).toMatch(/您的手机号和邮箱已于 \S+ 向「青城社工服务中心」显示/);
      expect(await fitsWidth(g.page)).toBe(true);
      if (shots) await screenshot(g.page, `${shots}/my-applications-${viewport}.png`);
      expect(g.errors).toEqual([]);
    });
  }

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`an employer invites a talent from talent search and the talent gets the post's link (${viewport})`, { timeout: 120_000 }, async () => {
      const { t } = s;
      const employer = await makeEmployer(t, { name: '北疆社工服务中心' });
      await makePosition(employer.client, { title: '社区矫正社工', opensOn: '2026-01-01', closesOn: '2027-12-31' });
      // Employers search without names: a school only this talent has finds her.
      const school = viewport === 'desktop' ? '北疆理工学院' : '北疆师范学院';
      const grad = await graduateWithProfile(t, { education: { level: 'bachelor', school, major: '社会工作', graduationYear: 2018 } });
      const e = await s.page({ viewport, token: employer.client.token! });
      await e.page.goto(`${s.url}/talents/search?q=${encodeURIComponent(school)}`);
      const card = e.page.locator('main li.search-hit');
      await expect.poll(() => card.count()).toBe(1);
      // The invite sits inside the search form's results; its controls name their own form.
      await card.getByRole('button', { name: '邀请报名' }).click();
      await expect.poll(() => e.page.locator('main').innerText()).toContain('邀请已发送');
      expect(e.errors).toEqual([]);

      const g = await s.page({ viewport, token: grad.client.token! });
      await g.page.goto(`${s.url}/messages`);
      const gm = g.page.locator('main');
      await expect.poll(() => gm.innerText()).toContain('北疆社工服务中心邀请您报名岗位「社区矫正社工」');
      await gm.locator('li', { hasText: '北疆社工服务中心邀请您报名' }).getByRole('link').first().click();
      await g.page.waitForURL('**/positions/*');
      await expect.poll(() => g.page.locator('main').innerText()).toContain('社区矫正社工');
      expect(await fitsWidth(g.page)).toBe(true);
      expect(g.errors).toEqual([]);
    });
  }
});
