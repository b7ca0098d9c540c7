// A small region for round tests: a department of 呼和浩特市 (1501), two verified employers in
// 新城区 with three open posts, and graduates whose scores at the posts are ordered by design:
//   P1 (A, 2 seats, 1 reserved)  P2 (A, 1 seat)  P3 (B, 1 seat, children's services)
//   g2 prefers P2's township (+20), lives in its county (+12)   → best at P1/P2
//   g3 prefers 1501 (+12), lives in the county (+12)            → second
//   g4 prefers 1501 (+12), lives elsewhere in the city (+6)     → third
//   g1 directed (agreement awaiting placement, target 1501)
//   g5 directed, children's services only (its derived list puts P3 first)
//   g7 associate degree: eligible nowhere (posts need a bachelor's)
import { afterEach, beforeEach } from 'vitest';
import type { Client, TestApp } from '../helpers/app';
import { makeTestApp, signedIn } from '../helpers/app';
import { snapshotTables, unchangedTables } from '../helpers/matrix';
import { makeEmployer, makeGraduate, makePosition, type EmployerFixture, makeAgreement, type AgreementJson } from '../helpers/builders';

type Grad = Client & { userId: string; talentId: string };

export interface RoundWorld {
  dept: Client & { userId: string };
  empA: EmployerFixture;
  empB: EmployerFixture;
  p1: string;
  p2: string;
  p3: string;
  g1: Grad;
  g2: Grad;
  g3: Grad;
  g4: Grad;
  g5: Grad;
  g7: Grad;
  a1: AgreementJson;
  a5: AgreementJson;
}

/** A fresh app and round world before each test of the file, closed after it; `use` receives them
 * (in the file: `eachRoundWorld((x) => ({ t, w } = x))`). */
export function eachRoundWorld(use: (x: { t: TestApp; w: RoundWorld }) => void): void {
  let t: TestApp | undefined;
  beforeEach(async () => {
    t = await makeTestApp();
    use({ t, w: await makeRoundWorld(t) });
  });
  afterEach(() => t?.close());
}

export async function makeRoundWorld(t: TestApp): Promise<RoundWorld> {
  const dept = await signedIn(t, 'department', { regionCode: '1501' });
  const empA = await makeEmployer(t);
  const empB = await makeEmployer(t);
  const p1 = await makePosition(empA.client, { title: '社区工作者 P1', seats: 2, reservedSeats: 1 });
  const p2 = await makePosition(empA.client, { title: '社区工作者 P2', seats: 1, reservedSeats: 0 });
  const p3 = await makePosition(empB.client, {
    title: '驻校社工 P3',
    seats: 1,
    reservedSeats: 0,
    requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['children'], languages: ['mandarin'] },
  });
  const g1 = await makeGraduate(t, { name: '定向甲' });
  const g2 = await makeGraduate(t, { name: '乙', preferred_regions: JSON.stringify(['150102001']) });
  const g3 = await makeGraduate(t, { name: '丙' });
  const g4 = await makeGraduate(t, { name: '丁', region_code: '150103' });
  const g5 = await makeGraduate(t, { name: '定向戊', service_areas: JSON.stringify(['children']) });
  const g7 = await makeGraduate(t, { name: '庚', education_level: 'associate' });
  const a1 = await makeAgreement(dept, g1.talentId, { status: 'awaiting_placement', targetRegionCode: '1501' });
  const a5 = await makeAgreement(dept, g5.talentId, { status: 'awaiting_placement', targetRegionCode: '1501' });
  return { dept, empA, empB, p1, p2, p3, g1, g2, g3, g4, g5, g7, a1, a5 };
}

export type RoundJson = {
  id: string;
  status: string;
  regionCode: string;
  resultDigest: string | null;
  weights: Record<string, number>;
  weightOverrides: Record<string, number>;
  counts: { positions: number; seats: number; reservedSeats: number; talents: number; directedTalents: number; talentsWithChoices: number };
  stats: null | { matched: number; talents: number; timings: Record<string, number> };
};

export async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Creates the round, sets P1–P3 and the talents (explicit g2 g3 g4 g7 + everyone awaiting placement). */
export async function draftRound(w: RoundWorld, body: Record<string, unknown> = {}): Promise<RoundJson> {
  const round = await ok<RoundJson>(await w.dept.post('/api/v1/rounds', { name: '2026 呼和浩特市统一匹配', ...body }), 201);
  await ok(
    await w.dept.put(`/api/v1/rounds/${round.id}/positions`, {
      positions: [{ positionId: w.p1, seats: 2, reservedSeats: 1 }, { positionId: w.p2, seats: 1 }, { positionId: w.p3 }],
    }),
  );
  return ok<RoundJson>(
    await w.dept.put(`/api/v1/rounds/${round.id}/talents`, {
      talentIds: [w.g2.talentId, w.g3.talentId, w.g4.talentId, w.g7.talentId],
      includeAwaitingPlacement: true,
    }),
  );
}

/** The draft round opened, with choices: g2 [P2, P1], g3 [P2, P1], g4 [P2], g1 [P1]; g5 and g7 none. */
export async function collectingRound(w: RoundWorld): Promise<RoundJson> {
  const round = await draftRound(w);
  await ok(await w.dept.post(`/api/v1/rounds/${round.id}/open`));
  await ok(await w.g2.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p2, w.p1] }));
  await ok(await w.g3.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p2, w.p1] }));
  await ok(await w.g4.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p2] }));
  await ok(await w.g1.put(`/api/v1/rounds/${round.id}/choices`, { positionIds: [w.p1] }));
  return ok<RoundJson>(await w.dept.get(`/api/v1/rounds/${round.id}`));
}

export async function publishedRound(w: RoundWorld): Promise<RoundJson> {
  const round = await collectingRound(w);
  await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
  return ok<RoundJson>(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
}

const TABLES = ['rounds', 'round_positions', 'round_talents', 'round_choices', 'round_proposals', 'placements', 'agreements', 'agreement_events'] as const;

export const snapshotRounds = (t: TestApp) => snapshotTables(t, TABLES);

/** Runs `act` and asserts none of the round, placement and agreement tables changed. */
export const unchangedRounds = <T>(t: TestApp, act: () => Promise<T>) => unchangedTables(t, TABLES, act);
