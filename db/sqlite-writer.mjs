// A writer thread for one streamed atomic write (db/sqlite-stream.ts; ARCHITECTURE.md, "How a write
// flows"): its own connection to the database file takes the write lock at once (BEGIN IMMEDIATE),
// runs each batch of statements as it arrives, and commits when told; anything else rolls back.
// Plain JavaScript, so the thread starts without a TypeScript loader.
//
// Messages in:  { queries: [{ sql, parameters }] } · { commit: true } · { abandon: true }
// Message out:  { results: [{ rows, numAffectedRows }] } after the commit, or { error: { message, code } }
// after the first failure (nothing is written then). The thread ends after either.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path, busyTimeoutMs, idleMs } = workerData;
const results = [];
let db = null;
let failure = null;

const fail = (e) => {
  failure ??= { message: e instanceof Error ? e.message : String(e), code: typeof e?.code === 'string' ? e.code : undefined };
  // SQLite has already rolled back after SQLITE_FULL and the like.
  if (db?.inTransaction) db.exec('ROLLBACK');
};

// Long strings arrive as { utf8: bytes } (moved, not copied); blobs as plain Uint8Array (structured
// clone), which better-sqlite3 binds as Buffers.
const bindable = (v) => {
  if (v instanceof Uint8Array) return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (v !== null && typeof v === 'object' && v.utf8 instanceof Uint8Array) return Buffer.from(v.utf8.buffer, v.utf8.byteOffset, v.utf8.byteLength).toString('utf8');
  return v;
};

try {
  db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // This thread may wait for the lock: nobody else's requests run here.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // A smaller page cache than the app's: dirty pages spill to the WAL while the write goes on, so
  // the commit has less left to write.
  db.pragma('cache_size = -8192');
  // The WAL is checkpointed after the answer (finish), not inside the COMMIT its owner waits for: a
  // 50,000-talent round's commit took 145 ms with the checkpoint, 35 ms without.
  db.pragma('wal_autocheckpoint = 0');
  db.exec('BEGIN IMMEDIATE');
} catch (e) {
  fail(e);
}

const finish = (message) => {
  parentPort.postMessage(message);
  try {
    // Passive: it copies what no reader still needs and never waits (the app's own connections
    // checkpoint as usual otherwise).
    if (message.results) db.pragma('wal_checkpoint(PASSIVE)');
    db?.close();
  } finally {
    process.exit(0);
  }
};

// A stream nobody finishes (its owner forgot to commit or abandon it) must not hold the lock forever.
let idle = setTimeout(() => finish({ error: { message: `the write was neither committed nor abandoned within ${idleMs} ms` } }), idleMs);

parentPort.on('message', (m) => {
  clearTimeout(idle);
  idle = setTimeout(() => finish({ error: { message: `the write was neither committed nor abandoned within ${idleMs} ms` } }), idleMs);
  if (m.queries) {
    if (failure) return;
    try {
      for (const q of m.queries) {
        const stmt = db.prepare(q.sql);
        const params = q.parameters.map(bindable);
        if (stmt.reader) results.push({ rows: stmt.all(...params), numAffectedRows: 0 });
        else results.push({ rows: [], numAffectedRows: Number(stmt.run(...params).changes) });
      }
    } catch (e) {
      fail(e);
    }
    return;
  }
  if (m.commit && !failure) {
    try {
      db.exec('COMMIT');
    } catch (e) {
      fail(e);
    }
  } else if (!failure) {
    fail(new Error('the write was abandoned'));
  }
  finish(failure ? { error: failure } : { results });
});
