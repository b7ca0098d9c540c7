// An employer invites a talent to apply to one of its posts, from the candidates page or talent
// search: post, then back to that page (PRG) with a message; a refusal shows its reason and a way back.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { InviteBody, invite } from '../../../src/applications';
import { readForm, submit, text } from '../../forms';
import { page, render, requireRole, safeNext } from '../../page';
import { redirectWith } from '../../flash';

export const invitationsPages = new Hono<AppEnv>();
invitationsPages.use('/employer/invitations', requireRole('employer'));

invitationsPages.post('/employer/invitations', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const back = safeNext(text(form, 'back')) ?? '/employer/positions';
  const out = await submit(m, InviteBody, { talentId: text(form, 'talentId'), positionId: text(form, 'positionId') }, (d) => invite(deps, user, d));
  if (out.ok) return redirectWith(c, back, 'invited');
  return render(
    c,
    m.contact.invite,
    <>
      <div class="page-head">
        <h1>{m.contact.invite}</h1>
      </div>
      <div class="notice error" role="alert">
        <p>{m.contact.inviteFailed}</p>
        {Object.values(out.errors.fields).map((e) => (
          <p>{e}</p>
        ))}
      </div>
      <p>
        <a class="btn secondary" href={back}>
          {m.contact.backToPage}
        </a>
      </p>
    </>,
    out.status,
  );
});
