// Query strings of page links and forms.

/** Query string from the set values ('' when none). */
export function toQuery(values: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The values of `keys` that are set in `q`. */
export function pick(q: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (q[k]) out[k] = q[k];
  return out;
}
