// A one-button form for an action on an object.
/** A one-button form posting to `action` (publish, close, withdraw…), so it works without script. */
export function ActionButton({ action, label: l, tone, confirm }: { action: string; label: string; tone?: 'secondary' | 'danger'; confirm?: string }) {
  return (
    <form method="post" action={action} class="inline" data-confirm={confirm}>
      <button type="submit" class={tone ? `small ${tone}` : 'small'}>
        {l}
      </button>
    </form>
  );
}
