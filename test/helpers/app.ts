// A real app on a real, migrated SQLite database per call: tests never share state or ids.
import { randomBytes } from 'node:crypto';
import { openMemoryCopy } from '../../db/sqlite';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { createApp } from '../../src/app';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { createAccount } from '../../src/auth/auth.service';
import { createSearch } from '../../search/index';
import type { Role } from '../../db/schema';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  logs: Record<string, unknown>[];
  clock: { now: number };
  close(): void;
}

export async function makeTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const dataKey = randomBytes(32).toString('base64');
  // Tests sign up many accounts from one address: the sign-up limit is tested on its own (test/auth).
  const raw = parseEnv({ PASSWORD_SCRYPT_N: '1024', REGISTER_MAX_PER_ADDRESS: '100000', ...overrides });
  const { sqlite, database } = openMemoryCopy();
  const logs: Record<string, unknown>[] = [];
  const clock = { now: Date.parse('2026-06-01T08:00:00Z') };
  const deps: AppDeps = {
    database,
    config: toConfig(raw, dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => clock.now,
    clientAddress: (c) => c.req.header('x-forwarded-for') ?? '203.0.113.1',
    log: (e) => logs.push(e),
    // Feature tests search through the SQL fallback; test/search runs a real Meilisearch.
    search: createSearch({ database, now: () => clock.now, log: (e) => logs.push(e), meili: null }),
    xlsx: nodeXlsx,
  };
  return { app: createApp(deps), deps, logs, clock, close: () => sqlite.close() };
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.cn`;
}

/** A client that keeps the session cookie like a browser would and sends JSON. */
export class Client {
  token: string | null = null;
  constructor(private readonly t: TestApp) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.cookie = `session=${this.token}`;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return this.t.app.request(path, { method, headers: h, body: payload });
  }
  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body);
  }
  patch(path: string, body?: unknown) {
    return this.request('PATCH', path, body);
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }
}

/** Signs up through the API (graduate, employer) or creates the account directly (department,
 * admin — those are made by the CLI or an admin, not by sign-up), then signs in through the API. */
export async function signedIn(t: TestApp, role: Role, opts: { regionCode?: string; email?: string } = {}): Promise<Client & { userId: string; email: string }> {
  const email = opts.email ?? uniqueEmail(role);
  const password = 'correct horse battery';
  if (role === 'graduate' || role === 'employer') {
    const res = await t.app.request('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, displayName: `Test ${role}`, role }),
    });
    if (res.status === 202) {
      // This app sends mail: finish the sign-up with the link, as the owner of the mailbox would.
      const token = new URL(await waitingMailLink(t, email, 'signup_confirm')).searchParams.get('token');
      const confirmed = await t.app.request('/api/v1/auth/register/confirm', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      if (confirmed.status !== 201) throw new Error(`sign-up confirm failed: ${confirmed.status} ${await confirmed.text()}`);
    } else if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  } else {
    await createAccount(t.deps, { email, password, displayName: `Test ${role}`, role, regionCode: opts.regionCode ?? (role === 'department' ? '15' : null) });
  }
  const res = await t.app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as { token: string; user: { id: string } };
  const client = new Client(t) as Client & { userId: string; email: string };
  client.token = json.token;
  client.userId = json.user.id;
  client.email = email;
  return client;
}

/** The link in the newest mail of `kind` to `to` that waits in the outbox (sealed until sent). */
export async function waitingMailLink(t: TestApp, to: string, kind: string): Promise<string> {
  const row = await t.deps.database.db
    .selectFrom('mail_outbox')
    .select('body_sealed')
    .where('to_address', '=', to)
    .where('kind', '=', kind)
    .where('body_sealed', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row?.body_sealed) throw new Error(`no ${kind} mail waits for ${to}`);
  const link = (await t.deps.fieldCrypto.decrypt(row.body_sealed)).split('\n').find((l) => l.startsWith('http'));
  if (!link) throw new Error(`no link in the ${kind} mail to ${to}`);
  return link;
}

export async function expectProblem(res: Response, status: number, path?: string): Promise<{ code: string; errors?: { path: string; message: string }[]; detail: string }> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers.get('content-type')} ${text}`);
  const body = JSON.parse(text);
  if (path !== undefined && !body.errors?.some((e: { path: string }) => e.path === path)) {
    throw new Error(`expected an error at ${path}, got ${JSON.stringify(body.errors)} (${body.detail})`);
  }
  return body;
}
