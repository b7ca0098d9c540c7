// The employer's "invite to apply" form beside a talent (candidates page, talent search): one post
// (a button) or a choice of its posts that take applications today. Posts to /employer/invitations,
// which comes back to `back`.
import type { Messages } from '../i18n';

export interface InviteChoices {
  positions: { id: string; title: string }[];
  invited: Set<string>;
}

export function InviteForm({ m, talentId, choices, back, positionId }: { m: Messages; talentId: string; choices: InviteChoices; back: string; positionId?: string }) {
  const offered = positionId ? choices.positions.filter((p) => p.id === positionId) : choices.positions.filter((p) => !choices.invited.has(`${talentId}:${p.id}`));
  if (positionId && choices.invited.has(`${talentId}:${positionId}`)) return <span class="muted small">{m.contact.invited}</span>;
  if (offered.length === 0) return null;
  const id = `invite-${talentId}`;
  return (
    <form method="post" action="/employer/invitations" class="invite-form">
      <input type="hidden" name="talentId" value={talentId} />
      <input type="hidden" name="back" value={back} />
      {offered.length === 1 ? (
        <input type="hidden" name="positionId" value={offered[0].id} />
      ) : (
        <>
          <label for={id} class="visually-hidden">
            {m.contact.invitePosition}
          </label>
          <select id={id} name="positionId">
            {offered.map((p) => (
              <option value={p.id}>{p.title}</option>
            ))}
          </select>
        </>
      )}
      <button type="submit" class="small secondary">
        {m.contact.invite}
      </button>
    </form>
  );
}
