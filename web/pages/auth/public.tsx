// Sign up, sign in, sign out. The forms call the same account service as /api/v1/auth.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { RegisterBody, SignInBody } from '../../../src/auth';
import { register, signIn } from '../../../src/auth';
import { clearSessionCookie, setSessionCookie } from '../../../src/auth';
import { deleteSession } from '../../../src/auth';
import { readDeviceCookie, setDeviceCookie } from '../../../src/auth';
import { ErrorSummary, TextField, idOf } from '../../components';
import { errorFor, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { homeOf, page, render, safeNext, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

export const authPages = new Hono<AppEnv>();

function signInPage(c: WebContext, values: FormValues = {}, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  const next = safeNext(text(values, 'next') || c.req.query('next'));
  return render(
    c,
    m.auth.signInTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.signInTitle}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action="/sign-in" class="stack" novalidate>
          {next && <input type="hidden" name="next" value={next} />}
          <TextField name="email" type="email" label={m.auth.email} values={values} errors={errors} required autocomplete="username" />
          <TextField name="password" type="password" label={m.auth.password} errors={errors} required autocomplete="current-password" />
          <div class="form-actions">
            <button type="submit">{m.auth.signInButton}</button>
          </div>
        </form>
        <p class="muted small mt-16">
          <a href="/password/forgot">{m.auth.forgotLink}</a>
        </p>
        <p class="muted small">
          {m.auth.noAccount} <a href="/sign-up">{m.nav.signUp}</a>
        </p>
        <p class="muted small">{m.auth.departmentNote}</p>
      </section>
    </div>,
    status,
  );
}

function signUpPage(c: WebContext, values: FormValues = {}, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  const role = text(values, 'role') || c.req.query('role') || 'graduate';
  const roleError = errorFor(errors, 'role');
  const choice = (value: string, title: string, hint: string) => (
    <label class="choice">
      <input type="radio" name="role" value={value} checked={role === value} id={idOf(`role-${value}`)} />
      <span>
        <strong>{title}</strong>
        <span>{hint}</span>
      </span>
    </label>
  );
  return render(
    c,
    m.auth.signUpTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.signUpTitle}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action="/sign-up" class="stack" novalidate>
          <fieldset aria-describedby={roleError ? 'f-role-error' : undefined}>
            <legend>{m.auth.role}</legend>
            <div class="choices">
              {choice('graduate', m.auth.roleGraduate, m.auth.roleGraduateHint)}
              {choice('employer', m.auth.roleEmployer, m.auth.roleEmployerHint)}
            </div>
            {roleError && (
              <p class="field-error" id="f-role-error">
                {roleError}
              </p>
            )}
          </fieldset>
          <TextField name="displayName" label={m.auth.displayName} values={values} errors={errors} required autocomplete="name" maxlength={60} />
          <TextField name="email" type="email" label={m.auth.email} values={values} errors={errors} required autocomplete="email" />
          <TextField name="password" type="password" label={m.auth.password} errors={errors} required autocomplete="new-password" hint={m.auth.passwordHint} />
          <div class="form-actions">
            <button type="submit">{m.auth.signUpButton}</button>
          </div>
        </form>
        <p class="muted small mt-16">
          {m.auth.haveAccount} <a href="/sign-in">{m.nav.signIn}</a>
        </p>
      </section>
    </div>,
    status,
  );
}

authPages.get('/sign-in', (c) => {
  const user = c.get('user');
  if (user) return c.redirect(safeNext(c.req.query('next')) ?? homeOf(user), 303);
  return signInPage(c);
});

authPages.post('/sign-in', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { email: text(form, 'email'), password: text(form, 'password') };
  const out = await submit(m, SignInBody, input, (d) => signIn(deps, d.email, d.password, deps.clientAddress(c), readDeviceCookie(c), c.req.header('user-agent') ?? null));
  if (!out.ok) {
    for (const [k, v] of Object.entries(out.headers ?? {})) c.header(k, v); // Retry-After when rate limited
    return signInPage(c, { email: input.email, next: text(form, 'next') }, out.errors, out.status);
  }
  setSessionCookie(c, out.value.token);
  setDeviceCookie(c, out.value.device);
  return redirectWith(c, safeNext(text(form, 'next')) ?? homeOf(out.value.user), 'signedIn');
});

authPages.get('/sign-up', (c) => {
  const user = c.get('user');
  if (user) return c.redirect(homeOf(user), 303);
  return signUpPage(c);
});

authPages.post('/sign-up', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = {
    email: text(form, 'email'),
    password: text(form, 'password'),
    displayName: text(form, 'displayName'),
    role: text(form, 'role'),
  };
  const from = { address: deps.clientAddress(c), userAgent: c.req.header('user-agent') ?? null, origin: new URL(c.req.url).origin };
  const out = await submit(m, RegisterBody, input, (d) => register(deps, d, from));
  if (!out.ok) for (const [k, v] of Object.entries(out.headers ?? {})) c.header(k, v); // Retry-After when rate limited
  if (!out.ok) return signUpPage(c, { email: input.email, displayName: input.displayName, role: input.role }, out.errors, out.status);
  if (out.value.kind === 'check_mailbox') return c.redirect('/sign-up/sent', 303);
  const { session } = out.value;
  setSessionCookie(c, session.token);
  setDeviceCookie(c, session.device);
  return redirectWith(c, homeOf(session.user), 'signedUp');
});

authPages.post('/sign-out', async (c) => {
  const sessionId = c.get('sessionId');
  if (sessionId) await deleteSession(c.get('deps').database, sessionId);
  clearSessionCookie(c);
  return redirectWith(c, '/', 'signedOut');
});
