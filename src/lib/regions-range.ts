// Region codes are fixed-width prefixes (15 → 1501 → 150102 → 150102001), so a subtree is a
// half-open text range that an index can walk: code >= '1501' AND code < '1502'.
export function subtreeRange(code: string): { from: string; to: string } {
  const last = code.charCodeAt(code.length - 1);
  return { from: code, to: code.slice(0, -1) + String.fromCharCode(last + 1) };
}

export function isInSubtree(code: string | null | undefined, root: string): boolean {
  return !!code && code.startsWith(root);
}

export function regionLevel(code: string): 1 | 2 | 3 | 4 {
  return code.length === 2 ? 1 : code.length === 4 ? 2 : code.length === 6 ? 3 : 4;
}

export const REGION_CODE_PATTERN = /^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/;
