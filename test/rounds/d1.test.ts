// The round's writes on real D1 (Miniflare's workerd with a local D1), through the services: the
// json_each bulk inserts, the UPSERTs of a run's outcomes, and the conditional batches (a refused
// write changes nothing; both acceptances make the placement and move the agreement in one batch).
// The rest of the round tests use better-sqlite3, where an atomic write is a transaction instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as svc from '../../src/rounds/rounds.service';
import type { AppDeps, SessionUser } from '../../src/lib/context';
import { openLocalD1, type LocalD1 } from '../helpers/d1';

let local: LocalD1;
let d1: D1Database;
let deps: AppDeps;
const users: Record<string, SessionUser> = {};
const now = Date.parse('2026-06-01T08:00:00Z');

async function expect409(p: Promise<unknown>, what: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect((err as { status?: number } | null)?.status, what).toBe(409);
}

beforeAll(async () => {
  local = await openLocalD1();
  d1 = local.d1;
  const { run } = local;
  for (const [code, level, parent] of [
    ['15', 1, null],
    ['1501', 2, '15'],
    ['150102', 3, '1501'],
    ['150102001', 4, '150102'],
  ] as const) {
    await run('INSERT INTO regions (code,name,level,parent_code,full_name) VALUES (?,?,?,?,?)', code, code, level, parent, code);
  }
  for (const [id, role, region] of [
    ['dept', 'department', '1501'],
    ['emp', 'employer', null],
    ['g1', 'graduate', null],
    ['g2', 'graduate', null],
    ['g3', 'graduate', null],
  ] as const) {
    await run('INSERT INTO users (id,email,password_hash,role,display_name,region_code,created_at) VALUES (?,?,?,?,?,?,?)', id, `${id}@x`, 'x', role, id, region, now);
    users[id] = { id, email: `${id}@x`, role, display_name: id, region_code: region };
  }
  await run(
    `INSERT INTO employers (id,user_id,name,credit_code,type,region_code,contact_name,contact_phone,status,created_at,updated_at) VALUES ('e1','emp','E','C1','station','150102','c','1','verified',?,?)`,
    now,
    now,
  );
  for (const [id, seats, reserved] of [
    ['p1', 2, 1],
    ['p2', 1, 0],
  ] as const) {
    await run(
      `INSERT INTO positions (id,employer_id,employer_type,title,kind,region_code,seats,reserved_seats,min_education,service_areas,languages,description,opens_on,closes_on,status,created_at,updated_at)
      VALUES (?,'e1','station',?,'station_worker','150102001',?,?,'bachelor','["elderly"]','["mandarin"]','d','2026-05-01','2026-12-31','open',?,?)`,
      id,
      id,
      seats,
      reserved,
      now,
      now,
    );
  }
  // t2 prefers the posts' township, so it beats t3 at p2; t1 is directed (agreement a1).
  for (const [id, user, pref] of [
    ['t1', 'g1', '1501'],
    ['t2', 'g2', '150102001'],
    ['t3', 'g3', '1501'],
  ] as const) {
    await run(
      `INSERT INTO talents (id,user_id,name,phone,region_code,education_level,qualification_level,service_areas,languages,preferred_regions,created_at,updated_at)
      VALUES (?,?,?,'13812345678','150102','bachelor','assistant','["elderly"]','["mandarin"]',?,?,?)`,
      id,
      user,
      id,
      JSON.stringify([pref]),
      now,
      now,
    );
  }
  await run(
    `INSERT INTO agreements (id,talent_id,sponsor_user_id,sponsor_region_code,target_region_code,institution,enrolment_year,graduation_year,service_years,signed_on,status,created_at,updated_at)
    VALUES ('a1','t1','dept','1501','1501','x',2021,2025,5,'2021-08-20','awaiting_placement',?,?)`,
    now,
    now,
  );
  deps = { database: local.database, now: () => now } as unknown as AppDeps;
}, 60_000);

afterAll(async () => {
  await local?.close();
});

describe('rounds on D1', () => {
  it('from creation to a placement, with the same digest on re-run and 409s that change nothing', async () => {
    const r = await svc.createRound(deps, users.dept, { name: 'd1 round' });
    await svc.setRoundPositions(deps, users.dept, r.id, { positions: [{ positionId: 'p1', seats: 2, reservedSeats: 1 }, { positionId: 'p2' }], includeAllOpen: false });
    const set = await svc.setRoundTalents(deps, users.dept, r.id, { talentIds: ['t2', 't3'], includeAwaitingPlacement: true });
    expect(set.counts).toMatchObject({ talents: 3, directedTalents: 1, positions: 2, seats: 3, reservedSeats: 1 });
    await svc.openRound(deps, users.dept, r.id);
    await svc.submitChoices(deps, users.g2, r.id, ['p2', 'p1']);
    await svc.submitChoices(deps, users.g3, r.id, ['p2', 'p1']);
    expect((await svc.submitChoices(deps, users.g3, r.id, ['p2'])).positions.map((c) => c.positionId)).toEqual(['p2']);

    const run1 = await svc.runRoundById(deps, users.dept, r.id);
    const run2 = await svc.runRoundById(deps, users.dept, r.id);
    expect(run1.stats.matched).toBe(2);
    expect(run2.digest).toBe(run1.digest);
    const talents = await svc.listRoundTalents(deps, users.dept, r.id, { page: 1, pageSize: 50 });
    const outcome = Object.fromEntries(talents.items.map((x) => [x.talentId, x]));
    expect(outcome.t1.proposal).toMatchObject({ positionId: 'p1', seat: 'reserved' });
    expect(outcome.t2.proposal).toMatchObject({ positionId: 'p2', rank: 0 });
    expect(outcome.t3).toMatchObject({ proposal: null, unassignedReason: 'all_refused' });
    expect(outcome.t3.above).toEqual([expect.objectContaining({ positionId: 'p2', positionTitle: 'p2', reason: 'full', cutoff: outcome.t2.proposal!.score })]);
    const result = await svc.getRoundResult(deps, users.dept, r.id, { page: 1, pageSize: 50 });
    expect(result.positions.items.find((x) => x.positionId === 'p2')!.result).toMatchObject({ filled: 1, cutoff: outcome.t2.proposal!.score });
    expect(await d1.prepare('SELECT COUNT(*) AS n FROM round_proposals').first('n')).toBe(2);

    await svc.publishRound(deps, users.dept, r.id);
    const before = await d1.prepare('SELECT COUNT(*) AS n FROM round_talents').first('n');
    await expect409(svc.setRoundTalents(deps, users.dept, r.id, { talentIds: ['t2'], includeAwaitingPlacement: false }), 'published: talents frozen');
    expect(await d1.prepare('SELECT COUNT(*) AS n FROM round_talents').first('n')).toBe(before);
    await expect409(svc.runRoundById(deps, users.dept, r.id), 'published: no re-run');

    const p1 = (await svc.listMyProposals(deps, users.g1, { page: 1, pageSize: 10 })).items[0];
    expect((await svc.respondToProposal(deps, users.emp, p1.id, 'accept')).state).toBe('pending');
    const placed = await svc.respondToProposal(deps, users.g1, p1.id, 'accept');
    expect(placed.state).toBe('placed');
    expect(await d1.prepare('SELECT talent_id, position_id, source, source_id, agreement_id FROM placements WHERE id = ?').bind(placed.placementId).first()).toEqual({
      talent_id: 't1',
      position_id: 'p1',
      source: 'round',
      source_id: p1.id,
      agreement_id: 'a1',
    });
    expect(await d1.prepare(`SELECT status FROM agreements WHERE id = 'a1'`).first('status')).toBe('serving');
    expect(await d1.prepare(`SELECT from_status || '>' || to_status AS move FROM agreement_events WHERE agreement_id = 'a1'`).all()).toMatchObject({
      results: [{ move: 'awaiting_placement>serving' }],
    });
    await expect409(svc.respondToProposal(deps, users.g1, p1.id, 'decline'), 'repeated response');

    const p2 = (await svc.listMyProposals(deps, users.g2, { page: 1, pageSize: 10 })).items[0];
    expect((await svc.respondToProposal(deps, users.g2, p2.id, 'decline')).state).toBe('declined');
    await expect409(svc.respondToProposal(deps, users.emp, p2.id, 'accept'), 'accept after decline');
    expect(await d1.prepare('SELECT COUNT(*) AS n FROM placements').first('n')).toBe(1);
  });
});
