// Exports of talents, placements and agreements, shared by the JSON API and the export page.
//   department — its region subtree (talents by their region, placements by the employer's region,
//                agreements by target or sponsor region, as the list endpoints scope them); a region
//                outside the subtree is reported as not found
//   admin      — everything, or any region
//   graduate, employer → 403
// ID numbers and phones go out masked. `reveal` puts them in full, for those the talents service lets
// reveal an ID number (departments for talents within their region, admins for all): a placement or
// agreement of a talent registered outside the department's region keeps them masked. Such an export
// writes one audit record before any row leaves: who, when, which dataset, scope, filters and how
// many rows — never a number. Rows stream in keyset batches (exports.repository.ts).
import type { AppDeps, SessionUser } from '../lib/context';
import type { Cell } from '../lib/spreadsheet';
import { AppError, forbidden, notFound } from '../lib/errors';
import { adminScope, canAdminister } from '../lib/scope';
import { regionLevel } from '../lib/regions-range';
import { auditEntry } from '../lib/audit';
import { writeUnit } from '../lib/write-unit';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { notificationRows } from '../notifications';
import { ancestorsOf, assertRegionExists, fileNamePart, findRegion } from '../regions';
import { ALL_REGIONS, COLUMNS, DATASET_TITLES, pick, type Dataset, type Lang } from './exports.labels';
import * as repo from './exports.repository';
import { agreementCells, placementCells, RegionNames, talentCells, type RowContext } from './exports.rows';
import type { AgreementExportParams, ExportFormat, ExportParams, PlacementExportParams, TalentExportParams } from './exports.schemas';

export const REVEAL_AUDIT_ACTION = 'export_reveal';

export interface PreparedExport {
  dataset: Dataset;
  format: ExportFormat;
  sheetName: string;
  header: string[];
  widths: number[];
  /** The file name people see (UTF-8) and its ASCII stand-in for old clients. */
  filename: string;
  asciiFilename: string;
  /** Rows in batches, already labelled, masked or revealed, and neutralised. */
  batches: AsyncIterable<Cell[][]>;
}

/** Who may ask for full ID numbers: the rule of talents.service.ts revealIdNumber (a department for
 * talents in its region, an admin anywhere), applied to the export's scope. */
export function mayReveal(user: SessionUser): boolean {
  return adminScope(user) !== null;
}

/** The subtree an export covers: the requested region, which must lie in the caller's scope. */
async function exportRoot(deps: AppDeps, me: SessionUser, region: string | undefined): Promise<string> {
  const scope = adminScope(me);
  if (scope === null) throw forbidden('This department account has no region');
  if (!region) return scope;
  // Outside the caller's subtree a region is "not found", as objects there are.
  if (!canAdminister(me, region)) throw notFound('Region');
  await assertRegionExists(deps.database, region, 'region');
  return region;
}

function filtersOf(dataset: Dataset, p: ExportParams): Record<string, string | boolean> {
  const keys = dataset === 'talents' ? ['qualification', 'serviceArea', 'availability'] : dataset === 'placements' ? ['kind', 'open'] : ['status'];
  const out: Record<string, string | boolean> = {};
  for (const k of keys) {
    const v = (p as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** Lets timers and I/O run: the SQLite reads resolve as microtasks, and the xlsx writer pulls rows
 * without waiting for its reader, so without this one export would hold the event loop (and every
 * other request on the server) until its last row. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function* mapped<R>(source: AsyncIterable<R[]>, toCells: (batch: R[]) => Promise<Cell[][]>): AsyncGenerator<Cell[][]> {
  for await (const batch of source) {
    yield await toCells(batch);
    await yieldToEventLoop();
  }
}

/** The batches, then — only when the last one was read, not when the download was cancelled — the
 * caller's notification that the export finished (issue #11 §2). */
async function* notifyingWhenDone(deps: AppDeps, me: SessionUser, file: string, source: AsyncIterable<Cell[][]>): AsyncGenerator<Cell[][]> {
  let rows = 0;
  for await (const batch of source) {
    rows += batch.length;
    yield batch;
  }
  const now = deps.now();
  await writeUnit(deps.database, now)
    .addAll(await notificationRows(deps, { userId: me.id, kind: 'export_finished', params: { file, rows: String(rows) }, link: '/department/exports' }, now))
    .changes('notifications', 'mail_outbox')
    .commit();
}

export async function prepareExport(deps: AppDeps, user: SessionUser | null, dataset: Dataset, params: ExportParams): Promise<PreparedExport> {
  const me = requireRole(user, 'department', 'admin');
  const root = await exportRoot(deps, me, params.region);
  if (params.format === 'xlsx' && !deps.xlsx) {
    throw new AppError('not_acceptable', 'xlsx is not available on this server; ask for format=csv');
  }
  if (params.reveal && !mayReveal(me)) throw forbidden('Only departments and admins may export full ID numbers');

  const lang: Lang = params.lang;
  const today = chinaToday(deps.now());
  const ctx: RowContext = { deps, lang, revealWithin: params.reveal ? adminScope(me) : null, today, unopened: 0 };
  const sealed = params.reveal;
  let read: repo.ExportRead<unknown>;
  let toCells: (batch: never[]) => Promise<Cell[][]>;
  if (dataset === 'talents') {
    const p = params as TalentExportParams;
    read = await repo.readTalents(deps.database, { root, qualification: p.qualification, serviceArea: p.serviceArea, availability: p.availability }, { sealed });
    const regions = new RegionNames(deps);
    toCells = (batch) => talentCells(ctx, batch, regions);
  } else if (dataset === 'placements') {
    const p = params as PlacementExportParams;
    read = await repo.readPlacements(deps.database, { root, kind: p.kind, open: p.open }, { sealed });
    toCells = (batch) => placementCells(ctx, batch);
  } else {
    const p = params as AgreementExportParams;
    read = await repo.readAgreements(deps.database, { root, status: p.status }, { sealed, today });
    toCells = (batch) => agreementCells(ctx, batch);
  }

  if (params.reveal) {
    const rows = await read.count();
    const note = params.purpose === 'other' ? params.purposeNote?.trim() : undefined;
    const why = note ? { purpose: params.purpose, note } : { purpose: params.purpose };
    const detail = { dataset, format: params.format, region: root || null, filters: filtersOf(dataset, params), rows, ...why };
    await writeUnit(deps.database, deps.now())
      .add(
        auditEntry(deps.database, { actorUserId: me.id, action: REVEAL_AUDIT_ACTION, subjectType: 'export', subjectId: dataset, detail: JSON.stringify(detail), now: deps.now() }),
      )
      .commit();
  }

  // The region by its name (romanised in English; pinyin in the ASCII fallback), never its code.
  const here = root === '' ? undefined : await findRegion(deps.database, root);
  const path = here ? [...(await ancestorsOf(deps.database, root)), here].map((r) => r.name) : [];
  const where = fileNamePart(path, lang, pick(ALL_REGIONS, lang));
  const title = pick(DATASET_TITLES[dataset], lang);
  const unmasked = params.reveal ? (lang === 'zh' ? '_含完整证件号' : '_unmasked') : '';
  const columns = COLUMNS[dataset];
  const filename = `${title}_${where.name}_${today}${unmasked}.${params.format}`.replace(/\s+/g, '-');
  return {
    dataset,
    format: params.format,
    sheetName: title,
    header: columns.map((c) => (lang === 'zh' ? c[0] : c[1])),
    widths: columns.map((c) => c[2]),
    filename,
    asciiFilename: `${dataset}_${where.ascii}_${today}${params.reveal ? '_unmasked' : ''}.${params.format}`,
    batches: notifyingWhenDone(deps, me, filename, mapped(read.batches() as AsyncIterable<never[]>, toCells)),
  };
}

/** The regions the export page offers: the caller's region and the regions below it (an admin:
 * every province and city), two levels deep so that the list stays short enough to read (a
 * province: its cities and counties; a city or county: down to the townships), in tree order, with
 * the level of the top of the list. Nothing for callers without a region scope. */
export async function exportRegionChoices(deps: AppDeps, user: SessionUser | null): Promise<{ top: number; regions: { code: string; name: string; level: number }[] }> {
  const scope = user ? adminScope(user) : null;
  if (scope === null) return { top: 1, regions: [] };
  const maxLevel = scope === '' ? 2 : Math.min(4, Math.max(3, regionLevel(scope) + 2));
  return { top: scope === '' ? 1 : regionLevel(scope), regions: await repo.regionsWithin(deps.database, scope, maxLevel) };
}
