// A refused post sent back with its reason (web/flash.ts): the refusal always arrives, even when its
// reason's parameters are too long for the cookie; it shows once; a cookie the browser changed shows
// nothing it was not meant to. A stand-in route refuses, as the invite form's handler does.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fieldError } from '../../src/lib/errors';
import type { AppEnv } from '../../src/lib/context';
import { redirectWithProblem, takeFlashProblem } from '../../web/flash';

function app(params: Record<string, string | number>) {
  const a = new Hono<AppEnv>();
  a.post('/refuse', (c) => redirectWithProblem(c, '/back', 'inviteFailed', fieldError('graduationYear', 'training_too_long', params)));
  a.get('/back', (c) => c.json(takeFlashProblem(c, 'zh')));
  return a;
}

/** Posts, follows the redirect with the cookie it set, and reads the lines shown there. */
async function refusedThenShown(a: Hono<AppEnv>, cookieEdit = (v: string) => v): Promise<{ lines: string[] | null; again: string[] | null }> {
  const res = await a.request('https://site.test/refuse', { method: 'POST' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/back');
  const set = res.headers.get('set-cookie') ?? '';
  const cookie = cookieEdit(set.split(';')[0]);
  const shown = await a.request('https://site.test/back', { headers: { cookie } });
  const cleared = shown.headers.get('set-cookie') ?? '';
  expect(cleared).toMatch(/flash_problem=;/);
  return { lines: await shown.json(), again: await (await a.request('https://site.test/back')).json() };
}

describe('a refused post shows why on the page it returns to', () => {
  it('with the reason and its parameters, once', async () => {
    const { lines, again } = await refusedThenShown(app({ n: 8 }));
    expect(lines).toEqual(['邀请未发送。', '不能晚于入学年份 8 年以上']);
    expect(again).toBeNull();
  });

  it('still says the post was refused when its reason cannot be told whole, and never shows a half-filled reason', async () => {
    const { lines } = await refusedThenShown(app({ n: 'x'.repeat(2_000) }));
    expect(lines).toEqual(['邀请未发送。']);
  });

  it('shows no text a changed cookie brings', async () => {
    const forged = encodeURIComponent(JSON.stringify({ lead: 'inviteFailed', errors: [{ code: '<script>', params: {} }] }));
    const { lines } = await refusedThenShown(app({ n: 8 }), () => `flash_problem=${forged}`);
    expect(lines).toEqual(['邀请未发送。']);
  });
});
