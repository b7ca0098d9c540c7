// An employer invites a talent to apply to one of its posts, from the candidates page or talent
// search: post, then back to that page (PRG) with a message — that the invitation went, or why it
// was refused (web/flash.ts, redirectWithProblem).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AppError, invalidFields, zodIssuesToErrors } from '../../../src/lib/errors';
import { InviteBody, invite } from '../../../src/applications';
import { readForm, text } from '../../forms';
import { page, requireRole, safeNext } from '../../page';
import { redirectWith, redirectWithProblem } from '../../flash';

export const invitationsPages = new Hono<AppEnv>();
invitationsPages.use('/employer/invitations', requireRole('employer'));

/** Where the invite forms are (an employer's pages, talent search): back there, and nowhere else —
 * a same-origin path only (safeNext), so the form's `back` cannot send anyone off the site. */
function inviteBack(back: string): string {
  const path = safeNext(back);
  return path && (path.startsWith('/employer/') || path === '/talents/search' || path.startsWith('/talents/search?')) ? path : '/employer/positions';
}

invitationsPages.post('/employer/invitations', async (c) => {
  const { deps, user } = page(c);
  const form = await readForm(c);
  const back = inviteBack(text(form, 'back'));
  const input = { talentId: text(form, 'talentId'), positionId: text(form, 'positionId') };
  try {
    const parsed = InviteBody.safeParse(input);
    if (!parsed.success) throw invalidFields(zodIssuesToErrors(parsed.error.issues, input));
    await invite(deps, user, parsed.data);
  } catch (err) {
    // A refusal of what was posted goes back with its reason; 403 (not a verified employer) and
    // anything unexpected go to the error page, as on every form.
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 403 || (err.status === 404 && !err.errors?.length)) throw err;
    return redirectWithProblem(c, back, 'inviteFailed', err);
  }
  return redirectWith(c, back, 'invited');
});
