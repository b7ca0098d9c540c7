// The statistics computed again, independently of src/statistics: plain loops over the generated
// rows, written from the definitions in the page's help text (not from the production queries).
import type { AgreementEventRow, AgreementRow, Dataset, EmployerRow, PlacementRow, TalentRow } from './data';
import { AVAILABILITY, EDUCATION_LEVELS, ETHNICITIES, GENDERS, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../../src/lib/vocab';

export interface Child {
  code: string;
  name: string;
}

/** Which row of the breakdown a code falls in: a child's code, 'direct', or null (outside). */
export function place(region: string, children: Child[], code: string | null): string | null {
  if (code === null) return region === '' ? 'direct' : null;
  for (const c of children) if (code.startsWith(c.code)) return c.code;
  if (code === region) return 'direct';
  if (region !== '' && code.startsWith(region)) return 'direct';
  return null;
}

function rowsOf<T>(region: string, children: Child[], items: T[], codeOf: (x: T) => string | null) {
  const out = new Map<string, T[]>([['direct', []], ...children.map((c) => [c.code, []] as [string, T[]])]);
  const all: T[] = [];
  for (const x of items) {
    const where = place(region, children, codeOf(x));
    if (where === null) continue;
    out.get(where)!.push(x);
    all.push(x);
  }
  return { all, out };
}

// ---------------------------------------------------------------- talents

function fullYears(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

function ageBandOf(birth: string | null, today: string): string {
  if (!birth) return 'unknown';
  const a = fullYears(birth, today);
  if (a < 25) return 'under_25';
  if (a >= 55) return '55_over';
  const lo = Math.floor(a / 5) * 5;
  return `${lo}_${lo + 4}`;
}

const lists = (json: string): string[] => JSON.parse(json);

const DIMS: Record<string, { keys: string[]; values: (t: TalentRow, today: string) => string[] }> = {
  qualification: { keys: [...Object.keys(QUALIFICATION_LEVELS), 'unknown'], values: (t) => [t.qualification_level] },
  education: { keys: [...Object.keys(EDUCATION_LEVELS), 'unknown'], values: (t) => [t.education_level ?? 'unknown'] },
  gender: { keys: [...Object.keys(GENDERS), 'unknown'], values: (t) => [t.gender ?? 'unknown'] },
  ethnicity: { keys: [...Object.keys(ETHNICITIES), 'unknown'], values: (t) => [t.ethnicity ?? 'unknown'] },
  availability: { keys: [...Object.keys(AVAILABILITY), 'unknown'], values: (t) => [t.availability] },
  ageBand: {
    keys: ['under_25', '25_29', '30_34', '35_39', '40_44', '45_49', '50_54', '55_over', 'unknown'],
    values: (t, today) => [ageBandOf(t.birth_date, today)],
  },
  serviceArea: { keys: Object.keys(SERVICE_AREAS), values: (t) => lists(t.service_areas) },
  language: { keys: Object.keys(LANGUAGES), values: (t) => lists(t.languages) },
};

export function expectedTalents(d: Dataset, region: string, children: Child[], dimension: string, today: string) {
  const dim = DIMS[dimension];
  const count = (ts: TalentRow[]) => {
    const counts: Record<string, number> = Object.fromEntries(dim.keys.map((k) => [k, 0]));
    for (const t of ts) for (const v of dim.values(t, today)) counts[v in counts ? v : 'unknown'] += 1;
    return { talents: ts.length, counts };
  };
  const { all, out } = rowsOf(region, children, d.talents, (t) => t.region_code);
  return { keys: dim.keys, total: count(all), direct: count(out.get('direct')!), children: children.map((c) => ({ code: c.code, ...count(out.get(c.code)!) })) };
}

// ---------------------------------------------------------------- supply and demand

export function expectedSupply(d: Dataset, region: string, children: Child[], today: string) {
  const areas = [...Object.keys(SERVICE_AREAS), 'unspecified'];
  const openPosts = d.positions.filter((p) => p.status === 'open' && p.closes_on >= today);
  const freeOf = new Map(
    openPosts.map((p) => {
      const held = d.placements.filter((pl) => pl.position_id === p.id && pl.kind === 'employment' && (pl.end_on === null || pl.end_on >= today)).length;
      return [p.id, held >= p.seats ? 0 : p.seats - held];
    }),
  );
  const seekers = d.talents.filter((t) => t.availability === 'available' || t.availability === 'later');
  const cell = (posts: typeof openPosts, people: TalentRow[]) => {
    const byArea: Record<string, { seats: number; supply: number; gap: number }> = {};
    for (const a of areas) {
      const seats = posts
        .filter((p) => (a === 'unspecified' ? lists(p.service_areas).length === 0 : lists(p.service_areas).includes(a)))
        .reduce((s, p) => s + freeOf.get(p.id)!, 0);
      const supply = a === 'unspecified' ? people.length : people.filter((t) => lists(t.service_areas).includes(a)).length;
      byArea[a] = { seats, supply, gap: seats - supply };
    }
    const seats = posts.reduce((s, p) => s + freeOf.get(p.id)!, 0);
    return { seats, supply: people.length, gap: seats - people.length, areas: byArea };
  };
  const posts = rowsOf(region, children, openPosts, (p) => p.region_code);
  const people = rowsOf(region, children, seekers, (t) => t.region_code);
  return {
    total: cell(posts.all, people.all),
    direct: cell(posts.out.get('direct')!, people.out.get('direct')!),
    children: children.map((c) => ({ code: c.code, ...cell(posts.out.get(c.code)!, people.out.get(c.code)!) })),
  };
}

// ---------------------------------------------------------------- coverage

const runsOn = (pl: PlacementRow, today: string) => pl.kind === 'employment' && pl.start_on <= today && (pl.end_on === null || pl.end_on >= today);

function staffed(d: Dataset, e: EmployerRow, today: string): boolean {
  return d.placements.some((pl) => pl.employer_id === e.id && runsOn(pl, today));
}

export function expectedTownships(d: Dataset, region: string, children: Child[], townships: string[], today: string) {
  const covered = new Set(d.employers.filter((e) => e.type === 'station' && e.status !== 'rejected' && staffed(d, e, today)).map((e) => e.region_code));
  const inside = townships.filter((code) => region === '' || code.startsWith(region));
  const cell = (codes: string[]) => {
    const c = codes.filter((x) => covered.has(x)).length;
    return { units: codes.length, covered: c, rate: codes.length ? c / codes.length : null };
  };
  return {
    total: cell(inside),
    children: children.map((ch) => ({ code: ch.code, ...cell(inside.filter((x) => x.startsWith(ch.code))) })),
    uncovered: inside.filter((x) => !covered.has(x)).sort(),
  };
}

export function expectedSchools(d: Dataset, region: string, children: Child[], today: string) {
  const list = d.employers.filter((e) => e.type === 'school' && e.status !== 'rejected');
  const cell = (es: EmployerRow[]) => {
    const c = es.filter((e) => staffed(d, e, today)).length;
    return { units: es.length, covered: c, rate: es.length ? c / es.length : null };
  };
  const { all, out } = rowsOf(region, children, list, (e) => e.region_code);
  const uncovered = all
    .filter((e) => !staffed(d, e, today))
    .sort((a, b) => (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
    .map((e) => e.id);
  return { total: cell(all), direct: cell(out.get('direct')!), children: children.map((c) => ({ code: c.code, ...cell(out.get(c.code)!) })), uncovered };
}

// ---------------------------------------------------------------- placements per month

export function expectedMonthly(d: Dataset, region: string, children: Child[], from: string, to: string) {
  const employerRegion = new Map(d.employers.map((e) => [e.id, e.region_code]));
  const months: { month: string; employment: number; internship: number }[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    months.push({ month: key, employment: 0, internship: 0 });
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  const inWindow = d.placements.filter((pl) => pl.start_on.slice(0, 7) >= from && pl.start_on.slice(0, 7) <= to);
  const { all, out } = rowsOf(region, children, inWindow, (pl) => employerRegion.get(pl.employer_id)!);
  const kinds = (pls: PlacementRow[]) => ({ employment: pls.filter((p) => p.kind === 'employment').length, internship: pls.filter((p) => p.kind === 'internship').length });
  for (const pl of all) months.find((x) => x.month === pl.start_on.slice(0, 7))![pl.kind] += 1;
  return { months, total: kinds(all), direct: kinds(out.get('direct')!), children: children.map((c) => ({ code: c.code, ...kinds(out.get(c.code)!) })) };
}

// ---------------------------------------------------------------- directed training

function inclusiveDays(start: string, end: string | null, today: string): number {
  const last = end === null || end > today ? today : end;
  if (last < start) return 0;
  return (Date.parse(last) - Date.parse(start)) / 86_400_000 + 1;
}

const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function yearsAgo(today: string, n: number): string {
  return `${Number(today.slice(0, 4)) - n}${today.slice(4)}`;
}

export function expectedDirected(d: Dataset, region: string, children: Child[], today: string) {
  const statuses = ['in_training', 'awaiting_placement', 'serving', 'fulfilled', 'breached', 'waived'];
  const facts = (a: AgreementRow) => {
    const pls = d.placements.filter((p) => p.agreement_id === a.id);
    const evs: AgreementEventRow[] = d.events.filter((e) => e.agreement_id === a.id && e.to_status === 'serving');
    let start: string | null = null;
    if (pls.length) start = pls.map((p) => p.start_on).sort()[0];
    else if (evs.length) start = chinaDate(Math.min(...evs.map((e) => e.created_at)));
    const served = pls.reduce((s, p) => s + inclusiveDays(p.start_on, p.end_on, today), 0);
    const gone = pls.length > 0 && pls.every((p) => p.end_on !== null && p.end_on < today);
    const left = start !== null && gone && served < a.service_years * 365 && ['serving', 'breached'].includes(a.status);
    return { start, left, retained: a.status === 'fulfilled' || (a.status === 'serving' && !left) };
  };
  const rate = (n: number, dd: number) => ({ numerator: n, denominator: dd, rate: dd ? n / dd : null });
  const cell = (as: AgreementRow[]) => {
    const byStatus = Object.fromEntries(statuses.map((s) => [s, as.filter((a) => a.status === s).length]));
    const fs = as.map(facts);
    const started = fs.filter((f) => f.start !== null);
    return {
      agreements: as.length,
      byStatus,
      started: started.length,
      fulfilment: rate(byStatus.fulfilled, byStatus.fulfilled + byStatus.breached),
      earlyLeave: rate(started.filter((f) => f.left).length, started.length),
      retention: [1, 2, 3].map((n) => {
        const cohort = started.filter((f) => f.start! <= yearsAgo(today, n));
        return { years: n, ...rate(cohort.filter((f) => f.retained).length, cohort.length) };
      }),
    };
  };
  const { all, out } = rowsOf(region, children, d.agreements, (a) => a.target_region_code);
  return { total: cell(all), direct: cell(out.get('direct')!), children: children.map((c) => ({ code: c.code, ...cell(out.get(c.code)!) })) };
}

// ---------------------------------------------------------------- lapsing registrations

export function expectedLapsing(d: Dataset, region: string, children: Child[], today: string) {
  const until = new Date(Date.parse(today) + 90 * 86_400_000).toISOString().slice(0, 10);
  const lapsing = d.talents.filter((t) => t.registration_valid_until !== null && t.registration_valid_until >= today && t.registration_valid_until <= until);
  const { all, out } = rowsOf(region, children, lapsing, (t) => t.region_code);
  const order = [...all].sort((a, b) => {
    const ka = [a.registration_valid_until!, a.region_code ?? '', a.id];
    const kb = [b.registration_valid_until!, b.region_code ?? '', b.id];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return {
    from: today,
    to: until,
    total: all.length,
    direct: out.get('direct')!.length,
    children: children.map((c) => ({ code: c.code, n: out.get(c.code)!.length })),
    list: order.map((t) => ({
      talentId: t.id,
      name: [...t.name][0] + '*'.repeat([...t.name].length - 1),
      certificateNumber: t.certificate_number ? '*'.repeat(t.certificate_number.length - 4) + t.certificate_number.slice(-4) : null,
      idNumberMasked: t.id_number_masked,
      validUntil: t.registration_valid_until,
      daysLeft: (Date.parse(t.registration_valid_until!) - Date.parse(today)) / 86_400_000,
    })),
  };
}
