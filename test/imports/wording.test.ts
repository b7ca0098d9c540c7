// The English of the import and export pages: ASCII punctuation only (no full-width brackets, commas
// or colons copied from the Chinese), and counts that agree with their number.
import { describe, expect, it } from 'vitest';
import { messages } from '../../web/i18n';

const FULL_WIDTH = /[（）【】，。：；！？、“”‘’]/;

/** Every string of a catalogue, with functions called for the counts 0, 1 and 2. */
function strings(v: unknown, path = ''): [string, string][] {
  if (typeof v === 'string') return [[path, v]];
  if (typeof v === 'function') {
    return [0, 1, 2].flatMap((n) => {
      const arg = new Proxy({}, { get: () => n, has: () => true });
      return [[`${path}(${n})`, String((v as (a: unknown) => unknown)(arg))] as [string, string]];
    });
  }
  if (v instanceof RegExp) return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, path ? `${path}.${k}` : k));
  return [];
}

describe('English wording of the import and export pages', () => {
  it('uses ASCII punctuation in every English string', () => {
    for (const catalogue of [messages('en').imports, messages('en').exports]) {
      const bad = strings(catalogue).filter(([, s]) => FULL_WIDTH.test(s));
      expect(bad).toEqual([]);
    }
    // The check itself sees the Chinese punctuation it looks for.
    expect(strings(messages('zh').imports).some(([, s]) => FULL_WIDTH.test(s))).toBe(true);
  });

  it('says "1 row" and "2 rows", "1 problem" and "2 problems"', () => {
    const en = messages('en').imports;
    expect(en.errorsCount({ n: 1 })).toBe('1 problem');
    expect(en.errorsCount({ n: 3 })).toBe('3 problems');
    expect(en.committed({ done: 1 })).toBe('Imported: 1 row written.');
    expect(en.committed({ done: 2 })).toBe('Imported: 2 rows written.');
    expect(en.committing({ done: 0, total: 1 })).toBe('Importing: 0 of 1 row written.');
    expect(en.skipped({ skipped: 1 })).toMatch(/^1 row could not be written/);
    expect(en.confirmLabel({ good: 1, bad: 1 })).toBe('I have checked the preview: import the 1 good row (1 row with problems is left out)');
    expect(en.confirmLabel({ good: 5, bad: 2 })).toBe('I have checked the preview: import the 5 good rows (2 rows with problems are left out)');
    expect(messages('zh').imports.committed({ done: 1 })).toBe('导入完成：1 行已写入。');
  });
});
