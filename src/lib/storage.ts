// Storage faults (issue 9, B4/B5): which SQLite errors mean "the disk/lock is the problem", the
// stable codes they are answered with (503), and what /health reports about writability.
// Runtime-neutral: better-sqlite3 errors carry a `code`; D1 errors only a message.
import { sql } from 'kysely';
import { AppError, type ErrorCode } from './errors';

export type StorageFaultCode = 'storage_busy' | 'storage_full' | 'storage_read_only' | 'storage_io_error';

const BY_SQLITE_CODE: [RegExp, StorageFaultCode][] = [
  [/^SQLITE_(BUSY|LOCKED)/, 'storage_busy'],
  [/^SQLITE_FULL/, 'storage_full'],
  [/^SQLITE_READONLY/, 'storage_read_only'],
  [/^SQLITE_(IOERR|CORRUPT|CANTOPEN|NOTADB|PROTOCOL)/, 'storage_io_error'],
];

const BY_MESSAGE: [RegExp, StorageFaultCode][] = [
  [/database is locked|database table is locked|SQLITE_BUSY/i, 'storage_busy'],
  [/database or disk is full|SQLITE_FULL/i, 'storage_full'],
  [/readonly database|read-only|SQLITE_READONLY/i, 'storage_read_only'],
  [/disk I\/O error|database disk image is malformed|SQLITE_IOERR/i, 'storage_io_error'],
];

/** The storage fault an error stands for, or null when it is something else. */
export function storageFaultCode(e: unknown): StorageFaultCode | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    for (const [re, fault] of BY_SQLITE_CODE) if (re.test(code)) return fault;
    return null;
  }
  if (e.name === 'SqliteError') return null;
  // D1 reports SQLite's message text.
  if (!/D1_|SQLITE|sqlite|database/i.test(e.message)) return null;
  for (const [re, fault] of BY_MESSAGE) if (re.test(e.message)) return fault;
  return null;
}

const DETAIL: Record<StorageFaultCode, string> = {
  storage_busy: 'The database is busy (locked by another writer); try again shortly',
  storage_full: 'The database storage is full; nothing was written',
  storage_read_only: 'The database is read-only; nothing was written',
  storage_io_error: 'The database storage failed (I/O error); nothing was written',
};

/** The 503 answer for a storage fault, or null when the error is not one. */
export function storageAppError(e: unknown): AppError | null {
  const code = storageFaultCode(e);
  if (!code) return null;
  return new AppError(code satisfies ErrorCode, DETAIL[code], undefined, { 'retry-after': code === 'storage_busy' ? '2' : '30' });
}

export interface StorageFault {
  code: StorageFaultCode;
  /** The database's own error message. */
  message: string;
  at: number;
}

/** Remembers the last storage fault a real statement met until a later write succeeds. */
export class StorageMonitor {
  last: StorageFault | null = null;

  fault(code: StorageFaultCode, e: unknown): void {
    // A lock that was waited out is not a fault of the storage.
    if (code === 'storage_busy') return;
    this.last = { code, message: e instanceof Error ? e.message : String(e), at: Date.now() };
  }

  wrote(): void {
    this.last = null;
  }
}
