// Issue #13 item 2: the public report, the anonymised round file, and `verify-round` recomputing
// the matching from the file alone (agrees on the export, fails on a file with one proposal changed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProblem, signedIn, type TestApp } from '../helpers/app';
import { verifyRoundCommand } from '../../src/rounds/verify-round.cli';
import { eachRoundWorld, collectingRound, draftRound, ok, publishedRound, type RoundWorld } from './helpers';

let t: TestApp;
let w: RoundWorld;
eachRoundWorld((x) => ({ t, w } = x));

type RoundFile = {
  format: string;
  settings: { reservePolicy: string; weights: Record<string, number> };
  talents: { id: string; list: string[] | null; directed: unknown }[];
  positions: { id: string; seats: number }[];
  outcome: { proposals: { talent: string; position: string; seat: string; score: number }[] };
};

async function verify(file: unknown): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'round-file-'));
  const path = join(dir, 'round.json');
  writeFileSync(path, JSON.stringify(file));
  const lines: string[] = [];
  const code = await verifyRoundCommand(
    [path],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, out: lines.join('\n') };
}

describe('round file and verify-round', () => {
  it('exports anonymised inputs and outcome that verify-round recomputes; one corrupted proposal makes it fail', async () => {
    const round = await collectingRound(w);
    await expectProblem(await w.dept.get(`/api/v1/rounds/${round.id}/export`), 409);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const res = await w.dept.get(`/api/v1/rounds/${round.id}/export`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await res.text();
    const file = JSON.parse(text) as RoundFile;
    expect(file.format).toBe('shegong-round-file');
    expect(file.talents).toHaveLength(6);
    expect(file.outcome.proposals).toHaveLength(4);
    // Anonymised: no talent id, name or phone of the registry appears.
    for (const g of [w.g1, w.g2, w.g3, w.g4, w.g5, w.g7]) expect(text).not.toContain(g.talentId);
    for (const s of ['定向甲', '13812345678']) expect(text).not.toContain(s);

    expect(await verify(file)).toMatchObject({ code: 0, out: expect.stringContaining('AGREES') });

    // Move one proposal to another post: verify-round disagrees and says where.
    const corrupt = structuredClone(file);
    const victim = corrupt.outcome.proposals.find((p) => p.position !== w.p3)!;
    victim.position = w.p3;
    const bad = await verify(corrupt);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('DISAGREES');
    expect(bad.out).toContain(`talent ${victim.talent}`);
    // A changed input (P2, which holds someone, given no seat) is caught too.
    const changedInput = structuredClone(file);
    changedInput.positions.find((p) => p.id === w.p2)!.seats = 0;
    expect((await verify(changedInput)).code).toBe(1);
    // Not a round file at all: exit code 2 naming the problem.
    const junk = await verify({ format: 'something else' });
    expect(junk.code).toBe(2);
    expect(junk.out).toContain('format');
  });

  it('verifies a general-first round too', async () => {
    const round = await draftRound(w, { reservePolicy: 'general_first' });
    expect((round as unknown as { reservePolicy: string }).reservePolicy).toBe('general_first');
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const file = await ok<RoundFile>(await w.dept.get(`/api/v1/rounds/${round.id}/export`));
    expect(file.settings.reservePolicy).toBe('general_first');
    expect((await verify(file)).code).toBe(0);
  });

  it('publishes a per-post report anyone can read, without names; not before publication', async () => {
    const round = await collectingRound(w);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    const anonymous = (path: string) => t.app.request(path);
    await expectProblem(await anonymous(`/api/v1/rounds/${round.id}/report`), 404);
    await ok(await w.dept.post(`/api/v1/rounds/${round.id}/publish`));
    const res = await anonymous(`/api/v1/rounds/${round.id}/report`);
    const text = await res.text();
    expect(res.status).toBe(200);
    const report = JSON.parse(text) as {
      totals: { seats: number; filled: number };
      positions: { positionId: string; seats: number; reservedSeats: number; filled: number; cutoff: number | null; listsNaming: number }[];
    };
    expect(report.totals).toEqual({ positions: 3, seats: 4, roundSeats: 4, filled: 4, pinned: 0, adjustmentWilling: 0, placedByAdjustment: 0 });
    const p2 = report.positions.find((p) => p.positionId === w.p2)!;
    // P2 is named by g2, g3, g4 (submitted) and by the derived lists of g5 (g7 is eligible nowhere).
    expect(p2).toMatchObject({ seats: 1, reservedSeats: 0, filled: 1 });
    expect(p2.cutoff).not.toBeNull();
    expect(p2.listsNaming).toBe(4);
    expect(report.positions.find((p) => p.positionId === w.p1)).toMatchObject({ seats: 2, reservedSeats: 1, filled: 2 });
    for (const g of [w.g1, w.g2, w.g3, w.g4, w.g5]) expect(text).not.toContain(g.talentId);
    for (const s of ['定向甲', '乙', '丙']) expect(text).not.toContain(s);
    // The talent sees the cut-off of the post ranked above their outcome and the seat type compared for.
    const mine = await ok<{ items: { above: { positionId: string; cutoff: number | null; comparedFor?: string[] }[] }[] }>(await w.g3.get('/api/v1/talents/me/proposals'));
    expect(mine.items[0].above).toEqual([expect.objectContaining({ positionId: w.p2, cutoff: p2.cutoff, comparedFor: ['general'] })]);
  });

  it('exports only for the department in scope', async () => {
    const round = await publishedRound(w);
    const other = await signedIn(t, 'department', { regionCode: '1502' });
    await expectProblem(await other.get(`/api/v1/rounds/${round.id}/export`), 404);
    await expectProblem(await w.g2.get(`/api/v1/rounds/${round.id}/export`), 403);
    await expectProblem(await w.empA.client.get(`/api/v1/rounds/${round.id}/export`), 403);
  });
});
