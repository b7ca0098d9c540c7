// Talent storage. Plain Kysely functions taking `database` first. Reads for display never select
// the encrypted ID number; only readSealedIdNumber does, for the audited reveal and server checks.
// A talent may have no login (user_id null, e.g. imported from a roster): nothing here assumes one.
import { sql, type CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';
import type { NewTalent, TalentUpdate } from '../../db/schema';
import { subtreeRange } from '../lib/regions-range';
import { sortParts, type SortKey } from '../lib/openapi';
import { QUALIFICATION_LEVELS, rankOf } from '../lib/vocab';
import type { TalentRecord } from './talents.schemas';

/** The columns a talent is shown with (never the sealed ID number or its HMAC). */
export const DISPLAY_COLUMNS = [
  'id',
  'user_id',
  'name',
  'gender',
  'birth_date',
  'ethnicity',
  'id_number_masked',
  'phone',
  'region_code',
  'education_level',
  'school',
  'major',
  'graduation_year',
  'qualification_level',
  'certificate_number',
  'qualification_year',
  'registration_valid_until',
  'service_areas',
  'languages',
  'preferred_regions',
  'availability',
  'visibility',
  'created_at',
  'updated_at',
] as const;

export async function findTalentById(database: Database, id: string): Promise<TalentRecord | undefined> {
  return database.db.selectFrom('talents').select(DISPLAY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findTalentByUserId(database: Database, userId: string): Promise<TalentRecord | undefined> {
  return database.db.selectFrom('talents').select(DISPLAY_COLUMNS).where('user_id', '=', userId).executeTakeFirst();
}

/** The sealed (encrypted) ID number, or null. Never put its result in a response or a log. */
export async function readSealedIdNumber(database: Database, id: string): Promise<string | null> {
  const row = await database.db.selectFrom('talents').select('id_number_enc').where('id', '=', id).executeTakeFirst();
  return row?.id_number_enc ?? null;
}

/** The id of the talent holding this ID-number HMAC, other than `exceptId`. */
export async function findHolderOfIdNumber(database: Database, hmac: string, exceptId: string | null): Promise<string | undefined> {
  let q = database.db.selectFrom('talents').select('id').where('id_number_hmac', '=', hmac);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst())?.id;
}

export function insertTalent(database: Database, row: NewTalent): CompiledQuery {
  return database.db.insertInto('talents').values(row).compile();
}

export function updateTalent(database: Database, id: string, changes: TalentUpdate): CompiledQuery {
  return database.db.updateTable('talents').set(changes).where('id', '=', id).compile();
}

/** The status of the employer record a user account belongs to, if any. */
export async function employerStatusOfUser(database: Database, userId: string): Promise<string | undefined> {
  const row = await database.db.selectFrom('employers').select('status').where('user_id', '=', userId).executeTakeFirst();
  return row?.status;
}

export interface TalentQuery {
  /** Region subtrees that must all contain the talent ('' = anywhere). */
  withinRegions: string[];
  onlyVisibleToEmployers: boolean;
  minQualification?: string;
  serviceArea?: string;
  availability?: string;
  /** Any part of the name. */
  nameContains?: string;
  sort: SortKey<TalentSortColumn>;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => '\\' + m);

export type TalentSortColumn = 'name' | 'region' | 'qualification' | 'updated';

/** What each sortable column orders by (qualification by its rank, not its code). */
const TALENT_ORDER = {
  name: sql`name`,
  region: sql`region_code`,
  qualification: sql.raw(
    `CASE qualification_level ${Object.keys(QUALIFICATION_LEVELS)
      .map((k, i) => `WHEN '${k}' THEN ${i}`)
      .join(' ')} END`,
  ),
  updated: sql`updated_at`,
} as const;

export async function queryTalents(database: Database, f: TalentQuery): Promise<{ rows: TalentRecord[]; total: number }> {
  let q = database.db.selectFrom('talents');
  for (const root of f.withinRegions) {
    if (root === '') continue;
    const { from, to } = subtreeRange(root);
    q = q.where('region_code', '>=', from).where('region_code', '<', to);
  }
  if (f.onlyVisibleToEmployers) q = q.where('visibility', '=', 'employers');
  if (f.minQualification) {
    const min = rankOf(QUALIFICATION_LEVELS, f.minQualification);
    q = q.where(
      'qualification_level',
      'in',
      Object.keys(QUALIFICATION_LEVELS).filter((_, i) => i >= min),
    );
  }
  if (f.serviceArea) {
    const area = f.serviceArea;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom(sql<{ value: string }>`json_each(talents.service_areas)`.as('a')).select(sql`1`.as('one')).where(sql.ref('a.value'), '=', area)),
    );
  }
  if (f.availability) q = q.where('availability', '=', f.availability);
  if (f.nameContains) q = q.where(sql<boolean>`name LIKE ${'%' + escapeLike(f.nameContains) + '%'} ESCAPE '\\'`);
  const { column, desc } = sortParts(f.sort);
  const dir = desc ? 'desc' : 'asc';

  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(DISPLAY_COLUMNS)
      .orderBy(TALENT_ORDER[column], dir)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return { rows, total: Number(n) };
}
