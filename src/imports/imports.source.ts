// An uploaded file as a stream of rows: xlsx through AppDeps.xlsx (exceljs, streaming, Node only),
// csv through csv-parse fed with decoded text a chunk at a time. Neither ever holds all rows.
// CSV text encoding: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 and anything else is
// read as GB18030 (a superset of GBK, what Chinese Excel writes by default); a form field may name it.
// Decoding uses the standard TextDecoder (WHATWG encodings; no Buffer, so it also runs on Workers).
import { parse } from 'csv-parse/browser/esm';
import type { AppDeps } from '../lib/context';
import { AppError, fieldIssueAt, type FieldCode, type FieldParams } from '../lib/errors';
import { SheetLimitError, type SheetRow } from '../lib/spreadsheet';
import { overLimit, UPLOAD_LIMITS } from './imports.limits';

export const ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

export interface RowSource {
  format: 'xlsx' | 'csv';
  /** The text encoding a csv is read with; null for xlsx. */
  encoding: string | null;
  rows: AsyncIterable<SheetRow>;
}

/** An unreadable upload: 422 naming the file field, with the reason's code (the imports page words
 * it; an import that failed keeps it as failure_code). */
export function unreadable(code: FieldCode, params?: FieldParams): AppError {
  const issue = fieldIssueAt('file', code, params);
  return new AppError('validation_failed', `The file cannot be read: ${issue.message}`, [issue]);
}

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function openSource(deps: AppDeps, bytes: Uint8Array, fileName: string, encoding: EncodingChoice): RowSource {
  if (bytes.byteLength === 0) throw unreadable('file_empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unreadable('file_xls');
  }
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (zip || /\.xlsx$/i.test(fileName)) {
    if (!deps.xlsx) throw new AppError('unsupported_media_type', 'xlsx files cannot be read on this server: upload a CSV instead', [fieldIssueAt('file', 'xlsx_unavailable')]);
    if (!zip) throw unreadable('file_not_xlsx');
    const limits = { decompressedBytes: UPLOAD_LIMITS.decompressedBytes, sharedStrings: UPLOAD_LIMITS.sharedStrings, rows: UPLOAD_LIMITS.rowsPerFile + HEADER_ROWS };
    return { format: 'xlsx', encoding: null, rows: limited(xlsxRows(deps.xlsx.readRows(bytes, limits))) };
  }
  const { encoding: chosen, offset } = chooseEncoding(bytes, encoding);
  return { format: 'csv', encoding: chosen, rows: limited(csvChecked(bytes, offset, chosen)) };
}

/** Title and header rows allowed above the data, on top of the rows-per-file limit. */
const HEADER_ROWS = 12;

const blank = (cells: SheetRow['cells']) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** The rows with the cell-length and rows-per-file limits checked as they pass. */
async function* limited(rows: AsyncIterable<SheetRow>): AsyncIterable<SheetRow> {
  let count = 0;
  for await (const r of rows) {
    for (const c of r.cells) {
      if (typeof c === 'string' && c.length > UPLOAD_LIMITS.cellChars) throw overLimit('cellChars', `a cell in row ${r.row} holds ${c.length} characters`);
    }
    if (!blank(r.cells) && ++count > UPLOAD_LIMITS.rowsPerFile + HEADER_ROWS) throw overLimit('rowsPerFile', `the file has more than ${UPLOAD_LIMITS.rowsPerFile} data rows`);
    yield r;
  }
}

/** A CSV is first scanned once, counting its records (newlines outside quotes) and holding none,
 * so a file with too many rows or one overlong record is refused in well under a second, before
 * any row is parsed or checked. The parse that follows checks the same limits exactly. */
async function* csvChecked(bytes: Uint8Array, offset: number, encoding: string): AsyncIterable<SheetRow> {
  let records = 0;
  let line = 1;
  let length = 0;
  let filled = false;
  let quoted = false;
  for (const text of decodedChunks(bytes, offset, encoding)) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) quoted = !quoted;
      else if (ch === 0x0a) {
        line++;
        if (!quoted) {
          if (filled && ++records > UPLOAD_LIMITS.rowsPerFile + HEADER_ROWS) throw overLimit('rowsPerFile', `the file has more than ${UPLOAD_LIMITS.rowsPerFile} data rows`);
          length = 0;
          filled = false;
          continue;
        }
      } else if (ch !== 0x2c && ch !== 0x09 && ch !== 0x20 && ch !== 0x0d) filled = true;
      if (++length > UPLOAD_LIMITS.rowChars) throw overLimit('rowChars', `a record reaching line ${line} is longer`);
    }
  }
  yield* csvRows(bytes, offset, encoding);
}

async function* xlsxRows(rows: AsyncIterable<SheetRow>): AsyncIterable<SheetRow> {
  try {
    yield* rows;
  } catch (err) {
    if (err instanceof SheetLimitError) throw overLimit(err.limit === 'rows' ? 'rowsPerFile' : err.limit, err.detail);
    const why = err instanceof Error ? err.message : String(err);
    throw unreadable('xlsx_damaged', { why: why.slice(0, 120) });
  }
}

function decoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new AppError('unsupported_media_type', `${encoding} text cannot be read on this server: save the CSV as UTF-8`, [
      fieldIssueAt('encoding', 'encoding_unavailable', { encoding }),
    ]);
  }
}

const CHUNK = 256 * 1024;

/** True when every byte decodes (one pass, output thrown away). */
function decodes(bytes: Uint8Array, offset: number, encoding: string): boolean {
  const d = decoder(encoding);
  try {
    for (let i = offset; i < bytes.length; i += CHUNK) d.decode(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), { stream: true });
    d.decode();
    return true;
  } catch {
    return false;
  }
}

/** The 1-based line of the first byte sequence that none of the encodings decodes (0x0A never
 * occurs inside a UTF-8 or GB18030 character, so lines can be tried one at a time), or 0. */
function firstBadLine(bytes: Uint8Array, offset: number, encodings: string[]): number {
  let line = 1;
  let start = offset;
  for (let i = offset; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const part = bytes.subarray(start, i);
      if (!encodings.some((e) => decodes(part, 0, e))) return line;
      line++;
      start = i + 1;
    }
  }
  return 0;
}

function chooseEncoding(bytes: Uint8Array, choice: EncodingChoice): { encoding: string; offset: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', offset: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', offset: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', offset: 2 };
  if (choice === 'utf-16le') return { encoding: 'utf-16le', offset: 0 };
  const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  if (head.includes(0)) throw unreadable('file_not_text');
  if (choice === 'utf-8' || choice === 'gb18030') {
    if (!decodes(bytes, 0, choice)) {
      throw unreadable('text_bad_line', { line: firstBadLine(bytes, 0, [choice]), encoding: choice === 'utf-8' ? 'UTF-8' : 'GBK/GB18030' });
    }
    return { encoding: choice, offset: 0 };
  }
  if (decodes(bytes, 0, 'utf-8')) return { encoding: 'utf-8', offset: 0 };
  if (decodes(bytes, 0, 'gb18030')) return { encoding: 'gb18030', offset: 0 };
  const line = firstBadLine(bytes, 0, ['utf-8', 'gb18030']);
  if (line === 0) throw unreadable('text_mixed', { line: firstBadLine(bytes, 0, ['utf-8']) });
  throw unreadable('text_invalid', { line });
}

function* decodedChunks(bytes: Uint8Array, offset: number, encoding: string): Generator<string> {
  const d = decoder(encoding);
  for (let i = offset; i < bytes.length; i += CHUNK) yield d.decode(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), { stream: true });
  const rest = d.decode();
  if (rest) yield rest;
}

/** Tab-separated when the first line has more tabs than commas (Excel's "Unicode text"). */
function delimiterOf(firstChunk: string): string {
  const line = firstChunk.slice(0, firstChunk.indexOf('\n') >= 0 ? firstChunk.indexOf('\n') : undefined);
  const count = (ch: string) => line.split(ch).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** csv-parse's stream (its browser build: no Node built-ins), written a chunk at a time and read
 * record by record, so at most a chunk of text and its records are held. */
async function* csvRows(bytes: Uint8Array, offset: number, encoding: string): AsyncIterable<SheetRow> {
  const chunks = decodedChunks(bytes, offset, encoding);
  let first = chunks.next();
  if (first.done) return;
  const parser = parse({ delimiter: delimiterOf(first.value), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: UPLOAD_LIMITS.rowChars });
  let failure: unknown = null;
  let ended = false;
  parser.on('error', (err: unknown) => (failure = err));
  parser.on('end', () => (ended = true));
  let row = 0;
  const take = function* (): Generator<SheetRow> {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      row += 1;
      yield { row, cells: record };
    }
  };
  const fail = (err: unknown): never => {
    const e = err as { message?: string; code?: string; lines?: number };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw overLimit('rowChars', `the record at line ${e.lines ?? '?'} is longer`);
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw unreadable('csv_quote');
    throw unreadable('csv_unparsable', { reason: (e.message ?? String(err)).slice(0, 200) });
  };
  for (; !first.done; first = chunks.next()) {
    parser.write(first.value);
    if (failure) fail(failure);
    yield* take();
    if (failure) fail(failure);
  }
  parser.end();
  // csv-parse reports the end (and a quote left open) on its next tick.
  while (!ended && !failure) {
    yield* take();
    if (!ended && !failure) await tick();
  }
  if (failure) fail(failure);
  yield* take();
}
