// Import storage and the writes a commit makes. Plain functions taking `database` first; writes come
// back compiled, for one atomic write each (ARCHITECTURE.md, "How a write flows"). A commit's writes carry their own
// conditions (the region scope, "not there yet"), so whatever changed since the preview, a write
// never reaches outside the importer's region and never makes a second copy.
import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../lib/database';
import type { Import, ImportKind, ImportStatus, ImportTable } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';
import { subtreeRange } from '../lib/regions-range';
import { newId } from '../lib/ids';

/** Parameters per IN list: D1 allows 100 bound parameters per statement. */
export const IN_LIST = 90;

export function insertImport(database: Database, row: Insertable<ImportTable>): CompiledQuery {
  return database.db.insertInto('imports').values(row).compile();
}

export function updateImport(database: Database, id: string, changes: Updateable<ImportTable>, onlyIf?: ImportStatus[]): CompiledQuery {
  let q = database.db.updateTable('imports').set(changes).where('id', '=', id);
  if (onlyIf) q = q.where('status', 'in', onlyIf);
  return q.compile();
}

export async function findImport(database: Database, id: string): Promise<Import | undefined> {
  return database.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Imports whose scope lies inside `root` ('' = all), newest first. */
export async function listImports(database: Database, root: string, kind: ImportKind | undefined, page: number, pageSize: number): Promise<{ items: Import[]; total: number }> {
  let q = database.db.selectFrom('imports');
  if (root !== '') {
    const { from, to } = subtreeRange(root);
    q = q.where('scope_code', '>=', from).where('scope_code', '<', to);
  }
  if (kind) q = q.where('kind', '=', kind);
  const [counted, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(counted.n) };
}

export async function listErrors(database: Database, importId: string, page: number, pageSize: number) {
  return database.db
    .selectFrom('import_errors')
    .select(['row_number', 'column_name', 'code', 'params'])
    .where('import_id', '=', importId)
    .orderBy('seq')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export function insertChunk(database: Database, c: { importId: string; firstRow: number; lastRow: number; rowCount: number; payload: Uint8Array }): CompiledQuery {
  return database.db.insertInto('import_chunks').values({ import_id: c.importId, first_row: c.firstRow, last_row: c.lastRow, row_count: c.rowCount, payload: c.payload }).compile();
}

export function insertError(database: Database, e: { importId: string; seq: number; row: number; column: string; code: string; params?: Record<string, unknown> }): CompiledQuery {
  return CompiledQuery.raw('INSERT INTO import_errors (import_id, seq, row_number, column_name, code, params) VALUES (?, ?, ?, ?, ?, ?)', [
    e.importId,
    e.seq,
    e.row,
    e.column,
    e.code,
    e.params ? JSON.stringify(e.params) : null,
  ]);
}

/** Drops what an upload staged (chunks and row errors), for a failed or discarded import. */
export function deleteStaged(database: Database, importId: string, errorsToo: boolean): CompiledQuery[] {
  const out = [database.db.deleteFrom('import_chunks').where('import_id', '=', importId).compile()];
  if (errorsToo) out.push(database.db.deleteFrom('import_errors').where('import_id', '=', importId).compile());
  return out;
}

export async function nextChunk(database: Database, importId: string) {
  return database.db
    .selectFrom('import_chunks')
    .select(['first_row', 'last_row', 'row_count', 'payload'])
    .where('import_id', '=', importId)
    .orderBy('first_row')
    .limit(1)
    .executeTakeFirst();
}

/** Takes the import for a commit: from previewed, or from a commit whose holder went quiet (one
 * row affected when taken). */
export function claimForCommit(database: Database, id: string, now: number, leaseMs: number, jobId: string): CompiledQuery {
  return database.db
    .updateTable('imports')
    .set({ status: 'committing', lease_until: now + leaseMs, updated_at: now, failure: null, failure_code: null, failure_params: null, job_id: jobId })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'previewed'), eb.and([eb('status', '=', 'committing'), eb('lease_until', '<', now)])]))
    .compile();
}

// ---------------------------------------------------------------- look-ups while staging

function inChunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += IN_LIST) out.push(values.slice(i, i + IN_LIST));
  return out;
}

export async function regionByCode(database: Database, code: string): Promise<string | undefined> {
  return (await database.db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst())?.code;
}

/** The table's stand-in cities, which the full names carry but nobody writes: 北京市市辖区东城区 is
 * written 北京市东城区, 湖北省省直辖县级行政区划仙桃市 湖北省仙桃市, 重庆市县城口县 重庆市城口县. */
const FILLER_CITIES = ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'];

/** A region by its full name, also as written without a stand-in city (by the province named first). */
export async function regionByFullName(database: Database, fullName: string): Promise<string | undefined> {
  const exact = await database.db.selectFrom('regions').select('code').where('full_name', '=', fullName).orderBy('level').executeTakeFirst();
  if (exact) return exact.code;
  const provinces = await database.db.selectFrom('regions').select('name').where('level', '=', 1).execute();
  const province = provinces.find((p) => fullName.startsWith(p.name) && fullName.length > p.name.length);
  if (!province) return undefined;
  const rest = fullName.slice(province.name.length);
  const candidates = FILLER_CITIES.map((f) => province.name + f + rest);
  return (await database.db.selectFrom('regions').select('code').where('full_name', 'in', candidates).where('level', '>=', 3).orderBy('level').orderBy('code').executeTakeFirst())
    ?.code;
}

export async function talentsByHmac(database: Database, hmacs: string[]): Promise<Map<string, { id: string; name: string; region_code: string | null }>> {
  const out = new Map<string, { id: string; name: string; region_code: string | null }>();
  for (const part of inChunks([...new Set(hmacs)])) {
    const rows = await database.db.selectFrom('talents').select(['id', 'name', 'region_code', 'id_number_hmac']).where('id_number_hmac', 'in', part).execute();
    for (const r of rows) out.set(r.id_number_hmac!, { id: r.id, name: r.name, region_code: r.region_code });
  }
  return out;
}

export async function employersByCreditCode(database: Database, codes: string[]): Promise<Map<string, { id: string; region_code: string }>> {
  const out = new Map<string, { id: string; region_code: string }>();
  for (const part of inChunks([...new Set(codes)])) {
    const rows = await database.db.selectFrom('employers').select(['id', 'region_code', 'credit_code']).where('credit_code', 'in', part).execute();
    for (const r of rows) out.set(r.credit_code, { id: r.id, region_code: r.region_code });
  }
  return out;
}

/** `talent|employer|start` of the placements these talents already have. */
export async function placementKeysOf(database: Database, talentIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of inChunks([...new Set(talentIds)])) {
    const rows = await database.db.selectFrom('placements').select(['talent_id', 'employer_id', 'start_on']).where('talent_id', 'in', part).execute();
    for (const r of rows) out.add(`${r.talent_id}|${r.employer_id}|${r.start_on}`);
  }
  return out;
}

// ---------------------------------------------------------------- the writes of a commit

/** Staged rows as they are sealed in a chunk. Talent ID numbers appear only as ciphertext, HMAC and
 * masked form; list fields are JSON text; null means "the file left it empty: keep what is there". */
export interface StagedTalent {
  r: number;
  name: string;
  gender: string;
  birth_date: string;
  ethnicity: string | null;
  id_enc: string;
  id_hmac: string;
  id_masked: string;
  phone: string | null;
  region_code: string;
  education_level: string | null;
  school: string | null;
  major: string | null;
  graduation_year: number | null;
  /** Set when the file gives a qualification: the four columns are written together. */
  qualification: { level: string; certificate_number: string | null; year: number | null; valid_until: string | null } | null;
  service_areas: string | null;
  languages: string | null;
  availability: string | null;
  visibility: string | null;
}

export interface StagedEmployer {
  r: number;
  name: string;
  credit_code: string;
  type: string;
  region_code: string;
  address: string | null;
  contact_name: string;
  contact_phone: string;
  internship_base: number | null;
  description: string | null;
}

export interface StagedPlacement {
  r: number;
  id_hmac: string;
  credit_code: string;
  kind: 'employment' | 'internship';
  start_on: string;
  end_on: string | null;
  end_reason: string | null;
}

/** `AND <column> in the scope subtree`, as SQL text and parameters ('' = everywhere). */
function scopeSql(column: string, scope: string): [string, string[]] {
  if (scope === '') return ['', []];
  const { from, to } = subtreeRange(scope);
  return [` AND ${column} >= ? AND ${column} < ?`, [from, to]];
}

const TALENT_INSERT = `INSERT OR IGNORE INTO talents (id, user_id, name, gender, birth_date, ethnicity, id_number_enc, id_number_hmac,
  id_number_masked, phone, region_code, education_level, school, major, graduation_year, qualification_level, certificate_number,
  qualification_year, registration_valid_until, service_areas, languages, availability, visibility, created_at, updated_at)
VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'none'), ?, ?, ?, COALESCE(?, '[]'), COALESCE(?, '[]'),
  COALESCE(?, 'available'), COALESCE(?, 'department'), ?, ?)`;

const TALENT_UPDATE = `UPDATE talents SET
  name = ?, gender = ?, birth_date = ?, ethnicity = COALESCE(?, ethnicity), phone = COALESCE(?, phone), region_code = ?,
  education_level = COALESCE(?, education_level), school = COALESCE(?, school), major = COALESCE(?, major),
  graduation_year = COALESCE(?, graduation_year),
  qualification_level = CASE WHEN ? THEN ? ELSE qualification_level END,
  certificate_number = CASE WHEN ? THEN ? ELSE certificate_number END,
  qualification_year = CASE WHEN ? THEN ? ELSE qualification_year END,
  registration_valid_until = CASE WHEN ? THEN ? ELSE registration_valid_until END,
  service_areas = COALESCE(?, service_areas), languages = COALESCE(?, languages),
  availability = COALESCE(?, availability), visibility = COALESCE(?, visibility), updated_at = ?
WHERE id_number_hmac = ? AND id != ?`;

/** A talent matched by the HMAC of its ID number: inserted when there is none; otherwise updated in
 * place when it is inside the scope (columns the file left empty keep their value). Two statements
 * (insert-or-ignore, then the update that skips the row just inserted) rather than one upsert: the
 * same result at half SQLite's CPU time per row. Its outbox row comes with talentOutboxSelects. */
export function talentWrites(t: StagedTalent, scope: string, now: number): CompiledQuery[] {
  const q = t.qualification;
  const [scopeText, scopeParams] = scopeSql('region_code', scope);
  const id = newId();
  const insert = CompiledQuery.raw(TALENT_INSERT, [
    id,
    t.name,
    t.gender,
    t.birth_date,
    t.ethnicity,
    t.id_enc,
    t.id_hmac,
    t.id_masked,
    t.phone,
    t.region_code,
    t.education_level,
    t.school,
    t.major,
    t.graduation_year,
    q?.level ?? null,
    q?.certificate_number ?? null,
    q?.year ?? null,
    q?.valid_until ?? null,
    t.service_areas,
    t.languages,
    t.availability,
    t.visibility,
    now,
    now,
  ]);
  const given = q ? 1 : 0;
  const update = CompiledQuery.raw(TALENT_UPDATE + scopeText, [
    t.name,
    t.gender,
    t.birth_date,
    t.ethnicity,
    t.phone,
    t.region_code,
    t.education_level,
    t.school,
    t.major,
    t.graduation_year,
    given,
    q?.level ?? null,
    given,
    q?.certificate_number ?? null,
    given,
    q?.year ?? null,
    given,
    q?.valid_until ?? null,
    t.service_areas,
    t.languages,
    t.availability,
    t.visibility,
    now,
    t.id_hmac,
    id,
    ...scopeParams,
  ]);
  return [insert, update];
}

/** The talents a chunk wrote (those inside the scope), a few selects per chunk rather than one per
 * row: the write unit adds their search outbox rows after the upserts, in the same atomic write. */
export function talentOutboxSelects(hmacs: string[], scope: string): CompiledQuery[] {
  const [scopeText, scopeParams] = scopeSql('talents.region_code', scope);
  return inChunks(hmacs).map((part) =>
    CompiledQuery.raw(`SELECT id FROM talents WHERE id_number_hmac IN (${part.map(() => '?').join(', ')})${scopeText}`, [...part, ...scopeParams]),
  );
}

const EMPLOYER_UPSERT = `INSERT INTO employers (id, user_id, name, credit_code, type, region_code, address, contact_name, contact_phone,
  description, status, review_note, reviewed_by, reviewed_at, internship_base, created_at, updated_at)
VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'verified', NULL, ?, ?, COALESCE(?, 0), ?, ?)
ON CONFLICT (credit_code) DO UPDATE SET
  name = excluded.name, type = excluded.type, region_code = excluded.region_code,
  address = COALESCE(excluded.address, employers.address), contact_name = excluded.contact_name,
  contact_phone = excluded.contact_phone, description = COALESCE(excluded.description, employers.description),
  internship_base = CASE WHEN ? THEN excluded.internship_base ELSE employers.internship_base END,
  updated_at = excluded.updated_at
WHERE 1`;

/** An employer matched by credit code: a new one is verified by the importing department (it vouches
 * for its roster); an existing one inside the scope is updated in place, its status kept. Its posts
 * take the new employer type (re-indexed for search: employerPositionsSelect). */
export function employerWrites(e: StagedEmployer, scope: string, importerId: string, now: number): CompiledQuery[] {
  const [scopeText, scopeParams] = scopeSql('employers.region_code', scope);
  const upsert = CompiledQuery.raw(EMPLOYER_UPSERT + scopeText, [
    newId(),
    e.name,
    e.credit_code,
    e.type,
    e.region_code,
    e.address,
    e.contact_name,
    e.contact_phone,
    e.description,
    importerId,
    now,
    e.internship_base,
    now,
    now,
    e.internship_base === null ? 0 : 1,
    ...scopeParams,
  ]);
  const employer = `(SELECT id FROM employers WHERE credit_code = ?${scopeText})`;
  const positionsType = CompiledQuery.raw(`UPDATE positions SET employer_type = ? WHERE employer_id = ${employer} AND employer_type != ?`, [
    e.type,
    e.credit_code,
    ...scopeParams,
    e.type,
  ]);
  return [upsert, positionsType];
}

/** The posts of an imported employer (inside the scope): the write unit re-indexes them. */
export function employerPositionsSelect(e: StagedEmployer, scope: string): CompiledQuery {
  const [scopeText, scopeParams] = scopeSql('employers.region_code', scope);
  return CompiledQuery.raw(`SELECT id FROM positions WHERE employer_id = (SELECT id FROM employers WHERE credit_code = ?${scopeText})`, [e.credit_code, ...scopeParams]);
}

/** A placement matched by talent, employer and start date: inserted when there is none (source
 * `import`), else its kind, end date and end reason are updated (an empty end keeps the stored one).
 * The talent (found by the HMAC of its ID number) and the employer must both be inside the scope. */
export function placementWrites(p: StagedPlacement, importId: string, scope: string, importerId: string, now: number): CompiledQuery[] {
  const [employerScope, scopeParams] = scopeSql('e.region_code', scope);
  const [talentScope] = scopeSql('t.region_code', scope);
  const scopeText = employerScope + talentScope;
  const id = newId();
  const insert = CompiledQuery.raw(
    `INSERT INTO placements (id, talent_id, employer_id, position_id, kind, start_on, end_on, end_reason, source, source_id,
       agreement_id, created_by, created_at, updated_at)
     SELECT ?, t.id, e.id, NULL, ?, ?, ?, ?, 'import', ?, NULL, ?, ?, ?
     FROM talents t JOIN employers e ON e.credit_code = ?
     WHERE t.id_number_hmac = ?${scopeText}
       AND NOT EXISTS (SELECT 1 FROM placements x WHERE x.talent_id = t.id AND x.employer_id = e.id AND x.start_on = ?)`,
    [id, p.kind, p.start_on, p.end_on, p.end_reason, `${importId}:${p.r}`, importerId, now, now, p.credit_code, p.id_hmac, ...scopeParams, ...scopeParams, p.start_on],
  );
  const update = CompiledQuery.raw(
    `UPDATE placements SET kind = ?, end_on = COALESCE(?, end_on), end_reason = COALESCE(?, end_reason), updated_at = ?
     WHERE id != ? AND start_on = ?
       AND talent_id = (SELECT t.id FROM talents t WHERE t.id_number_hmac = ?${talentScope})
       AND employer_id = (SELECT e.id FROM employers e WHERE e.credit_code = ?${employerScope})`,
    [p.kind, p.end_on, p.end_reason, now, id, p.start_on, p.id_hmac, ...scopeParams, p.credit_code, ...scopeParams],
  );
  return [insert, update];
}

/** After a chunk's writes, in the same atomic write: the chunk is gone and the progress counted. */
export function chunkDone(database: Database, importId: string, firstRow: number, rows: number, now: number, leaseMs: number): CompiledQuery[] {
  return [
    database.db.deleteFrom('import_chunks').where('import_id', '=', importId).where('first_row', '=', firstRow).compile(),
    database.db
      .updateTable('imports')
      .set((eb) => ({ rows_done: eb('rows_done', '+', rows), lease_until: now + leaseMs, updated_at: now }))
      .where('id', '=', importId)
      .compile(),
  ];
}

export function addSkipped(database: Database, importId: string, skipped: number): CompiledQuery {
  return database.db
    .updateTable('imports')
    .set((eb) => ({ rows_skipped: eb('rows_skipped', '+', skipped) }))
    .where('id', '=', importId)
    .compile();
}

export async function countChunks(database: Database, importId: string): Promise<number> {
  const r = await database.db.selectFrom('import_chunks').select(sql<number>`count(*)`.as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow();
  return Number(r.n);
}
