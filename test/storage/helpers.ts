// An app on a given database (file-backed or read-only), for the storage fault tests.
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import type { Database } from '../../src/lib/database';
import { nodeScrypt } from '../../src/node-deps';
import { createSearch } from '../../search/index';

export async function appOn(database: Database) {
  const dataKey = randomBytes(32).toString('base64');
  const logs: Record<string, unknown>[] = [];
  const deps: AppDeps = {
    database,
    // Hundreds of sign-ups from one address fill the database: the sign-up limit is not under test here.
    config: toConfig(parseEnv({ PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false', REGISTER_MAX_PER_ADDRESS: '100000' }), dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => Date.now(),
    clientAddress: () => '203.0.113.9',
    log: (e) => logs.push(e),
    search: createSearch({ database, now: () => Date.now(), log: (e) => logs.push(e), meili: null }),
  };
  return { app: createApp(deps), deps, logs };
}

let n = 0;
export async function register(app: ReturnType<typeof createApp>): Promise<Response> {
  n += 1;
  return app.request('/api/v1/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `storage.${process.pid}.${Date.now()}.${n}@example.cn`, password: 'correct horse battery', displayName: '测试', role: 'graduate' }),
  });
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}
