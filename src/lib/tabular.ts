// Tables leaving the system (exports, dashboard downloads): formula-injection neutralising and CSV.
// Pure; runs on Node and Workers. xlsx goes through AppDeps.xlsx (src/lib/spreadsheet.ts).
import { stringify } from 'csv-stringify/sync';
import type { Cell } from './spreadsheet';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe (OWASP "CSV injection"). Numbers, dates and booleans pass unchanged. */
export function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function csvValue(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/** One CSV chunk of rows (RFC 4180 quoting, CRLF), cells neutralised. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  return stringify(rows.map((r) => r.map((c) => csvValue(neutralise(c)))), { record_delimiter: 'windows' });
}

/** A whole CSV file: UTF-8 with BOM (so Excel opens Chinese text correctly), header first. */
export function csvFile(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + csvRows([header, ...rows]);
}

/** Streams a CSV file (BOM, header, rows in chunks) without holding every row. */
export function csvStream(header: readonly string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, chunkRows = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode('\uFEFF' + csvRows([header])));
        let chunk: Cell[][] = [];
        for await (const r of rows) {
          chunk.push(r);
          if (chunk.length >= chunkRows) {
            controller.enqueue(encoder.encode(csvRows(chunk)));
            chunk = [];
          }
        }
        if (chunk.length) controller.enqueue(encoder.encode(csvRows(chunk)));
        controller.close();
      } catch (err) {
        controller.error(err);
      }
    },
  });
}
