// Export reads: rows in keyset batches (never the whole table in memory), each query resuming after
// the last row of the previous batch, so every batch is an index seek, not an OFFSET walk.
//   talents    — by (region_code, rowid), walking the talents_region index in its own order;
//   placements — by placement rowid, placements the outer loop (CROSS JOIN), employer region as a filter;
//   agreements — by agreement rowid (the scope is target OR sponsor region, which no index serves).
// Every export is bounded by the highest rowid at its start ("as of the start"): rows added while it
// streams are left out, so the audited row count of a full export is what goes out.
// Plain SELECTs, no interactive transaction and at most a few bound parameters: runs on D1 as well.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../lib/database';
import { subtreeRange } from '../lib/regions-range';
import { QUALIFICATION_LEVELS, rankOf } from '../lib/vocab';
import { DAYS_PER_SERVICE_YEAR } from '../placements';
import type { AgreementStatus } from '../../db/schema';

export const DEFAULT_BATCH = 1000;

/** Codes in the subtree of a non-empty root, as an index range. */
function inSubtree(column: string, root: string) {
  return (eb: any): Expression<SqlBool> => {
    const { from, to } = subtreeRange(root);
    return eb.and([eb(column, '>=', from), eb(column, '<', to)]);
  };
}

async function maxRowid(database: Database, table: 'talents' | 'placements' | 'agreements'): Promise<number> {
  const { m } = await sql<{ m: number | null }>`SELECT max(rowid) AS m FROM ${sql.table(table)}`.execute(database.db).then((r) => r.rows[0]);
  return Number(m ?? 0);
}

async function* batches<R extends { rid: number }, C>(fetch: (after: C | null, limit: number) => Promise<R[]>, cursorOf: (last: R) => C, batchSize: number): AsyncGenerator<R[]> {
  let after: C | null = null;
  for (;;) {
    const rows = await fetch(after, batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = cursorOf(rows[rows.length - 1]);
  }
}

export interface ExportRead<R> {
  /** Rows that will go out (the same conditions, counted once before streaming). */
  count(): Promise<number>;
  batches(batchSize?: number): AsyncGenerator<R[]>;
}

// ---------------------------------------------------------------- talents

export interface TalentExportFilters {
  root: string;
  qualification?: string;
  serviceArea?: string;
  availability?: string;
}

function talentsBase(database: Database, f: TalentExportFilters, bound: number) {
  let q = database.db.selectFrom('talents as t').where(sql<SqlBool>`t.rowid <= ${bound}`);
  if (f.root !== '') q = q.where(inSubtree('t.region_code', f.root));
  if (f.qualification) {
    const min = rankOf(QUALIFICATION_LEVELS, f.qualification);
    q = q.where(
      't.qualification_level',
      'in',
      Object.keys(QUALIFICATION_LEVELS).filter((_, i) => i >= min),
    );
  }
  if (f.serviceArea) {
    const area = f.serviceArea;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom(sql<{ value: string }>`json_each(t.service_areas)`.as('a')).select(sql`1`.as('one')).where(sql.ref('a.value'), '=', area)),
    );
  }
  if (f.availability) q = q.where('t.availability', '=', f.availability);
  return q;
}

function talentRows(database: Database, f: TalentExportFilters, bound: number, sealed: boolean) {
  return talentsBase(database, f, bound)
    .leftJoin('regions as r', 'r.code', 't.region_code')
    .select([
      sql<number>`t.rowid`.as('rid'),
      't.id',
      't.name',
      't.gender',
      't.birth_date',
      't.ethnicity',
      't.id_number_masked',
      sealed ? 't.id_number_enc' : sql<string | null>`NULL`.as('id_number_enc'),
      't.phone',
      't.region_code',
      'r.full_name as region_name',
      't.education_level',
      't.school',
      't.major',
      't.graduation_year',
      't.qualification_level',
      't.certificate_number',
      't.qualification_year',
      't.registration_valid_until',
      't.service_areas',
      't.languages',
      't.preferred_regions',
      't.availability',
      't.visibility',
      't.updated_at',
    ]);
}

export type TalentExportRow = Awaited<ReturnType<ReturnType<typeof talentRows>['execute']>>[number];

export async function readTalents(database: Database, f: TalentExportFilters, opts: { sealed: boolean }): Promise<ExportRead<TalentExportRow>> {
  const bound = await maxRowid(database, 'talents');
  type Cursor = { region: string; rid: number };
  return {
    async count() {
      const r = await talentsBase(database, f, bound)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async *batches(batchSize = DEFAULT_BATCH) {
      // Talents without a region are in nobody's subtree: only a full export (admin) has them, first.
      if (f.root === '') {
        yield* batches<TalentExportRow, number>(
          (after, limit) =>
            talentRows(database, f, bound, opts.sealed)
              .where('t.region_code', 'is', null)
              .where(sql<SqlBool>`t.rowid > ${after ?? 0}`)
              .orderBy(sql`t.rowid`)
              .limit(limit)
              .execute(),
          (last) => last.rid,
          batchSize,
        );
      }
      yield* batches<TalentExportRow, Cursor>(
        (after, limit) => {
          let q = talentRows(database, f, bound, opts.sealed);
          q = after ? q.where(sql<SqlBool>`(t.region_code, t.rowid) > (${after.region}, ${after.rid})`) : q.where('t.region_code', 'is not', null);
          return q.orderBy('t.region_code').orderBy(sql`t.rowid`).limit(limit).execute();
        },
        (last) => ({ region: last.region_code ?? '', rid: last.rid }),
        batchSize,
      );
    },
  };
}

// ---------------------------------------------------------------- placements

export interface PlacementExportFilters {
  root: string;
  kind?: 'employment' | 'internship';
  open?: boolean;
}

function placementsBase(database: Database, f: PlacementExportFilters, bound: number) {
  // CROSS JOIN keeps placements the outer loop in SQLite, so the rowid keyset is a seek.
  let q = database.db.selectFrom('placements as pl').crossJoin('employers as e').whereRef('e.id', '=', 'pl.employer_id').where(sql<SqlBool>`pl.rowid <= ${bound}`);
  if (f.root !== '') q = q.where(inSubtree('e.region_code', f.root));
  if (f.kind) q = q.where('pl.kind', '=', f.kind);
  if (f.open === true) q = q.where('pl.end_on', 'is', null);
  if (f.open === false) q = q.where('pl.end_on', 'is not', null);
  return q;
}

function placementRows(database: Database, f: PlacementExportFilters, bound: number, sealed: boolean) {
  return placementsBase(database, f, bound)
    .innerJoin('talents as t', 't.id', 'pl.talent_id')
    .leftJoin('regions as r', 'r.code', 'e.region_code')
    .leftJoin('positions as p', 'p.id', 'pl.position_id')
    .select([
      sql<number>`pl.rowid`.as('rid'),
      'pl.id',
      'pl.kind',
      'pl.start_on',
      'pl.end_on',
      'pl.end_reason',
      'pl.source',
      'pl.agreement_id',
      't.name as talent_name',
      't.region_code as talent_region_code',
      't.id_number_masked',
      sealed ? 't.id_number_enc' : sql<string | null>`NULL`.as('id_number_enc'),
      't.phone',
      'e.name as employer_name',
      'e.credit_code',
      'e.type as employer_type',
      'e.region_code as employer_region_code',
      'r.full_name as employer_region_name',
      'p.title as position_title',
    ]);
}

export type PlacementExportRow = Awaited<ReturnType<ReturnType<typeof placementRows>['execute']>>[number];

export async function readPlacements(database: Database, f: PlacementExportFilters, opts: { sealed: boolean }): Promise<ExportRead<PlacementExportRow>> {
  const bound = await maxRowid(database, 'placements');
  return {
    async count() {
      const r = await placementsBase(database, f, bound)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    batches: (batchSize = DEFAULT_BATCH) =>
      batches<PlacementExportRow, number>(
        (after, limit) =>
          placementRows(database, f, bound, opts.sealed)
            .where(sql<SqlBool>`pl.rowid > ${after ?? 0}`)
            .orderBy(sql`pl.rowid`)
            .limit(limit)
            .execute(),
        (last) => last.rid,
        batchSize,
      ),
  };
}

// ---------------------------------------------------------------- agreements

export interface AgreementExportFilters {
  root: string;
  status?: AgreementStatus;
}

function agreementsBase(database: Database, f: AgreementExportFilters, bound: number) {
  let q = database.db.selectFrom('agreements as ag').where(sql<SqlBool>`ag.rowid <= ${bound}`);
  if (f.root !== '') q = q.where((eb) => eb.or([inSubtree('ag.target_region_code', f.root)(eb), inSubtree('ag.sponsor_region_code', f.root)(eb)]));
  if (f.status) q = q.where('ag.status', '=', f.status);
  return q;
}

/** Served days as of `today`: placements counted inclusively, open ones up to today, future ones 0
 * (the rule of placements.repository.ts, written again here as SQL over the agreement's placements). */
function servedDays(today: string) {
  return sql<number>`(SELECT COALESCE(SUM(MAX(0, CAST(julianday(MIN(COALESCE(sp.end_on, ${today}), ${today})) - julianday(sp.start_on) AS INTEGER) + 1)), 0)
    FROM placements sp WHERE sp.agreement_id = ag.id)`;
}

function agreementRows(database: Database, f: AgreementExportFilters, bound: number, sealed: boolean, today: string) {
  return agreementsBase(database, f, bound)
    .innerJoin('talents as t', 't.id', 'ag.talent_id')
    .leftJoin('regions as tr', 'tr.code', 'ag.target_region_code')
    .leftJoin('regions as sr', 'sr.code', 'ag.sponsor_region_code')
    .leftJoin('employers as e', 'e.id', 'ag.target_employer_id')
    .select([
      sql<number>`ag.rowid`.as('rid'),
      'ag.id',
      'ag.institution',
      'ag.enrolment_year',
      'ag.graduation_year',
      'ag.service_years',
      'ag.signed_on',
      'ag.target_region_code',
      'tr.full_name as target_region_name',
      'ag.sponsor_region_code',
      'sr.full_name as sponsor_region_name',
      'e.name as target_employer_name',
      'ag.status',
      'ag.status_note',
      servedDays(today).as('served_days'),
      sql<number>`ag.service_years * ${DAYS_PER_SERVICE_YEAR}`.as('owed_days'),
      't.name as talent_name',
      't.region_code as talent_region_code',
      't.id_number_masked',
      sealed ? 't.id_number_enc' : sql<string | null>`NULL`.as('id_number_enc'),
      't.phone',
    ]);
}

export type AgreementExportRow = Awaited<ReturnType<ReturnType<typeof agreementRows>['execute']>>[number];

export async function readAgreements(database: Database, f: AgreementExportFilters, opts: { sealed: boolean; today: string }): Promise<ExportRead<AgreementExportRow>> {
  const bound = await maxRowid(database, 'agreements');
  return {
    async count() {
      const r = await agreementsBase(database, f, bound)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    batches: (batchSize = DEFAULT_BATCH) =>
      batches<AgreementExportRow, number>(
        (after, limit) =>
          agreementRows(database, f, bound, opts.sealed, opts.today)
            .where(sql<SqlBool>`ag.rowid > ${after ?? 0}`)
            .orderBy(sql`ag.rowid`)
            .limit(limit)
            .execute(),
        (last) => last.rid,
        batchSize,
      ),
  };
}

/** Full names of region codes (for lists such as preferred regions), in chunks D1 can bind. */
export async function regionNamesOf(database: Database, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await database.db
      .selectFrom('regions')
      .select(['code', 'full_name'])
      .where('code', 'in', codes.slice(i, i + 90))
      .execute();
    for (const r of rows) out.set(r.code, r.full_name);
  }
  return out;
}

/** The regions of a subtree ('' = the whole tree) down to `maxLevel`, in tree order (codes are
 * prefixes, so code order puts each region right after its parent): what the export page offers. */
export async function regionsWithin(database: Database, root: string, maxLevel: number): Promise<{ code: string; name: string; level: number }[]> {
  let q = database.db.selectFrom('regions').select(['code', 'name', 'level']).where('level', '<=', maxLevel);
  if (root) {
    const { from, to } = subtreeRange(root);
    q = q.where('code', '>=', from).where('code', '<', to);
  }
  return q.orderBy('code').execute();
}
