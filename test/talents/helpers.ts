// Fixtures for the talent tests: valid ID numbers, profile bodies, verified employers, snapshots.
import { creditCodeCheckChar, idNumberCheckChar } from '../../src/lib/checksums';
import { newId } from '../../src/lib/ids';
import { signedIn, type Client, type TestApp } from '../helpers/app';

let serial = 100;

/** A valid ID number: 6-digit region, YYYYMMDD birth date, a fresh 3-digit serial, check character. */
export function idNumber(region = '150102', birth = '19950314'): string {
  serial = serial >= 999 ? 100 : serial + 1;
  const first17 = region + birth + String(serial);
  return first17 + idNumberCheckChar(first17);
}

/** The same ID number with a wrong check character. */
export function withBadCheckChar(id: string): string {
  const wrong = '0123456789X'.split('').find((ch) => ch !== id[17])!;
  return id.slice(0, 17) + wrong;
}

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

type Signed = Client & { userId: string; email: string };

/** A graduate with a saved profile. */
export async function graduateWithProfile(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ client: Signed; id: string; body: Record<string, unknown> }> {
  const client = await signedIn(t, 'graduate');
  const body = profileBody(overrides);
  const res = await client.put('/api/v1/talents/me', body);
  if (res.status !== 201) throw new Error(`profile not created: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return { client, id, body };
}

/** An employer account with an employer record in the given status (set directly: the employers
 * API is another feature's). */
export async function employerWithStatus(t: TestApp, status: 'pending' | 'verified' | 'rejected'): Promise<Signed> {
  const client = await signedIn(t, 'employer');
  const first17 = '52150102' + String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  await t.deps.database.db
    .insertInto('employers')
    .values({
      id: newId(),
      user_id: client.userId,
      name: '呼和浩特市新城区社工站',
      credit_code: first17 + creditCodeCheckChar(first17),
      type: 'station',
      region_code: '150102',
      contact_name: '王强',
      contact_phone: '13900000000',
      status,
      created_at: t.clock.now,
      updated_at: t.clock.now,
    })
    .execute();
  return client;
}

/** Every row of the tables a talent write may touch, to show a refused write changed nothing. */
export async function snapshot(t: TestApp): Promise<unknown> {
  const db = t.deps.database.db;
  return {
    talents: await db.selectFrom('talents').selectAll().orderBy('id').execute(),
    outbox: await db.selectFrom('search_outbox').selectAll().orderBy('seq').execute(),
    audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  };
}
