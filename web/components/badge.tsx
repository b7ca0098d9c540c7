// A status badge and the tone of each status.
import type { Child } from 'hono/jsx';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral' | 'primary';

export function Badge({ tone, children }: { tone?: Tone; children?: Child }) {
  return <span class={tone && tone !== 'primary' ? `badge ${tone}` : 'badge'}>{children}</span>;
}

export const STATUS_TONES: Record<string, Tone> = {
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
  draft: 'neutral',
  open: 'success',
  closed: 'neutral',
  submitted: 'info',
  reviewing: 'primary',
  interview: 'warning',
  offer: 'success',
  hired: 'success',
  withdrawn: 'neutral',
  placed_elsewhere: 'neutral',
};
