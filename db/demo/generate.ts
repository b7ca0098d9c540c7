// Deterministic demo data for 内蒙古自治区 (region 15): departments, talents, employers, positions and
// applications with histories, directed-training agreements, placements (hires, directed service,
// township stations, schools, interns, imported rosters) and one placement round collecting choices,
// written into a migrated SQLite database.
//
// Same seed, scale and `now` → the same rows, ids included (only the AES-GCM ciphertext of ID numbers
// differs, its IV being random as the app's is). Rows are planned in memory from one seeded stream,
// ID numbers are sealed with the app's FieldCrypto, then everything is written with prepared
// statements in one transaction: this is bulk seeding, not a user write path. Every talent and
// position also gets a search_outbox row, so a search index can later be built from them.
import type BetterSqlite3 from 'better-sqlite3';
import type { FieldCrypto } from '../../src/lib/crypto';
import { maskIdNumber } from '../../src/lib/checksums';
import type { Employer, Talent } from '../schema';
import { AgreementPlanner, DIRECTED_INSTITUTIONS, graduationMs, type AgreementPlan } from './agreements';
import { ApplicationPlanner, type ApplicationPlan } from './applications';
import { Departments, type UserRow } from './departments';
import { EmployerPlanner } from './employers';
import { PlacementBook, type PlacementRow } from './placements';
import { planCollectingRound, type RoundPlan } from './rounds';
import { PAST_ROUND_CITY, planPastRound, planPastRoundPositions, playPastRound, type PastRoundPlan, type PastRoundSummary } from './past-round';
import { coveredTownships, townships } from '../../src/statistics';
import { chinaToday } from '../../src/lib/dates';
import { wrapSqlite } from '../sqlite';
import { planHires, Staffing } from './staffing';
import { PositionPlanner, type PositionPlan } from './positions';
import { listColumnsOf } from '../../src/positions';
import { DAY, HOUR, Rng } from './random';
import { RegionPool } from './region-pool';
import { TalentPlanner, type TalentPlan } from './talents';

export const PROVINCE = '15';
export const SHOWCASE_CITY = '1501'; // 呼和浩特市: the demo's signed-in employer and graduate live here
export const DEFAULT_SEED = 20260601;
/** Every township of these get a registered social work station; about 60% of them are staffed. */
export const COVERAGE_CITIES = ['1501', '1503']; // 呼和浩特市, 乌海市
/** Directed-training agreements for about this share of graduates of the last five years and students. */
export const DIRECTED_SHARE = 0.2;

export interface DemoScale {
  talents: number;
  employers: number;
  positions: number;
  applications: number;
}

export const DEFAULT_SCALE: DemoScale = { talents: 5000, employers: 300, positions: 1000, applications: 2500 };

export interface GenerateOptions {
  /** The app's field crypto (AppDeps.fieldCrypto), so sealed ID numbers open with the app's key. */
  fieldCrypto: FieldCrypto;
  seed?: number;
  scale?: Partial<DemoScale>;
  /** The moment the data is generated "at": dates are relative to it (open posts close after it). */
  now?: number;
}

export interface DemoSummary {
  seed: number;
  now: number;
  counts: DemoScale & {
    applicationEvents: number;
    outbox: number;
    openPositions: number;
    departments: number;
    agreements: number;
    agreementEvents: number;
    agreementsByStatus: Record<string, number>;
    placements: number;
    openPlacements: number;
    internships: number;
    coverageStations: number;
    coveredStations: number;
    lapsingCertificates: number;
    roundPositions: number;
    roundTalents: number;
    roundChoices: number;
    /** Placements from rounds (last summer's in 乌海). */
    roundPlacements: number;
    /** Per coverage city, townships and those with a station staffed today (the statistics pages' numbers). */
    townshipCoverage: { code: string; name: string; townships: number; covered: number }[];
  };
  /** Last summer's round in 乌海, played through the round services (null if the scale leaves no room). */
  pastRound: (PastRoundSummary & { cityCode: string }) | null;
  showcase: {
    /** A verified agency in 呼和浩特 with open posts, at least one draft, applicants and interns; an internship base. */
    employerId: string;
    /** Pending employers in 呼和浩特, for the verification queue. */
    pendingEmployerIds: string[];
    /** A talent in 呼和浩特 with a complete profile, three applications, an agreement awaiting placement, in the round. */
    talentId: string;
    agreementId: string;
    /** 呼和浩特's round, collecting choices. */
    roundId: string;
    /** The showcase employer's post in that round the showcase graduate gets if she ranks it first. */
    roundPositionId: string;
    /** Department users by region code (the province and each league/city); demo.ts gives two of them passwords. */
    departmentUserIds: Record<string, string>;
  };
  ms: { plan: number; seal: number; write: number; round: number; total: number };
}

export async function generateDemoData(sqlite: BetterSqlite3.Database, options: GenerateOptions): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now();
  const scale = { ...DEFAULT_SCALE, ...options.scale };
  if (scale.employers < 3 || scale.positions < 5 || scale.talents < 10) throw new Error('The demo needs at least 3 employers, 5 positions and 10 talents');
  for (const table of ['talents', 'employers', 'positions'] as const) {
    if ((sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) > 0) throw new Error(`${table} is not empty: generate into a fresh database`);
  }

  const rng = new Rng(seed);
  const regions = RegionPool.load(sqlite, PROVINCE);
  const departments = new Departments(rng, regions, now);

  const employerPlanner = new EmployerPlanner(rng, regions, now);
  const employers: Employer[] = [
    { ...employerPlanner.plan({ type: 'agency', cityCode: SHOWCASE_CITY, status: 'verified' }), internship_base: 1 },
    employerPlanner.plan({ type: 'community', cityCode: SHOWCASE_CITY, status: 'pending' }),
    employerPlanner.plan({ type: 'station', cityCode: SHOWCASE_CITY, status: 'pending' }),
  ];
  // Township coverage: a station registered in every township of the coverage cities (as far as
  // 40% of the employers go), about 60% of them with a social worker in post.
  const coverage: Employer[] = [];
  for (const township of COVERAGE_CITIES.flatMap((c) => regions.townshipsOfCity(c)).slice(0, Math.floor(scale.employers * 0.4))) {
    if (employerPlanner.hasStation(township)) continue;
    const station = employerPlanner.plan({ township, status: 'verified' });
    coverage.push(station);
    employers.push(station);
  }
  while (employers.length < scale.employers) employers.push(employerPlanner.plan());
  for (const e of employers) if (e.status !== 'pending') e.reviewed_by = departments.of(e.region_code).id;

  const talentPlanner = new TalentPlanner(rng, regions, now);
  // The showcase graduate finished a bachelor's degree last summer (directed, awaiting a post).
  const lastGraduation = graduationMs(talentPlanner.nowYear) <= now - 2 * DAY ? talentPlanner.nowYear : talentPlanner.nowYear - 1;
  const showcaseTalent = talentPlanner.plan(0, {
    cityCode: SHOWCASE_CITY,
    age: 23,
    level: 'bachelor',
    qualification: 'assistant',
    availability: 'available',
    graduationYear: lastGraduation,
  });
  showcaseTalent.row.visibility = 'employers';
  if (!DIRECTED_INSTITUTIONS.has(showcaseTalent.row.school!)) Object.assign(showcaseTalent.row, { school: '内蒙古师范大学', major: '社会工作' });
  const talents: TalentPlan[] = [showcaseTalent];
  while (talents.length < scale.talents) talents.push(talentPlanner.plan(talents.length));

  const showcaseEmployer = employers[0];
  const positionPlanner = new PositionPlanner(
    rng,
    regions,
    now,
    employers.filter((e) => e.status === 'verified'),
  );
  const positions: PositionPlan[] = (['open', 'open', 'open', 'open', 'draft'] as const).map((status, i) =>
    positionPlanner.plan({ employer: showcaseEmployer, status, seats: i === 0 ? 3 : undefined }),
  );
  // The posts of last summer's round in 乌海 (written open, closed once the round has been played).
  const pastPositions = planPastRoundPositions(rng, regions, now, employers);
  positions.push(...pastPositions.slice(0, Math.max(0, scale.positions - positions.length - 1)));
  const pastIds = new Set(positions.slice(5).map((p) => p.row.id));
  while (positions.length < scale.positions) positions.push(positionPlanner.plan());
  verifiedBeforePosting(rng, employers, positions);

  const applications = planApplications(
    rng,
    now,
    talents,
    positions.filter((p) => !pastIds.has(p.row.id)),
    scale.applications,
  );
  const careers = planCareers(rng, now, regions, departments, employers, coverage, talents, positions, applications, showcaseEmployer, pastIds);
  const planned = performance.now();

  await sealIdNumbers(options.fieldCrypto, talents);
  const sealed = performance.now();

  writeAll(sqlite, now, departments.all(), employers, talents, positions, applications, careers);
  const written = performance.now();
  const pastRound = careers.past ? await playPastRound(sqlite, careers.past, now) : null;
  const played = performance.now();

  const { agreements, book, round } = careers;
  // Agreements and placements as stored (the past round placed people and started their service).
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  const byStatus: Record<string, number> = {};
  for (const r of sqlite.prepare('SELECT status, count(*) AS n FROM agreements GROUP BY status ORDER BY status').all() as { status: string; n: number }[]) byStatus[r.status] = r.n;
  const lapseBy = book.todayMs + 90 * DAY;
  // Township coverage as the statistics pages compute it: townships with a station staffed today.
  const database = wrapSqlite(sqlite);
  const today = chinaToday(now);
  const townshipCoverage = await Promise.all(
    COVERAGE_CITIES.map(async (code) => {
      const [all, covered] = await Promise.all([townships(database, code), coveredTownships(database, code, today)]);
      return { code, name: regions.get(code).name, townships: all.length, covered: covered.length };
    }),
  );

  return {
    seed,
    now,
    counts: {
      talents: talents.length,
      employers: employers.length,
      positions: positions.length,
      applications: applications.length,
      applicationEvents: applications.reduce((n, a) => n + a.events.length, 0),
      outbox: talents.length + positions.length,
      openPositions: positions.filter((p) => p.row.status === 'open').length,
      departments: departments.all().length,
      agreements: count('SELECT count(*) FROM agreements'),
      agreementEvents: agreements.reduce((n, a) => n + a.events.length, 0),
      agreementsByStatus: byStatus,
      placements: count('SELECT count(*) FROM placements'),
      openPlacements: count('SELECT count(*) FROM placements WHERE end_on IS NULL'),
      internships: count("SELECT count(*) FROM placements WHERE kind = 'internship'"),
      roundPlacements: count("SELECT count(*) FROM placements WHERE source = 'round'"),
      coverageStations: coverage.length,
      coveredStations: coverage.filter((e) => stationStaffed(sqlite, e.id, today)).length,
      townshipCoverage,
      lapsingCertificates: talents.filter((t) => {
        const until = t.row.registration_valid_until;
        return until !== null && until >= book.today && Date.parse(until) < lapseBy;
      }).length,
      roundPositions: round.positions.length,
      roundTalents: round.talents.length,
      roundChoices: round.choices.length,
    },
    pastRound: pastRound && { ...pastRound, cityCode: PAST_ROUND_CITY },
    showcase: {
      employerId: showcaseEmployer.id,
      pendingEmployerIds: [employers[1].id, employers[2].id],
      talentId: showcaseTalent.row.id,
      agreementId: careers.showcaseAgreementId,
      roundId: round.round.id,
      roundPositionId: round.showcasePositionId,
      departmentUserIds: Object.fromEntries(departments.all().map((d) => [d.region_code!, d.id])),
    },
    ms: {
      plan: Math.round(planned - started),
      seal: Math.round(sealed - planned),
      write: Math.round(written - sealed),
      round: Math.round(played - written),
      total: Math.round(played - started),
    },
  };
}

function planApplications(rng: Rng, now: number, talents: TalentPlan[], positions: PositionPlan[], target: number): ApplicationPlan[] {
  const planner = new ApplicationPlanner(rng, now);
  const out: ApplicationPlan[] = [];
  const add = (p: PositionPlan, t: Talent, flow?: readonly string[]) => {
    const a = planner.plan(p, t, flow);
    if (a) out.push(a);
  };
  const seekers = talents
    .slice(1)
    .map((t) => t.row)
    .filter((t) => t.availability === 'available' || t.availability === 'later');
  const published = positions.filter((p) => p.row.published_at !== null);
  if (seekers.length === 0 || published.length === 0) return out;

  // The showcase graduate has applied to two of the showcase employer's posts and one elsewhere nearby.
  const me = talents[0].row;
  add(positions[0], me, ['submitted', 'reviewing', 'interview']);
  add(positions[1], me, ['submitted']);
  const nearby = positions.find((p, i) => i >= 5 && p.row.status === 'open' && p.row.region_code.startsWith(SHOWCASE_CITY));
  if (nearby) add(nearby, me, ['submitted', 'reviewing']);
  // The showcase employer has applicants to review.
  for (let i = 0; i < 4; i++) for (let k = 0; k < 6; k++) add(positions[i], rng.pick(seekers));

  for (let attempts = 0; out.length < target && attempts < target * 10; attempts++) add(rng.pick(published), rng.pick(seekers));
  return out;
}

/** An employer was verified before it posted: move its registration and review back if needed. */
function verifiedBeforePosting(rng: Rng, employers: Employer[], positions: PositionPlan[]): void {
  const firstPost = new Map<string, number>();
  for (const p of positions) firstPost.set(p.row.employer_id, Math.min(firstPost.get(p.row.employer_id) ?? Infinity, p.row.created_at));
  for (const e of employers) {
    const first = firstPost.get(e.id);
    if (first === undefined || e.reviewed_at === null || e.reviewed_at < first) continue;
    e.reviewed_at = first - rng.int(1, 10) * DAY - rng.int(1, 8) * HOUR;
    e.created_at = Math.min(e.created_at, e.reviewed_at - rng.int(1, 20) * DAY);
    e.updated_at = e.reviewed_at;
  }
}

interface Careers {
  agreements: AgreementPlan[];
  book: PlacementBook;
  round: RoundPlan;
  past: PastRoundPlan | null;
  showcaseAgreementId: string;
}

/** Agreements, placements and the round, planned after the applications (whose hires become placements). */
function planCareers(
  rng: Rng,
  now: number,
  regions: RegionPool,
  departments: Departments,
  employers: Employer[],
  coverage: Employer[],
  talentPlans: TalentPlan[],
  positions: PositionPlan[],
  applications: ApplicationPlan[],
  showcaseEmployer: Employer,
  pastIds: Set<string>,
): Careers {
  const talents = talentPlans.map((t) => t.row);
  const showcase = talents[0];
  const book = new PlacementBook(rng, now, departments, employers);
  planHires(rng, book, applications, new Map(positions.map((p) => [p.row.id, p])), new Map(talents.map((t) => [t.id, t])), new Map(employers.map((e) => [e.id, e])));
  // About 40% of the coverage stations and 55% of the schools have nobody in post: whoever was hired
  // there has left, and nobody is placed there from now on. (A hire of the last fortnight keeps its
  // employer staffed: an end date must not precede the start.)
  const hiredLately = new Set(book.rows.filter((p) => Date.parse(p.start_on) > book.todayMs - 14 * DAY).map((p) => p.employer_id));
  const someOf = (list: Employer[], share: number) => {
    const free = list.filter((e) => !hiredLately.has(e.id));
    return free.filter(() => rng.chance(Math.min(1, (share * list.length) / free.length))).map((e) => e.id);
  };
  const uncovered = new Set(someOf(coverage, 0.4));
  const schools = employers.filter((e) => e.type === 'school' && e.status === 'verified');
  const vacant = new Set([...uncovered, ...someOf(schools, 0.55)]);
  for (const p of [...book.rows]) {
    if (p.end_on !== null || !vacant.has(p.employer_id)) continue;
    const started = Date.parse(p.start_on);
    book.end(p, started + Math.floor((rng.next() * Math.max(0, book.todayMs - 7 * DAY - started)) / DAY) * DAY, rng.pick(['个人原因离职', '考取事业编制离职', '合同期满未续签']));
  }
  book.exclude(vacant);
  const hiredTalents = new Set(applications.filter((a) => a.row.status === 'hired').map((a) => a.row.talent_id));

  // Directed training: graduates of Inner Mongolian institutions of the last five years and students.
  const year = new Date(now).getUTCFullYear();
  const recent = talents.filter((t) => t.graduation_year! >= year - 5 && t.education_level !== 'secondary');
  const candidates = shuffle(
    rng,
    recent.filter((t) => t !== showcase && !hiredTalents.has(t.id) && t.education_level !== 'doctorate' && DIRECTED_INSTITUTIONS.has(t.school!)),
  ).slice(0, Math.round(recent.length * DIRECTED_SHARE) - 1);
  const planner = new AgreementPlanner(rng, regions, now, departments, book);
  const showcaseAgreement = planner.plan(showcase, { status: 'awaiting_placement', sponsor: departments.of(SHOWCASE_CITY), targetRegionCode: SHOWCASE_CITY });
  const agreements = [showcaseAgreement, ...candidates.map((t) => planner.plan(t))];

  const reserved = new Set([showcase.id, ...agreements.map((a) => a.row.talent_id)]);
  const staffing = new Staffing(rng, now, book, talents, reserved);
  const bases = employers.filter((e) => e !== showcaseEmployer && e.status === 'verified' && e.internship_base === 1 && !vacant.has(e.id));
  staffing.internships([showcaseEmployer, ...bases], showcaseEmployer.id);
  staffing.stations(
    coverage.filter((e) => !uncovered.has(e.id)),
    coverage.filter((e) => uncovered.has(e.id)),
  );
  staffing.schools(schools.filter((e) => !vacant.has(e.id)));
  staffing.careers(talents);

  const round = planCollectingRound({
    rng,
    now,
    city: regions.get(SHOWCASE_CITY),
    department: departments.of(SHOWCASE_CITY),
    positions,
    mustInclude: positions.slice(0, 4).map((p) => p.row.id),
    agreements,
    talents,
    book,
    showcaseTalentId: showcase.id,
    showcaseEmployerId: showcaseEmployer.id,
  });
  const past = planPastRound({
    rng,
    now,
    regions,
    department: departments.of(PAST_ROUND_CITY),
    positions: positions.filter((p) => pastIds.has(p.row.id)),
    talents,
    agreements,
    book,
    exclude: new Set([showcase.id, ...round.talents.map((t) => t.talent_id)]),
  });
  settleTalents(now, talents, agreements, book, round, applications, past);
  return { agreements, book, round, past, showcaseAgreementId: showcaseAgreement.row.id };
}

/** Availability follows the record (employed while in an open job; students and the round's people
 * accordingly), and nobody's record starts before they were on the register. */
function settleTalents(
  now: number,
  talents: Talent[],
  agreements: AgreementPlan[],
  book: PlacementBook,
  round: RoundPlan,
  applications: ApplicationPlan[],
  past: PastRoundPlan | null,
): void {
  const firstSeen = new Map<string, number>();
  const seen = (id: string, at: number) => firstSeen.set(id, Math.min(firstSeen.get(id) ?? Infinity, at));
  const status = new Map<string, string>();
  for (const a of agreements) {
    seen(a.row.talent_id, a.row.created_at);
    status.set(a.row.talent_id, a.row.status);
  }
  for (const p of book.rows) seen(p.talent_id, p.created_at);
  for (const a of applications) seen(a.row.talent_id, a.row.created_at);
  // Last summer's round: its people were on the register when it was created.
  for (const id of past?.talentIds ?? []) seen(id, past!.createdAt - DAY);
  const inRound = new Set(round.talents.map((t) => t.talent_id));
  for (const t of talents) {
    if (book.hasOpenEmployment(t.id)) t.availability = 'employed';
    else if (inRound.has(t.id) || status.get(t.id) === 'awaiting_placement') t.availability = 'available';
    else if (status.get(t.id) === 'in_training') t.availability = 'later';
    else if (t.availability === 'employed' && book.byTalent.get(t.id)?.some((p) => p.kind === 'employment')) t.availability = 'available';
    const first = firstSeen.get(t.id);
    if (first !== undefined && first <= t.created_at) t.created_at = first - (1 + (t.id.charCodeAt(0) % 20)) * DAY - 2 * HOUR;
    if (t.updated_at < t.created_at) t.updated_at = t.created_at;
    t.updated_at = Math.min(t.updated_at, now);
  }
}

function stationStaffed(sqlite: BetterSqlite3.Database, employerId: string, today: string): boolean {
  return (
    sqlite
      .prepare("SELECT 1 FROM placements WHERE employer_id = ? AND kind = 'employment' AND start_on <= ? AND (end_on IS NULL OR end_on >= ?)")
      .pluck()
      .get(employerId, today, today) !== undefined
  );
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Seals each ID number exactly as the app does: AES-GCM ciphertext, HMAC for uniqueness, mask. */
async function sealIdNumbers(fieldCrypto: FieldCrypto, talents: TalentPlan[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < talents.length; i += CHUNK) {
    await Promise.all(
      talents.slice(i, i + CHUNK).map(async ({ row, idNumber }) => {
        const [enc, hmac] = await Promise.all([fieldCrypto.encrypt(idNumber), fieldCrypto.hmac(idNumber)]);
        row.id_number_enc = enc;
        row.id_number_hmac = hmac;
        row.id_number_masked = maskIdNumber(idNumber);
      }),
    );
  }
}

function writeAll(
  sqlite: BetterSqlite3.Database,
  now: number,
  users: UserRow[],
  employers: Employer[],
  talents: TalentPlan[],
  positions: PositionPlan[],
  applications: ApplicationPlan[],
  careers: Careers,
): void {
  const areaInsert = sqlite.prepare('INSERT INTO position_service_areas (area, position_id) VALUES (?, ?)');
  const outboxInsert = sqlite.prepare('INSERT INTO search_outbox (entity, entity_id, created_at) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    insertRows(sqlite, 'users', users);
    insertRows(sqlite, 'employers', employers);
    insertRows(
      sqlite,
      'talents',
      talents.map((t) => t.row),
    );
    insertRows(
      sqlite,
      'positions',
      positions.map((p) => ({ ...p.row, ...listColumnsOf(p.row.region_code, p.areas) })),
    );
    for (const p of positions) for (const area of p.areas) areaInsert.run(area, p.row.id);
    insertRows(
      sqlite,
      'applications',
      applications.map((a) => a.row),
    );
    insertRows(
      sqlite,
      'application_events',
      applications.flatMap((a) => a.events),
    );
    insertRows(
      sqlite,
      'agreements',
      careers.agreements.map((a) => a.row),
    );
    insertRows(
      sqlite,
      'agreement_events',
      careers.agreements.flatMap((a) => a.events),
    );
    insertRows(sqlite, 'placements', careers.book.rows satisfies PlacementRow[]);
    insertRows(sqlite, 'rounds', [careers.round.round]);
    insertRows(sqlite, 'round_positions', careers.round.positions);
    insertRows(sqlite, 'round_talents', careers.round.talents);
    insertRows(sqlite, 'round_choices', careers.round.choices);
    for (const t of talents) outboxInsert.run('talent', t.row.id, now);
    for (const p of positions) outboxInsert.run('position', p.row.id, now);
  })();
}

/** One prepared INSERT with named parameters, run for every row (all rows share the first's keys). */
function insertRows<T extends object>(sqlite: BetterSqlite3.Database, table: string, rows: T[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const insert = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
  for (const row of rows) insert.run(row);
}
