// Spreadsheet (xlsx) reading and writing as an app dependency (AppDeps.xlsx). The Node entry points
// pass spreadsheet/xlsx-node.ts (exceljs, streaming); Workers have none, so xlsx uploads answer 415
// and xlsx downloads 406 there, while CSV works on both runtimes.

/** A cell as read from or written to a sheet. Dates are whatever Excel stored as a date. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** 0-based cells (column A is cells[0]); missing cells are null. */
  cells: Cell[];
}

export interface SheetToWrite {
  name: string;
  header: string[];
  /** Column widths in characters, optional. */
  widths?: number[];
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

/** Bounds on what reading a workbook may unpack, checked before and while it is unpacked. */
export interface ReadLimits {
  /** Bytes all zip entries unpack to together. */
  decompressedBytes: number;
  /** Entries of the shared string table. */
  sharedStrings: number;
  /** Rows of the first worksheet. */
  rows: number;
}

/** A workbook over one of its ReadLimits; `limit` names it. */
export class SheetLimitError extends Error {
  constructor(
    readonly limit: keyof ReadLimits,
    readonly detail: string,
  ) {
    super(`${limit}: ${detail}`);
  }
}

export interface XlsxCodec {
  /** Rows of the first worksheet, streamed (never all rows in memory). Rejects with an Error whose
   * message says why when the bytes are not a readable xlsx (empty, cut off, not a zip), and with a
   * SheetLimitError (before reading any row) when the workbook is over a limit. */
  readRows(bytes: Uint8Array, limits?: ReadLimits): AsyncIterable<SheetRow>;
  /** An xlsx file written as it streams out (rows are pulled as the consumer reads). */
  write(sheets: SheetToWrite[]): ReadableStream<Uint8Array>;
}
