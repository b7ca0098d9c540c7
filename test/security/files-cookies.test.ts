// Issue 9 A9: the database file, its WAL and its SHM are readable by the owner only, and the flash
// cookie is Secure like the session cookie.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite';
import { makeTestApp, signedIn } from '../helpers/app';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (path: string) => statSync(path).mode & 0o777;

describe('database files', () => {
  it('a new database, its WAL and its SHM are created mode 0600 whatever the umask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shegong-mode-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'shegong.sqlite');
    const old = process.umask(0o022);
    try {
      const { sqlite } = openSqlite(path);
      sqlite.prepare("INSERT INTO rate_limits (key, failures, window_start) VALUES ('x', 1, 0)").run();
      for (const f of [path, `${path}-wal`, `${path}-shm`]) expect(mode(f), f).toBe(0o600);
      sqlite.close();
    } finally {
      process.umask(old);
    }
  });

  it('an existing world-readable database is tightened at open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shegong-mode-'));
    dirs.push(dir);
    const path = join(dir, 'old.sqlite');
    openSqlite(path).sqlite.close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o644);
    const { sqlite } = openSqlite(path);
    sqlite.prepare("INSERT INTO rate_limits (key, failures, window_start) VALUES ('y', 1, 0)").run();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect(mode(f), f).toBe(0o600);
    sqlite.close();
  });
});

describe('flash cookie', () => {
  it('is Secure, HttpOnly and SameSite=Lax when set and when cleared', async () => {
    const t = await makeTestApp();
    try {
      const c = await signedIn(t, 'graduate');
      const res = await t.app.request('/sign-out', { method: 'POST', headers: { cookie: `session=${c.token}` } });
      expect(res.status).toBe(303);
      const flash = res.headers.getSetCookie().find((s) => s.startsWith('flash='));
      expect(flash).toBeDefined();
      expect(flash).toContain('Secure');
      expect(flash).toContain('HttpOnly');
      expect(flash).toContain('SameSite=Lax');
      const page = await t.app.request('/', { headers: { cookie: 'flash=signedOut' } });
      const cleared = page.headers.getSetCookie().find((s) => s.startsWith('flash='));
      expect(cleared).toContain('Max-Age=0');
      expect(cleared).toContain('Secure');
    } finally {
      t.close();
    }
  });
});
