// The demo generator: same seed → same database; every generated identifier valid; every region
// real and inside 内蒙古 (15). test/demo/api.test.ts reads the generated data through the API.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openMemoryCopy } from '../../db/sqlite';
import { generateDemoData, PROVINCE, type DemoSummary } from '../../db/demo/generate';
import { createFieldCrypto, type FieldCrypto } from '../../src/lib/crypto';
import { idNumberBirthDate, isValidCreditCode, isValidIdNumber, maskIdNumber } from '../../src/lib/checksums';
import { EMPLOYER_TYPES, ETHNICITIES, POSITION_KINDS, SERVICE_AREAS, LANGUAGES } from '../../src/lib/vocab';

const SCALE = { talents: 300, employers: 30, positions: 60, applications: 120 };
const NOW = Date.parse('2026-06-01T08:00:00Z');
const TODAY = '2026-06-01';
const SEED = 4242;
const TABLES = [
  'users',
  'employers',
  'talents',
  'positions',
  'position_service_areas',
  'applications',
  'application_events',
  'search_outbox',
  'agreements',
  'agreement_events',
  'placements',
  'rounds',
  'round_positions',
  'round_talents',
  'round_choices',
];

type Db = { sqlite: BetterSqlite3.Database; summary: DemoSummary };
let fieldCrypto: FieldCrypto;
let a: Db, b: Db, other: Db;

async function generate(seed: number): Promise<Db> {
  const { sqlite } = openMemoryCopy();
  const summary = await generateDemoData(sqlite, { fieldCrypto, seed, scale: SCALE, now: NOW });
  return { sqlite, summary };
}

/** Every row of a table in primary-key order, without the AES-GCM ciphertext (its IV is random). */
function dump(sqlite: BetterSqlite3.Database, table: string): unknown[] {
  const rows = sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<string, unknown>[];
  return rows.map(({ id_number_enc: _sealed, ...rest }) => rest);
}

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, ...params: unknown[]) =>
  db.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as T;

beforeAll(async () => {
  fieldCrypto = await createFieldCrypto(randomBytes(32).toString('base64'));
  a = await generate(SEED);
  b = await generate(SEED);
  other = await generate(SEED + 1);
});
afterAll(() => {
  for (const db of [a, b, other]) db?.sqlite.close();
});

describe('demo generator: repeatable', () => {
  it('generates the requested scale', () => {
    expect(a.summary.counts).toMatchObject({ talents: 300, employers: 30, positions: 60, applications: 120, outbox: 360 });
    for (const table of ['talents', 'employers', 'positions', 'applications'] as const) {
      expect(one<number>(a, `SELECT count(*) FROM ${table}`)).toBe(SCALE[table]);
    }
  });

  it('the same seed gives identical tables, ids included', () => {
    for (const table of TABLES) {
      expect(dump(a.sqlite, table).length, table).toBeGreaterThan(0);
      expect(dump(b.sqlite, table), table).toEqual(dump(a.sqlite, table));
    }
    expect(b.summary.showcase).toEqual(a.summary.showcase);
    expect(b.summary.counts).toEqual(a.summary.counts);
  });

  it('the summary counts what was written', () => {
    const c = a.summary.counts;
    expect(c).toMatchObject({
      departments: one<number>(a, "SELECT count(*) FROM users WHERE role = 'department'"),
      agreements: one<number>(a, 'SELECT count(*) FROM agreements'),
      agreementEvents: one<number>(a, 'SELECT count(*) FROM agreement_events'),
      placements: one<number>(a, 'SELECT count(*) FROM placements'),
      openPlacements: one<number>(a, 'SELECT count(*) FROM placements WHERE end_on IS NULL'),
      internships: one<number>(a, "SELECT count(*) FROM placements WHERE kind = 'internship'"),
      roundPositions: one<number>(a, 'SELECT count(*) FROM round_positions'),
      roundTalents: one<number>(a, 'SELECT count(*) FROM round_talents'),
      roundChoices: one<number>(a, 'SELECT count(*) FROM round_choices'),
    });
    const byStatus = all<{ status: string; n: number }>(a, 'SELECT status, count(*) AS n FROM agreements GROUP BY status');
    expect(c.agreementsByStatus).toEqual(Object.fromEntries(byStatus.map((r) => [r.status, r.n])));
  });

  it('the same seed seals the same ID numbers (ciphertexts differ, plaintexts agree)', async () => {
    const sealedA = all<{ id: string; id_number_enc: string }>(a, 'SELECT id, id_number_enc FROM talents ORDER BY id');
    const sealedB = all<{ id: string; id_number_enc: string }>(b, 'SELECT id, id_number_enc FROM talents ORDER BY id');
    expect(sealedA.map((r) => r.id)).toEqual(sealedB.map((r) => r.id));
    expect(sealedA[0].id_number_enc).not.toBe(sealedB[0].id_number_enc);
    for (let i = 0; i < sealedA.length; i++) {
      expect(await fieldCrypto.decrypt(sealedB[i].id_number_enc)).toBe(await fieldCrypto.decrypt(sealedA[i].id_number_enc));
    }
  });

  it('another seed gives other data', () => {
    for (const table of ['talents', 'employers', 'agreements', 'placements', 'round_talents']) expect(dump(other.sqlite, table), table).not.toEqual(dump(a.sqlite, table));
  });
});

describe('demo generator: valid identifiers', () => {
  it('every ID number is sealed as the app does, valid, and agrees with birth date, gender and region', async () => {
    const rows = all<{ id_number_enc: string; id_number_hmac: string; id_number_masked: string; birth_date: string; gender: string; region_code: string }>(
      a,
      'SELECT id_number_enc, id_number_hmac, id_number_masked, birth_date, gender, region_code FROM talents',
    );
    expect(rows.length).toBe(300);
    const seen = new Set<string>();
    for (const r of rows) {
      const id = await fieldCrypto.decrypt(r.id_number_enc);
      expect(isValidIdNumber(id), id).toBe(true);
      expect(idNumberBirthDate(id)).toBe(r.birth_date);
      expect(Number(id[16]) % 2, id).toBe(r.gender === 'male' ? 1 : 0);
      expect(id.slice(0, 6)).toBe(r.region_code.slice(0, 6));
      expect(r.id_number_masked).toBe(maskIdNumber(id));
      expect(r.id_number_hmac).toBe(await fieldCrypto.hmac(id));
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
  });

  it('every 统一社会信用代码 is valid and unique', () => {
    const codes = all<{ credit_code: string; region_code: string }>(a, 'SELECT credit_code, region_code FROM employers');
    for (const c of codes) {
      expect(isValidCreditCode(c.credit_code), c.credit_code).toBe(true);
      expect(c.credit_code.slice(2, 4)).toBe(PROVINCE);
    }
    expect(new Set(codes.map((c) => c.credit_code)).size).toBe(codes.length);
  });

  it('codes come from the app vocabularies', () => {
    const t = all<{ ethnicity: string; service_areas: string; languages: string }>(a, 'SELECT ethnicity, service_areas, languages FROM talents');
    for (const r of t) {
      expect(Object.keys(ETHNICITIES)).toContain(r.ethnicity);
      for (const s of JSON.parse(r.service_areas)) expect(Object.keys(SERVICE_AREAS)).toContain(s);
      expect(JSON.parse(r.languages)).toContain('mandarin');
      for (const l of JSON.parse(r.languages)) expect(Object.keys(LANGUAGES)).toContain(l);
    }
    const han = t.filter((r) => r.ethnicity === '01').length;
    const mongol = t.filter((r) => r.ethnicity === '02').length;
    expect(han).toBeGreaterThan(t.length / 2);
    expect(mongol).toBeGreaterThan(t.length * 0.08);
    expect(mongol).toBeLessThan(t.length * 0.3);
    for (const e of all<{ type: string }>(a, 'SELECT type FROM employers')) expect(Object.keys(EMPLOYER_TYPES)).toContain(e.type);
    for (const p of all<{ kind: string }>(a, 'SELECT kind FROM positions')) expect(Object.keys(POSITION_KINDS)).toContain(p.kind);
  });
});

describe('demo generator: regions', () => {
  it('every region code exists and lies under 15', () => {
    const codes = new Set<string>();
    for (const sql of ['SELECT region_code FROM talents', 'SELECT region_code FROM employers', 'SELECT region_code FROM positions']) {
      for (const c of a.sqlite.prepare(sql).pluck().all() as string[]) codes.add(c);
    }
    for (const json of a.sqlite.prepare('SELECT preferred_regions FROM talents').pluck().all() as string[]) {
      const list = JSON.parse(json) as string[];
      expect(list.length).toBeGreaterThan(0);
      for (const c of list) codes.add(c);
    }
    const known = new Set(a.sqlite.prepare('SELECT code FROM regions').pluck().all() as string[]);
    for (const c of codes) {
      expect(known.has(c), c).toBe(true);
      expect(c.startsWith(PROVINCE), c).toBe(true);
    }
    // Posts reach down to townships, and spread over several leagues and cities.
    expect(one<number>(a, 'SELECT count(*) FROM positions WHERE length(region_code) = 9')).toBeGreaterThan(0);
    expect(one<number>(a, 'SELECT count(DISTINCT substr(region_code, 1, 4)) FROM employers')).toBeGreaterThan(5);
  });

  it('each post lies in its employer’s region subtree, of the kind that matches the employer', () => {
    const rows = all<{ region_code: string; employer_region: string; kind: string; type: string; employer_type: string }>(
      a,
      'SELECT p.region_code, e.region_code AS employer_region, p.kind, e.type, p.employer_type FROM positions p JOIN employers e ON e.id = p.employer_id',
    );
    const kindOf: Record<string, string> = {
      community: 'community_worker',
      station: 'station_worker',
      school: 'school_worker',
      hospital: 'medical_worker',
      agency: 'agency_worker',
    };
    for (const r of rows) {
      expect(r.region_code.startsWith(r.employer_region), `${r.region_code} under ${r.employer_region}`).toBe(true);
      expect(r.kind).toBe(kindOf[r.type]);
      expect(r.employer_type).toBe(r.type);
    }
  });
});

describe('demo generator: positions, applications, outbox', () => {
  it('posts come from verified employers, with believable salaries and reserved seats within seats', () => {
    expect(one<number>(a, "SELECT count(*) FROM positions p JOIN employers e ON e.id = p.employer_id WHERE e.status != 'verified'")).toBe(0);
    expect(one<number>(a, 'SELECT count(*) FROM positions WHERE salary_min < 3000 OR salary_max > 8000 OR salary_min > salary_max')).toBe(0);
    expect(one<number>(a, 'SELECT count(*) FROM positions WHERE reserved_seats > seats OR seats < 1')).toBe(0);
    expect(one<number>(a, 'SELECT count(*) FROM positions WHERE closes_on <= opens_on')).toBe(0);
    expect(one<number>(a, "SELECT count(*) FROM positions WHERE status = 'open' AND (closes_on < ? OR opens_on > ?)", TODAY, TODAY)).toBe(0);
    expect(one<number>(a, "SELECT count(*) FROM positions WHERE status = 'open'")).toBeGreaterThan(SCALE.positions / 2);
    expect(one<number>(a, "SELECT count(*) FROM employers WHERE status = 'verified'")).toBeGreaterThan(SCALE.employers / 2);
    expect(one<number>(a, "SELECT count(*) FROM employers WHERE status = 'pending'")).toBeGreaterThanOrEqual(2);
    expect(
      one<number>(a, 'SELECT count(*) FROM positions p WHERE (SELECT count(*) FROM position_service_areas s WHERE s.position_id = p.id) != json_array_length(p.service_areas)'),
    ).toBe(0);
  });

  it("each application's status is the last step of its history, all in the past", () => {
    const apps = all<{ id: string; status: string; created_at: number }>(a, 'SELECT id, status, created_at FROM applications');
    for (const app of apps) {
      const events = all<{ from_status: string | null; to_status: string; created_at: number }>(
        a,
        'SELECT from_status, to_status, created_at FROM application_events WHERE application_id = ? ORDER BY created_at',
        app.id,
      );
      expect(events[0]).toMatchObject({ from_status: null, to_status: 'submitted', created_at: app.created_at });
      for (let i = 1; i < events.length; i++) expect(events[i].from_status).toBe(events[i - 1].to_status);
      expect(events.at(-1)!.to_status).toBe(app.status);
      expect(events.at(-1)!.created_at).toBeLessThanOrEqual(NOW + 3_600_000);
    }
  });

  it('one search_outbox row per talent and per position', () => {
    expect(one<number>(a, "SELECT count(*) FROM search_outbox WHERE entity = 'talent' AND entity_id IN (SELECT id FROM talents)")).toBe(SCALE.talents);
    expect(one<number>(a, "SELECT count(*) FROM search_outbox WHERE entity = 'position' AND entity_id IN (SELECT id FROM positions)")).toBe(SCALE.positions);
    expect(one<number>(a, 'SELECT count(*) FROM search_outbox')).toBe(SCALE.talents + SCALE.positions);
  });
});
