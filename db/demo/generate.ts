// Deterministic demo data for 内蒙古自治区 (region 15): talents, employers, positions and applications
// with histories, written into a migrated SQLite database.
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
import { ApplicationPlanner, type ApplicationPlan } from './applications';
import { EmployerPlanner } from './employers';
import { PositionPlanner, type PositionPlan } from './positions';
import { listColumnsOf } from '../../src/positions/list-columns';
import { Rng } from './random';
import { RegionPool } from './region-pool';
import { TalentPlanner, type TalentPlan } from './talents';

export const PROVINCE = '15';
export const SHOWCASE_CITY = '1501'; // 呼和浩特市: the demo's signed-in employer and graduate live here
export const DEFAULT_SEED = 20260601;

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
  counts: DemoScale & { applicationEvents: number; outbox: number; openPositions: number };
  showcase: {
    /** A verified agency in 呼和浩特 with open posts, at least one draft, and applicants. */
    employerId: string;
    /** Pending employers in 呼和浩特, for the verification queue. */
    pendingEmployerIds: string[];
    /** A talent in 呼和浩特 with a complete profile and three applications. */
    talentId: string;
  };
  ms: { plan: number; seal: number; write: number; total: number };
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

  const employerPlanner = new EmployerPlanner(rng, regions, now);
  const employers: Employer[] = [
    { ...employerPlanner.plan({ type: 'agency', cityCode: SHOWCASE_CITY, status: 'verified' }), internship_base: 1 },
    employerPlanner.plan({ type: 'community', cityCode: SHOWCASE_CITY, status: 'pending' }),
    employerPlanner.plan({ type: 'station', cityCode: SHOWCASE_CITY, status: 'pending' }),
  ];
  while (employers.length < scale.employers) employers.push(employerPlanner.plan());

  const talentPlanner = new TalentPlanner(rng, regions, now);
  const showcaseTalent = talentPlanner.plan(0, { cityCode: SHOWCASE_CITY, age: 25, level: 'bachelor', qualification: 'assistant', availability: 'available' });
  showcaseTalent.row.visibility = 'employers';
  const talents: TalentPlan[] = [showcaseTalent];
  while (talents.length < scale.talents) talents.push(talentPlanner.plan(talents.length));

  const showcaseEmployer = employers[0];
  const positionPlanner = new PositionPlanner(rng, regions, now, employers.filter((e) => e.status === 'verified'));
  const positions: PositionPlan[] = (['open', 'open', 'open', 'open', 'draft'] as const).map((status) =>
    positionPlanner.plan({ employer: showcaseEmployer, status }),
  );
  while (positions.length < scale.positions) positions.push(positionPlanner.plan());

  const applications = planApplications(rng, now, talents, positions, scale.applications);
  const planned = performance.now();

  await sealIdNumbers(options.fieldCrypto, talents);
  const sealed = performance.now();

  writeAll(sqlite, now, employers, talents, positions, applications);
  const written = performance.now();

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
    },
    showcase: { employerId: showcaseEmployer.id, pendingEmployerIds: [employers[1].id, employers[2].id], talentId: showcaseTalent.row.id },
    ms: {
      plan: Math.round(planned - started),
      seal: Math.round(sealed - planned),
      write: Math.round(written - sealed),
      total: Math.round(written - started),
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
  const seekers = talents.slice(1).map((t) => t.row).filter((t) => t.availability === 'available' || t.availability === 'later');
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
  employers: Employer[],
  talents: TalentPlan[],
  positions: PositionPlan[],
  applications: ApplicationPlan[],
): void {
  const areaInsert = sqlite.prepare('INSERT INTO position_service_areas (area, position_id) VALUES (?, ?)');
  const outboxInsert = sqlite.prepare('INSERT INTO search_outbox (entity, entity_id, created_at) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    insertRows(sqlite, 'employers', employers);
    insertRows(sqlite, 'talents', talents.map((t) => t.row));
    insertRows(sqlite, 'positions', positions.map((p) => ({ ...p.row, ...listColumnsOf(p.row.region_code, p.areas) })));
    for (const p of positions) for (const area of p.areas) areaInsert.run(area, p.row.id);
    insertRows(sqlite, 'applications', applications.map((a) => a.row));
    insertRows(sqlite, 'application_events', applications.flatMap((a) => a.events));
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
