// Named limits on an uploaded roster, each checked while the file is read (never after holding it
// all): a file over one answers 422 naming the limit, and nothing is staged. Stated in the README.
import { AppError, fieldIssueAt } from '../lib/errors';

export const UPLOAD_LIMITS = {
  /** Data rows per file (blank rows not counted). */
  rowsPerFile: 200_000,
  /** Characters in one cell (Excel's own limit). */
  cellChars: 32_767,
  /** Characters in one CSV record (all its cells). */
  rowChars: 256 * 1024,
  /** Bytes an xlsx unpacks to (all its zip entries together). */
  decompressedBytes: 256 * 1024 * 1024,
  /** Entries of an xlsx's shared string table. */
  sharedStrings: 2_000_000,
  /** Row problems kept per import for the preview; beyond it they are only counted. */
  errorRowsKept: 10_000,
} as const;

export type UploadLimit = keyof typeof UPLOAD_LIMITS;

/** The 422 for a file over a limit: `limit` names it, `detail` where it was met. */
export function overLimit(limit: UploadLimit, detail: string): AppError {
  const message = `exceeds the limit ${limit} (${UPLOAD_LIMITS[limit].toLocaleString('en-US')}): ${detail}`;
  return new AppError('validation_failed', `The file is over a limit: ${message}`, [fieldIssueAt('file', 'file_limit', { reason: message })]);
}

/** Thrown by a reader that met a limit (the xlsx codec lives outside src/ and has no AppError). */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: UploadLimit,
    readonly detail: string,
  ) {
    super(`${limit}: ${detail}`);
  }
}
