// Node-only building blocks for the app's dependencies (never imported by worker.ts).
import { scrypt as scryptCb, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ScryptFn } from './lib/context';
import { DataKeyError } from './lib/instance-meta';

export const nodeScrypt: ScryptFn = (password, salt, { N, r, p, dkLen }) =>
  new Promise((resolve, reject) =>
    scryptCb(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key)))),
  );

export function nodeClientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return c.req.header('x-forwarded-for')?.split(',')[0].trim() ?? 'unknown';
  }
}

/** The data key from configuration, else DATA_DIR/data-key. Generated there (mode 0600) only when
 * `mayCreate` (a database that has never recorded a key's fingerprint); otherwise a missing key is
 * an error, never a quiet new key that cannot read the stored ID numbers. */
export function loadOrCreateDataKey(dataDir: string, configured: string | undefined, mayCreate = true): string {
  if (configured) return configured;
  const file = join(dataDir, 'data-key');
  if (!existsSync(file)) {
    if (!mayCreate) {
      throw new DataKeyError(
        `The data key is missing: neither DATA_KEY nor ${file} is set, and this database was written with a key. Put the key back (see README, Operating it).`,
      );
    }
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export function jsonLog(entry: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...entry }) + '\n');
}
