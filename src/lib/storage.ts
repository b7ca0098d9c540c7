// Storage faults (issue 9, B4/B5): which SQLite errors mean "the disk/lock is the problem", the
// stable codes they are answered with (503), and what /health reports about writability.
// Runtime-neutral: better-sqlite3 errors carry a `code`; D1 errors only a message.
import { sql } from 'kysely';
import type { Database } from './database';
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

export interface StorageHealth {
  writable: boolean;
  reason?: StorageFaultCode | 'storage_error';
  detail?: string;
  /** When writability was last proved by the probe. */
  checkedAt: number;
}

/** How often /health really writes; in between it answers from the last probe. */
export const PROBE_EVERY_MS = 5000;
/** How long /health waits for the probe before reporting the database busy. */
const PROBE_PATIENCE_MS = 250;
const probes = new WeakMap<object, { health: StorageHealth; running: Promise<StorageHealth> | null }>();

async function probeOnce(database: Database): Promise<StorageHealth> {
  const checkedAt = Date.now();
  const before = database.storage?.last ?? null;
  try {
    // A committed write of a fresh 2 KiB value: takes the write lock, allocates pages, appends to
    // the journal — what every real write needs.
    await database.atomic([
      sql`INSERT INTO instance_meta (key, value, updated_at) VALUES ('health_probe', hex(randomblob(1024)), ${checkedAt})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`.compile(database.db),
    ]);
    return { writable: true, checkedAt };
  } catch (e) {
    return { writable: false, reason: storageFaultCode(e) ?? 'storage_error', detail: e instanceof Error ? e.message : String(e), checkedAt };
  } finally {
    // The probe's own success must not hide a fault that real writes met.
    if (database.storage) database.storage.last = before;
  }
}

/** Whether the database takes writes: a cheap probe at most every PROBE_EVERY_MS, and the last
 * fault a real write met (until a later real write succeeds). */
export async function checkStorage(database: Database): Promise<StorageHealth> {
  let entry = probes.get(database);
  if (!entry) probes.set(database, (entry = { health: { writable: true, checkedAt: 0 }, running: null }));
  const e = entry;
  if (Date.now() - e.health.checkedAt >= PROBE_EVERY_MS) {
    e.running ??= probeOnce(database).then((h) => {
      e.health = h;
      e.running = null;
      return h;
    });
    // A probe that waits for the write lock says so instead of holding /health up.
    const slow = await Promise.race([e.running.then(() => false), new Promise<true>((r) => setTimeout(r, PROBE_PATIENCE_MS, true))]);
    if (slow) return { writable: false, reason: 'storage_busy', detail: 'the write probe is waiting for the database lock', checkedAt: e.health.checkedAt };
  }
  const fault = database.storage?.last;
  if (e.health.writable && fault) return { writable: false, reason: fault.code, detail: fault.message, checkedAt: e.health.checkedAt };
  return e.health;
}
