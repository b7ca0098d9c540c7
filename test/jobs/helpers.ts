// An app on a SQLite file (worker threads need a file, not an in-memory database), optionally with
// the job thread pool the server starts (src/jobs/node-start.ts), including its start-up recovery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../db/sqlite';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { createApp } from '../../src/app';
import { parseEnv, toConfig, type RawConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { createSearch } from '../../search/index';
import { startJobs } from '../../src/jobs/node-start';
import type { TestApp } from '../helpers/app';

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shegong-jobs-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function fileApp(
  dir: string,
  dataKey: string,
  opts: { threads: boolean; clock?: { now: number } },
): Promise<TestApp & { raw: RawConfig; closeAsync(): Promise<void> }> {
  const raw = parseEnv({ PASSWORD_SCRYPT_N: '1024', DATABASE_PATH: join(dir, 'db.sqlite'), DATA_DIR: dir, LOG_REQUESTS: 'false' });
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  const logs: Record<string, unknown>[] = [];
  const clock = opts.clock ?? { now: Date.now() };
  const deps: AppDeps = {
    database,
    config: toConfig(raw, dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: opts.clock ? () => clock.now : () => Date.now(),
    clientAddress: (c) => c.req.header('x-forwarded-for') ?? '203.0.113.1',
    log: (e) => logs.push(e),
    search: createSearch({ database, now: () => Date.now(), log: (e) => logs.push(e), meili: null }),
    xlsx: nodeXlsx,
  };
  const stop = opts.threads ? await startJobs(deps, raw, { size: 1, waitReady: true }) : async () => {};
  const closeAsync = async () => {
    await stop();
    sqlite.close();
  };
  return { app: createApp(deps), deps, logs, clock, raw, close: () => void closeAsync(), closeAsync };
}
