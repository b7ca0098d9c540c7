// Department statistics, shared by the JSON API, the dashboard pages and their downloads.
// Who: departments (their region subtree) and admins (everything; the whole tree by default);
// everyone else 403. A requested region outside the caller's subtree, or unknown, answers 404.
// The definitions of every figure are in the pure modules beside this one (talents.ts, supply.ts,
// coverage.ts, months.ts, directed.ts, lapsing.ts) and in the page's help text.
import type { AppDeps, SessionUser } from '../lib/context';
import { fieldError, forbidden, notFound } from '../lib/errors';
import { adminScope } from '../lib/scope';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { ancestorsOf, findRegion } from '../regions';
import * as repo from './statistics.repository';
import { assembleTalentBreakdown, type TalentDimension } from './talents';
import { assembleSupplyDemand } from './supply';
import { assembleCoverage, pageSlice } from './coverage';
import { MAX_MONTHS, assembleMonthly, dayAfter, defaultWindow, monthSpan } from './months';
import { assembleDirected } from './directed';
import { addDays, countByUnit, daysBetween, lapseWindow, maskCertificate, maskName } from './lapsing';
import type { RegionRef, StatRegion } from './units';
import type {
  DirectedTrainingDto,
  LapsingDto,
  MonthlyPlacementsDto,
  MonthlyQueryData,
  RegionPageQueryData,
  SchoolCoverageDto,
  SupplyDemandDto,
  TalentBreakdownDto,
  TownshipCoverageDto,
} from './statistics.schemas';

export const API_BASE = '/api/v1/statistics';

export interface StatContext {
  region: StatRegion;
  /** The caller's own subtree ('' = everything): breadcrumbs above it are not links. */
  scope: string;
  today: string;
}

/** Resolves and authorises the region a statistic is asked for. */
export async function statContext(deps: AppDeps, user: SessionUser | null, requested: string | undefined): Promise<StatContext> {
  const me = requireRole(user, 'department', 'admin');
  const scope = adminScope(me);
  if (scope === null) throw forbidden('This department account has no region');
  const code = requested ?? scope;
  if (!code.startsWith(scope)) throw notFound('Region');
  const today = chinaToday(deps.now());
  const { database } = deps;
  if (code === '') return { region: { code: '', name: '', level: 0, path: [], children: await repo.childRegions(database, '') }, scope, today };
  const here = await findRegion(database, code);
  if (!here) throw notFound('Region');
  const [above, children] = await Promise.all([ancestorsOf(database, code), repo.childRegions(database, code)]);
  const path = [...above, here].map((r) => ({ code: r.code, name: r.name }));
  return { region: { code, name: here.name, level: here.level, path, children }, scope, today };
}

const head = (ctx: StatContext) => ({
  region: { code: ctx.region.code, name: ctx.region.name, level: ctx.region.level, path: ctx.region.path },
  today: ctx.today,
});

function linked<T extends RegionRef>(path: string, children: T[], extra = ''): (T & { link: string })[] {
  return children.map((c) => ({ ...c, link: `${API_BASE}${path}?region=${c.code}${extra}` }));
}

export async function talentBreakdown(deps: AppDeps, ctx: StatContext, dimension: TalentDimension): Promise<TalentBreakdownDto> {
  const rows = await repo.talentDimensionRows(deps.database, ctx.region.code, dimension, ctx.today);
  const b = assembleTalentBreakdown(dimension, ctx.region.children, rows);
  return { ...head(ctx), ...b, children: linked(`/talents/${dimension}`, b.children) };
}

export async function supplyDemand(deps: AppDeps, ctx: StatContext): Promise<SupplyDemandDto> {
  const [posts, supply] = await Promise.all([repo.openPosts(deps.database, ctx.region.code, ctx.today), repo.seekingSupply(deps.database, ctx.region.code)]);
  const s = assembleSupplyDemand(ctx.region.code, ctx.region.children, posts, supply);
  return { ...head(ctx), ...s, children: linked('/supply-demand', s.children) };
}

export async function townshipCoverage(deps: AppDeps, ctx: StatContext, q: { page: number; pageSize: number }): Promise<TownshipCoverageDto> {
  const { database } = deps;
  const [all, covered] = await Promise.all([repo.townships(database, ctx.region.code), repo.coveredTownships(database, ctx.region.code, ctx.today)]);
  const coveredSet = new Set(covered);
  const c = assembleCoverage(
    ctx.region.code,
    ctx.region.children,
    all.map((r) => ({ region_code: r.code, covered: coveredSet.has(r.code) })),
  );
  const uncovered = pageSlice(
    all.filter((r) => !coveredSet.has(r.code)),
    q.page,
    q.pageSize,
  );
  return {
    ...head(ctx),
    total: c.total,
    children: linked('/township-coverage', c.children),
    uncovered: { ...uncovered, items: uncovered.items.map((r) => ({ code: r.code, name: r.name, fullName: r.full_name })) },
  };
}

export async function schoolCoverage(deps: AppDeps, ctx: StatContext, q: { page: number; pageSize: number }): Promise<SchoolCoverageDto> {
  const { database } = deps;
  const found = await repo.schools(database, ctx.region.code, ctx.today);
  const c = assembleCoverage(ctx.region.code, ctx.region.children, found);
  const uncovered = pageSlice(
    found.filter((s) => !s.covered),
    q.page,
    q.pageSize,
  );
  const names = await repo.regionNames(database, [...new Set(uncovered.items.map((s) => s.region_code))]);
  return {
    ...head(ctx),
    ...c,
    children: linked('/school-coverage', c.children),
    uncovered: {
      ...uncovered,
      items: uncovered.items.map((s) => ({ id: s.id, name: s.name, regionCode: s.region_code, regionName: names.get(s.region_code)?.full_name ?? s.region_code })),
    },
  };
}

export async function monthlyPlacements(deps: AppDeps, ctx: StatContext, q: Omit<MonthlyQueryData, 'region'>): Promise<MonthlyPlacementsDto> {
  const window = defaultWindow(ctx.today);
  const to = q.to ?? (q.from && q.from > window.to ? q.from : window.to);
  const from = q.from ?? defaultWindow(`${to}-01`).from;
  if (monthSpan(from, to) > MAX_MONTHS) throw fieldError('from', 'max_months', { n: MAX_MONTHS });
  const rows = await repo.placementMonths(deps.database, ctx.region.code, `${from}-01`, dayAfter(to));
  const m = assembleMonthly(from, to, ctx.region.children, rows);
  return { ...head(ctx), ...m, children: linked('/placements-monthly', m.children, q.from || q.to ? `&from=${from}&to=${to}` : '') };
}

export async function directedTraining(deps: AppDeps, ctx: StatContext): Promise<DirectedTrainingDto> {
  const facts = await repo.agreementFacts(deps.database, ctx.region.code);
  const d = assembleDirected(ctx.region.code, ctx.region.children, facts, ctx.today);
  return { ...head(ctx), ...d, children: linked('/directed-training', d.children) };
}

export async function lapsingRegistrations(deps: AppDeps, ctx: StatContext, q: Pick<RegionPageQueryData, 'page' | 'pageSize'>): Promise<LapsingDto> {
  const { database } = deps;
  const { from, to } = lapseWindow(ctx.today);
  const [counts, page] = await Promise.all([
    repo.lapsingCounts(database, ctx.region.code, from, to),
    repo.lapsingPage(database, ctx.region.code, from, to, q.pageSize, (q.page - 1) * q.pageSize),
  ]);
  const c = countByUnit(ctx.region.code, ctx.region.children, counts);
  const names = await repo.regionNames(database, [...new Set(page.map((r) => r.region_code).filter((x): x is string => !!x))]);
  return {
    ...head(ctx),
    from,
    to,
    total: c.total,
    direct: c.direct,
    children: linked('/lapsing-registrations', c.children),
    list: {
      items: page.map((r) => ({
        talentId: r.id,
        name: maskName(r.name),
        certificateNumber: maskCertificate(r.certificate_number),
        idNumberMasked: r.id_number_masked,
        qualification: r.qualification_level,
        regionCode: r.region_code,
        regionName: r.region_code ? (names.get(r.region_code)?.full_name ?? null) : null,
        validUntil: r.registration_valid_until,
        daysLeft: daysBetween(ctx.today, r.registration_valid_until),
      })),
      total: c.total,
      page: q.page,
      pageSize: q.pageSize,
    },
  };
}

/** How far ahead the department dashboard looks for lapsing registrations (issue 11 §8: 60 days). */
export const DASHBOARD_LAPSE_DAYS = 60;

/** The department dashboard's numbers for the caller's region (issue 11 §8): talents on the
 * register, open seats and the gap (supply − demand as the supply-demand figure counts them),
 * townships covered, and registrations lapsing within 60 days. Each is a figure's total. */
export async function dashboardNumbers(deps: AppDeps, ctx: StatContext) {
  const { database } = deps;
  const lapseTo = addDays(ctx.today, DASHBOARD_LAPSE_DAYS);
  const [talents, posts, supply, townships, covered, lapsing] = await Promise.all([
    repo.talentDimensionRows(database, ctx.region.code, 'qualification', ctx.today),
    repo.openPosts(database, ctx.region.code, ctx.today),
    repo.seekingSupply(database, ctx.region.code),
    repo.townships(database, ctx.region.code),
    repo.coveredTownships(database, ctx.region.code, ctx.today),
    repo.lapsingCounts(database, ctx.region.code, ctx.today, lapseTo),
  ]);
  const s = assembleSupplyDemand(ctx.region.code, ctx.region.children, posts, supply);
  const covering = new Set(covered);
  return {
    region: ctx.region,
    today: ctx.today,
    talents: assembleTalentBreakdown('qualification', ctx.region.children, talents).total.talents,
    openSeats: s.total.seats,
    gap: s.total.gap,
    townships: { covered: townships.filter((t) => covering.has(t.code)).length, total: townships.length },
    lapsing: { n: countByUnit(ctx.region.code, ctx.region.children, lapsing).total, from: ctx.today, to: lapseTo },
  };
}
