// Issue 11 §2 in Chromium: an employer invites an applicant to an interview; the graduate sees the
// unread count in the header at phone width, reads the message with the interview details, and
// marks it read.
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../helpers/browser';
import { graduateWithProfile, makeEmployer, makePosition, interviewBody } from '../helpers/builders';

const s = useBrowser();

describe('notifications in a browser', () => {
  it('a stage change reaches the talent: header count, message centre, mark all read', { timeout: 90_000 }, async () => {
    const { t } = s;
    const employer = await makeEmployer(t, { name: '青城社工服务中心' });
    const positionId = await makePosition(employer.client, { title: '儿童社工', opensOn: '2026-01-01', closesOn: '2027-12-31' });
    const grad = await graduateWithProfile(t);
    const applied = await grad.client.post('/api/v1/applications', { positionId });
    expect(applied.status).toBe(201);
    const { id } = (await applied.json()) as { id: string };
    await employer.client.post(`/api/v1/applications/${id}/status`, { status: 'reviewing' });
    await employer.client.post(`/api/v1/applications/${id}/status`, { status: 'interview', note: '请带上毕业证书', interview: interviewBody(t.clock.now) });

    const { page, errors } = await s.page({ viewport: 'phone', token: grad.client.token! });
    await page.goto(`${s.url}/`);
    const link = page.getByRole('link', { name: /消息/ });
    await expect.poll(() => link.innerText()).toContain('2');
    await link.click();
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('已进入“面试”阶段。面试时间：');
    await expect.poll(() => main.innerText()).toContain('地点：社区服务中心二楼。单位留言：请带上毕业证书');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => main.innerText()).toContain('消息已全部标为已读');
    expect(await page.getByRole('link', { name: /消息/ }).innerText()).not.toContain('2');
    expect(errors).toEqual([]);
  });
});
