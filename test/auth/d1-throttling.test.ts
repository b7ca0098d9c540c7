// The sign-in reservation on real D1 (Miniflare's workerd with a local D1): the conditional upsert
// with RETURNING counts at most `max` attempts however many run at once, and a refund gives one back.
import { Miniflare } from 'miniflare';
import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Database, type Database } from '../../src/lib/database';
import { blockedFor, refundAttempt, reserveAttempt } from '../../src/auth/rate-limit';
import type { DB } from '../../db/schema';

let mf: Miniflare;
let database: Database;

beforeAll(async () => {
  mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("") } }', d1Databases: ['DB'] });
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  await d1.prepare('CREATE TABLE rate_limits (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL)').run();
  database = d1Database(new Kysely<DB>({ dialect: new D1Dialect({ database: d1 }) }), d1);
}, 60_000);
afterAll(async () => {
  await mf?.dispose();
});

describe('sign-in reservation on D1', () => {
  it('40 parallel reservations against a limit of 5: 5 granted; a refund frees one; a new window starts over', async () => {
    const now = Date.parse('2026-06-01T08:00:00Z');
    const window = 15 * 60_000;
    const granted = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(database, 'signin:account:a@x', 5, window, now)));
    expect(granted.filter(Boolean)).toHaveLength(5);
    expect(await blockedFor(database, 'signin:account:a@x', 5, window, now + 1000)).toBe(899);
    await refundAttempt(database, 'signin:account:a@x');
    expect(await reserveAttempt(database, 'signin:account:a@x', 5, window, now + 2000)).toBe(true);
    expect(await reserveAttempt(database, 'signin:account:a@x', 5, window, now + 3000)).toBe(false);
    expect(await reserveAttempt(database, 'signin:account:a@x', 5, window, now + window)).toBe(true);
    const row = await database.db.selectFrom('rate_limits').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'signin:account:a@x', failures: 1, window_start: now + window });
  });
});
