// Roster imports, shared by the JSON API and the web pages. Who may do what:
//   department — uploads rosters for its region subtree, sees and commits the imports made inside it
//                (another department's import is "not found")
//   admin      — the same, everywhere
//   others     — nothing (403)
// Upload reads the file as a stream, validates every row and stages the good ones as sealed chunks
// (src/imports/imports.repository.ts); a file that cannot be read to its end stages nothing. A commit
// applies the chunks one atomic write each, with the search outbox rows, and counts its progress on
// the import; a second commit finds nothing left to do. Matching: a talent by the HMAC of its ID
// number, an employer by credit code, a placement by talent, employer and start date.
import type { AppDeps, SessionUser } from '../lib/context';
import { AppError, fieldIssueAt, notFound } from '../lib/errors';
import { fieldText, isFieldCode } from '../lib/field-codes';
import { newId } from '../lib/ids';
import { adminScope } from '../lib/scope';
import { isInSubtree } from '../lib/regions-range';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { maskIdNumber } from '../lib/checksums';
import type { Cell, SheetRow } from '../lib/spreadsheet';
import type { Import, ImportKind } from '../../db/schema';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { columnName, readHeader, type HeaderMap } from './imports.columns';
import { cellText, echo, isBlank } from './imports.cells';
import { checkEmployerRow, checkPlacementRow, checkTalentRow, type RawRow, type RegionKey, type RowProblem } from './imports.rows';
import { openSource, unreadable, type EncodingChoice } from './imports.source';
import { exampleColumnKey, isExampleRow } from './imports.templates';
import { SERIAL_HEADER } from './imports.columns';
import { newChunkSealer, type ChunkSealer } from './imports.seal';
import * as repo from './imports.repository';
import { UPLOAD_LIMITS } from './imports.limits';
import { isJobLive, registerTask, runJob, type TaskContext } from '../jobs';
import type { StagedEmployer, StagedPlacement, StagedTalent } from './imports.repository';
import { toImportDto, toRowErrorDto, type ErrorPage, type ImportDto, type ImportListFilters, type ImportPreviewDto } from './imports.schemas';

/** Rows per staged chunk, which is also the unit of one atomic write at commit. Larger chunks write
 * less: every row of a chunk dirties pages of the talents table's four indexes, and each atomic write
 * sends its dirty pages through the WAL once (30,000 rows: 1.8 GB written with 200-row chunks,
 * 0.6 GB with 1,000; test/bench/IMPORTS.md). A 1,000-row chunk is about 0.6 MB sealed, under D1's
 * 2 MB value limit, and its statements stay under D1's 100 parameters each. */
export const ROWS_PER_CHUNK = 1000;
/** On Workers (D1: about 1,000 queries per invocation): 100-row chunks (a batch of at most ~305
 * statements; a placement row is 3) and two chunks per commit call; the call leaves the import
 * previewed with its progress and the next call resumes. An upload runs in one invocation (about
 * three queries per chunk plus one per kept problem): 10,000 data rows per file, 200 problems kept. */
export const D1_IMPORT_CHUNKING = { rowsPerChunk: 100, chunksPerCall: 2, rowsPerFile: 10_000, errorRowsKept: 200 };
/** A commit holds its import this long past its last chunk; a second commit waits it out. */
export const LEASE_MS = 60_000;
/** An upload still reading after this long has died with its process. */
const STALE_STAGING_MS = 15 * 60_000;

const errorRowsKept = (deps: AppDeps) => deps.importChunking?.errorRowsKept ?? UPLOAD_LIMITS.errorRowsKept;

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

function asImporter(user: SessionUser | null): { me: SessionUser; scope: string } {
  const me = requireRole(user, 'department', 'admin');
  const scope = adminScope(me);
  if (scope === null) throw new AppError('forbidden', 'A department account needs a region');
  return { me, scope };
}

/** Imports made inside the caller's region subtree; others are "not found". */
export async function findVisible(deps: AppDeps, user: SessionUser | null, id: string): Promise<{ me: SessionUser; scope: string; imp: Import }> {
  const { me, scope } = asImporter(user);
  const imp = await repo.findImport(deps.database, id);
  if (!imp || !(scope === '' || (imp.scope_code !== '' && isInSubtree(imp.scope_code, scope)))) throw notFound('Import');
  return { me, scope, imp };
}

// ---------------------------------------------------------------- upload and preview

export interface UploadInput {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  encoding: EncodingChoice;
}

/** Reads, checks and stages the file in a job (a worker thread on Node: the request only waits),
 * then answers the preview. */
export async function uploadImport(deps: AppDeps, user: SessionUser | null, input: UploadInput): Promise<ImportPreviewDto> {
  const { me, scope } = asImporter(user);
  const fileName = input.fileName.trim().slice(0, 200) || 'upload';
  const task: UploadTask = { me, scope, kind: input.kind, fileName, bytes: input.bytes, encoding: input.encoding };
  const id = await runJob<string>(deps, { kind: 'import_upload', owner: me, task: 'imports.upload', input: task, summary: (importId) => ({ importId }) });
  return getImport(deps, me, id, { page: 1, pageSize: 50 });
}

interface UploadTask {
  me: SessionUser;
  scope: string;
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  encoding: EncodingChoice;
}

registerTask('imports.upload', async (deps, t: UploadTask, ctx) => {
  const source = openSource(deps, t.bytes, t.fileName, t.encoding);
  const stager = new Stager(deps, t.me, t.scope, t.kind, { fileName: t.fileName, format: source.format, encoding: source.encoding }, ctx);
  return stager.run(source.rows);
});

/** Imports whose worker died (the process stopped mid-upload or mid-commit) are put right when read:
 * an upload that stopped is failed and its chunks dropped; a commit whose lease ran out goes back to
 * previewed, to be resumed by the next commit. Conditional, so a live worker is never overtaken. */
export async function settle(deps: AppDeps, imp: Import): Promise<Import> {
  const now = deps.now();
  const { database } = deps;
  const running = imp.status === 'staging' || imp.status === 'committing';
  // The job that holds it is over (its worker thread died, or its process and recoverJobs said so).
  const orphaned = running && !(await isJobLive(deps, imp.job_id));
  const sameHolder = (q: ReturnType<typeof database.db.updateTable<'imports'>>) => (imp.job_id === null ? q.where('job_id', 'is', null) : q.where('job_id', '=', imp.job_id));
  if (imp.status === 'staging' && (orphaned || now - imp.updated_at > STALE_STAGING_MS)) {
    await writeUnit(database, now)
      .addAll(repo.deleteStaged(database, imp.id, true))
      .add(
        sameHolder(database.db.updateTable('imports'))
          .set({ status: 'failed', failure: fieldText('upload_interrupted'), failure_code: 'upload_interrupted', failure_params: null, payload_key: null, updated_at: now })
          .where('id', '=', imp.id)
          .where('status', '=', 'staging'),
      )
      .commit();
  } else if (imp.status === 'committing' && (orphaned || (imp.lease_until !== null && imp.lease_until < now))) {
    await writeUnit(database, now)
      .add(
        sameHolder(database.db.updateTable('imports'))
          .set({
            status: 'previewed',
            lease_until: null,
            failure: fieldText('commit_stopped'),
            failure_code: 'commit_stopped',
            failure_params: null,
            updated_at: now,
          })
          .where('id', '=', imp.id)
          .where('status', '=', 'committing'),
      )
      .commit();
  } else {
    return imp;
  }
  return (await repo.findImport(database, imp.id)) ?? imp;
}

export async function getImport(deps: AppDeps, user: SessionUser | null, id: string, page: ErrorPage): Promise<ImportPreviewDto> {
  const found = await findVisible(deps, user, id);
  const imp = await settle(deps, found.imp);
  const errors = await repo.listErrors(deps.database, imp.id, page.page, page.pageSize);
  const kept = Math.min(imp.error_count, errorRowsKept(deps));
  return { ...toImportDto(imp), errors: { items: errors.map(toRowErrorDto), total: kept, notListed: imp.error_count - kept, page: page.page, pageSize: page.pageSize } };
}

export async function listImports(deps: AppDeps, user: SessionUser | null, filters: ImportListFilters): Promise<Page<ImportDto>> {
  const { scope } = asImporter(user);
  const { items, total } = await repo.listImports(deps.database, scope, filters.kind, filters.page, filters.pageSize);
  const settled = await Promise.all(items.map((i) => settle(deps, i)));
  return { items: settled.map(toImportDto), total, page: filters.page, pageSize: filters.pageSize };
}

/** Throws the 422 for a header row that does not fit the template, naming the columns. */
function checkHeader(kind: ImportKind, h: HeaderMap): void {
  const errors = [
    ...h.missing.map((s) => fieldIssueAt(`columns.${s.zh}`, 'column_missing')),
    ...h.unknown.map((name) => fieldIssueAt(`columns.${name}`, 'column_unknown', { kind })),
    ...h.repeated.map((name) => fieldIssueAt(`columns.${name}`, 'column_twice')),
  ];
  if (errors.length === 0) return;
  const parts = [
    h.missing.length ? `missing ${h.missing.map((s) => s.zh).join(', ')}` : '',
    h.unknown.length ? `not in the template: ${h.unknown.join(', ')}` : '',
    h.repeated.length ? `twice: ${h.repeated.join(', ')}` : '',
  ].filter(Boolean);
  throw new AppError('validation_failed', `The columns do not match the ${kind} template (${parts.join('; ')})`, errors);
}

interface Problem extends RowProblem {
  row: number;
}

/** Reads rows, checks them a chunk at a time and writes each chunk (staged rows, row errors and the
 * running counts) as one atomic write. The import row is written with the first chunk. */
class Stager {
  readonly id = newId();
  private created = false;
  private seq = 0;
  private header: HeaderMap | null = null;
  private pending: RawRow[] = [];
  /** Example rows read past since the last write (reported with the next one). */
  private examples: Problem[] = [];
  private exampleCount = 0;
  private counts = { total: 0, good: 0, bad: 0, new: 0, update: 0, errors: 0 };
  /** First row of each ID-number HMAC / credit code / placement key seen so far (repeats in the file). */
  private seen = new Map<string, number>();
  private regions = new Map<string, string | null>();
  private sealer: ChunkSealer | null = null;
  private readonly today: string;

  constructor(
    private readonly deps: AppDeps,
    private readonly me: SessionUser,
    private readonly scope: string,
    private readonly kind: ImportKind,
    private readonly file: { fileName: string; format: 'xlsx' | 'csv'; encoding: string | null },
    private readonly ctx: TaskContext,
  ) {
    this.today = chinaToday(deps.now());
  }

  async run(rows: AsyncIterable<SheetRow>): Promise<string> {
    const { database } = this.deps;
    let titles = 0;
    try {
      for await (const sheetRow of rows) {
        if (sheetRow.cells.every(isBlank)) continue;
        // A title above the header (a merged "2026年某旗社工人才名册" row) has one cell; every
        // template's header has at least three.
        if (!this.header && sheetRow.cells.filter((c) => !isBlank(c)).length < 2 && titles++ < 10) continue;
        if (!this.header) {
          this.header = readHeader(this.kind, sheetRow.cells.map(cellText));
          checkHeader(this.kind, this.header);
          continue;
        }
        const raw = this.rawRow(sheetRow);
        // The template's example row is never imported; the preview says it was skipped.
        if (isExampleRow(this.kind, this.header.serial === null ? null : sheetRow.cells[this.header.serial], raw.get)) {
          this.exampleCount++;
          this.examples.push({ row: raw.row, key: this.header.serial === null ? exampleColumnKey(this.kind) : SERIAL_HEADER, code: 'exampleRow' });
          continue;
        }
        const maxRows = this.deps.importChunking?.rowsPerFile;
        if (maxRows !== undefined && this.counts.total + this.pending.length >= maxRows) {
          const message = `exceeds the limit rowsPerFile on this runtime (${maxRows.toLocaleString('en-US')}, Workers): the file has more than ${maxRows} data rows`;
          throw new AppError('validation_failed', `The file is over a limit: ${message}`, [fieldIssueAt('file', 'file_limit', { reason: message })]);
        }
        this.pending.push(raw);
        if (this.pending.length >= (this.deps.importChunking?.rowsPerChunk ?? ROWS_PER_CHUNK)) await this.flush();
      }
      if (!this.header) throw unreadable('file_no_header');
      await this.flush();
      if (this.counts.total === 0 && this.exampleCount > 0) {
        throw unreadable('file_only_example');
      }
      if (this.counts.total === 0) throw unreadable('file_no_rows');
      const now = this.deps.now();
      await writeUnit(database, now)
        .add(repo.updateImport(database, this.id, { status: 'previewed', updated_at: now }, ['staging']))
        .add(
          auditEntry(database, {
            actorUserId: this.me.id,
            action: 'import_upload',
            subjectType: 'import',
            subjectId: this.id,
            detail: JSON.stringify({ kind: this.kind, ...this.counts }),
            now,
          }),
        )
        .commit();
      return this.id;
    } catch (err) {
      if (this.created) await this.fail(err);
      throw err;
    }
  }

  /** Nothing stays staged from a file that could not be read to its end. */
  private async fail(err: unknown): Promise<void> {
    const { database } = this.deps;
    const reason = err instanceof AppError ? err.message : fieldText('upload_internal');
    const first = err instanceof AppError ? err.errors?.[0] : undefined;
    const failureCode = first && isFieldCode(first.code) ? first.code : 'upload_internal';
    await writeUnit(database, this.deps.now())
      .addAll(repo.deleteStaged(database, this.id, true))
      .add(
        repo.updateImport(database, this.id, {
          status: 'failed',
          failure: reason.slice(0, 500),
          failure_code: failureCode,
          failure_params: first?.params ? JSON.stringify(first.params) : null,
          payload_key: null,
          good_rows: 0,
          bad_rows: 0,
          new_rows: 0,
          update_rows: 0,
          error_count: 0,
          updated_at: this.deps.now(),
        }),
      )
      .commit();
  }

  private rawRow(r: SheetRow): RawRow {
    const keys = this.header!.keys;
    const byKey = new Map<string, Cell>();
    keys.forEach((key, i) => {
      if (key) byKey.set(key, r.cells[i] ?? null);
    });
    return { row: r.row, get: (key) => byKey.get(key) ?? null, has: (key) => byKey.has(key) };
  }

  private inScope(code: string | null | undefined): boolean {
    return this.scope === '' || isInSubtree(code, this.scope);
  }

  /** A region code for a code or full name, or a problem. */
  private async region(key: RegionKey): Promise<{ code: string } | { problem: Omit<RowProblem, 'key'> }> {
    const raw = 'code' in key ? key.code : key.fullName;
    let code = this.regions.get(raw);
    if (code === undefined) {
      const { database } = this.deps;
      code = ('code' in key ? await repo.regionByCode(database, key.code) : await repo.regionByFullName(database, key.fullName)) ?? null;
      this.regions.set(raw, code);
    }
    if (!code) return { problem: { code: 'regionUnknown', params: { value: echo(raw) } } };
    if (!this.inScope(code)) return { problem: { code: 'regionOutside' } };
    return { code };
  }

  /** The first row a key was seen in, remembering this one when it is the first. */
  private firstSeen(key: string, row: number): number | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, row);
    return first;
  }

  private async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    // Example rows alone write nothing until the import exists (a file of only the example is refused).
    if (rows.length === 0 && (this.examples.length === 0 || !this.created)) return;
    const problems: Problem[] = this.examples;
    this.examples = [];
    let staged: { r: number }[];
    let fresh = 0;
    if (this.kind === 'talents') [staged, fresh] = await this.talents(rows, problems);
    else if (this.kind === 'employers') [staged, fresh] = await this.employers(rows, problems);
    else [staged, fresh] = await this.placements(rows, problems);
    await this.write(rows, staged, fresh, problems);
  }

  private async talents(rows: RawRow[], problems: Problem[]): Promise<[StagedTalent[], number]> {
    const { fieldCrypto, database } = this.deps;
    const checked = rows.map((raw) => ({ raw, ...checkTalentRow(raw, this.today) }));
    const hmacs = await Promise.all(checked.map((c) => (c.idNumber ? fieldCrypto.hmac(c.idNumber) : null)));
    const existing = await repo.talentsByHmac(
      database,
      hmacs.filter((h): h is string => !!h),
    );
    const good: { draft: NonNullable<(typeof checked)[number]['draft']>; hmac: string; regionCode: string; update: boolean }[] = [];
    for (const [i, c] of checked.entries()) {
      const own: RowProblem[] = [...c.problems];
      let regionCode: string | null = null;
      if (c.region) {
        const r = await this.region(c.region);
        if ('problem' in r) own.push({ key: 'region', ...r.problem });
        else regionCode = r.code;
      }
      const hmac = hmacs[i];
      let update = false;
      if (hmac) {
        const first = this.firstSeen(hmac, c.raw.row);
        const holder = existing.get(hmac);
        if (first !== undefined) own.push({ key: 'idNumber', code: 'idRepeated', params: { row: first } });
        else if (holder && !this.inScope(holder.region_code)) own.push({ key: 'idNumber', code: 'idOutside' });
        update = !!holder;
      }
      if (own.length || !c.draft || !hmac || !regionCode) {
        problems.push(...own.map((p) => ({ ...p, row: c.raw.row })));
        continue;
      }
      good.push({ draft: c.draft, hmac, regionCode, update });
    }
    const sealed = await Promise.all(good.map((g) => fieldCrypto.encrypt(g.draft.idNumber)));
    const staged = good.map(
      ({ draft: d, hmac, regionCode }, i): StagedTalent => ({
        r: d.row,
        name: d.name,
        gender: d.gender,
        birth_date: d.birthDate,
        ethnicity: d.ethnicity,
        id_enc: sealed[i],
        id_hmac: hmac,
        id_masked: maskIdNumber(d.idNumber),
        phone: d.phone,
        region_code: regionCode,
        education_level: d.education,
        school: d.school,
        major: d.major,
        graduation_year: d.graduationYear,
        qualification: d.qualification
          ? { level: d.qualification.level, certificate_number: d.qualification.certificateNumber, year: d.qualification.year, valid_until: d.qualification.validUntil }
          : null,
        service_areas: d.serviceAreas ? JSON.stringify(d.serviceAreas) : null,
        languages: d.languages ? JSON.stringify(d.languages) : null,
        availability: d.availability,
        visibility: d.visibility,
      }),
    );
    return [staged, good.filter((g) => !g.update).length];
  }

  private async employers(rows: RawRow[], problems: Problem[]): Promise<[StagedEmployer[], number]> {
    const checked = rows.map((raw) => ({ raw, ...checkEmployerRow(raw) }));
    const existing = await repo.employersByCreditCode(
      this.deps.database,
      checked.map((c) => c.creditCode).filter((x): x is string => !!x),
    );
    const staged: StagedEmployer[] = [];
    let fresh = 0;
    for (const c of checked) {
      const own: RowProblem[] = [...c.problems];
      let regionCode: string | null = null;
      if (c.region) {
        const r = await this.region(c.region);
        if ('problem' in r) own.push({ key: 'region', ...r.problem });
        else regionCode = r.code;
      }
      const holder = c.creditCode ? existing.get(c.creditCode) : undefined;
      if (c.creditCode) {
        const first = this.firstSeen(c.creditCode, c.raw.row);
        if (first !== undefined) own.push({ key: 'creditCode', code: 'creditRepeated', params: { row: first } });
        else if (holder && !this.inScope(holder.region_code)) own.push({ key: 'creditCode', code: 'creditOutside' });
      }
      if (own.length || !c.draft || !regionCode) {
        problems.push(...own.map((p) => ({ ...p, row: c.raw.row })));
        continue;
      }
      const d = c.draft;
      if (!holder) fresh++;
      staged.push({
        r: d.row,
        name: d.name,
        credit_code: d.creditCode,
        type: d.type,
        region_code: regionCode,
        address: d.address,
        contact_name: d.contactName,
        contact_phone: d.contactPhone,
        internship_base: d.internshipBase === null ? null : d.internshipBase ? 1 : 0,
        description: d.description,
      });
    }
    return [staged, fresh];
  }

  private async placements(rows: RawRow[], problems: Problem[]): Promise<[StagedPlacement[], number]> {
    const { fieldCrypto, database } = this.deps;
    const checked = rows.map((raw) => ({ raw, ...checkPlacementRow(raw) }));
    const hmacs = await Promise.all(checked.map((c) => (c.idNumber ? fieldCrypto.hmac(c.idNumber) : null)));
    const talents = await repo.talentsByHmac(
      database,
      hmacs.filter((h): h is string => !!h),
    );
    const employers = await repo.employersByCreditCode(
      database,
      checked.map((c) => c.creditCode).filter((x): x is string => !!x),
    );
    const known = await repo.placementKeysOf(
      database,
      [...talents.values()].map((t) => t.id),
    );
    const staged: StagedPlacement[] = [];
    let fresh = 0;
    for (const [i, c] of checked.entries()) {
      const own: RowProblem[] = [...c.problems];
      const hmac = hmacs[i];
      // A talent outside the region reads as unknown, and its name is never compared: the answer is
      // the same whether or not the ID number is registered elsewhere, whatever name the row gives.
      const found = hmac ? talents.get(hmac) : undefined;
      const talent = found && this.inScope(found.region_code) ? found : undefined;
      if (hmac && !talent) own.push({ key: 'idNumber', code: 'talentUnknown' });
      const name = c.draft?.name ?? null;
      if (talent && name && name.replace(/\s+/g, '') !== talent.name.replace(/\s+/g, '')) own.push({ key: 'name', code: 'nameMismatch' });
      const employer = c.creditCode ? employers.get(c.creditCode) : undefined;
      // An employer outside the region reads as unknown: its existence does not leak.
      if (c.creditCode && (!employer || !this.inScope(employer.region_code))) own.push({ key: 'creditCode', code: 'employerUnknown' });
      if (hmac && c.creditCode && c.startOn) {
        const first = this.firstSeen(`${hmac}|${c.creditCode}|${c.startOn}`, c.raw.row);
        if (first !== undefined) own.push({ key: 'startOn', code: 'placementRepeated', params: { row: first } });
      }
      if (own.length || !c.draft || !hmac || !talent || !employer) {
        problems.push(...own.map((p) => ({ ...p, row: c.raw.row })));
        continue;
      }
      const d = c.draft;
      if (!known.has(`${talent.id}|${employer.id}|${d.startOn}`)) fresh++;
      staged.push({ r: d.row, id_hmac: hmac, credit_code: d.creditCode, kind: d.kind, start_on: d.startOn, end_on: d.endOn, end_reason: d.endReason });
    }
    return [staged, fresh];
  }

  private async write(rows: RawRow[], staged: { r: number }[], fresh: number, problems: Problem[]): Promise<void> {
    const { database, fieldCrypto } = this.deps;
    const now = this.deps.now();
    // An example row is listed (it was skipped) but is not a data row.
    const badRows = new Set(problems.filter((p) => p.code !== 'exampleRow').map((p) => p.row)).size;
    this.counts.total += rows.length;
    this.counts.bad += badRows;
    this.counts.good += staged.length;
    this.counts.new += fresh;
    this.counts.update += staged.length - fresh;
    this.counts.errors += problems.length;
    const queries = [];
    this.sealer ??= await newChunkSealer(fieldCrypto);
    if (!this.created) {
      queries.push(
        repo.insertImport(database, {
          id: this.id,
          kind: this.kind,
          format: this.file.format,
          file_name: this.file.fileName,
          encoding: this.file.encoding,
          scope_code: this.scope,
          created_by: this.me.id,
          status: 'staging',
          failure: null,
          lease_until: null,
          payload_key: this.sealer.sealedKey,
          job_id: this.ctx.jobId,
          created_at: now,
          updated_at: now,
          committed_at: null,
        }),
      );
    }
    if (staged.length) {
      queries.push(
        repo.insertChunk(database, {
          importId: this.id,
          firstRow: staged[0].r,
          lastRow: staged[staged.length - 1].r,
          rowCount: staged.length,
          payload: await this.sealer.seal(JSON.stringify(staged)),
        }),
      );
    }
    const header = this.header!;
    // Past the kept limit, problems are counted (error_count) but not stored.
    for (const p of problems) {
      if (this.seq >= errorRowsKept(this.deps)) break;
      queries.push(
        repo.insertError(database, { importId: this.id, seq: ++this.seq, row: p.row, column: columnName(this.kind, p.key, header.names), code: p.code, params: p.params }),
      );
    }
    queries.push(
      repo.updateImport(database, this.id, {
        total_rows: this.counts.total,
        good_rows: this.counts.good,
        bad_rows: this.counts.bad,
        new_rows: this.counts.new,
        update_rows: this.counts.update,
        error_count: this.counts.errors,
        updated_at: now,
      }),
    );
    await writeUnit(database, now).addAll(queries).commit();
    this.created = true;
    await this.ctx.progress(this.counts.total);
  }
}

/** The caller may download templates (departments and admins). */
export function assertMayImport(user: SessionUser | null): void {
  asImporter(user);
}
