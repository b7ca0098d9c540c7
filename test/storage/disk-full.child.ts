// Runs inside its own mount namespace (test/storage/disk-full.test.ts) with DIR a tiny tmpfs: serves
// the app on a database there, then fills the file system. SIGUSR2 frees the space again.
import { serve } from '@hono/node-server';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openSqlite } from '../../db/sqlite';
import { appOn } from './helpers';

const dir = process.argv[2];
const { sqlite, database } = openSqlite(join(dir, 'db.sqlite'));
const t = await appOn(database);
const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  // An empty WAL, so the next commit must grow it; then fill the disk to the last byte.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  for (let size = 1 << 20; size >= 1; ) {
    try {
      writeSync(fd, Buffer.alloc(size));
    } catch {
      size >>= 1;
    }
  }
  closeSync(fd);
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n');
});
process.on('SIGUSR2', () => {
  rmSync(join(dir, 'filler'), { force: true });
  process.stdout.write(JSON.stringify({ freed: true, logs: t.logs }) + '\n');
});
