// A prepared export as an HTTP download: CSV as a pull stream (one database batch per pull, so a slow
// client holds back the reads), xlsx through AppDeps.xlsx. Used by the API handlers and the page.
import type { AppDeps } from '../lib/context';
import type { Cell } from '../lib/spreadsheet';
import { csvStream } from '../lib/tabular';
import { yieldToEventLoop, type PreparedExport } from './exports.service';

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** RFC 6266 / RFC 5987: an ASCII `filename` for old clients and the real name as `filename*`. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** exceljs turns rows into XML synchronously as they come: a breath every 250 rows keeps the other
 * requests on the server answered (each batch of 1,000 is about 75 ms of its work). */
const XLSX_ROWS_PER_TURN = 250;

async function* rowsOf(batches: AsyncIterable<Cell[][]>, stopped: () => boolean): AsyncGenerator<Cell[]> {
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) {
      if (stopped()) return;
      if (i > 0 && i % XLSX_ROWS_PER_TURN === 0) await yieldToEventLoop();
      yield batch[i];
    }
  }
}

/** xlsx through AppDeps.xlsx. The writer pulls rows at its own pace; when the download is cancelled
 * the rows end early, so the writer stops reading the database. */
function xlsxBody(deps: AppDeps, e: PreparedExport): ReadableStream<Uint8Array> {
  let cancelled = false;
  const reader = deps.xlsx!.write([{ name: e.sheetName, header: e.header, widths: e.widths, rows: rowsOf(e.batches, () => cancelled) }]).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      cancelled = true;
      await reader.cancel(reason);
    },
  });
}

export function exportResponse(deps: AppDeps, e: PreparedExport): Response {
  const body = e.format === 'xlsx' ? xlsxBody(deps, e) : csvStream(e.header, e.batches);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[e.format],
      'content-disposition': contentDisposition(e.filename, e.asciiFilename),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
