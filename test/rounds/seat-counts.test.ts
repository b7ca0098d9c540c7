// Seats a department can explain: a post filled outside the round between setting its seats and the
// run gives the run fewer seats than were set. The round's numbers say both (counts.runSeats), the
// report, fill rate and run statistics count the run's seats, and the round page and list say why
// the two differ, in both languages.
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app';
import { makeGraduate, makePlacement } from '../helpers/builders';
import { eachRoundWorld, collectingRound, ok, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type Counts = { seats: number; reservedSeats: number; runSeats: number | null; runReservedSeats: number | null };
type Round = { counts: Counts; stats: { seats: number } | null };
type Report = { totals: { seats: number; roundSeats: number }; positions: { positionId: string; seats: number; roundSeats: number }[] };
type Positions = { items: { positionId: string; seats: number; shrunkSeats: number; result: { seats: number } | null }[] };

const page = async (w: RoundWorld, path: string) => {
  const res = await w.dept.get(path);
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, '');
};

describe('seats set and seats at the run', () => {
  it('agree where nothing changed, and are told apart where a post was filled outside the round before the run', async () => {
    const round = await collectingRound(w);
    const before = await ok<Round>(await w.dept.get(`/api/v1/rounds/${round.id}`));
    expect(before.counts).toMatchObject({ seats: 4, reservedSeats: 1, runSeats: null, runReservedSeats: null });

    // P1 (2 seats, 1 reserved, all in the round) hires someone directly while the round collects choices.
    const hired = await makeGraduate(t, { name: '直接录用' });
    await makePlacement(w.dept, { talentId: hired.talentId, employerId: w.empA.employerId, positionId: w.p1 });
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));

    const ran = await ok<Round>(await w.dept.get(`/api/v1/rounds/${round.id}`));
    expect(ran.counts).toMatchObject({ seats: 4, reservedSeats: 1, runSeats: 3, runReservedSeats: 1 });
    expect(ran.stats?.seats).toBe(3);
    const positions = await ok<Positions>(await w.dept.get(`/api/v1/rounds/${round.id}/positions`));
    const p1 = positions.items.find((p) => p.positionId === w.p1)!;
    expect(p1).toMatchObject({ seats: 2, result: { seats: 1 }, shrunkSeats: 0 });

    // The page and the list say both numbers and why, in both languages.
    const zh = await page(w, `/department/rounds/${round.id}`);
    expect(zh).toContain('运行时可分配 3 个名额（公开报告和统计按此计），比设定的少 1 个');
    expect(zh).toContain('运行时只剩 1 个空余名额：1 个名额在设定后、运行前已于轮次外被录用');
    const en = await page(w, `/department/rounds/${round.id}?lang=en`);
    expect(en).toContain('The run could fill 3 seats (what the public report and statistics count), 1 fewer than were set');
    expect(en).toContain('Only 1 free seat at the run: 1 seat was filled outside the round');
    expect(await page(w, '/department/rounds?lang=zh')).toContain('运行时 3 个名额');

    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const report = await ok<Report>(await t.app.request(`/api/v1/rounds/${round.id}/report`));
    expect(report.totals).toMatchObject({ seats: 3, roundSeats: 4 });
    expect(report.positions.find((p) => p.positionId === w.p1)).toMatchObject({ seats: 1, roundSeats: 2 });
    expect((await ok<{ seats: number }>(await w.dept.get(`/api/v1/rounds/${round.id}/fill-rate`))).seats).toBe(3);

    // A hire outside the round after the run is told apart from one before it.
    const later = await makeGraduate(t, { name: '运行后录用' });
    await makePlacement(w.dept, { talentId: later.talentId, employerId: w.empB.employerId, positionId: w.p3 });
    const after = await page(w, `/department/rounds/${round.id}`);
    expect(after).toContain('1 个名额在运行后于轮次外被录用；已发出的提议仍然有效。');
    expect(after).not.toContain('已在开轮后被录用占用');
  });

  it('shows no second number when every post kept its seats', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const ran = await ok<Round>(await w.dept.get(`/api/v1/rounds/${round.id}`));
    expect(ran.counts).toMatchObject({ seats: 4, runSeats: 4 });
    const zh = await page(w, `/department/rounds/${round.id}`);
    expect(zh).not.toContain('运行时可分配');
    expect(zh).not.toContain('运行时只剩');
    // A graduate of the round sees no run numbers before publication.
    expect((await ok<Round>(await w.g2.get(`/api/v1/rounds/${round.id}`))).counts.runSeats).toBeNull();
    // Inputs taken again after the run: the run's reserved seats are no longer read from them.
    expect(ran.counts.runReservedSeats).toBe(1);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/refresh-inputs`));
    expect((await ok<Round>(await w.dept.get(`/api/v1/rounds/${round.id}`))).counts).toMatchObject({ runSeats: 4, runReservedSeats: null });
  });
});
