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

/** CSV records (RFC 4180, CRLF), cells neutralised. A field holding a quote, comma, CR or LF is
 * quoted: csv-stringify with CRLF records would leave a bare LF or CR unquoted, which splits the
 * record in Excel and starts an un-neutralised cell after the break — hence `quoted_match`. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((r) => r.map((c) => csvValue(neutralise(c)))),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

/** A whole CSV file: UTF-8 with BOM (so Excel opens Chinese text correctly), header first. */
export function csvFile(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + csvRows([header, ...rows]);
}

/** A CSV file (BOM, header, then one chunk per batch) pulled batch by batch: a slow client holds
 * back the reads, and cancelling the download stops them. */
export function csvStream(header: readonly string[], batches: AsyncIterable<Cell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode('\uFEFF' + csvRows([header])));
      },
      async pull(controller) {
        const next = await it.next();
        if (next.done) controller.close();
        else if (next.value.length) controller.enqueue(encoder.encode(csvRows(next.value)));
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
