// Issue 9, B5: storage faults answer 503 problem+json with a stable code, the log carries SQLite's
// real error (not "cannot rollback - no transaction is active"), and /health reports `degraded` with
// the reason, proved by a write probe. Faults are real SQLite conditions: a database that has reached
// its size limit (max_page_count) and a database opened read-only.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryCopy, openSqlite, wrapSqlite } from '../../db/sqlite';
import { appOn, register } from './helpers';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('storage faults', () => {
  it('a full database: 503 storage_full, the real error logged, /health degraded until a write succeeds', async () => {
    const { sqlite, database } = openMemoryCopy();
    const t = await appOn(database);
    expect(await (await t.app.request('/health')).json()).toMatchObject({ status: 'ok', storage: { writable: true } });
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 1}`);
    let res: Response | null = null;
    for (let i = 0; i < 500; i++) {
      res = await register(t.app);
      if (res.status !== 201) break;
    }
    expect(res!.status).toBe(503);
    expect(res!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res!.json()).toMatchObject({ status: 503, code: 'storage_full' });
    const logged = JSON.stringify(t.logs.filter((l) => l.level === 'error'));
    expect(logged).toContain('database or disk is full');
    expect(logged).toContain('SQLITE_FULL');
    expect(logged).not.toContain('cannot rollback');

    const health = await t.app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', storage: { writable: false, reason: 'storage_full', detail: 'database or disk is full' } });

    // Space again: the next write succeeds and /health recovers.
    sqlite.pragma('max_page_count = 1073741823');
    expect((await register(t.app)).status).toBe(201);
    expect(await (await t.app.request('/health')).json()).toMatchObject({ status: 'ok', storage: { writable: true } });
    sqlite.close();
  });

  it('a read-only database: reads work, writes answer 503 storage_read_only, /health says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shegong-ro-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    openSqlite(path).sqlite.close();
    const sqlite = new BetterSqlite3(path, { readonly: true });
    const t = await appOn(wrapSqlite(sqlite));

    const health = await t.app.request('/health');
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; storage: { reason: string; detail: string } };
    expect(body).toMatchObject({ status: 'degraded', storage: { writable: false, reason: 'storage_read_only' } });
    expect(body.storage.detail).toMatch(/readonly/);

    expect((await t.app.request('/api/v1/positions?regionCode=15')).status).toBe(200);
    const res = await register(t.app);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'storage_read_only' });
    const logged = JSON.stringify(t.logs.filter((l) => l.level === 'error'));
    expect(logged).toContain('SQLITE_READONLY');
    expect(logged).not.toContain('cannot rollback');
    sqlite.close();
  });
});
