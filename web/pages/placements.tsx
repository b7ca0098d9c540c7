// Directed-training agreements and placements (issue #4): the department's agreements (list with
// filters, record one, detail with history and the legal status moves as buttons) and placements
// (list, direct placement, end with a reason, internship bases); the graduate's own agreements and
// placements; the employer's interns and staff. Every form validates with the API's zod schema and
// calls the same service as the JSON API.
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, SessionUser } from '../../src/lib/context';
import type { AppDeps } from '../../src/lib/context';
import { POSITION_KINDS, label } from '../../src/lib/vocab';
import { sql } from 'kysely';
import { subtreeRange, REGION_CODE_PATTERN } from '../../src/lib/regions-range';
import { adminScope, canAdminister } from '../../src/lib/scope';
import { isInSubtree } from '../../src/lib/regions-range';
import { chinaToday } from '../../src/lib/dates';
import { AgreementListQuery, AgreementStatusBody, CreateAgreementBody, type AgreementDto, type AgreementWithHistoryDto } from '../../src/agreements/agreements.schemas';
import { AGREEMENT_STATUSES, INITIAL_STATUSES, NOTE_REQUIRED } from '../../src/agreements/agreements.states';
import { createAgreement, getAgreement, listAgreements, moveAgreement, toAgreementDto } from '../../src/agreements/agreements.service';
import { listAgreements as queryAgreements } from '../../src/agreements/agreements.repository';
import { placementDays, placementsOfAgreements } from '../../src/placements/placements.repository';
import { CreatePlacementBody, EndPlacementBody, PLACEMENT_KINDS, PlacementListQuery, type PlacementDto } from '../../src/placements/placements.schemas';
import { createPlacement, endPlacement, listPlacements } from '../../src/placements/placements.service';
import { listEmployersForReview, findOwnEmployer, setInternshipBase } from '../../src/employers/employers.service';
import { toFullEmployerDto, type EmployerDto } from '../../src/employers/employers.schemas';
import { getTalent, listTalents } from '../../src/talents/talents.service';
import { listOwnPositions } from '../../src/positions/positions.service';
import { ActionButton, Badge, ErrorSummary, Fact, Pager, RegionField, SelectField, TextField, type Options, type Tone } from '../components';
import { num, optText, parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../forms';
import { fmt, type Lang, type Messages } from '../i18n';
import { placementsText, type PlacementsText } from '../i18n/placements';
import { day, page, render, requireRole, type WebContext } from '../page';
import { regionFullName, regionFullNames } from '../regions';

export const placementsPages = new Hono<AppEnv>();
placementsPages.use('/department/agreements', requireRole('department', 'admin'));
placementsPages.use('/department/agreements/*', requireRole('department', 'admin'));
placementsPages.use('/department/placements', requireRole('department', 'admin'));
placementsPages.use('/department/placements/*', requireRole('department', 'admin'));
placementsPages.use('/me/placements', requireRole('graduate'));
placementsPages.use('/employer/placements', requireRole('employer'));
placementsPages.use('/employer/placements/*', requireRole('employer'));

const textOf = (lang: Lang): PlacementsText => placementsText[lang];
const pageNumberOf = (v: string | undefined) => Math.max(1, Math.min(10_000, Math.floor(Number(v)) || 1));

// ---------------------------------------------------------------- shared helpers (also used by the
// recommendations and rounds pages)

/** Query string from the set values ('' when none). */
export function toQuery(values: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

// The layout's flash messages are keys of the shared catalogue; these pages keep their own strings,
// so their flash cookie carries a prefixed key that the page itself shows (the layout ignores and
// clears it).
const OWN_FLASH = 'p4.';

/** Post/Redirect/Get with a flash message from one of the #4 catalogues. */
export function redirectFlash(c: WebContext, to: string, key: string) {
  setCookie(c, 'flash', OWN_FLASH + key, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
  return c.redirect(to, 303);
}

/** The flash message of this request, if it is one of ours (read before render clears it). */
export function ownFlash(c: WebContext, table: Record<string, string>): string | null {
  const v = getCookie(c, 'flash');
  if (!v || !v.startsWith(OWN_FLASH)) return null;
  return table[v.slice(OWN_FLASH.length)] ?? null;
}

export function FlashNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="notice success" role="status">
      <p>{message}</p>
    </div>
  );
}

export function pick(q: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (q[k]) out[k] = q[k];
  return out;
}

/** The part of the URL after the path, for a page re-rendered in answer to a post. */
const searchOf = (c: WebContext) => new URL(c.req.url).search;

export const AGREEMENT_TONES: Record<string, Tone> = {
  in_training: 'info',
  awaiting_placement: 'warning',
  serving: 'primary',
  fulfilled: 'success',
  breached: 'danger',
  waived: 'neutral',
};

// ---------------------------------------------------------------- finders (employers, positions,
// regions in scope). Read-only queries for choosing in a form; every choice is checked again by the
// service on submit.

const levelOf = (code: string) => ({ 2: 1, 4: 2, 6: 3, 9: 4 })[code.length] ?? 0;
const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The root a department may choose within ('' for admins, null for other roles). */
function scopeOf(user: SessionUser | null): string | null {
  return user ? adminScope(user) : null;
}

export interface EmployerChoice {
  id: string;
  name: string;
  regionName: string | null;
}

/** Verified employers of the caller's region (optionally only inside `within`), whose name or
 * region's full name contains `q`; sorted by name; at most `limit`. */
async function findEmployers(deps: AppDeps, user: SessionUser | null, q: string, within: string | undefined, limit = 20): Promise<EmployerChoice[]> {
  const scope = scopeOf(user);
  if (scope === null) return [];
  const root = within && (scope === '' || isInSubtree(within, scope)) ? within : scope;
  let query = deps.database.db
    .selectFrom('employers as e')
    .leftJoin('regions as g', 'g.code', 'e.region_code')
    .select(['e.id', 'e.name', 'g.full_name as region_name'])
    .where('e.status', '=', 'verified');
  if (root) {
    const { from, to } = subtreeRange(root);
    query = query.where('e.region_code', '>=', from).where('e.region_code', '<', to);
  }
  if (q) {
    const pattern = likeEscape(q);
    query = query.where(sql<boolean>`(e.name LIKE ${pattern} ESCAPE '\\' OR g.full_name LIKE ${pattern} ESCAPE '\\')`);
  }
  const rows = await query.orderBy('e.name').orderBy('e.id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, regionName: r.region_name }));
}

/** The chosen employer, if verified and in the caller's scope. */
async function chosenEmployer(deps: AppDeps, user: SessionUser | null, id: string): Promise<EmployerChoice | null> {
  const scope = scopeOf(user);
  if (!id || scope === null) return null;
  const r = await deps.database.db
    .selectFrom('employers as e')
    .leftJoin('regions as g', 'g.code', 'e.region_code')
    .select(['e.id', 'e.name', 'e.region_code', 'g.full_name as region_name'])
    .where('e.id', '=', id)
    .where('e.status', '=', 'verified')
    .executeTakeFirst();
  if (!r || (scope !== '' && !isInSubtree(r.region_code, scope))) return null;
  return { id: r.id, name: r.name, regionName: r.region_name };
}

/** Open posts of one employer (for the position select), sorted by title. */
async function openPositionsOf(deps: AppDeps, employerId: string): Promise<{ id: string; title: string; regionName: string | null; seats: number }[]> {
  const today = chinaToday(deps.now());
  const rows = await deps.database.db
    .selectFrom('positions as p')
    .leftJoin('regions as g', 'g.code', 'p.region_code')
    .select(['p.id', 'p.title', 'p.seats', 'g.full_name as region_name'])
    .where('p.employer_id', '=', employerId)
    .where('p.status', '=', 'open')
    .where('p.closes_on', '>=', today)
    .orderBy('p.title')
    .orderBy('p.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, regionName: r.region_name, seats: Number(r.seats) }));
}

const employerText = (e: EmployerChoice, lang: Lang) => (e.regionName ? (lang === 'zh' ? `${e.name}（${e.regionName}）` : `${e.name} (${e.regionName})`) : e.name);

/** A name/region search for verified employers of the caller's region, each with a link that
 * chooses it (the link keeps the other choices made so far). */
async function EmployerFinder({ c, t, action, anchor, param, keep, within, label: l }: {
  c: WebContext;
  t: PlacementsText;
  action: string;
  anchor: string;
  /** The query parameter the choice sets (employerId, targetEmployerId). */
  param: string;
  keep: Record<string, string>;
  within?: string;
  label: string;
}) {
  const { deps, user } = page(c);
  const q = (c.req.query('efind') ?? '').trim().slice(0, 50);
  const items = q ? await findEmployers(deps, user, q, within) : [];
  return (
    <div class="finder">
      <form method="get" action={`${action}#${anchor}`} class="row">
        {Object.entries(keep).filter(([k, v]) => v && k !== param && k !== 'efind').map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        <TextField name="efind" idPrefix={`${anchor}-efind`} type="search" label={l} maxlength={50} value={q} />
        <button type="submit" class="small secondary">{t.agreements.findButton}</button>
      </form>
      {q && items.length === 0 && <p class="muted small">{t.agreements.noEmployerFound}</p>}
      {items.length > 0 && (
        <ul class="finder-results">
          {items.map((e) => (
            <li>
              <span>
                {e.name} <span class="muted small">{e.regionName ?? ''}</span>
              </span>
              <a class="btn small secondary" href={`${action}${toQuery({ ...keep, efind: undefined, [param]: e.id })}#${anchor}`}>
                {t.agreements.chooseEmployer}
                <span class="visually-hidden"> · {e.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Regions the caller may choose: their own region and its descendants down to two levels below
 * (one level when that would be too many), sorted by code; null for admins (everything: the
 * ordinary region field). */
async function scopedRegions(deps: AppDeps, user: SessionUser | null): Promise<{ code: string; fullName: string; level: number }[] | null> {
  const scope = scopeOf(user);
  if (scope === '' || scope === null) return null;
  const { from, to } = subtreeRange(scope);
  const base = levelOf(scope);
  for (const depth of [2, 1, 0]) {
    const rows = await deps.database.db
      .selectFrom('regions')
      .select(['code', 'full_name', 'level'])
      .where('code', '>=', from)
      .where('code', '<', to)
      .where('level', '<=', Math.min(4, base + depth))
      .orderBy('code')
      .limit(501)
      .execute();
    if (rows.length <= 500 || depth === 0) return rows.map((r) => ({ code: r.code, fullName: r.full_name, level: r.level }));
  }
  return [];
}

/** A region choice limited to the caller's region subtree (a select of full names); admins get the
 * ordinary region field for the whole country. A value deeper than the listed levels stays
 * selectable. */
export async function ScopedRegionField(p: { c: WebContext; name: string; label: string; idPrefix?: string; values?: FormValues; errors?: FormErrors; required?: boolean; wide?: boolean; hint?: string; empty?: string }) {
  const { m, deps, user } = page(p.c);
  const value = text(p.values ?? {}, p.name);
  const regions = await scopedRegions(deps, user);
  if (regions === null) {
    const regionName = await regionFullName(deps.database, value);
    return <RegionField name={p.name} label={p.label} m={m} regionName={regionName} idPrefix={p.idPrefix} values={p.values} errors={p.errors} required={p.required} wide={p.wide} hint={p.hint} />;
  }
  const base = regions[0]?.level ?? 1;
  const options: [string, string][] = regions.map((r) => [r.code, `${'\u3000'.repeat(Math.max(0, r.level - base))}${r.fullName}`]);
  if (value && !regions.some((r) => r.code === value)) {
    const name = REGION_CODE_PATTERN.test(value) ? await regionFullName(deps.database, value) : null;
    options.push([value, name ?? value]);
  }
  return <SelectField name={p.name} label={p.label} idPrefix={p.idPrefix} options={options} empty={p.empty} values={p.values} errors={p.errors} required={p.required} wide={p.wide} hint={p.hint} />;
}

/** A name search for talents of the department's region, each with a link that chooses it. */
async function TalentFinder({ c, m, t, action, anchor, keep = {} }: { c: WebContext; m: Messages; t: PlacementsText; action: string; anchor: string; keep?: Record<string, string> }) {
  const { deps, user } = page(c);
  const q = (c.req.query('find') ?? '').trim().slice(0, 50);
  const found = q ? await run(m, () => listTalents(deps, user, { q, page: 1, pageSize: 10 })) : null;
  const items = found?.ok ? found.value.items : [];
  return (
    <div class="finder">
      <form method="get" action={`${action}#${anchor}`} class="row">
        {Object.entries(keep).filter(([k, v]) => v && k !== 'talentId' && k !== 'find').map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        <TextField name="find" idPrefix={`${anchor}-find`} type="search" label={t.agreements.findTalent} maxlength={50} value={q} />
        <button type="submit" class="small secondary">{t.agreements.findButton}</button>
      </form>
      {q && items.length === 0 && <p class="muted small">{t.agreements.noTalentFound}</p>}
      {items.length > 0 && (
        <ul class="finder-results">
          {items.map((x) => (
            <li>
              <span>
                {x.name} <span class="muted small mono">{x.idNumberMasked ?? ''}</span>
              </span>
              <a class="btn small secondary" href={`${action}${toQuery({ ...keep, find: undefined, talentId: x.id })}#${anchor}`}>{t.agreements.chooseTalent}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

async function chosenTalentName(c: WebContext, id: string): Promise<string | null> {
  if (!id) return null;
  const { deps, user } = page(c);
  try {
    return (await getTalent(deps, user, id)).name;
  } catch {
    return null;
  }
}

function servedText(t: PlacementsText, a: AgreementDto): string {
  return t.agreements.servedValue(a.servedDays, a.owedDays, (a.servedDays / 365).toFixed(1));
}

// ---------------------------------------------------------------- agreements (department)

/** The department's agreements, with the region filter applied inside its scope. The service
 * filters by status and talent; a region narrower than the caller's scope is applied here with the
 * same query and the same DTO. */
/** Agreements (of these) that are serving without a current placement (none open today). */
async function servingWithoutPlacement(deps: AppDeps, items: AgreementDto[]): Promise<Set<string>> {
  const serving = items.filter((a) => a.status === 'serving').map((a) => a.id);
  if (serving.length === 0) return new Set();
  const today = chinaToday(deps.now());
  const current = new Set<string>();
  for (const p of await placementsOfAgreements(deps.database, serving)) {
    if (p.agreement_id && p.start_on <= today && (p.end_on === null || p.end_on >= today)) current.add(p.agreement_id);
  }
  return new Set(serving.filter((id) => !current.has(id)));
}

function NoPlacementBadge({ t }: { t: PlacementsText }) {
  return (
    <span title={t.agreements.noCurrentPlacementHint}>
      <Badge tone="warning">{t.agreements.noCurrentPlacement}</Badge>
    </span>
  );
}

async function agreementsIn(c: WebContext, filters: { status?: AgreementDto['status']; page: number; pageSize: number }, regionCode: string | undefined) {
  const { deps, user } = page(c);
  const me = user!;
  const scope = adminScope(me);
  if (!regionCode || scope === null || (scope !== '' && isInSubtree(scope, regionCode))) return listAgreements(deps, me, filters);
  if (!canAdminister(me, regionCode)) return { items: [], total: 0, page: filters.page, pageSize: filters.pageSize };
  const { items, total } = await queryAgreements(deps.database, { regionRoot: regionCode }, filters);
  const today = chinaToday(deps.now());
  const served = new Map<string, number>();
  for (const p of await placementsOfAgreements(deps.database, items.map((r) => r.id))) {
    if (p.agreement_id) served.set(p.agreement_id, (served.get(p.agreement_id) ?? 0) + placementDays(p.start_on, p.end_on, today));
  }
  return { items: items.map((r) => toAgreementDto(r, me, served.get(r.id) ?? 0)), total, page: filters.page, pageSize: filters.pageSize };
}

function AgreementRecord({ a, t, lang, unplaced }: { a: AgreementDto; t: PlacementsText; lang: Lang; unplaced?: boolean }) {
  return (
    <li class="record" id={`agreement-${a.id}`}>
      <div class="spread">
        <h3>
          <a href={`/department/agreements/${a.id}`}>{a.talent.name}</a>
        </h3>
        <span class="row">
          <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
          {unplaced && <NoPlacementBadge t={t} />}
        </span>
      </div>
      <dl class="facts mt-8">
        <Fact term={t.agreements.target} wide>{a.targetRegionName}{a.targetEmployer ? ` · ${a.targetEmployer.name}` : ''}</Fact>
        <Fact term={t.agreements.institution}>{a.institution}</Fact>
        <Fact term={t.agreements.years}>{`${a.enrolmentYear}–${a.graduationYear}`}</Fact>
        <Fact term={t.agreements.serviceYears}>{t.agreements.yearsValue(a.serviceYears)}</Fact>
        <Fact term={t.agreements.served}>{servedText(t, a)}</Fact>
      </dl>
    </li>
  );
}

function agreementInput(f: FormValues) {
  return {
    talentId: text(f, 'talentId').trim(),
    targetRegionCode: text(f, 'targetRegionCode').trim(),
    targetEmployerId: optText(f, 'targetEmployerId'),
    institution: text(f, 'institution'),
    enrolmentYear: num(f, 'enrolmentYear'),
    graduationYear: num(f, 'graduationYear'),
    serviceYears: num(f, 'serviceYears'),
    signedOn: text(f, 'signedOn'),
    status: text(f, 'status') || undefined,
  };
}

async function agreementsPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const flash = ownFlash(c, t.flash);
  const raw = pick(c.req.query(), ['status', 'regionCode', 'page']);
  const { data: listFilters, errors: filterErrors } = parseFilters(m, AgreementListQuery, { ...pick(raw, ['status', 'page']), pageSize: '20' });
  const regionCode = raw.regionCode && REGION_CODE_PATTERN.test(raw.regionCode) ? raw.regionCode : undefined;
  const result = await agreementsIn(c, listFilters, regionCode);
  const isDepartment = user!.role === 'department';
  const q = c.req.query();
  const values: FormValues = form ?? {
    talentId: q.talentId ?? '',
    targetRegionCode: q.targetRegionCode && REGION_CODE_PATTERN.test(q.targetRegionCode) ? q.targetRegionCode : user!.region_code ?? '',
    targetEmployerId: q.targetEmployerId ?? '',
    status: 'in_training',
    serviceYears: '5',
  };
  const [chosen, targetEmployer, unplaced] = await Promise.all([
    chosenTalentName(c, text(values, 'talentId')),
    isDepartment ? chosenEmployer(deps, user, text(values, 'targetEmployerId')) : Promise.resolve(null),
    servingWithoutPlacement(deps, result.items),
  ]);
  // What the finders' links keep: the choices made so far.
  const keep = { talentId: text(values, 'talentId'), targetRegionCode: form ? text(form, 'targetRegionCode') : q.targetRegionCode ?? '', targetEmployerId: text(values, 'targetEmployerId') };
  const statusOptions: Options = AGREEMENT_STATUSES.map((s) => [s, t.statuses[s]]);
  const opt = { values, errors, idPrefix: 'new' };
  const createSection = isDepartment ? (
    <section class="card mt-24" id="new-agreement" aria-labelledby="new-agreement-title">
      <h2 id="new-agreement-title">{t.agreements.createTitle}</h2>
      <p class="muted">{t.agreements.createLead}</p>
      <TalentFinder c={c} m={m} t={t} action="/department/agreements" anchor="new-agreement" keep={keep} />
      <EmployerFinder c={c} t={t} action="/department/agreements" anchor="new-agreement" param="targetEmployerId" keep={keep} within={text(values, 'targetRegionCode') || undefined} label={t.agreements.findEmployerTarget} />
      <ErrorSummary errors={errors} />
      <form method="post" action="/department/agreements" novalidate>
        {chosen && <p class="notice info">{fmt(t.agreements.chosen, { name: chosen })}</p>}
        <div class="form-grid two">
          <TextField name="talentId" label={t.agreements.talentId} hint={t.agreements.talentIdHint} required maxlength={64} {...opt} />
          <ScopedRegionField c={c} name="targetRegionCode" label={t.agreements.targetRegionCode} required {...opt} />
          <SelectField
            name="targetEmployerId"
            label={t.agreements.targetEmployerId}
            options={targetEmployer ? [[targetEmployer.id, employerText(targetEmployer, lang)]] : []}
            empty={t.agreements.noTargetEmployer}
            hint={targetEmployer ? undefined : t.agreements.chooseFirst}
            wide
            {...opt}
          />
          <TextField name="institution" label={t.agreements.institution} required maxlength={100} wide {...opt} />
          <TextField name="enrolmentYear" type="number" label={t.agreements.enrolmentYear} required inputmode="numeric" min={1950} max={2100} {...opt} />
          <TextField name="graduationYear" type="number" label={t.agreements.graduationYear} required inputmode="numeric" min={1950} max={2100} {...opt} />
          <TextField name="serviceYears" type="number" label={t.agreements.serviceYears} required inputmode="numeric" min={1} max={10} {...opt} />
          <TextField name="signedOn" type="date" label={t.agreements.signedOn} required {...opt} />
          <SelectField name="status" label={t.agreements.initialStatus} options={INITIAL_STATUSES.map((s) => [s, t.statuses[s]] as [string, string])} {...opt} />
        </div>
        <div class="form-actions">
          <button type="submit">{t.agreements.createButton}</button>
        </div>
      </form>
    </section>
  ) : (
    <p class="notice info">{t.agreements.notDepartment}</p>
  );
  const listQuery = { status: listFilters.status, regionCode };
  return render(
    c,
    t.agreements.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head spread">
        <div>
          <h1>{t.agreements.title}</h1>
          <p>{t.agreements.lead}</p>
        </div>
        {isDepartment && <a class="btn secondary" href="#new-agreement">{t.agreements.createTitle}</a>}
      </div>
      {errors && createSection /* a failed post shows its form first */}
      <section class="card filters">
        <form method="get" action="/department/agreements">
          <div class="form-grid">
            <SelectField name="status" label={t.agreements.filterStatus} options={statusOptions} empty={m.common.any} value={listFilters.status ?? ''} errors={filterErrors} />
            <ScopedRegionField c={c} name="regionCode" label={t.agreements.filterRegion} wide values={{ regionCode: raw.regionCode ?? '' }} empty={t.placements.regionAny} hint="" />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
              <a href="/department/agreements" class="small">{m.common.reset}</a>
            </div>
          </div>
        </form>
      </section>
      <p class="muted">{fmt(m.common.pageOf, { page: result.page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)), total: result.total })}</p>
      {result.items.length === 0 ? (
        <div class="card empty">{t.agreements.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((a) => (
            <AgreementRecord a={a} t={t} lang={lang} unplaced={unplaced.has(a.id)} />
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/agreements${toQuery({ ...listQuery, page: n })}`} m={m} />
      {!errors && createSection}
    </>,
    status,
    `/department/agreements${searchOf(c)}`,
  );
}

placementsPages.get('/department/agreements', (c) => agreementsPage(c));

placementsPages.post('/department/agreements', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, CreateAgreementBody, agreementInput(form), (d) => createAgreement(deps, user, d));
  if (!out.ok) return agreementsPage(c, form, out.errors, out.status);
  return redirectFlash(c, `/department/agreements/${out.value.id}`, 'agreementCreated');
});

/** A history note the app wrote itself ("placement <id>", "round proposal <id>", the fulfilment
 * note) in words, linking to the placement when it is among `placements`; anyone else's note as is. */
function EventNote({ note, t, placements, placementHref }: { note: string; t: PlacementsText; placements: PlacementDto[]; placementHref: (p: PlacementDto) => string }) {
  const direct = note.match(/^placement (\S+)$/);
  const viaRound = note.match(/^round proposal (\S+)$/);
  const p = direct ? placements.find((x) => x.id === direct[1]) : viaRound ? placements.find((x) => x.source === 'round' && x.sourceId === viaRound[1]) : undefined;
  if (p) return <a href={placementHref(p)}>{fmt(t.agreements.placementNote, { employer: p.employer.name, start: p.startOn })}</a>;
  if (direct) return <>{t.agreements.placementUnknown}</>;
  if (viaRound) return <>{t.agreements.roundNote}</>;
  if (note === 'service time served in full') return <>{t.agreements.servedInFull}</>;
  return <>{note}</>;
}

export function AgreementHistory({ a, t, lang, placements = [], placementHref = (p) => `#placement-${p.id}` }: {
  a: AgreementWithHistoryDto;
  t: PlacementsText;
  lang: Lang;
  /** The agreement's placements (to name the one a note refers to). */
  placements?: PlacementDto[];
  placementHref?: (p: PlacementDto) => string;
}) {
  return (
    <ol class="timeline">
      {a.events.map((e) => {
        const who = t.roles[e.actorRole ?? 'system'] ?? e.actorRole ?? '';
        const to = t.statuses[e.toStatus as AgreementDto['status']] ?? e.toStatus;
        const line = e.fromStatus
          ? fmt(t.agreements.event, { date: day(e.at), who, from: t.statuses[e.fromStatus as AgreementDto['status']] ?? e.fromStatus, to })
          : fmt(t.agreements.eventFirst, { date: day(e.at), who, to });
        return (
          <li>
            {line}
            {e.note && (
              <span class="muted">
                {' — '}
                <EventNote note={e.note} t={t} placements={placements} placementHref={placementHref} />
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function AgreementFacts({ a, t, sponsorName }: { a: AgreementDto; t: PlacementsText; sponsorName?: string | null }) {
  return (
    <dl class="facts">
      <Fact term={t.agreements.talent}>{a.talent.name}</Fact>
      <Fact term={t.agreements.sponsor}>{sponsorName ?? <span class="mono">{a.sponsorRegionCode}</span>}</Fact>
      <Fact term={t.agreements.target} wide>{a.targetRegionName}</Fact>
      {a.targetEmployer && <Fact term={t.agreements.targetEmployer} wide>{a.targetEmployer.name}</Fact>}
      <Fact term={t.agreements.institution}>{a.institution}</Fact>
      <Fact term={t.agreements.years}>{`${a.enrolmentYear}–${a.graduationYear}`}</Fact>
      <Fact term={t.agreements.serviceYears}>{t.agreements.yearsValue(a.serviceYears)}</Fact>
      <Fact term={t.agreements.signedOn}>{a.signedOn}</Fact>
      <Fact term={t.agreements.served} wide>{servedText(t, a)}</Fact>
      {a.statusNote && <Fact term={t.agreements.statusNote} wide>{a.statusNote}</Fact>}
    </dl>
  );
}

async function agreementPage(c: WebContext, id: string, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const flash = ownFlash(c, t.flash);
  const a = await getAgreement(deps, user, id);
  const [placements, sponsorName] = await Promise.all([
    listPlacements(deps, user, { agreementId: id, page: 1, pageSize: 100 }),
    regionFullName(deps.database, a.sponsorRegionCode),
  ]);
  const unplaced = (await servingWithoutPlacement(deps, [a])).has(a.id);
  return render(
    c,
    `${t.agreements.title} · ${a.talent.name}`,
    <>
      <FlashNotice message={flash} />
      <nav class="breadcrumbs"><a href="/department/agreements">{t.agreements.back}</a></nav>
      <div class="page-head spread">
        <h1>{`${a.talent.name} · ${a.institution}`}</h1>
        <span class="row">
          <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
          {unplaced && <NoPlacementBadge t={t} />}
        </span>
      </div>
      {unplaced && <p class="notice warning" role="status">{t.agreements.noCurrentPlacementHint}</p>}
      <ErrorSummary errors={errors} />
      <section class="card" aria-labelledby="agreement-facts">
        <h2 id="agreement-facts" class="visually-hidden">{t.agreements.title}</h2>
        <AgreementFacts a={a} t={t} sponsorName={sponsorName} />
        {a.fulfillable && <p class="notice success mt-12">{t.agreements.fulfillable}</p>}
      </section>
      <section class="card" aria-labelledby="agreement-actions">
        <h2 id="agreement-actions">{t.agreements.actions}</h2>
        {a.nextSteps.length > 0 ? (
          <form method="post" action={`/department/agreements/${a.id}/move`} class="stack">
            <TextField name="note" label={t.agreements.noteLabel} maxlength={500} values={form} errors={errors} />
            <div class="row">
              {a.nextSteps.map((s) => (
                <button type="submit" name="status" value={s} class={NOTE_REQUIRED.includes(s) ? 'small danger' : 'small'}>
                  {t.moveTo[s]}
                </button>
              ))}
            </div>
          </form>
        ) : (
          <p class="muted">{user!.role === 'department' ? t.agreements.noActions : t.agreements.readOnly}</p>
        )}
      </section>
      <section class="card" aria-labelledby="agreement-placements">
        <h2 id="agreement-placements">{t.placements.title}</h2>
        {placements.items.length === 0 ? <p class="muted">{t.mine.noPlacements}</p> : <PlacementList items={placements.items} t={t} lang={lang} agreementHref={() => null} />}
      </section>
      <section class="card" aria-labelledby="agreement-history">
        <h2 id="agreement-history">{t.agreements.history}</h2>
        <AgreementHistory a={a} t={t} lang={lang} placements={placements.items} />
      </section>
    </>,
    status,
    `/department/agreements/${id}`,
  );
}

placementsPages.get('/department/agreements/:id', (c) => agreementPage(c, c.req.param('id')));

placementsPages.post('/department/agreements/:id/move', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, AgreementStatusBody, { status: text(form, 'status'), note: optText(form, 'note') }, (d) => moveAgreement(deps, user, id, d));
  if (!out.ok) return agreementPage(c, id, form, out.errors, out.status);
  return redirectFlash(c, `/department/agreements/${id}`, 'agreementMoved');
});

// ---------------------------------------------------------------- placements (shared pieces)

function periodText(t: PlacementsText, p: PlacementDto): string {
  return p.endOn ? `${p.startOn} – ${p.endOn}` : fmt(t.placements.since, { from: p.startOn });
}

interface EndFailure {
  id: string;
  errors: FormErrors;
  values: FormValues;
}

/** Placements as records; `endAction` gives the end form's address for the ones still open. */
export function PlacementList({ items, t, lang, endAction, today, failed, showTalent = true, showEmployer = true, agreementHref }: {
  items: PlacementDto[];
  t: PlacementsText;
  lang: Lang;
  endAction?: (p: PlacementDto) => string;
  today?: string;
  failed?: EndFailure;
  showTalent?: boolean;
  showEmployer?: boolean;
  /** Where the agreement a placement serves is shown (null: leave the fact out, e.g. on that page). */
  agreementHref?: (id: string) => string | null;
}) {
  return (
    <ul class="records">
      {items.map((p) => {
        const mine = failed?.id === p.id ? failed : undefined;
        const heading = [showTalent ? p.talent.name : null, showEmployer ? p.employer.name : null].filter(Boolean).join(' · ') || p.employer.name;
        return (
          <li class="record" id={`placement-${p.id}`}>
            <div class="spread">
              <h3>{heading}</h3>
              <span class="row">
                <Badge tone={p.kind === 'internship' ? 'info' : 'primary'}>{t.kinds[p.kind]}</Badge>
                <Badge tone={p.endOn ? 'neutral' : 'success'}>{p.endOn ? t.placements.ended : t.placements.current}</Badge>
              </span>
            </div>
            <dl class="facts mt-8">
              {p.position && (
                <Fact term={t.placements.position} wide>
                  <a href={`/positions/${p.position.id}`}>{p.position.title}</a>
                </Fact>
              )}
              <Fact term={t.placements.period}>{periodText(t, p)}</Fact>
              <Fact term={t.agreements.served}>{t.placements.days(p.days)}</Fact>
              <Fact term={t.placements.source}>{t.sources[p.source]}</Fact>
              {p.agreementId && (agreementHref ? agreementHref(p.agreementId) !== null : true) && (
                <Fact term={t.placements.agreement}>
                  {agreementHref ? <a href={agreementHref(p.agreementId)!}>{t.placements.linked}</a> : t.placements.linked}
                </Fact>
              )}
              {p.endReason && <Fact term={t.placements.endReason} wide>{p.endReason}</Fact>}
            </dl>
            {!p.endOn && endAction && (
              <div class="actions">
                <form method="post" action={endAction(p)} aria-label={`${t.placements.endTitle} · ${p.talent.name}`}>
                  <TextField name="endOn" idPrefix={`end-${p.id}`} type="date" label={t.placements.endOn} required values={mine?.values ?? { endOn: today ?? '' }} errors={mine?.errors} />
                  <TextField name="reason" idPrefix={`end-${p.id}`} label={t.placements.reason} required maxlength={500} values={mine?.values} errors={mine?.errors} />
                  <button type="submit" class="small danger">{t.placements.endButton}</button>
                </form>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// ---------------------------------------------------------------- placements (department)

function placementInput(f: FormValues) {
  return {
    talentId: text(f, 'talentId').trim(),
    employerId: text(f, 'employerId') || undefined,
    positionId: optText(f, 'positionId'),
    kind: text(f, 'kind'),
    startOn: text(f, 'startOn'),
    endOn: optText(f, 'endOn'),
    agreementId: optText(f, 'agreementId'),
  };
}

async function departmentPlacementsPage(c: WebContext, opts: { form?: FormValues; errors?: FormErrors; failed?: EndFailure; actionErrors?: FormErrors; status?: number } = {}) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const flash = ownFlash(c, t.flash);
  const raw = pick(c.req.query(), ['kind', 'open', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, PlacementListQuery, { ...raw, pageSize: '20' });
  const result = await listPlacements(deps, user, filters);
  const isDepartment = user!.role === 'department';
  const today = chinaToday(deps.now());
  const { form, errors } = opts;
  const q = c.req.query();
  const values: FormValues = form ?? { talentId: q.talentId ?? '', employerId: q.employerId ?? '', kind: 'employment', startOn: today };
  const basesPage = pageNumberOf(q.bp);
  const [bases, chosen, employer, talentAgreements] = await Promise.all([
    listEmployersForReview(deps, user, { status: 'verified', page: basesPage, pageSize: 20 }),
    chosenTalentName(c, text(values, 'talentId')),
    chosenEmployer(deps, user, text(values, 'employerId')),
    text(values, 'talentId') && isDepartment
      ? run(m, () => listAgreements(deps, user, { talentId: text(values, 'talentId'), page: 1, pageSize: 20 })).then((r) => (r.ok ? r.value.items : []))
      : Promise.resolve([] as AgreementDto[]),
  ]);
  const usable = talentAgreements.filter((a) => a.status === 'awaiting_placement' || a.status === 'serving');
  const positions = employer ? await openPositionsOf(deps, employer.id) : [];
  const employers = bases.items;
  const keep = { talentId: text(values, 'talentId'), employerId: text(values, 'employerId') };
  const opt = { values, errors, idPrefix: 'new' };
  const createSection = isDepartment && (
    <section class="card mt-24" id="new-placement" aria-labelledby="new-placement-title">
      <h2 id="new-placement-title">{t.placements.createTitle}</h2>
      <p class="muted">{t.placements.createLead}</p>
      <TalentFinder c={c} m={m} t={t} action="/department/placements" anchor="new-placement" keep={keep} />
      <EmployerFinder c={c} t={t} action="/department/placements" anchor="new-placement" param="employerId" keep={keep} label={t.agreements.findEmployer} />
      <ErrorSummary errors={errors} />
      <form method="post" action="/department/placements" novalidate>
        {chosen && <p class="notice info">{fmt(t.agreements.chosen, { name: chosen })}</p>}
        <div class="form-grid two">
          <TextField name="talentId" label={t.agreements.talentId} hint={t.agreements.talentIdHint} required maxlength={64} {...opt} />
          <SelectField
            name="employerId"
            label={t.placements.employerId}
            options={employer ? [[employer.id, employerText(employer, lang)]] : []}
            empty={employer ? t.placements.chooseEmployer : t.agreements.chooseFirst}
            required
            {...opt}
          />
          <SelectField
            name="positionId"
            label={t.placements.positionId}
            options={positions.map((p) => [p.id, [p.title, p.regionName].filter(Boolean).join(' · ')] as [string, string])}
            empty={t.placements.noPosition}
            hint={employer && positions.length === 0 ? t.placements.noOpenPositions : undefined}
            {...opt}
          />
          <SelectField name="kind" label={t.placements.kind} options={PLACEMENT_KINDS.map((k) => [k, t.kinds[k]] as [string, string])} required {...opt} />
          <TextField name="startOn" type="date" label={t.placements.startOn} required {...opt} />
          <TextField name="endOn" type="date" label={t.placements.endOnOptional} {...opt} />
          <SelectField
            name="agreementId"
            label={t.placements.agreementId}
            options={usable.map((a) => [a.id, `${a.institution} · ${a.targetRegionName} · ${t.statuses[a.status]}`] as [string, string])}
            empty={t.placements.noAgreement}
            wide
            {...opt}
          />
        </div>
        <div class="form-actions">
          <button type="submit">{t.placements.createButton}</button>
        </div>
      </form>
    </section>
  );
  const back = toQuery(raw);
  return render(
    c,
    t.placements.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head spread">
        <div>
          <h1>{t.placements.title}</h1>
          <p>{t.placements.lead}</p>
        </div>
        {isDepartment && <a class="btn secondary" href="#new-placement">{t.placements.createTitle}</a>}
      </div>
      <ErrorSummary errors={opts.actionErrors} />
      {errors && createSection}
      <section class="card filters">
        <form method="get" action="/department/placements">
          <div class="form-grid">
            <SelectField name="kind" label={t.placements.filterKind} options={PLACEMENT_KINDS.map((k) => [k, t.kinds[k]] as [string, string])} empty={m.common.any} values={raw} errors={filterErrors} />
            <SelectField name="open" label={t.placements.filterOpen} options={[['true', t.placements.current], ['false', t.placements.ended]]} empty={m.common.any} values={raw} errors={filterErrors} />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
              <a href="/department/placements" class="small">{m.common.reset}</a>
            </div>
          </div>
        </form>
      </section>
      <p class="muted">{fmt(m.common.pageOf, { page: result.page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)), total: result.total })}</p>
      {result.items.length === 0 ? (
        <div class="card empty">{t.placements.empty}</div>
      ) : (
        <PlacementList
          items={result.items}
          t={t}
          lang={lang}
          today={today}
          failed={opts.failed}
          endAction={isDepartment ? (p) => `/department/placements/${p.id}/end${back}` : undefined}
          agreementHref={(id) => `/department/agreements/${id}`}
        />
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/placements${toQuery({ ...raw, page: n })}`} m={m} />
      {!errors && createSection}
      <section class="card mt-24" id="internship-bases" aria-labelledby="bases-title">
        <h2 id="bases-title">{t.placements.internshipBases}</h2>
        <p class="muted">{t.placements.internshipBasesLead}</p>
        {employers.length === 0 ? (
          <p class="muted">{t.placements.noEmployers}</p>
        ) : (
          <ul class="plain-list">
            {employers.map((e) => (
              <li class="spread">
                <span>
                  {e.name} {e.internshipBase && <Badge tone="info">{t.placements.isBase}</Badge>}
                </span>
                {isDepartment || user!.role === 'admin' ? (
                  <ActionButton
                    action={`/department/employers/${e.id}/internship-base${toQuery({ value: e.internshipBase ? 'false' : 'true' })}`}
                    label={e.internshipBase ? t.placements.unsetBase : t.placements.setBase}
                    tone="secondary"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pager page={bases.page} pageSize={bases.pageSize} total={bases.total} href={(n) => `/department/placements${toQuery({ ...raw, bp: n })}#internship-bases`} m={m} />
      </section>
    </>,
    opts.status ?? 200,
    `/department/placements${searchOf(c)}`,
  );
}

placementsPages.get('/department/placements', (c) => departmentPlacementsPage(c));

placementsPages.post('/department/placements', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, CreatePlacementBody, placementInput(form), (d) => createPlacement(deps, user, d));
  if (!out.ok) return departmentPlacementsPage(c, { form, errors: out.errors, status: out.status });
  return redirectFlash(c, '/department/placements', 'placementCreated');
});

placementsPages.post('/department/placements/:id/end', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, EndPlacementBody, { endOn: text(form, 'endOn'), reason: text(form, 'reason') }, (d) => endPlacement(deps, user, id, d));
  if (!out.ok) return departmentPlacementsPage(c, { failed: { id, errors: out.errors, values: form }, actionErrors: out.errors, status: out.status });
  return redirectFlash(c, `/department/placements${searchOf(c)}`, 'placementEnded');
});

placementsPages.post('/department/employers/:id/internship-base', async (c) => {
  const { m, deps, user } = page(c);
  const value = c.req.query('value') === 'true';
  const out = await run(m, () => setInternshipBase(deps, user, c.req.param('id'), value));
  if (!out.ok) return departmentPlacementsPage(c, { actionErrors: out.errors, status: out.status });
  return redirectFlash(c, '/department/placements#internship-bases', 'internshipBaseSet');
});

// ---------------------------------------------------------------- the graduate's own

placementsPages.get('/me/placements', async (c) => {
  const { lang, deps, user } = page(c);
  const t = textOf(lang);
  const [agreements, placements] = await Promise.all([
    listAgreements(deps, user, { page: 1, pageSize: 50 }),
    listPlacements(deps, user, { page: 1, pageSize: 100 }),
  ]);
  const detailed = await Promise.all(agreements.items.map((a) => getAgreement(deps, user, a.id)));
  const unplaced = await servingWithoutPlacement(deps, detailed);
  const sponsors = await regionFullNames(deps.database, detailed.map((a) => a.sponsorRegionCode));
  return render(
    c,
    t.mine.title,
    <>
      <div class="page-head">
        <h1>{t.mine.title}</h1>
      </div>
      <section class="mb-24" aria-labelledby="my-agreements">
        <h2 id="my-agreements">{t.mine.agreementsTitle}</h2>
        {detailed.length === 0 ? (
          <div class="card empty">{t.mine.noAgreements}</div>
        ) : (
          <ul class="records">
            {detailed.map((a) => (
              <li class="record" id={`agreement-${a.id}`}>
                <div class="spread">
                  <h3>{a.institution}</h3>
                  <span class="row">
                    <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
                    {unplaced.has(a.id) && <NoPlacementBadge t={t} />}
                  </span>
                </div>
                <div class="mt-8">
                  <AgreementFacts a={a} t={t} sponsorName={sponsors.get(a.sponsorRegionCode)} />
                </div>
                <details>
                  <summary>{t.agreements.history}</summary>
                  <AgreementHistory a={a} t={t} lang={lang} placements={placements.items} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-placements">
        <h2 id="my-placements">{t.mine.placementsTitle}</h2>
        {placements.items.length === 0 ? (
          <div class="card empty">{t.mine.noPlacements}</div>
        ) : (
          <PlacementList items={placements.items} t={t} lang={lang} showTalent={false} />
        )}
      </section>
    </>,
  );
});

// ---------------------------------------------------------------- the employer's interns and staff

async function employerPlacementsPage(c: WebContext, opts: { failed?: EndFailure; actionErrors?: FormErrors; status?: number } = {}) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const flash = ownFlash(c, t.flash);
  const record = await findOwnEmployer(deps, user!);
  if (!record) {
    return render(
      c,
      t.employer.title,
      <>
        <div class="page-head"><h1>{t.employer.title}</h1></div>
        <div class="notice warning"><p>{t.employer.needEmployer}</p><p><a class="btn" href="/employer">{m.employer.registerTitle}</a></p></div>
      </>,
      opts.status ?? 200,
      '/employer/placements',
    );
  }
  const e = toFullEmployerDto(record);
  const kindRaw = c.req.query('kind');
  const kind = kindRaw === 'internship' || kindRaw === 'employment' ? kindRaw : undefined;
  const pastPage = Math.max(1, Math.floor(Number(c.req.query('page')) || 1));
  const [current, past, positions] = await Promise.all([
    listPlacements(deps, user, { kind, open: true, page: 1, pageSize: 100 }),
    listPlacements(deps, user, { kind, open: false, page: pastPage, pageSize: 20 }),
    listOwnPositions(deps, user, { page: 1, pageSize: 100 }),
  ]);
  const today = chinaToday(deps.now());
  const back = toQuery({ kind });
  const tab = (value: string | undefined, l: string) => (
    <a class={kind === value ? 'btn small' : 'btn small secondary'} href={`/employer/placements${toQuery({ kind: value })}`} aria-current={kind === value ? 'page' : undefined}>
      {l}
    </a>
  );
  return render(
    c,
    t.employer.title,
    <>
      <FlashNotice message={flash} />
      <div class="page-head">
        <h1>{t.employer.title}</h1>
        <p>{t.employer.lead}</p>
      </div>
      <div class={e.internshipBase ? 'notice info' : 'notice'} role="status">
        <p class="row">
          {e.internshipBase && <Badge tone="info">{m.employer.internshipBase}</Badge>}
          <span>{e.internshipBase ? t.employer.baseYes : t.employer.baseNo}</span>
        </p>
      </div>
      <nav class="row mb-16" aria-label={t.placements.filterKind}>
        {tab(undefined, t.employer.all)}
        {tab('internship', t.employer.interns)}
        {tab('employment', t.employer.staff)}
      </nav>
      <ErrorSummary errors={opts.actionErrors} />
      <section class="mb-24" aria-labelledby="current-title">
        <h2 id="current-title">{t.employer.currentTitle}</h2>
        {current.items.length === 0 ? (
          <div class="card empty">{t.employer.noneCurrent}</div>
        ) : (
          <PlacementList items={current.items} t={t} lang={lang} showEmployer={false} today={today} failed={opts.failed} endAction={(p) => `/employer/placements/${p.id}/end${back}`} />
        )}
      </section>
      <section class="mb-24" aria-labelledby="past-title">
        <h2 id="past-title">{t.employer.pastTitle}</h2>
        {past.items.length === 0 ? <div class="card empty">{t.employer.nonePast}</div> : <PlacementList items={past.items} t={t} lang={lang} showEmployer={false} />}
        <Pager page={past.page} pageSize={past.pageSize} total={past.total} href={(n) => `/employer/placements${toQuery({ kind, page: n })}`} m={m} />
      </section>
      <section class="card" aria-labelledby="candidates-title">
        <h2 id="candidates-title">{t.employer.candidatesTitle}</h2>
        <p class="muted">{t.employer.candidatesLead}</p>
        {positions.items.length === 0 ? (
          <p class="muted">{t.employer.noPositions}</p>
        ) : (
          <ul class="plain-list">
            {positions.items.map((p) => (
              <li class="spread">
                <span>
                  {p.title} <span class="muted small">{label(POSITION_KINDS, p.kind, lang)} · {m.position.statuses[p.status]}</span>
                </span>
                <a class="btn small secondary" href={`/employer/positions/${p.id}/candidates`}>{t.employer.candidatesLink}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>,
    opts.status ?? 200,
    `/employer/placements${searchOf(c)}`,
  );
}

placementsPages.get('/employer/placements', (c) => employerPlacementsPage(c));

placementsPages.post('/employer/placements/:id/end', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, EndPlacementBody, { endOn: text(form, 'endOn'), reason: text(form, 'reason') }, (d) => endPlacement(deps, user, id, d));
  if (!out.ok) return employerPlacementsPage(c, { failed: { id, errors: out.errors, values: form }, actionErrors: out.errors, status: out.status });
  return redirectFlash(c, `/employer/placements${searchOf(c)}`, 'placementEnded');
});

