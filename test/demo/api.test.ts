// The generated demo data answers through the real API: an app built by createApp over a copy of a
// generated database, holding the same data key the generator sealed ID numbers with.
import { createSearch } from '../../search/index';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { openMemoryCopy, wrapSqlite } from '../../db/sqlite';
import { generateDemoData, PROVINCE, type DemoSummary } from '../../db/demo/generate';
import { createApp } from '../../src/app';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto, type FieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { isValidIdNumber, maskIdNumber } from '../../src/lib/checksums';
import { signedIn, type TestApp } from '../helpers/app';

const NOW = Date.parse('2026-06-01T08:00:00Z');
const TODAY = '2026-06-01'; // in China, too (16:00 UTC+8)

let t: TestApp;
let generated: BetterSqlite3.Database;
let summary: DemoSummary;
let fieldCrypto: FieldCrypto;
const one = <T>(sql: string, ...params: unknown[]) => generated.prepare(sql).pluck().get(...params) as T;

beforeAll(async () => {
  const dataKey = randomBytes(32).toString('base64');
  fieldCrypto = await createFieldCrypto(dataKey);
  generated = openMemoryCopy().sqlite;
  summary = await generateDemoData(generated, { fieldCrypto, seed: 7, scale: { talents: 300, employers: 30, positions: 60, applications: 120 }, now: NOW });
  // The app gets its own copy, so what it writes (accounts, sessions, audit) stays out of the SQL checks.
  const sqlite = new BetterSqlite3(generated.serialize());
  sqlite.pragma('foreign_keys = ON');
  const raw = parseEnv({ PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' });
  const deps: AppDeps = {
    database: wrapSqlite(sqlite),
    config: toConfig(raw, dataKey),
    fieldCrypto,
    scrypt: nodeScrypt,
    now: () => NOW,
    clientAddress: () => '203.0.113.9',
    log: () => {},
    search: createSearch({ database: wrapSqlite(sqlite), now: () => NOW, log: () => {}, meili: null }),
  };
  t = { app: createApp(deps), deps, logs: [], clock: { now: NOW }, close: () => sqlite.close() };
});
afterAll(() => {
  t?.close();
  generated?.close();
});

describe('demo data through the real API', () => {
  it('GET /api/v1/positions lists the open posts, with filters', async () => {
    const res = await t.app.request('/api/v1/positions?pageSize=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; status: string }[]; total: number };
    expect(body.total).toBe(one<number>("SELECT count(*) FROM positions WHERE status = 'open' AND closes_on >= ?", TODAY));
    expect(body.items.length).toBe(10);
    for (const item of body.items) expect(item.status).toBe('open');

    const city = one<string>("SELECT substr(region_code, 1, 4) FROM positions WHERE status = 'open' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
    const filtered = (await (await t.app.request(`/api/v1/positions?regionCode=${city}&kind=agency_worker`)).json()) as { total: number };
    expect(filtered.total).toBe(
      one<number>("SELECT count(*) FROM positions WHERE status = 'open' AND closes_on >= ? AND region_code LIKE ? AND kind = 'agency_worker'", TODAY, `${city}%`),
    );
  });

  it('a department reads a generated talent and reveals the ID number the generator sealed', async () => {
    const dept = await signedIn(t, 'department', { regionCode: PROVINCE });
    const talentId = summary.showcase.talentId;
    const res = await dept.get(`/api/v1/talents/${talentId}`);
    expect(res.status).toBe(200);
    const talent = (await res.json()) as { name: string; idNumberMasked: string };
    expect(talent.name).toBe(one<string>('SELECT name FROM talents WHERE id = ?', talentId));
    const revealed = await dept.post(`/api/v1/talents/${talentId}/reveal-id-number`);
    expect(revealed.status).toBe(200);
    const { idNumber } = (await revealed.json()) as { idNumber: string };
    expect(isValidIdNumber(idNumber)).toBe(true);
    expect(idNumber).toBe(await fieldCrypto.decrypt(one<string>('SELECT id_number_enc FROM talents WHERE id = ?', talentId)));
    expect(maskIdNumber(idNumber)).toBe(talent.idNumberMasked);
  });
});
