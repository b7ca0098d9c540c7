// Region-tree arithmetic on GB/T 2260 codes. Levels: 1 province (2 digits), 2 city (4),
// 3 county (6), 4 township (9). Codes are fixed-width prefixes, so ancestry is startsWith.

const LEVEL_LENGTHS = [2, 4, 6, 9] as const;

/** The deepest level at which two codes share an ancestor: 0 (none) … 4 (same township). */
export function commonLevel(a: string | null, b: string | null): 0 | 1 | 2 | 3 | 4 {
  if (!a || !b) return 0;
  // Length of the common prefix (no substrings: this runs for every scored pair).
  const n = Math.min(a.length, b.length, 9);
  let l = 0;
  while (l < n && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return l >= 9 ? 4 : l >= 6 ? 3 : l >= 4 ? 2 : l >= 2 ? 1 : 0;
}

/** The code itself and each ancestor, shallowest first: '150102001' → 15, 1501, 150102, 150102001. */
export function ancestorsOrSelf(code: string): string[] {
  const out: string[] = [];
  for (const n of LEVEL_LENGTHS) {
    if (code.length < n) break;
    out.push(code.slice(0, n));
  }
  if (out.length === 0 || out[out.length - 1] !== code) out.push(code);
  return out;
}

export const isWithin = (code: string, root: string) => code.startsWith(root);
