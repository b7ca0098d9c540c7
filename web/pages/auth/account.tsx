// The account page: who I am, change password, change email (by a link to the new address), and the
// devices signed in. Thin views over src/auth's front door.
import { Hono } from 'hono';
import type { AppEnv, SessionUser } from '../../../src/lib/context';
import {
  ChangePasswordBody,
  EmailChangeBody,
  EmailConfirmBody,
  changePassword,
  confirmEmailChange,
  listSessions,
  requestEmailChange,
  signOutOthers,
  signOutSession,
  type SessionView,
} from '../../../src/auth';
import { ActionButton, ErrorSummary, TextField } from '../../components';
import { readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { dateTime, page, render, requireRole, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { fmt, type Lang, type Messages } from '../../i18n';

export const accountPages = new Hono<AppEnv>();

function Sessions(props: { sessions: SessionView[]; m: Messages; lang: Lang }) {
  const { m, lang } = props;
  return (
    <section class="card">
      <h2>{m.account.sessionsTitle}</h2>
      <p class="muted">{m.account.sessionsLead}</p>
      <ul class="plain-list">
        {props.sessions.map((s) => (
          <li class="session">
            <strong>{s.device ?? m.account.unknownDevice}</strong>
            {s.current && <span class="badge">{m.account.thisDevice}</span>}
            <div class="muted small">
              {fmt(m.account.signedInAt, { time: dateTime(s.createdAt, lang) })} · {fmt(m.account.lastActive, { time: dateTime(s.lastActiveAt, lang) })}
            </div>
            {!s.current && <ActionButton action={`/account/sessions/${encodeURIComponent(s.id)}/sign-out`} label={m.account.signOutOne} tone="secondary" />}
          </li>
        ))}
      </ul>
      {props.sessions.some((s) => !s.current) && <ActionButton action="/account/sessions/sign-out-others" label={m.account.signOutOthers} tone="secondary" />}
    </section>
  );
}

interface AccountView {
  user: SessionUser;
  sessions: SessionView[];
  form?: 'password' | 'email';
  values?: FormValues;
  errors?: FormErrors;
}

function AccountPage(props: AccountView & { m: Messages; lang: Lang }) {
  const { m, user, form, values, errors } = props;
  return (
    <div class="narrow stack">
      <h1>{m.account.title}</h1>
      <section class="card">
        <h2>{m.account.details}</h2>
        <dl class="facts">
          <dt>{m.account.name}</dt>
          <dd>{user.display_name}</dd>
          <dt>{m.account.email}</dt>
          <dd>{user.email}</dd>
          <dt>{m.account.role}</dt>
          <dd>{m.account.roles[user.role]}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>{m.account.passwordTitle}</h2>
        <p class="muted">{m.account.passwordLead}</p>
        {form === 'password' && <ErrorSummary errors={errors} />}
        <form method="post" action="/account/password" class="stack" novalidate>
          <TextField
            name="currentPassword"
            type="password"
            label={m.account.currentPassword}
            errors={form === 'password' ? errors : undefined}
            required
            autocomplete="current-password"
          />
          <TextField
            name="newPassword"
            type="password"
            label={m.account.newPassword}
            errors={form === 'password' ? errors : undefined}
            required
            autocomplete="new-password"
            hint={m.auth.passwordHint}
          />
          <div class="form-actions">
            <button type="submit">{m.account.passwordButton}</button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{m.account.emailTitle}</h2>
        <p class="muted">{m.account.emailLead}</p>
        {form === 'email' && <ErrorSummary errors={errors} />}
        <form method="post" action="/account/email" class="stack" novalidate>
          <TextField
            name="newEmail"
            type="email"
            label={m.account.newEmail}
            values={form === 'email' ? values : undefined}
            errors={form === 'email' ? errors : undefined}
            required
            autocomplete="email"
          />
          <TextField
            name="currentPassword"
            type="password"
            label={m.account.currentPassword}
            errors={form === 'email' ? errors : undefined}
            required
            autocomplete="current-password"
          />
          <div class="form-actions">
            <button type="submit">{m.account.emailButton}</button>
          </div>
        </form>
      </section>
      <Sessions sessions={props.sessions} m={m} lang={props.lang} />
    </div>
  );
}

async function show(c: WebContext, extra: Omit<AccountView, 'user' | 'sessions'> = {}, status = 200) {
  const { m, lang, deps } = page(c);
  const user = c.get('user')!;
  const sessions = await listSessions(deps, user, c.get('sessionId'));
  return render(c, m.account.title, <AccountPage user={user} sessions={sessions} m={m} lang={lang} {...extra} />, status);
}

const signedIn = requireRole('graduate', 'employer', 'department', 'admin');

accountPages.get('/account', signedIn, (c) => show(c));

accountPages.post('/account/password', signedIn, async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword') };
  const out = await submit(m, ChangePasswordBody, input, (d) => changePassword(deps, c.get('user')!, c.get('sessionId'), d.currentPassword, d.newPassword));
  if (!out.ok) return show(c, { form: 'password', errors: out.errors }, out.status);
  return redirectWith(c, '/account', 'passwordChanged');
});

accountPages.post('/account/email', signedIn, async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { newEmail: text(form, 'newEmail'), currentPassword: text(form, 'currentPassword') };
  const out = await submit(m, EmailChangeBody, input, (d) => requestEmailChange(deps, c.get('user')!, d.newEmail, d.currentPassword, new URL(c.req.url).origin));
  if (!out.ok) {
    for (const [k, v] of Object.entries(out.headers ?? {})) c.header(k, v);
    return show(c, { form: 'email', values: { newEmail: input.newEmail }, errors: out.errors }, out.status);
  }
  return redirectWith(c, '/account', 'emailLinkSent');
});

accountPages.post('/account/sessions/sign-out-others', signedIn, async (c) => {
  await signOutOthers(page(c).deps, c.get('user')!, c.get('sessionId'));
  return redirectWith(c, '/account', 'signedOutOthers');
});

accountPages.post('/account/sessions/:id/sign-out', signedIn, async (c) => {
  await signOutSession(page(c).deps, c.get('user')!, c.req.param('id').slice(0, 64));
  return redirectWith(c, '/account', 'sessionEnded');
});

function confirmPage(c: WebContext, token: string, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  c.header('Referrer-Policy', 'no-referrer');
  const bad = errors?.fields.token !== undefined;
  return render(
    c,
    m.account.confirmTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.account.confirmTitle}</h1>
        {bad || !token ? (
          <p class="notice">{status === 409 ? errors?.fields.token : m.account.confirmInvalid}</p>
        ) : (
          <>
            <p class="muted">{m.account.confirmLead}</p>
            <ErrorSummary errors={errors} />
            <form method="post" action="/account/email/confirm">
              <input type="hidden" name="token" value={token} />
              <button type="submit">{m.account.confirmButton}</button>
            </form>
          </>
        )}
      </section>
    </div>,
    status,
  );
}

// Confirming takes a press of a button (a POST): a mail scanner that opens the link changes nothing.
accountPages.get('/account/email/confirm', (c) => confirmPage(c, (c.req.query('token') ?? '').slice(0, 100)));

accountPages.post('/account/email/confirm', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { token: text(form, 'token') };
  const out = await submit(m, EmailConfirmBody, input, (d) => confirmEmailChange(deps, d.token));
  if (!out.ok) return confirmPage(c, input.token, out.errors, out.status);
  return redirectWith(c, c.get('user') ? '/account' : '/sign-in', 'emailChanged');
});
