// The account API (issue 11 §1): sessions listed and signed out (only one's own), and a change of
// email confirmed by a link mailed to the new address (a real SMTP server in-process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, signedIn, type TestApp } from '../helpers/app';
import { drainMail } from '../../src/mail';
import { startMailApp, type SmtpSink } from './smtp-sink';

let sink: SmtpSink;
let t: TestApp;

let mailApp: Awaited<ReturnType<typeof startMailApp>>;

beforeAll(async () => {
  mailApp = await startMailApp();
  ({ t, sink } = mailApp);
});
afterAll(() => mailApp.close());

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

async function secondSession(email: string): Promise<Client> {
  const res = await t.app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': PHONE_UA, 'x-forwarded-for': '198.51.100.20' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  const c = new Client(t);
  c.token = ((await res.json()) as { token: string }).token;
  return c;
}

async function linkTo(address: string): Promise<string> {
  await drainMail(t.deps);
  const mail = sink.received.filter((m) => m.to === address).at(-1);
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail.text.split('\n').find((l) => l.startsWith('https://'))!;
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('sessions', () => {
  it('lists the devices of the account, marks this one, and signs out the others', async () => {
    const me = await signedIn(t, 'graduate');
    // Signing up left a session of its own: start from this one only.
    await me.post('/api/v1/me/sessions/sign-out-others', {});
    const phone = await secondSession(me.email);
    const list = (await (await me.get('/api/v1/me/sessions')).json()) as { items: { id: string; current: boolean; device: string | null }[] };
    expect(list.items).toHaveLength(2);
    expect(list.items.filter((s) => s.current)).toHaveLength(1);
    expect(list.items.find((s) => !s.current)?.device).toBe('Chrome · Android');
    const res = await me.post('/api/v1/me/sessions/sign-out-others', {});
    expect(await res.json()).toEqual({ ended: 1 });
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await me.get('/api/v1/me')).status).toBe(200);
  });

  it("one session at a time; another account's session is not found and stays signed in", async () => {
    const me = await signedIn(t, 'employer');
    const phone = await secondSession(me.email);
    const other = await signedIn(t, 'graduate');
    const theirs = (await (await other.get('/api/v1/me/sessions')).json()) as { items: { id: string }[] };
    await expectProblem(await me.request('DELETE', `/api/v1/me/sessions/${theirs.items[0].id}`), 404);
    expect((await other.get('/api/v1/me')).status).toBe(200);
    const mine = (await (await me.get('/api/v1/me/sessions')).json()) as { items: { id: string; current: boolean; device: string | null }[] };
    const phoneId = mine.items.find((s) => s.device === 'Chrome · Android')!.id;
    expect((await me.request('DELETE', `/api/v1/me/sessions/${phoneId}`)).status).toBe(204);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await new Client(t).get('/api/v1/me/sessions')).status).toBe(401);
  });
});

describe('changing the email', () => {
  it('mails a link to the new address; confirming it changes the sign-in and tells the old address', async () => {
    const me = await signedIn(t, 'graduate');
    const newEmail = `new.${me.email}`;
    expect((await me.post('/api/v1/me/email', { newEmail, currentPassword: 'correct horse battery' })).status).toBe(202);
    // Nothing changes before the link is opened.
    expect(((await (await me.get('/api/v1/me')).json()) as { email: string }).email).toBe(me.email);
    const token = tokenOf(await linkTo(newEmail));
    const res = await new Client(t).post('/api/v1/me/email/confirm', { token });
    expect(await res.json()).toEqual({ email: newEmail });
    expect(((await (await me.get('/api/v1/me')).json()) as { email: string }).email).toBe(newEmail);
    await drainMail(t.deps);
    const notice = sink.received.find((m) => m.to === me.email && m.subject.includes('Your email was changed'));
    expect(notice?.text).toContain(newEmail);
    // Once only.
    await expectProblem(await new Client(t).post('/api/v1/me/email/confirm', { token }), 422, 'token');
  });

  it('needs the current password, and an address another account takes meanwhile is refused at confirmation', async () => {
    const me = await signedIn(t, 'graduate');
    await expectProblem(await me.post('/api/v1/me/email', { newEmail: `x.${me.email}`, currentPassword: 'wrong password' }), 422, 'currentPassword');
    await expectProblem(await me.post('/api/v1/me/email', { newEmail: me.email, currentPassword: 'correct horse battery' }), 422, 'newEmail');
    await expectProblem(await me.post('/api/v1/me/email', { newEmail: 'not an email', currentPassword: 'correct horse battery' }), 422, 'newEmail');
    const wanted = `wanted.${me.email}`;
    expect((await me.post('/api/v1/me/email', { newEmail: wanted, currentPassword: 'correct horse battery' })).status).toBe(202);
    const token = tokenOf(await linkTo(wanted));
    await signedIn(t, 'employer', { email: wanted });
    const problem = await expectProblem(await new Client(t).post('/api/v1/me/email/confirm', { token }), 409, 'token');
    expect(problem.code).toBe('conflict');
    expect(((await (await me.get('/api/v1/me')).json()) as { email: string }).email).toBe(me.email);
    await drainMail(t.deps);
    expect(sink.received.some((m) => m.to === me.email && m.subject.includes('Your email was changed'))).toBe(false);
  });

  it('a link expires after 24 hours', async () => {
    const me = await signedIn(t, 'graduate');
    const newEmail = `later.${me.email}`;
    await me.post('/api/v1/me/email', { newEmail, currentPassword: 'correct horse battery' });
    const token = tokenOf(await linkTo(newEmail));
    t.clock.now += 24 * 60 * 60_000 + 1;
    await expectProblem(await new Client(t).post('/api/v1/me/email/confirm', { token }), 422, 'token');
  });
});
