// The generated demo data answers through the real API: an app built by createApp over a copy of a
// generated database, holding the same data key the generator sealed ID numbers with.
import { createSearch } from '../../search/index';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { openMemoryCopy, wrapSqlite } from '../../db/sqlite';
import { generateDemoData, PROVINCE, SHOWCASE_CITY, type DemoSummary } from '../../db/demo/generate';
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
let appDb: BetterSqlite3.Database;
let generated: BetterSqlite3.Database;
let summary: DemoSummary;
let fieldCrypto: FieldCrypto;
const one = <T>(sql: string, ...params: unknown[]) =>
  generated
    .prepare(sql)
    .pluck()
    .get(...params) as T;

beforeAll(async () => {
  const dataKey = randomBytes(32).toString('base64');
  fieldCrypto = await createFieldCrypto(dataKey);
  generated = openMemoryCopy().sqlite;
  summary = await generateDemoData(generated, { fieldCrypto, seed: 7, scale: { talents: 300, employers: 30, positions: 60, applications: 120 }, now: NOW });
  // The app gets its own copy, so what it writes (accounts, sessions, audit) stays out of the SQL checks.
  const sqlite = new BetterSqlite3(generated.serialize());
  sqlite.pragma('foreign_keys = ON');
  appDb = sqlite;
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
    const revealed = await dept.post(`/api/v1/talents/${talentId}/reveal-id-number`, { purpose: 'verify_identity' });
    expect(revealed.status).toBe(200);
    const { idNumber } = (await revealed.json()) as { idNumber: string };
    expect(isValidIdNumber(idNumber)).toBe(true);
    expect(idNumber).toBe(await fieldCrypto.decrypt(one<string>('SELECT id_number_enc FROM talents WHERE id = ?', talentId)));
    expect(maskIdNumber(idNumber)).toBe(talent.idNumberMasked);
  });
});

type Page<T> = { items: T[]; total: number };
type AgreementDto = { id: string; status: string; servedDays: number; owedDays: number; fulfillable: boolean; targetRegionCode: string; events?: unknown[] };

/** Inclusive days of a placement up to today (the documented rule), computed here from the rows. */
function servedDays(agreementId: string): number {
  const rows = generated.prepare('SELECT start_on, end_on FROM placements WHERE agreement_id = ?').all(agreementId) as { start_on: string; end_on: string | null }[];
  let n = 0;
  for (const r of rows) {
    const last = r.end_on !== null && r.end_on < TODAY ? r.end_on : TODAY;
    if (last >= r.start_on) n += (Date.parse(last) - Date.parse(r.start_on)) / 86_400_000 + 1;
  }
  return n;
}

async function all<T>(client: { get(path: string): Promise<Response> }, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=100`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Page<T>;
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

describe('demo agreements, placements and sign-ins through the real API', () => {
  it('a province department sees every agreement with the served days the placements add up to', async () => {
    const dept = await signedIn(t, 'department', { regionCode: PROVINCE });
    const items = await all<AgreementDto>(dept, '/api/v1/agreements');
    expect(items.length).toBe(one<number>('SELECT count(*) FROM agreements'));
    expect(items.some((a) => a.status === 'serving' || a.status === 'fulfilled')).toBe(true);
    for (const a of items) {
      expect(a.servedDays, a.id).toBe(servedDays(a.id));
      if (a.status === 'serving') expect(a.fulfillable, a.id).toBe(false);
      if (a.status === 'fulfilled') expect(a.servedDays).toBeGreaterThanOrEqual(a.owedDays);
    }
    const first = items[0];
    const detail = (await (await dept.get(`/api/v1/agreements/${first.id}`)).json()) as AgreementDto;
    expect(detail.events!.length).toBe(one<number>('SELECT count(*) FROM agreement_events WHERE agreement_id = ?', first.id));
  });

  it("a city department sees only its city's agreements and placements", async () => {
    const dept = await signedIn(t, 'department', { regionCode: SHOWCASE_CITY });
    const agreements = (await (await dept.get('/api/v1/agreements?pageSize=1')).json()) as Page<AgreementDto>;
    expect(agreements.total).toBe(
      one<number>('SELECT count(*) FROM agreements WHERE substr(target_region_code, 1, 4) = ? OR substr(sponsor_region_code, 1, 4) = ?', SHOWCASE_CITY, SHOWCASE_CITY),
    );
    const open = (await (await dept.get('/api/v1/placements?open=true&pageSize=1')).json()) as Page<unknown>;
    expect(open.total).toBe(
      one<number>('SELECT count(*) FROM placements p JOIN employers e ON e.id = p.employer_id WHERE p.end_on IS NULL AND substr(e.region_code, 1, 4) = ?', SHOWCASE_CITY),
    );
    expect(open.total).toBeGreaterThan(0);
  });

  it('the demo graduate has an agreement awaiting placement and recommended posts inside its target region', async () => {
    const me = await signedIn(t, 'graduate');
    appDb.prepare('UPDATE talents SET user_id = ? WHERE id = ?').run(me.userId, summary.showcase.talentId);
    const mine = (await (await me.get('/api/v1/agreements')).json()) as Page<AgreementDto>;
    expect(mine.items.map((a) => [a.id, a.status, a.targetRegionCode])).toEqual([[summary.showcase.agreementId, 'awaiting_placement', SHOWCASE_CITY]]);
    const res = await me.get('/api/v1/talents/me/recommendations');
    expect(res.status).toBe(200);
    const recs = (await res.json()) as { directed: boolean; items: { position: { regionCode: string } }[] };
    expect(recs.directed).toBe(true);
    expect(recs.items.length).toBeGreaterThan(0);
    for (const r of recs.items) expect(r.position.regionCode.startsWith(SHOWCASE_CITY)).toBe(true);
  });

  it('the demo employer sees its interns', async () => {
    const employer = await signedIn(t, 'employer');
    appDb.prepare('UPDATE employers SET user_id = ? WHERE id = ?').run(employer.userId, summary.showcase.employerId);
    const interns = (await (await employer.get('/api/v1/placements?kind=internship&open=true')).json()) as Page<{ employer: { id: string }; kind: string }>;
    expect(interns.total).toBeGreaterThan(0);
    for (const p of interns.items) expect(p).toMatchObject({ employer: { id: summary.showcase.employerId }, kind: 'internship' });
  });

  it('the generated department accounts cannot sign in before demo.ts gives them a password', async () => {
    const res = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nmg@demo.shegong.cn', password: 'demo-dept-15' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('demo data on the statistics dashboards', () => {
  type Coverage = { total: { units: number; covered: number } };
  const get = async <T>(client: { get(path: string): Promise<Response> }, path: string): Promise<T> => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  it("呼和浩特's township and school coverage show both covered and uncovered units", async () => {
    const dept = await signedIn(t, 'department', { regionCode: SHOWCASE_CITY });
    const townships = await get<Coverage>(dept, '/api/v1/statistics/township-coverage');
    expect(townships.total.covered).toBeGreaterThan(0);
    expect(townships.total.covered).toBeLessThan(townships.total.units);
    const province = await signedIn(t, 'department', { regionCode: PROVINCE });
    const schools = await get<Coverage>(province, '/api/v1/statistics/school-coverage');
    expect(schools.total.covered).toBeGreaterThan(0);
    expect(schools.total.covered).toBeLessThan(schools.total.units);
  });

  it('the province sees placements every month, directed training by status and registrations about to lapse', async () => {
    const dept = await signedIn(t, 'department', { regionCode: PROVINCE });
    const monthly = await get<{ months: { employment: number; internship: number }[]; total: { employment: number; internship: number } }>(
      dept,
      '/api/v1/statistics/placements-monthly',
    );
    expect(monthly.total.employment).toBeGreaterThan(0);
    expect(monthly.total.internship).toBeGreaterThan(0);
    const directed = await get<{ total: { agreements: number; byStatus: Record<string, number> } }>(dept, '/api/v1/statistics/directed-training');
    expect(directed.total.agreements).toBe(one<number>('SELECT count(*) FROM agreements'));
    for (const s of ['serving', 'fulfilled', 'awaiting_placement']) expect(directed.total.byStatus[s], s).toBeGreaterThan(0);
    const lapsing = await get<{ from: string; to: string; total: number }>(dept, '/api/v1/statistics/lapsing-registrations');
    expect(lapsing.total).toBeGreaterThan(0);
    expect(lapsing.total).toBe(one<number>('SELECT count(*) FROM talents WHERE registration_valid_until >= ? AND registration_valid_until <= ?', lapsing.from, lapsing.to));
  });
});
