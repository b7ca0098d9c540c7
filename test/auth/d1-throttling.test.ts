// The sign-in reservation on real D1 (Miniflare's workerd with a local D1): the conditional upsert
// with RETURNING counts at most `max` attempts however many run at once, and a refund gives one back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database';
import { blockedFor, refundAttempt, reserveAttempt } from '../../src/auth/rate-limit';
import { openLocalD1, type LocalD1 } from '../helpers/d1';

let local: LocalD1;
let database: Database;

beforeAll(async () => {
  local = await openLocalD1({ migrate: false, schema: ['CREATE TABLE rate_limits (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL)'] });
  database = local.database;
}, 60_000);
afterAll(async () => {
  await local?.close();
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
