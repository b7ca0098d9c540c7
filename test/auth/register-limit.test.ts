// Sign-ups are limited per client address (issue 11 §1: 40 registrations in 15 s were all accepted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, uniqueEmail, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ REGISTER_MAX_PER_ADDRESS: '3' });
});
afterAll(() => t.close());

const signUp = (address: string) =>
  t.app.request('/api/v1/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email: uniqueEmail('limit'), password: 'a long password', displayName: '李娜', role: 'graduate' }),
  });

describe('the sign-up limit per address', () => {
  it('holds under parallel sign-ups, answers 429 with Retry-After, leaves other addresses alone, and lifts after the hour', async () => {
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => signUp('198.51.100.9')))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    const refused = await signUp('198.51.100.9');
    expect((await expectProblem(refused, 429)).code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const users = await t.deps.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe(3);
    expect((await signUp('198.51.100.10')).status).toBe(201);
    t.clock.now += 60 * 60_000;
    expect((await signUp('198.51.100.9')).status).toBe(201);
  });

  it('the sign-up page says so, in Chinese', async () => {
    for (let i = 0; i < 3; i++) await signUp('203.0.113.77');
    const form = new URLSearchParams({ email: uniqueEmail('page'), password: 'a long password', displayName: '王芳', role: 'graduate' });
    const res = await t.app.request('/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.77', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      body: form.toString(),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(await res.text()).toContain('尝试次数过多');
  });
});
