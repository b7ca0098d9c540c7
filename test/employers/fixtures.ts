// Test fixtures shared by the employer, position and application tests: valid bodies, employers in
// a given state, positions, talent rows, snapshots of the tables these features write.
import { expect } from 'vitest';
import { creditCodeCheckChar } from '../../src/lib/checksums';
import { newId } from '../../src/lib/ids';
import { Client, signedIn, type TestApp } from '../helpers/app';

type Signed = Client & { userId: string; email: string };

let seq = Math.floor(Math.random() * 1_000_000);
/** A fresh valid 统一社会信用代码 (unique within the process). */
export function creditCode(): string {
  seq += 1;
  const first17 = '52150102MJ' + String(seq).padStart(7, '0');
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
export function withBadCheckChar(code: string): string {
  const good = code[17];
  return code.slice(0, 17) + (good === '0' ? '1' : '0');
}

export function employerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
    creditCode: creditCode(),
    type: 'station',
    regionCode: '150102',
    address: '海拉尔东路 12 号',
    contactName: '王敏',
    contactPhone: '0471-6901234',
    description: '承接街道社会工作服务。',
    ...overrides,
  };
}

const admins = new WeakMap<TestApp, Promise<Signed>>();
export function adminOf(t: TestApp): Promise<Signed> {
  let a = admins.get(t);
  if (!a) {
    a = signedIn(t, 'admin');
    admins.set(t, a);
  }
  return a;
}

export interface EmployerFixture {
  client: Signed;
  employerId: string;
  creditCode: string;
}

/** An employer account with its organisation registered, then verified or rejected by an admin if asked. */
export async function makeEmployer(t: TestApp, opts: { regionCode?: string; type?: string; status?: 'pending' | 'verified' | 'rejected' } = {}): Promise<EmployerFixture> {
  const client = await signedIn(t, 'employer');
  const body = employerBody({ regionCode: opts.regionCode ?? '150102', ...(opts.type ? { type: opts.type } : {}) });
  const res = await client.post('/api/v1/employers', body);
  if (res.status !== 201) throw new Error(`register employer: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const status = opts.status ?? 'verified';
  if (status !== 'pending') {
    const admin = await adminOf(t);
    const r = status === 'verified' ? await admin.post(`/api/v1/employers/${id}/verify`, {}) : await admin.post(`/api/v1/employers/${id}/reject`, { note: 'test' });
    if (r.status !== 200) throw new Error(`review employer: ${r.status} ${await r.text()}`);
  }
  return { client, employerId: id, creditCode: body.creditCode };
}

export function positionBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '社区工作者（养老服务方向）',
    kind: 'station_worker',
    regionCode: '150102001',
    seats: 3,
    reservedSeats: 1,
    requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['elderly', 'community'], languages: ['mandarin'] },
    salary: { min: 3500, max: 5000 },
    employmentType: 'FULL_TIME',
    description: '负责社区老年人走访、个案管理与小组活动。',
    opensOn: '2026-06-01',
    closesOn: '2026-07-31',
    ...overrides,
  };
}

/** A position of the client's organisation; opened unless `open: false`. Returns its id. */
export async function makePosition(client: Client, overrides: Record<string, unknown> = {}, opts: { open?: boolean } = {}): Promise<string> {
  const res = await client.post('/api/v1/positions', positionBody(overrides));
  if (res.status !== 201) throw new Error(`create position: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  if (opts.open !== false) {
    const r = await client.post(`/api/v1/positions/${id}/publish`);
    if (r.status !== 200) throw new Error(`publish position: ${r.status} ${await r.text()}`);
  }
  return id;
}

/** A talent row for a graduate, written straight into the database (profiles are another feature). */
export async function insertTalent(t: TestApp, userId: string | null, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = newId();
  const now = t.clock.now;
  await t.deps.database.db
    .insertInto('talents')
    .values({
      id,
      user_id: userId,
      name: '李娜',
      gender: 'female',
      birth_date: '2001-03-07',
      ethnicity: '02',
      id_number_enc: 'v1.not-a-real-ciphertext',
      id_number_hmac: `hmac-${id}`,
      id_number_masked: '1501**********1234',
      phone: '13812345678',
      region_code: '150102',
      education_level: 'bachelor',
      school: '内蒙古大学',
      major: '社会工作',
      graduation_year: 2024,
      qualification_level: 'assistant',
      certificate_number: 'ZS2024001',
      qualification_year: 2024,
      registration_valid_until: '2027-06-30',
      service_areas: JSON.stringify(['elderly', 'community']),
      languages: JSON.stringify(['mandarin', 'mongolian']),
      preferred_regions: JSON.stringify(['1501']),
      availability: 'available',
      visibility: 'employers',
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .execute();
  return id;
}

/** A signed-in graduate with a talent row. */
export async function makeGraduate(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Signed & { talentId: string }> {
  const client = (await signedIn(t, 'graduate')) as Signed & { talentId: string };
  client.talentId = await insertTalent(t, client.userId, overrides);
  return client;
}

const TABLES = ['employers', 'positions', 'position_service_areas', 'applications', 'application_events', 'search_outbox', 'audit_log', 'talents'] as const;

/** Everything these features write, to show that a refused request changed nothing. */
export async function snapshot(t: TestApp): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await t.deps.database.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Array.from(v) : v));
}

/** Runs `act` and asserts the tables are as before. */
export async function unchanged<T>(t: TestApp, act: () => Promise<T>): Promise<T> {
  const before = await snapshot(t);
  const result = await act();
  expect(await snapshot(t)).toBe(before);
  return result;
}
