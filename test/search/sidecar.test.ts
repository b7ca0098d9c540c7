// The local Meilisearch sidecar: checksum before execution, 0600 master key, loopback only,
// authentication on, clean stop; and null (logged once) where it cannot run.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { startNodeSearch } from '../../search/node';
import { findRunningSidecar, MEILI_SHA256, packagedBinaryPath, sha256OfFile, startMeiliSidecar } from '../../search/sidecar';
import { NOW } from './fixtures';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'shegong-sidecar-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('sidecar', () => {
  it('runs the pinned binary on 127.0.0.1 with a 0600 master key, and stops cleanly', async () => {
    expect(await sha256OfFile(packagedBinaryPath()!)).toBe(MEILI_SHA256);
    const dataDir = tempDir();
    const t0 = performance.now();
    const s = await startMeiliSidecar({ dataDir, log: () => {} });
    const startMs = performance.now() - t0;
    expect(s).not.toBeNull();
    const sidecar = s!;
    expect(startMs).toBeLessThan(10_000);
    expect(sidecar.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keyFile = join(dataDir, 'meili-master-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(sidecar.masterKey);
    expect(sidecar.dbPath.startsWith(join(dataDir, 'meili'))).toBe(true);
    expect(statSync(packagedBinaryPath()!).mode & 0o111).not.toBe(0);

    // Production mode: nothing without the key.
    expect((await fetch(`${sidecar.url}/indexes`)).status).toBe(401);
    expect((await fetch(`${sidecar.url}/indexes`, { headers: { authorization: `Bearer ${sidecar.masterKey}` } })).status).toBe(200);

    // A CLI command finds the running sidecar (and only while it runs).
    expect(await findRunningSidecar(dataDir)).toEqual({ url: sidecar.url, masterKey: sidecar.masterKey });

    await sidecar.stop();
    expect(await sidecar.exited).not.toBeUndefined();
    expect(await findRunningSidecar(dataDir)).toBeNull();
    await expect(fetch(`${sidecar.url}/health`)).rejects.toThrow();

    // The key is kept across restarts.
    const again = await startMeiliSidecar({ dataDir, log: () => {} });
    expect(again!.masterKey).toBe(sidecar.masterKey);
    await again!.stop();
  });

  it('returns null, and says so once, when the binary is wrong, missing or cannot run', async () => {
    const logs: Record<string, unknown>[] = [];
    const log = (e: Record<string, unknown>) => logs.push(e);
    const dataDir = tempDir();
    expect(await startMeiliSidecar({ dataDir, log, expectedSha256: '0'.repeat(64) })).toBeNull();
    expect(logs).toHaveLength(1);
    expect(String(logs[0].msg)).toMatch(/checksum mismatch.*SQL fallback/);

    expect(await startMeiliSidecar({ dataDir, log, binaryPath: join(dataDir, 'nope') })).toBeNull();
    const garbage = join(dataDir, 'not-an-executable');
    writeFileSync(garbage, 'this is not a program');
    expect(await startMeiliSidecar({ dataDir, log, binaryPath: garbage, expectedSha256: await sha256OfFile(garbage), readyTimeoutMs: 3000 })).toBeNull();
    expect(logs).toHaveLength(1); // once per process
  });

  it('startNodeSearch falls back to SQL, degraded, when no Meilisearch can run', async () => {
    const { sqlite, database } = openMemoryCopy();
    try {
      const node = await startNodeSearch({ database, now: () => NOW, log: () => {}, dataDir: tempDir(), sidecar: { binaryPath: '/nonexistent/meilisearch' } });
      expect(node.sidecar).toBeNull();
      expect(node.search.meili).toBeNull();
      const r = await node.search.engine.searchPositions({ scope: { statuses: ['open'] } });
      expect(r).toMatchObject({ degraded: true, engine: 'sql', total: 0 });
      expect(await node.search.status()).toMatchObject({ engine: 'sql', degraded: true, meilisearch: { configured: false }, outbox: null });
      await node.stop();
    } finally {
      sqlite.close();
    }
  });
});
