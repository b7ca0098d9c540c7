// The two steps after the sign-up form when the server sends mail: "check your mailbox", and the
// link's page that creates the account (src/auth signup.service). The link only shows a button:
// a mail scanner that opens it creates nothing.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { SignUpConfirmBody, confirmSignUp, setDeviceCookie, setSessionCookie, signUpTokenUsable } from '../../../src/auth';
import { ErrorSummary } from '../../components';
import { readForm, submit, text, type FormErrors } from '../../forms';
import { homeOf, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';

export const signUpPages = new Hono<AppEnv>();

signUpPages.get('/sign-up/sent', (c) => {
  const { m } = page(c);
  return render(
    c,
    m.auth.signUpSentTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.signUpSentTitle}</h1>
        <p>{m.auth.signUpSentLead}</p>
        <p class="muted small">{m.auth.signUpSentNoMail}</p>
        <p class="muted small mt-16">
          <a href="/sign-in">{m.nav.signIn}</a>
        </p>
      </section>
    </div>,
  );
});

function confirmPage(c: WebContext, token: string, usable: boolean, errors?: FormErrors, status = 200) {
  const { m } = page(c);
  // The token is in this page's address: no Referer may carry it to another site.
  c.header('Referrer-Policy', 'no-referrer');
  return render(
    c,
    m.auth.signUpConfirmTitle,
    <div class="narrow">
      <section class="card auth-card">
        <h1>{m.auth.signUpConfirmTitle}</h1>
        <ErrorSummary errors={errors} />
        {usable ? (
          <form method="post" action="/sign-up/confirm" class="stack">
            <p>{m.auth.signUpConfirmLead}</p>
            <input type="hidden" name="token" value={token} />
            <div class="form-actions">
              <button type="submit">{m.auth.signUpConfirmButton}</button>
            </div>
          </form>
        ) : (
          <>
            <p class="notice">{m.auth.signUpConfirmInvalid}</p>
            <p class="form-actions">
              <a class="btn" href="/sign-in">
                {m.nav.signIn}
              </a>
              <a class="btn secondary" href="/sign-up">
                {m.auth.signUpAgain}
              </a>
            </p>
          </>
        )}
      </section>
    </div>,
    status,
  );
}

signUpPages.get('/sign-up/confirm', async (c) => {
  const token = c.req.query('token') ?? '';
  return confirmPage(c, token, await signUpTokenUsable(page(c).deps, token));
});

signUpPages.post('/sign-up/confirm', async (c) => {
  const { m, deps } = page(c);
  const form = await readForm(c);
  const input = { token: text(form, 'token') };
  const out = await submit(m, SignUpConfirmBody, input, (d) => confirmSignUp(deps, d.token, c.req.header('user-agent') ?? null));
  if (!out.ok) return confirmPage(c, input.token, false, undefined, out.status);
  setSessionCookie(c, out.value.token);
  setDeviceCookie(c, out.value.device);
  return redirectWith(c, homeOf(out.value.user), 'signedUp');
});
