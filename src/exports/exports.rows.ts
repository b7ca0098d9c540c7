// One exported row per record: vocabulary labels instead of codes, region full names, the ID number
// and phone masked unless revealed, and every cell neutralised against formula injection (the CSV
// writer neutralises again, harmlessly; the xlsx writer does not, so it must happen here).
import type { AppDeps } from '../lib/context';
import type { Cell } from '../lib/spreadsheet';
import { neutralise } from '../lib/tabular';
import { maskPhone } from '../lib/checksums';
import { isInSubtree } from '../lib/regions-range';
import {
  AGREEMENT_STATUSES,
  AVAILABILITY,
  EDUCATION_LEVELS,
  EMPLOYER_TYPES,
  ETHNICITIES,
  GENDERS,
  LANGUAGES,
  PLACEMENT_KINDS,
  PLACEMENT_SOURCES,
  QUALIFICATION_LEVELS,
  SERVICE_AREAS,
  VISIBILITY,
  label,
} from '../lib/vocab';
import { chinaToday } from '../lib/dates';
import { placementDays } from '../placements';
import { LIST_SEPARATOR, type Lang } from './exports.labels';
import { regionNamesOf, type AgreementExportRow, type PlacementExportRow, type TalentExportRow } from './exports.repository';

export interface RowContext {
  deps: AppDeps;
  lang: Lang;
  /** Full ID numbers and phones for talents in this region subtree ('' = all; null = none): the
   * caller's own scope, as revealIdNumber allows. A placement at an employer in the region may be
   * of a talent registered elsewhere, whose number stays masked. */
  revealWithin: string | null;
  today: string;
  /** Sealed numbers that did not open so far (they go out masked). */
  unopened: number;
}

interface Personal {
  id_number_masked: string | null;
  id_number_enc: string | null;
  phone: string | null;
}

const revealable = (ctx: RowContext, talentRegion: string | null) => ctx.revealWithin === '' || (ctx.revealWithin !== null && isInSubtree(talentRegion, ctx.revealWithin));

// In xlsx the apostrophe stays visible (Excel shows '=CMD|calc). Kept on purpose: a string cell in
// xlsx is not evaluated, but it becomes a formula once someone edits it and presses Enter, or when the
// sheet is saved again as CSV. The invisible way is the cell style's quotePrefix flag with the text
// unchanged; the xlsx writer (AppDeps.xlsx, src/lib/spreadsheet.ts) has no per-cell style yet, so that
// needs a change outside the exports feature.
const cells = (values: (Cell | undefined)[]): Cell[] => values.map((v) => neutralise(v ?? null));

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The ID number and phone as they leave: masked, or in full when revealed. A sealed value that does
 * not open (a damaged row) goes out masked rather than breaking the whole file; the log names the
 * record, never the number. */
async function personal(ctx: RowContext, p: Personal, talentRegion: string | null, recordId: string): Promise<[Cell, Cell]> {
  if (!revealable(ctx, talentRegion)) return [p.id_number_masked, p.phone ? maskPhone(p.phone) : null];
  let idNumber: string | null = p.id_number_masked;
  if (p.id_number_enc) {
    try {
      idNumber = await ctx.deps.fieldCrypto.decrypt(p.id_number_enc);
    } catch {
      // Once per export: a wrong DATA_KEY would otherwise log every row.
      if (ctx.unopened++ === 0) ctx.deps.log({ level: 'warn', msg: 'export: a sealed ID number did not open; exported masked (first of possibly more)', record: recordId });
    }
  }
  return [idNumber, p.phone];
}

/** Keeps the full names of the preferred regions seen so far (a few hundred codes at most). */
export class RegionNames {
  private readonly names = new Map<string, string>();
  constructor(private readonly deps: AppDeps) {}
  async load(codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => !this.names.has(c));
    if (missing.length === 0) return;
    const found = await regionNamesOf(this.deps.database, missing);
    for (const c of missing) this.names.set(c, found.get(c) ?? c);
  }
  get(code: string): string {
    return this.names.get(code) ?? code;
  }
}

export async function talentCells(ctx: RowContext, batch: TalentExportRow[], regions: RegionNames): Promise<Cell[][]> {
  const { lang } = ctx;
  const sep = LIST_SEPARATOR[lang];
  const preferred = batch.map((t) => parseList(t.preferred_regions));
  await regions.load(preferred.flat());
  return Promise.all(
    batch.map(async (t, i) => {
      const [idNumber, phone] = await personal(ctx, t, t.region_code, t.id);
      return cells([
        t.name,
        label(GENDERS, t.gender, lang),
        t.birth_date,
        label(ETHNICITIES, t.ethnicity, lang),
        idNumber,
        phone,
        t.region_name ?? t.region_code,
        t.region_code,
        label(EDUCATION_LEVELS, t.education_level, lang),
        t.school,
        t.major,
        t.graduation_year,
        label(QUALIFICATION_LEVELS, t.qualification_level, lang),
        t.certificate_number,
        t.qualification_year,
        t.registration_valid_until,
        parseList(t.service_areas)
          .map((a) => label(SERVICE_AREAS, a, lang))
          .join(sep),
        parseList(t.languages)
          .map((l) => label(LANGUAGES, l, lang))
          .join(sep),
        preferred[i].map((c) => regions.get(c)).join(sep),
        label(AVAILABILITY, t.availability, lang),
        label(VISIBILITY, t.visibility, lang),
        chinaToday(t.updated_at),
        t.id,
      ]);
    }),
  );
}

export async function placementCells(ctx: RowContext, batch: PlacementExportRow[]): Promise<Cell[][]> {
  const { lang } = ctx;
  return Promise.all(
    batch.map(async (p) => {
      const [idNumber, phone] = await personal(ctx, p, p.talent_region_code, p.id);
      return cells([
        p.talent_name,
        idNumber,
        phone,
        p.employer_name,
        p.credit_code,
        label(EMPLOYER_TYPES, p.employer_type, lang),
        p.employer_region_name ?? p.employer_region_code,
        p.employer_region_code,
        p.position_title,
        label(PLACEMENT_KINDS, p.kind, lang),
        p.start_on,
        p.end_on,
        p.end_reason,
        placementDays(p.start_on, p.end_on, ctx.today),
        label(PLACEMENT_SOURCES, p.source, lang),
        p.agreement_id,
        p.id,
      ]);
    }),
  );
}

export async function agreementCells(ctx: RowContext, batch: AgreementExportRow[]): Promise<Cell[][]> {
  const { lang } = ctx;
  return Promise.all(
    batch.map(async (a) => {
      const [idNumber, phone] = await personal(ctx, a, a.talent_region_code, a.id);
      return cells([
        a.talent_name,
        idNumber,
        phone,
        a.institution,
        a.enrolment_year,
        a.graduation_year,
        a.service_years,
        a.signed_on,
        a.target_region_name ?? a.target_region_code,
        a.target_region_code,
        a.target_employer_name,
        a.sponsor_region_name ?? a.sponsor_region_code,
        label(AGREEMENT_STATUSES, a.status, lang),
        a.status_note,
        Number(a.served_days),
        Number(a.owed_days),
        a.id,
      ]);
    }),
  );
}
