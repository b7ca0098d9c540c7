// Password reset by mail (issue 11 §1), through the API with a real SMTP server in-process: the link
// works once, for 30 minutes, ends every session, and asking never reveals who has an account.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { drainMail } from '../../src/mail';
import { smtpTransport } from '../../src/mail/smtp';
import { startMailApp, type SmtpSink } from './smtp-sink';

let sink: SmtpSink;
let t: TestApp;
const ORIGIN = 'https://shegong.example.cn';

let mailApp: Awaited<ReturnType<typeof startMailApp>>;

beforeAll(async () => {
  mailApp = await startMailApp({ MAIL_FROM: 'Shegong <no-reply@shegong.example.cn>' });
  ({ t, sink } = mailApp);
});
afterAll(() => mailApp.close());
beforeEach(() => {
  sink.failing = false;
});

const requestReset = (email: string, headers: Record<string, string> = {}) => new Client(t).request('POST', '/api/v1/auth/password-reset/request', { email }, headers);
const reset = (token: string, newPassword: string) => new Client(t).request('POST', '/api/v1/auth/password-reset', { token, newPassword });
const signIn = (email: string, password: string) => new Client(t).request('POST', '/api/v1/auth/sign-in', { email, password }, { 'x-forwarded-for': '198.51.100.7' });

/** Sends what waits and returns the link mailed to `email` (the last one). */
async function linkFor(email: string): Promise<string> {
  await drainMail(t.deps);
  const mail = sink.received.filter((m) => m.to === email).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  const link = mail.text.split('\n').find((l) => l.startsWith('http'));
  if (!link) throw new Error(`no link in: ${mail.text}`);
  return link;
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('password reset', () => {
  it('mails a single-use link to the account; using it sets the password and ends every session', async () => {
    const user = await signedIn(t, 'graduate');
    const second = await signedIn(t, 'graduate', { email: `again.${user.email}` });
    const res = await requestReset(user.email);
    expect(res.status).toBe(202);
    const link = await linkFor(user.email);
    expect(link.startsWith(`${ORIGIN}/password/reset?token=`)).toBe(true);
    const mail = sink.received.filter((m) => m.to === user.email).at(-1)!;
    expect(mail.subject).toBe('重置密码 / Reset your password');
    expect(mail.from).toContain('no-reply@shegong.example.cn');
    expect(mail.text).toContain('30 分钟');

    expect(await reset(tokenOf(link), 'a brand new secret').then((r) => r.status)).toBe(204);
    expect((await user.get('/api/v1/me')).status).toBe(401);
    expect((await signIn(user.email, 'correct horse battery')).status).toBe(401);
    expect((await signIn(user.email, 'a brand new secret')).status).toBe(200);
    // Another account's session is untouched.
    expect((await second.get('/api/v1/me')).status).toBe(200);
    // Once only.
    await expectProblem(await reset(tokenOf(link), 'yet another secret'), 422, 'token');
  });

  it('answers the same for an address without an account, and mails nothing to it', async () => {
    const stranger = `nobody.${Date.now()}@example.cn`;
    const res = await requestReset(stranger);
    const known = await signedIn(t, 'employer');
    const res2 = await requestReset(known.email);
    expect(res.status).toBe(202);
    expect(res2.status).toBe(202);
    expect(await res.json()).toEqual(await res2.json());
    await drainMail(t.deps);
    expect(sink.received.some((m) => m.to === stranger)).toBe(false);
    expect(sink.received.some((m) => m.to === known.email)).toBe(true);
  });

  it('a link expires after 30 minutes, and a newer reset ends the older links', async () => {
    const user = await signedIn(t, 'graduate');
    await requestReset(user.email);
    const first = tokenOf(await linkFor(user.email));
    t.clock.now += 31 * 60_000;
    await expectProblem(await reset(first, 'too late secret'), 422, 'token');
    await requestReset(user.email);
    const a = tokenOf(await linkFor(user.email));
    await requestReset(user.email);
    const b = tokenOf(await linkFor(user.email));
    expect(a).not.toBe(b);
    expect((await reset(b, 'the newest secret')).status).toBe(204);
    await expectProblem(await reset(a, 'an older link secret'), 422, 'token');
  });

  it('two uses of one link at once: exactly one wins', async () => {
    const user = await signedIn(t, 'graduate');
    await requestReset(user.email);
    const token = tokenOf(await linkFor(user.email));
    const statuses = (await Promise.all([reset(token, 'first parallel secret'), reset(token, 'second parallel secret')])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 422]);
  });

  it('limits requests per address (3 an hour), whoever asks', async () => {
    const user = await signedIn(t, 'graduate');
    for (let i = 0; i < 3; i++) expect((await requestReset(user.email, { 'x-forwarded-for': `192.0.2.${i}` })).status).toBe(202);
    const refused = await requestReset(user.email, { 'x-forwarded-for': '192.0.2.99' });
    const problem = await expectProblem(refused, 429);
    expect(problem.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('bad input names the field; a wrong or oversized token is refused without a 5xx', async () => {
    await expectProblem(await requestReset('not an email'), 422, 'email');
    await expectProblem(await reset('x'.repeat(101), 'long enough secret'), 422, 'token');
    await expectProblem(await reset('no-such-token', 'long enough secret'), 422, 'token');
    await expectProblem(await reset('no-such-token', 'short'), 422, 'newPassword');
  });

  it('keeps the link out of the database: the body is sealed, and dropped once sent', async () => {
    const user = await signedIn(t, 'graduate');
    await requestReset(user.email);
    const waiting = await t.deps.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', user.email).where('status', '=', 'waiting').executeTakeFirstOrThrow();
    expect(waiting.body_sealed).not.toContain('password/reset');
    const token = tokenOf(await linkFor(user.email));
    const sent = await t.deps.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', waiting.id).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', body_sealed: null });
    const stored = await t.deps.database.db.selectFrom('password_resets').select('token_hash').execute();
    const asText = stored.map((r) => Buffer.from(r.token_hash).toString('utf8')).join(' ');
    expect(asText).not.toContain(token);
  });
});

describe('the mail outbox', () => {
  it('retries a refused message later, with a growing delay, and never logs the address', async () => {
    const user = await signedIn(t, 'graduate');
    await drainMail(t.deps); // the sign-up's own mail goes first
    sink.failing = true;
    await requestReset(user.email);
    expect(await drainMail(t.deps)).toMatchObject({ failed: 1 });
    const row = await t.deps.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', user.email).where('kind', '=', 'password_reset').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(row.next_attempt_at).toBe(t.clock.now + 30_000);
    // Not due yet: nothing is tried.
    sink.failing = false;
    expect(await drainMail(t.deps)).toEqual({ sent: 0, failed: 0 });
    t.clock.now += 30_000;
    expect(await drainMail(t.deps)).toMatchObject({ sent: 1 });
    expect(sink.received.some((m) => m.to === user.email)).toBe(true);
    expect(JSON.stringify(t.logs)).not.toContain(user.email);
  });
});

describe('without mail', () => {
  it('production without SMTP answers 503 mail_not_configured; without PUBLIC_ORIGIN too', async () => {
    const bare = await makeTestApp();
    try {
      const res = await bare.app.request('/api/v1/auth/password-reset/request', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.cn' }),
      });
      expect((await expectProblem(res, 503)).code).toBe('mail_not_configured');
    } finally {
      bare.close();
    }
    const noOrigin = await makeTestApp({ SMTP_URL: sink.url });
    noOrigin.deps.mail = smtpTransport(sink.url);
    try {
      const res = await noOrigin.app.request('/api/v1/auth/password-reset/request', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'evil.example' },
        body: JSON.stringify({ email: 'a@example.cn' }),
      });
      expect((await expectProblem(res, 503)).code).toBe('mail_not_configured');
    } finally {
      noOrigin.deps.mail?.close();
      noOrigin.close();
    }
  });
});
