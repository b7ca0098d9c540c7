// /health's proof that the database takes writes: a cheap probe, at most every PROBE_EVERY_MS.
import { sql } from 'kysely';
import type { Database } from './database';
import { storageFaultCode, type StorageFaultCode } from './storage';

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
