// The export's CSV encoder and Content-Disposition, directly: any text survives a round trip through
// a CSV parser (quotes, commas, CR, LF, formula characters), and no field starts a formula.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { contentDisposition } from '../../src/exports/exports.http';
import { csvRows as csvRecords, neutralise } from '../../src/lib/tabular';

const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', '中', ' ') }),
  fc.constantFrom('=1+2', '\r\n=cmd', 'a\n=b', '"quoted, with comma"', ''),
);
const cell = fc.oneof(tricky, fc.integer(), fc.constant(null));

describe('export csv', () => {
  it('round-trips every row through a CSV parser, neutralised, with one record per row', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0].length;
        const same = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
        const parsed = parse(csvRecords(same), { relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
        expect(parsed).toEqual(
          same.map((r) =>
            r.map((c) => {
              const n = neutralise(c);
              return n === null ? '' : String(n);
            }),
          ),
        );
        // Text never starts a formula (numbers such as -1 stay numbers).
        parsed.forEach((r, i) => r.forEach((f, k) => typeof same[i][k] === 'string' && expect(f).not.toMatch(/^[=+\-@\t\r]/)));
      }),
      { numRuns: 300 },
    );
  });

  it('Content-Disposition carries an ASCII name and the UTF-8 name (RFC 5987)', () => {
    const cd = contentDisposition("人才名录_内蒙古 (全)'s.xlsx", 'talents_15 "x".xlsx');
    expect(cd).toBe(`attachment; filename="talents_15 _x_.xlsx"; filename*=UTF-8''${encodeURIComponent('人才名录_内蒙古 ').replace(/'/g, '%27')}%28%E5%85%A8%29%27s.xlsx`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(cd)![1])).toBe("人才名录_内蒙古 (全)'s.xlsx");
  });
});
