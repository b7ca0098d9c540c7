// Forgotten passwords: ask for a link by mail, then set a new password with it (src/auth reset).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { PasswordResetBody, PasswordResetRequestBody, clearSessionCookie, requestPasswordReset, resetPassword, resetTokenUsable } from '../../../src/auth';
import { ErrorSummary, TextField } from '../../components';
import { readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

export const passwordPages = new Hono<AppEnv>();

function forgotPage(c: WebContext, values: FormValues = {}, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  return render(
    c,
    m.auth.forgotTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.forgotTitle}</h1>
        <p class="muted">{m.auth.forgotLead}</p>
        <ErrorSummary errors={errors} />
        <form method="post" action="/password/forgot" class="stack" novalidate>
          <TextField name="email" type="email" label={m.auth.email} values={values} errors={errors} required autocomplete="username" />
          <div class="form-actions">
            <button type="submit">{m.auth.forgotButton}</button>
          </div>
        </form>
        <p class="muted small mt-16">
          <a href="/sign-in">{m.nav.signIn}</a>
        </p>
      </section>
    </div>,
    status,
  );
}

function resetPage(c: WebContext, token: string, usable: boolean, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  // The token is in this page's address: no Referer may carry it to another site.
  c.header('Referrer-Policy', 'no-referrer');
  return render(
    c,
    m.auth.resetTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.resetTitle}</h1>
        {usable ? (
          <>
            <p class="muted">{m.auth.resetLead}</p>
            <ErrorSummary errors={errors} />
            <form method="post" action="/password/reset" class="stack" novalidate>
              <input type="hidden" name="token" value={token} />
              <TextField name="newPassword" type="password" label={m.auth.newPassword} errors={errors} required autocomplete="new-password" hint={m.auth.passwordHint} />
              <div class="form-actions">
                <button type="submit">{m.auth.resetButton}</button>
              </div>
            </form>
          </>
        ) : (
          <>
            <p class="notice">{m.auth.resetInvalid}</p>
            <p>
              <a class="btn" href="/password/forgot">
                {m.auth.resetAgain}
              </a>
            </p>
          </>
        )}
      </section>
    </div>,
    status,
  );
}

passwordPages.get('/password/forgot', (c) => forgotPage(c));

passwordPages.post('/password/forgot', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { email: text(form, 'email') };
  const out = await submit(m, PasswordResetRequestBody, input, (d) => requestPasswordReset(deps, d.email, new URL(c.req.url).origin));
  if (!out.ok) {
    for (const [k, v] of Object.entries(out.headers ?? {})) c.header(k, v);
    return forgotPage(c, input, out.errors, out.status);
  }
  return redirectWith(c, '/sign-in', 'resetMailSent');
});

passwordPages.get('/password/reset', async (c) => {
  const token = c.req.query('token') ?? '';
  return resetPage(c, token, await resetTokenUsable(page(c).deps, token));
});

passwordPages.post('/password/reset', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { token: text(form, 'token'), newPassword: text(form, 'newPassword') };
  const out = await submit(m, PasswordResetBody, input, (d) => resetPassword(deps, d.token, d.newPassword));
  if (!out.ok) {
    const tokenBad = out.errors.fields.token !== undefined;
    return resetPage(c, input.token, !tokenBad, out.errors, out.status);
  }
  clearSessionCookie(c);
  return redirectWith(c, '/sign-in', 'passwordReset');
});
