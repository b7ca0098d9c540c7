// Sign-up confirmed by mail (issue 11 §1: registration must not reveal who is registered), through
// the API and the pages with a real SMTP server in-process. Both kinds of address get the same
// answer; only the mailbox's owner learns which it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import { drainMail } from '../../src/mail';
import { startMailApp, type SmtpSink } from '../mail/smtp-sink';

let t: TestApp;
let sink: SmtpSink;
let mailApp: Awaited<ReturnType<typeof startMailApp>>;
const ORIGIN = 'https://shegong.example.cn';

beforeAll(async () => {
  mailApp = await startMailApp();
  ({ t, sink } = mailApp);
});
afterAll(() => mailApp.close());

const register = (email: string, password = 'a long password', address = '198.51.100.20') =>
  new Client(t).request('POST', '/api/v1/auth/register', { email, password, displayName: '李娜', role: 'graduate' }, { 'x-forwarded-for': address });
const confirm = (token: unknown) => new Client(t).post('/api/v1/auth/register/confirm', { token });

async function mailTo(email: string) {
  await drainMail(t.deps);
  const mail = sink.received.filter((m) => m.to === email).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}
const linkIn = (text: string) => text.split('\n').find((l) => l.startsWith('http')) ?? '';
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const userCount = async (email: string) =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('sign-up by mail', () => {
  it('answers a new and a registered address alike; the new one gets a link, the registered one a warning', async () => {
    const existing = await signedIn(t, 'employer');
    const fresh = uniqueEmail('fresh');
    const a = await register(fresh);
    const b = await register(existing.email);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(await a.json()).toEqual(await b.json());
    expect(await userCount(fresh)).toBe(0);

    const confirmMail = await mailTo(fresh);
    expect(confirmMail.subject).toBe('确认注册 / Confirm your sign-up');
    expect(linkIn(confirmMail.text).startsWith(`${ORIGIN}/sign-up/confirm?token=`)).toBe(true);
    const warning = await mailTo(existing.email);
    expect(warning.subject).toContain('有人尝试用您的邮箱注册');
    expect(warning.text).toContain(`${ORIGIN}/password/forgot`);
    expect(linkIn(warning.text)).toBe(''); // no sign-up link for an address that has an account
    // The existing account is untouched: its password still works.
    expect((await new Client(t).post('/api/v1/auth/sign-in', { email: existing.email, password: 'correct horse battery' })).status).toBe(200);
  });

  it('the link creates the account once, signs in, and ends the other links of the address', async () => {
    const email = uniqueEmail('twice');
    await register(email, 'first password');
    const first = tokenOf(linkIn((await mailTo(email)).text));
    await register(email, 'second password');
    const second = tokenOf(linkIn((await mailTo(email)).text));
    expect(second).not.toBe(first);

    const res = await confirm(second);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; user: { email: string; role: string } };
    expect(body.user).toMatchObject({ email, role: 'graduate' });
    const me = new Client(t);
    me.token = body.token;
    expect((await me.get('/api/v1/me')).status).toBe(200);
    expect(await userCount(email)).toBe(1);
    // The password is the one given with the link that was used.
    expect((await new Client(t).post('/api/v1/auth/sign-in', { email, password: 'second password' })).status).toBe(200);
    expect((await new Client(t).post('/api/v1/auth/sign-in', { email, password: 'first password' })).status).toBe(401);
    // Neither link works again.
    await expectProblem(await confirm(second), 422, 'token');
    await expectProblem(await confirm(first), 422, 'token');
    expect(await userCount(email)).toBe(1);
  });

  it('parallel uses of one link make one account', async () => {
    const email = uniqueEmail('race');
    await register(email);
    const token = tokenOf(linkIn((await mailTo(email)).text));
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => confirm(token)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422]);
    expect(await userCount(email)).toBe(1);
  });

  it('a link expires after 24 hours; bad tokens are refused naming the field', async () => {
    const email = uniqueEmail('late');
    await register(email);
    const token = tokenOf(linkIn((await mailTo(email)).text));
    t.clock.now += 24 * 60 * 60_000 + 1;
    await expectProblem(await confirm(token), 422, 'token');
    expect(await userCount(email)).toBe(0);
    await expectProblem(await confirm('x'.repeat(101)), 422, 'token');
    await expectProblem(await confirm(''), 422, 'token');
    await expectProblem(await confirm(42), 422, 'token');
    await expectProblem(await confirm('nosuchtoken'), 422, 'token');
  });

  it('at most 3 sign-ups an hour name one email, for registered and new addresses alike', async () => {
    const existing = await signedIn(t, 'graduate');
    t.clock.now += 60 * 60_000; // the account's own sign-up is out of the window
    const fresh = uniqueEmail('many');
    for (const email of [existing.email, fresh]) {
      for (let i = 0; i < 3; i++) expect((await register(email, 'a long password', `198.51.100.${30 + i}`)).status).toBe(202);
      const refused = await register(email, 'a long password', '198.51.100.40');
      expect((await expectProblem(refused, 429)).code).toBe('rate_limited');
    }
  });

  it('the pages: the form says "check your mailbox", the link shows a button that creates the account', async () => {
    const email = uniqueEmail('page');
    const post = (path: string, form: Record<string, string>, cookie?: string) =>
      t.app.request(path, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}) },
      });
    const res = await post('http://localhost/sign-up', { email, password: 'a long password', displayName: '王芳', role: 'employer' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-up/sent');
    expect(res.headers.get('set-cookie') ?? '').not.toContain('session=');
    expect(await (await t.app.request('/sign-up/sent')).text()).toContain('请查收邮件');

    const token = tokenOf(linkIn((await mailTo(email)).text));
    const linkPage = await t.app.request(`/sign-up/confirm?token=${token}`);
    expect(linkPage.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await linkPage.text();
    expect(html).toContain('创建账号');
    expect(await userCount(email)).toBe(0); // opening the link creates nothing
    const done = await post('http://localhost/sign-up/confirm', { token });
    expect(done.status).toBe(303);
    expect(done.headers.get('set-cookie') ?? '').toContain('session=');
    expect(await userCount(email)).toBe(1);
    const again = await t.app.request(`/sign-up/confirm?token=${token}&lang=en`);
    expect(await again.text()).toContain('This link is invalid, used or expired');
  });
});
