// XlsxCodec on Node with exceljs' streaming reader and writer (never imported by src/worker.ts).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, ReadLimits, SheetRow, SheetToWrite, XlsxCodec } from '../src/lib/spreadsheet';
import { scanXlsx } from './zip-scan';

/** exceljs cell values (rich text, formulas, hyperlinks, errors) reduced to plain values. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

/** exceljs' streaming reader has a race: it may parse a worksheet before xl/workbook.xml (which its
 * own writer stores last) and throw "Cannot read properties of undefined (reading 'sheets')" on a
 * sound file, now and then, more often under load. Nothing has been yielded when that happens, so
 * the same bytes are read again, a few times at most. */
const WORKBOOK_RACE = /reading 'sheets'/;
const READ_ATTEMPTS = 4;

async function* readRows(bytes: Uint8Array, limits?: ReadLimits): AsyncIterable<SheetRow> {
  if (bytes.byteLength === 0) throw new Error('the file is empty');
  if (limits) await scanXlsx(bytes, limits);
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of readOnce(bytes)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (err) {
      if (yielded || attempt >= READ_ATTEMPTS || !(err instanceof TypeError) || !WORKBOOK_RACE.test(err.message)) throw err;
    }
  }
}

async function* readOnce(bytes: Uint8Array): AsyncIterable<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell dates from numbers
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
      yield { row: row.number, cells };
    }
    return; // first worksheet only
  }
}

function write(sheets: SheetToWrite[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  // useStyles off: styles double exceljs' CPU per row (test/bench/EXPORTS.md); the header stays plain.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  (async () => {
    for (const s of sheets) {
      const ws = workbook.addWorksheet(s.name.slice(0, 31));
      ws.columns = s.header.map((h, i) => ({ header: h, key: String(i), width: s.widths?.[i] ?? Math.max(10, h.length * 2 + 2) }));
      ws.getRow(1).commit();
      for await (const r of s.rows) {
        ws.addRow(r).commit();
        // Backpressure: wait while the reader has not taken what is already written.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      ws.commit();
    }
    await workbook.commit();
  })().catch((err) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

export const nodeXlsx: XlsxCodec = { readRows, write };
