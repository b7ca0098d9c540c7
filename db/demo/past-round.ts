// One past placement round (匹配批次) of 乌海市, run last summer through the app's own round services
// (src/rounds): created, given posts and talents, opened, run, published, answered and closed, so
// the demo holds round placements with their explanations (cut-offs, scores, reasons).
//
// Planned with the rest of the data (its posts, its people, the moment it ran), then played after the
// bulk write by calling the services with a clock set to each step's moment. The posts were open
// then; afterwards they are closed (their closing day has passed), as the app would show them now.
import type BetterSqlite3 from 'better-sqlite3';
import type { Employer, Talent } from '../schema';
import type { AppDeps, SessionUser } from '../../src/lib/context';
import { wrapSqlite } from '../sqlite';
import { createRound, setRoundPositions, setRoundTalents, openRound, runRoundById, publishRound, respondToProposal, closeRound } from '../../src/rounds';
import { graduationMs, type AgreementPlan } from './agreements';
import { NO_PASSWORD, type UserRow } from './departments';
import type { PlacementBook } from './placements';
import { PositionPlanner, type PositionPlan } from './positions';
import { DAY, HOUR, isoDate, type Rng } from './random';
import type { RegionPool } from './region-pool';

export const PAST_ROUND_CITY = '1503'; // 乌海市
const POSTS = 6;

export interface PastRoundPlan {
  cityCode: string;
  cityName: string;
  /** The round's steps: created and opened, run (the day placements are proposed), closed. */
  createdAt: number;
  runAt: number;
  closedAt: number;
  positions: PositionPlan[];
  talentIds: string[];
  /** 乌海's department, which ran it. */
  department: UserRow;
}

/** The round ran on 20 August of the latest summer at least 120 days ago (10:00 in China). */
export function pastRoundDay(now: number): number {
  let year = new Date(now).getUTCFullYear();
  const at = (y: number) => Date.UTC(y, 7, 20, 2);
  while (at(year) > now - 120 * DAY) year--;
  return at(year);
}

/** The round's posts: planned as they were when it opened (open, at agencies, communities and
 * hospitals of the city, i.e. not at the township stations or schools whose staffing is planned elsewhere). */
export function planPastRoundPositions(rng: Rng, regions: RegionPool, now: number, employers: Employer[]): PositionPlan[] {
  const runAt = pastRoundDay(now);
  const createdAt = runAt - 14 * DAY;
  const hosts = employers.filter((e) => e.status === 'verified' && e.region_code.startsWith(PAST_ROUND_CITY) && ['agency', 'community', 'hospital'].includes(e.type));
  if (hosts.length === 0) return [];
  const planner = new PositionPlanner(rng, regions, createdAt, hosts);
  const out: PositionPlan[] = [];
  for (let i = 0; i < POSTS; i++) {
    const p = planner.plan({ employer: rng.pick(hosts), status: 'open', seats: rng.pick([1, 1, 2, 2, 3]) });
    // Still open when it runs, and closed well before today.
    if (p.row.closes_on < isoDate(runAt + 7 * DAY)) p.row.closes_on = isoDate(runAt + rng.int(7, 30) * DAY);
    p.row.reserved_seats = i < 2 ? 1 : 0;
    out.push(p);
  }
  return out;
}

/** The round's talents: directed graduates awaiting a post in the city and local graduates looking
 * for work then, with no placement since, and not in the showcase round (`exclude`). */
export function planPastRound(input: {
  rng: Rng;
  now: number;
  regions: RegionPool;
  department: UserRow;
  positions: PositionPlan[];
  talents: Talent[];
  agreements: AgreementPlan[];
  book: PlacementBook;
  exclude: Set<string>;
}): PastRoundPlan | null {
  const { rng, now, book, exclude } = input;
  if (input.positions.length === 0) return null;
  const runAt = pastRoundDay(now);
  const createdAt = runAt - 14 * DAY;
  const roundDay = isoDate(runAt + 8 * HOUR);
  const free = (t: Talent) =>
    !exclude.has(t.id) &&
    !book.hasOpenEmployment(t.id) &&
    !(book.byTalent.get(t.id) ?? []).some((p) => p.end_on === null || p.end_on >= roundDay || p.start_on >= roundDay) &&
    graduationMs(t.graduation_year!) <= runAt - 20 * DAY;
  const agreementOf = new Map(input.agreements.map((a) => [a.row.talent_id, a]));
  const directed = input.agreements
    .filter(
      (a) =>
        a.row.status === 'awaiting_placement' &&
        (a.row.target_region_code.startsWith(PAST_ROUND_CITY) || (PAST_ROUND_CITY.startsWith(a.row.target_region_code) && a.talent.region_code!.startsWith(PAST_ROUND_CITY))) &&
        a.events.every((e) => e.created_at < createdAt) &&
        free(a.talent),
    )
    .map((a) => a.row.talent_id);
  const seats = input.positions.reduce((n, p) => n + p.row.seats, 0);
  const locals = input.talents.filter(
    (t) => t.region_code!.startsWith(PAST_ROUND_CITY) && !agreementOf.has(t.id) && (t.availability === 'available' || t.availability === 'later') && free(t),
  );
  const wanted = Math.max(0, Math.ceil(seats * 1.4) - directed.length);
  const picked = locals.filter(() => rng.chance(0.5)).slice(0, wanted);
  const talentIds = [...directed, ...picked.map((t) => t.id)];
  if (talentIds.length === 0) return null;
  const city = input.regions.get(PAST_ROUND_CITY);
  return { cityCode: city.code, cityName: city.name, createdAt, runAt, closedAt: runAt + 21 * DAY, positions: input.positions, talentIds, department: input.department };
}

export interface PastRoundSummary {
  roundId: string;
  proposals: number;
  placements: number;
  declined: number;
}

/** Plays the round through the services (after the bulk write). Everyone proposed accepts, except
 * one talent who declines when there are three or more proposals; the people who answered get a
 * sign-in-less account (talents and employers answer as themselves). */
export async function playPastRound(sqlite: BetterSqlite3.Database, plan: PastRoundPlan, now: number): Promise<PastRoundSummary> {
  let clock = plan.createdAt;
  // The round services read the database and the clock only.
  const deps = { database: wrapSqlite(sqlite), now: () => clock, log: () => {} } as unknown as AppDeps;
  const dept: SessionUser = {
    id: plan.department.id,
    email: plan.department.email,
    role: 'department',
    display_name: plan.department.display_name,
    region_code: plan.department.region_code,
  };
  const year = new Date(plan.runAt).getUTCFullYear();
  const round = await createRound(deps, dept, {
    name: `${plan.cityName}${year}年基层社会工作岗位统一匹配（第一批）`,
    regionCode: plan.cityCode,
    choicesCloseOn: isoDate(plan.runAt - 2 * DAY + 8 * HOUR),
  });
  await setRoundPositions(deps, dept, round.id, { positions: plan.positions.map((p) => ({ positionId: p.row.id })), includeAllOpen: false });
  await setRoundTalents(deps, dept, round.id, { talentIds: plan.talentIds });
  await openRound(deps, dept, round.id);
  clock = plan.runAt;
  await runRoundById(deps, dept, round.id);
  clock = plan.runAt + 2 * HOUR;
  await publishRound(deps, dept, round.id);

  const proposals = sqlite
    .prepare(
      `SELECT rp.id, rp.talent_id, p.employer_id FROM round_proposals rp JOIN positions p ON p.id = rp.position_id
       WHERE rp.round_id = ? ORDER BY rp.talent_id`,
    )
    .all(round.id) as { id: string; talent_id: string; employer_id: string }[];
  const users = accountsFor(sqlite, proposals, plan.runAt);
  let declined = 0;
  for (const [i, p] of proposals.entries()) {
    clock = plan.runAt + (1 + (i % 3)) * DAY + (i + 1) * HOUR;
    const talentDeclines = proposals.length >= 3 && i === proposals.length - 1;
    await respondToProposal(deps, users.get(p.talent_id)!, p.id, talentDeclines ? 'decline' : 'accept');
    if (talentDeclines) {
      declined++;
      continue;
    }
    clock += 5 * HOUR;
    await respondToProposal(deps, users.get(p.employer_id)!, p.id, 'accept');
  }
  clock = plan.closedAt;
  await closeRound(deps, dept, round.id);

  // Afterwards: the posts closed on their day; whoever took a post from the round works there.
  const closePost = sqlite.prepare("UPDATE positions SET status = 'closed', updated_at = ? WHERE id = ?");
  for (const p of plan.positions) closePost.run(Math.min(Date.parse(p.row.closes_on) + 10 * HOUR, now), p.row.id);
  const placed = sqlite.prepare(
    "UPDATE talents SET availability = 'employed', updated_at = max(updated_at, ?) WHERE id IN (SELECT talent_id FROM placements WHERE source = 'round' AND end_on IS NULL)",
  );
  placed.run(plan.runAt);
  const placements = sqlite
    .prepare("SELECT count(*) FROM placements WHERE source = 'round' AND source_id IN (SELECT id FROM round_proposals WHERE round_id = ?)")
    .pluck()
    .get(round.id) as number;
  return { roundId: round.id, proposals: proposals.length, placements, declined };
}

/** A user (no usable password) for each talent and employer with a proposal, linked to their record. */
function accountsFor(sqlite: BetterSqlite3.Database, proposals: { talent_id: string; employer_id: string }[], at: number): Map<string, SessionUser> {
  const out = new Map<string, SessionUser>();
  const insert = sqlite.prepare('INSERT INTO users (id, email, password_hash, role, display_name, region_code, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)');
  const link = (table: 'talents' | 'employers', id: string, role: 'graduate' | 'employer') => {
    if (out.has(id)) return;
    const row = sqlite.prepare(`SELECT name, user_id, created_at FROM ${table} WHERE id = ?`).get(id) as { name: string; user_id: string | null; created_at: number };
    let userId = row.user_id;
    if (!userId) {
      userId = `u${id}`.slice(0, 16);
      insert.run(userId, `${role}-${id}@demo.shegong.cn`, NO_PASSWORD, role, row.name, Math.min(row.created_at, at));
      sqlite.prepare(`UPDATE ${table} SET user_id = ? WHERE id = ?`).run(userId, id);
    }
    out.set(id, { id: userId, email: `${role}-${id}@demo.shegong.cn`, role, display_name: row.name, region_code: null });
  };
  for (const p of proposals) {
    link('talents', p.talent_id, 'graduate');
    link('employers', p.employer_id, 'employer');
  }
  return out;
}
