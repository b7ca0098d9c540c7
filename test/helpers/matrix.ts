// The one permission-matrix runner: a table of callers × expected statuses, run against a request
// builder. Every refusal must be problem+json and leave the watched tables as they were.
import { expect } from 'vitest';
import type { DB } from '../../db/schema';
import type { Client, TestApp } from './app';

/** The same status for every actor, then the exceptions. */
export function expectAll<A extends string>(actors: readonly A[], all: number, except: Partial<Record<A, number>> = {}): Record<A, number> {
  return Object.fromEntries(actors.map((a) => [a, except[a] ?? all])) as Record<A, number>;
}

export interface Matrix<A extends string, T> {
  /** Who calls, in the order they call. */
  clients: Record<A, Client>;
  /** The status each caller must get. */
  expected: Record<A, number>;
  /** A fresh target for each caller (so one caller's success does not change the next one's case). */
  setup?: (actor: A) => Promise<T>;
  call: (client: Client, target: T, actor: A) => Promise<Response>;
  /** What a refusal must leave unchanged (compared before and after each refused call). */
  snapshot?: () => Promise<unknown>;
  /** More checks on a successful answer (its body is left unread for them). */
  check?: (res: Response, target: T, actor: A) => Promise<void>;
}

/** Calls as every actor and compares the statuses with `expected` in one assertion; returns each
 * actor's answer body (parsed JSON, or the text, or null when empty or read by `check`). */
export async function runMatrix<A extends string, T = undefined>(m: Matrix<A, T>): Promise<Record<A, unknown>> {
  const actual = {} as Record<A, number>;
  const bodies = {} as Record<A, unknown>;
  for (const actor of Object.keys(m.clients) as A[]) {
    const target = (m.setup ? await m.setup(actor) : undefined) as T;
    const before = m.snapshot ? await m.snapshot() : undefined;
    const res = await m.call(m.clients[actor], target, actor);
    actual[actor] = res.status;
    if (res.status < 400 && m.check) {
      await m.check(res, target, actor);
      bodies[actor] = null;
      continue;
    }
    const text = await res.text();
    bodies[actor] = parse(text);
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), `${actor}: ${res.status} ${text}`).toMatch(/^application\/problem\+json/);
      if (m.snapshot) expect(await m.snapshot(), `${actor} was refused but something changed`).toEqual(before);
    }
  }
  expect(actual).toEqual(m.expected);
  return bodies;
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every row of `tables`, as one comparable string (to show that a request changed nothing). */
export async function snapshotTables(t: TestApp, tables: readonly (keyof DB)[]): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await t.deps.database.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Array.from(v) : v));
}

/** Runs `act` and asserts that `tables` are as before. */
export async function unchangedTables<T>(t: TestApp, tables: readonly (keyof DB)[], act: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(t, tables);
  const result = await act();
  expect(await snapshotTables(t, tables)).toBe(before);
  return result;
}
