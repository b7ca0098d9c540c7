// The employer's "invite to apply" form beside a talent (candidates page, talent search): one post
// (a button) or a choice of its posts that take applications today. Posts to /employer/invitations,
// which comes back to `back`.
import type { InvitablePosition } from '../../src/applications';
import { regionName } from '../../src/regions';
import { fmt, type Lang, type Messages } from '../i18n';

export interface InviteChoices {
  positions: InvitablePosition[];
  invited: Set<string>;
}

/** How a choice list names a post: its title, place and closing date (never its id). */
export const inviteOptionText = (m: Messages, lang: Lang, p: InvitablePosition) =>
  fmt(m.contact.inviteOption, { title: p.title, place: regionName(p.regionName, lang), date: p.closesOn });

/** The form's id when its controls sit inside another form (talent search): they name it with the
 * `form` attribute, and the page puts <InviteFormTarget> outside (forms may not nest). */
export const inviteFormId = (talentId: string) => `invite-form-${talentId}`;

export function InviteFormTarget({ talentId }: { talentId: string }) {
  return <form id={inviteFormId(talentId)} method="post" action="/employer/invitations" hidden />;
}

export function InviteForm({
  m,
  lang,
  talentId,
  choices,
  back,
  positionId,
  nested,
}: {
  m: Messages;
  lang: Lang;
  talentId: string;
  choices: InviteChoices;
  back: string;
  positionId?: string;
  nested?: boolean;
}) {
  const offered = positionId ? choices.positions.filter((p) => p.id === positionId) : choices.positions.filter((p) => !choices.invited.has(`${talentId}:${p.id}`));
  if (positionId && choices.invited.has(`${talentId}:${positionId}`)) return <span class="muted small">{m.contact.invited}</span>;
  if (offered.length === 0) return null;
  const id = `invite-${talentId}`;
  const form = nested ? inviteFormId(talentId) : undefined;
  const controls = (
    <>
      <input type="hidden" name="talentId" value={talentId} form={form} />
      <input type="hidden" name="back" value={back} form={form} />
      {offered.length === 1 ? (
        <input type="hidden" name="positionId" value={offered[0].id} form={form} />
      ) : (
        <>
          <label for={id} class="visually-hidden">
            {m.contact.invitePosition}
          </label>
          <select id={id} name="positionId" form={form}>
            {offered.map((p) => (
              <option value={p.id}>{inviteOptionText(m, lang, p)}</option>
            ))}
          </select>
        </>
      )}
      <button type="submit" class="small secondary" form={form}>
        {m.contact.invite}
      </button>
    </>
  );
  return nested ? (
    <div class="invite-form">{controls}</div>
  ) : (
    <form method="post" action="/employer/invitations" class="invite-form">
      {controls}
    </form>
  );
}
