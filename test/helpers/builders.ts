// The one set of builders: departments, graduates, employers (pending, verified, rejected),
// positions, talent profiles, agreements and placements, made through the app (`app.request()`)
// as their users would make them. Direct SQL only where a test needs a state the API cannot make
// quickly, and each such builder says why.
import { newId } from '../../src/lib/ids';
import { type Client, signedIn, type TestApp } from './app';
import { creditCode, idNumber } from './ids';

export type Signed = Client & { userId: string; email: string };

async function created<T>(res: Response, what: string, status = 201): Promise<T> {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// ── accounts ──────────────────────────────────────────────────────────────────────────────────

/** A signed-in department of `regionCode` (created the way the CLI creates one). */
export function makeDepartment(t: TestApp, regionCode = '15'): Promise<Signed> {
  return signedIn(t, 'department', { regionCode });
}

const admins = new WeakMap<TestApp, Promise<Signed>>();
/** The app's admin, signed in once per app. */
export function adminOf(t: TestApp): Promise<Signed> {
  let a = admins.get(t);
  if (!a) {
    a = signedIn(t, 'admin');
    admins.set(t, a);
  }
  return a;
}

// ── employers ─────────────────────────────────────────────────────────────────────────────────

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

export interface EmployerFixture {
  client: Signed;
  employerId: string;
  creditCode: string;
}

/** An employer account with its organisation registered (POST /employers), then verified or
 * rejected by the admin if asked (default verified). */
export async function makeEmployer(
  t: TestApp,
  opts: { regionCode?: string; type?: string; name?: string; status?: 'pending' | 'verified' | 'rejected' } = {},
): Promise<EmployerFixture> {
  const client = await signedIn(t, 'employer');
  const body = employerBody({ regionCode: opts.regionCode ?? '150102', ...(opts.type ? { type: opts.type } : {}), ...(opts.name ? { name: opts.name } : {}) });
  const { id } = await created<{ id: string }>(await client.post('/api/v1/employers', body), 'register employer');
  const status = opts.status ?? 'verified';
  if (status !== 'pending') {
    const admin = await adminOf(t);
    const r = status === 'verified' ? await admin.post(`/api/v1/employers/${id}/verify`, {}) : await admin.post(`/api/v1/employers/${id}/reject`, { note: 'test' });
    await created(r, 'review employer', 200);
  }
  return { client, employerId: id, creditCode: body.creditCode };
}

// ── positions ─────────────────────────────────────────────────────────────────────────────────

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
  const { id } = await created<{ id: string }>(await client.post('/api/v1/positions', positionBody(overrides)), 'create position');
  if (opts.open !== false) await created(await client.post(`/api/v1/positions/${id}/publish`), 'publish position', 200);
  return id;
}

// ── graduates and talent profiles ─────────────────────────────────────────────────────────────

export function profileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '李娜',
    gender: 'female',
    birthDate: '1995-03-14',
    ethnicity: '02',
    idNumber: idNumber(),
    phone: '13812345678',
    regionCode: '150102',
    education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2018 },
    qualification: { level: 'intermediate', certificateNumber: 'SW2020150001', year: 2020, registrationValidUntil: '2026-12-31' },
    serviceAreas: ['elderly', 'community'],
    languages: ['mandarin', 'mongolian'],
    preferredRegions: ['1501', '150102'],
    availability: 'available',
    visibility: 'employers',
    ...overrides,
  };
}

/** A graduate who saved their profile (PUT /talents/me). */
export async function graduateWithProfile(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ client: Signed; id: string; body: Record<string, unknown> }> {
  const client = await signedIn(t, 'graduate');
  const body = profileBody(overrides);
  const { id } = await created<{ id: string }>(await client.put('/api/v1/talents/me', body), 'profile not created');
  return { client, id, body };
}

/** A talent row written straight into the database, in any state and with any column (snake_case
 * overrides). Direct SQL because tests need what the API cannot make: talents without an account
 * (imported people), an ID number that is deliberately not a real ciphertext so tests can look for
 * it in answers, and column values such as preferred regions or dates set exactly. */
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

/** A signed-in graduate with a talent row from `insertTalent` (see there why it is direct SQL). */
export async function makeGraduate(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Signed & { talentId: string }> {
  const client = (await signedIn(t, 'graduate')) as Signed & { talentId: string };
  client.talentId = await insertTalent(t, client.userId, overrides);
  return client;
}

// ── agreements and placements ─────────────────────────────────────────────────────────────────

export function agreementBody(talentId: string, overrides: Record<string, unknown> = {}) {
  return {
    talentId,
    targetRegionCode: '1501',
    institution: '内蒙古师范大学',
    enrolmentYear: 2021,
    graduationYear: 2025,
    serviceYears: 5,
    signedOn: '2021-08-20',
    ...overrides,
  };
}

export type AgreementJson = {
  id: string;
  status: string;
  statusNote: string | null;
  servedDays: number;
  owedDays: number;
  fulfillable: boolean;
  nextSteps: string[];
  talent: { id: string };
  events: { fromStatus: string | null; toStatus: string; actorRole: string | null; note: string | null }[];
};

export type PlacementJson = {
  id: string;
  kind: string;
  startOn: string;
  endOn: string | null;
  endReason: string | null;
  source: string;
  sourceId: string | null;
  agreementId: string | null;
  days: number;
  talent: { id: string };
  employer: { id: string };
  position: { id: string } | null;
};

/** A directed-training agreement recorded by the department (POST /agreements). */
export async function makeAgreement(dept: Client, talentId: string, overrides: Record<string, unknown> = {}): Promise<AgreementJson> {
  return created<AgreementJson>(await dept.post('/api/v1/agreements', agreementBody(talentId, overrides)), 'create agreement');
}

export async function moveAgreement(dept: Client, id: string, status: string, note = 'test note'): Promise<Response> {
  return dept.post(`/api/v1/agreements/${id}/status`, { status, note });
}

/** A placement recorded by a department or an employer (POST /placements). */
export async function makePlacement(client: Client, body: Record<string, unknown>): Promise<PlacementJson> {
  return created<PlacementJson>(await client.post('/api/v1/placements', { kind: 'employment', startOn: '2026-06-01', ...body }), 'create placement');
}

// ── interviews ────────────────────────────────────────────────────────────────────────────────

/** Interview details `days` after `now` (the app's clock), China date: what moving to interview needs. */
export function interviewBody(now: number, overrides: Record<string, unknown> = {}, days = 7): Record<string, unknown> {
  const date = new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return { date, time: '09:30', place: '社区服务中心二楼', ...overrides };
}

/** The body of an employer's move: with interview details when the move is to interview. */
export function moveBody(status: string, now: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status, ...(status === 'interview' ? { interview: interviewBody(now) } : {}), ...extra };
}
