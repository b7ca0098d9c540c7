// A round run on a SQLite file, as the server runs it (there in a job thread; here on the test's
// clock, in process): the run's write is streamed to a writer thread (WriteUnit.streaming) while the
// core computes. The stored result must
// be what an in-memory run stores — verify-round recomputes it from the export — and a re-run from
// the snapshot gives the same digest.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRoundCommand } from '../../src/rounds/verify-round.cli';
import { fileApp, tempDir } from '../jobs/helpers';
import { collectingRound, makeRoundWorld, ok, type RoundWorld } from './helpers';

const tmp = tempDir();
let t: Awaited<ReturnType<typeof fileApp>>;
let w: RoundWorld;
beforeAll(async () => {
  t = await fileApp(tmp.dir, randomBytes(32).toString('base64'), { threads: false, clock: { now: Date.parse('2026-06-01T08:00:00Z') } });
  w = await makeRoundWorld(t);
});
afterAll(async () => {
  await t.closeAsync();
  tmp.remove();
});

describe('a round run on a SQLite file, its write streamed', () => {
  it('stores a result verify-round agrees with, and a re-run from the snapshot gives the same digest', async () => {
    const round = await collectingRound(w);
    const first = await ok<{ digest: string; stats: { matched: number } }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(first.stats.matched).toBe(4);
    const file = await (await w.dept.get(`/api/v1/rounds/${round.id}/export`)).json();
    const path = join(mkdtempSync(join(tmpdir(), 'streamed-run-')), 'round.json');
    writeFileSync(path, JSON.stringify(file));
    const lines: string[] = [];
    expect(
      await verifyRoundCommand(
        [path],
        (l) => lines.push(l),
        (l) => lines.push(l),
      ),
    ).toBe(0);
    expect(lines.join('\n')).toContain('AGREES');
    // The round page's per-post result reads the stored rows.
    const result = await ok<{ positions: { items: { positionId: string; result: { filled: number } }[] } }>(await w.dept.get(`/api/v1/rounds/${round.id}/result`));
    expect(result.positions.items.reduce((n, p) => n + p.result.filled, 0)).toBe(4);
    const again = await ok<{ digest: string }>(await w.dept.post(`/api/v1/rounds/${round.id}/run`));
    expect(again.digest).toBe(first.digest);
  });
});
