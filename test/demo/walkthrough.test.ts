// The walk-through demo.ts prints, done with the printed accounts through the real app: the graduate
// ranks the demo employer's post first in the collecting 呼和浩特 round, hohhot@ runs and publishes it,
// the graduate and the employer accept, and the placement shows on both sides. Also: last summer's
// 乌海 round left round placements with their explanations. Once at the demo's own seed and scale,
// generated now (what `npm run demo` makes today), and once small and late in the year.
import { createSearch } from '../../search/index';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openMemoryCopy, wrapSqlite } from '../../db/sqlite';
import { generateDemoData, SHOWCASE_CITY, type DemoScale, type DemoSummary } from '../../db/demo/generate';
import { ACCOUNTS, createDemoAccounts } from '../../db/demo/accounts';
import { createApp } from '../../src/app';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { Client, type TestApp } from '../helpers/app';

interface Proposal {
  id: string;
  round: { id: string; status: string };
  position: { id: string; title: string };
  employer: { id: string; name: string };
  talent: { id: string; name: string };
  seat: string;
  state: string;
  placementId: string | null;
}

const cases: { name: string; now: number; seed?: number; scale?: Partial<DemoScale> }[] = [
  { name: 'the demo as generated today', now: Date.now() },
  { name: 'a smaller demo on 29 November', now: Date.parse('2026-11-29T02:00:00Z'), seed: 99, scale: { talents: 1500, employers: 120, positions: 300, applications: 700 } },
];

for (const c of cases) {
  describe(`demo walk-through: ${c.name}`, () => {
    let t: TestApp;
    let sqlite: BetterSqlite3.Database;
    let summary: DemoSummary;
    const one = <T>(sql: string, ...params: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .get(...params) as T;

    beforeAll(async () => {
      const dataKey = randomBytes(32).toString('base64');
      const fieldCrypto = await createFieldCrypto(dataKey);
      sqlite = openMemoryCopy().sqlite;
      summary = await generateDemoData(sqlite, { fieldCrypto, seed: c.seed, scale: c.scale, now: c.now });
      const raw = parseEnv({ PASSWORD_SCRYPT_N: '1024', LOG_REQUESTS: 'false' });
      const database = wrapSqlite(sqlite);
      const deps: AppDeps = {
        database,
        config: toConfig(raw, dataKey),
        fieldCrypto,
        scrypt: nodeScrypt,
        now: () => c.now,
        clientAddress: () => '203.0.113.9',
        log: () => {},
        search: createSearch({ database, now: () => c.now, log: () => {}, meili: null }),
      };
      await createDemoAccounts(deps, sqlite, summary);
      t = { app: createApp(deps), deps, logs: [], clock: { now: c.now }, close: () => sqlite.close() };
    }, 60_000);
    afterAll(() => t?.close());

    /** Signs in with a printed account, as the reviewer did. */
    async function as(email: string): Promise<Client> {
      const account = ACCOUNTS.find((a) => a.email === email)!;
      const res = await t.app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: account.password }),
      });
      expect(res.status, email).toBe(200);
      const client = new Client(t);
      client.token = ((await res.json()) as { token: string }).token;
      return client;
    }

    it('graduate ranks the demo employer’s post first; hohhot@ runs and publishes; both accept; the placement shows on both sides', async () => {
      const graduate = await as('graduate@demo.shegong.cn');
      const hohhot = await as('hohhot@demo.shegong.cn');
      const employer = await as('employer@demo.shegong.cn');
      const roundId = summary.showcase.roundId;
      const postId = summary.showcase.roundPositionId;
      expect(one<string>('SELECT employer_id FROM positions WHERE id = ?', postId)).toBe(summary.showcase.employerId);

      // The graduate sees the round and its posts, and ranks three: the demo employer's first.
      const posts = (await (await graduate.get(`/api/v1/rounds/${roundId}/positions?pageSize=100`)).json()) as { items: { positionId: string; reservedSeats: number }[] };
      expect(posts.items.find((p) => p.positionId === postId)?.reservedSeats).toBeGreaterThan(0);
      const others = posts.items
        .map((p) => p.positionId)
        .filter((id) => id !== postId)
        .slice(0, 2);
      const ranked = await graduate.put(`/api/v1/rounds/${roundId}/choices`, { positionIds: [postId, ...others] });
      expect(ranked.status, await ranked.clone().text()).toBe(200);

      const run = await hohhot.post(`/api/v1/rounds/${roundId}/run`, { confirmEarly: true }); // the demo round's choices close later
      expect(run.status, await run.clone().text()).toBe(200);
      expect((await hohhot.post(`/api/v1/rounds/${roundId}/publish`)).status).toBe(200);

      // Her proposal is at the demo employer's post, on a seat reserved for directed graduates.
      const mine = (await (await graduate.get('/api/v1/talents/me/proposals')).json()) as { items: Proposal[] };
      expect(mine.items).toHaveLength(1);
      const proposal = mine.items[0];
      expect(proposal).toMatchObject({
        round: { id: roundId, status: 'published' },
        position: { id: postId },
        employer: { id: summary.showcase.employerId },
        talent: { id: summary.showcase.talentId },
      });
      expect(proposal.seat).toBe('reserved');

      // The employer sees it among its proposals; the graduate accepts, then the employer.
      const theirs = (await (await employer.get('/api/v1/employers/me/proposals?pageSize=100')).json()) as { items: Proposal[] };
      expect(theirs.items.map((p) => p.id)).toContain(proposal.id);
      expect((await graduate.post(`/api/v1/proposals/${proposal.id}/response`, { decision: 'accept' })).status).toBe(200);
      const accepted = await employer.post(`/api/v1/proposals/${proposal.id}/response`, { decision: 'accept' });
      expect(accepted.status).toBe(200);
      const done = (await accepted.json()) as Proposal;
      expect(done.placementId).not.toBeNull();

      // One placement, from the round, serving her agreement (now serving), seen by both sides.
      const placement = sqlite.prepare('SELECT * FROM placements WHERE id = ?').get(done.placementId) as Record<string, unknown>;
      expect(placement).toMatchObject({
        talent_id: summary.showcase.talentId,
        employer_id: summary.showcase.employerId,
        position_id: postId,
        source: 'round',
        source_id: proposal.id,
        agreement_id: summary.showcase.agreementId,
        end_on: null,
      });
      expect(one<string>('SELECT status FROM agreements WHERE id = ?', summary.showcase.agreementId)).toBe('serving');
      for (const client of [graduate, employer]) {
        const list = (await (await client.get('/api/v1/placements?pageSize=100')).json()) as { items: { id: string }[] };
        expect(list.items.map((p) => p.id)).toContain(done.placementId);
      }
      const talentName = one<string>('SELECT name FROM talents WHERE id = ?', summary.showcase.talentId);
      const employerName = one<string>('SELECT name FROM employers WHERE id = ?', summary.showcase.employerId);
      const mePage = await graduate.get('/me/placements');
      expect(mePage.status).toBe(200);
      expect(await mePage.text()).toContain(employerName);
      const employerPage = await employer.get('/employer/placements');
      expect(employerPage.status).toBe(200);
      expect(await employerPage.text()).toContain(talentName);

      // The round leaves seats empty: hohhot@ opens a follow-up round (补录) for them and the talents
      // still unplaced, runs it, and the fill rate counts both rounds.
      const { stats } = (await run.json()) as { stats: { unfilledSeats: number; matched: number; seats: number } };
      const follow = await hohhot.post(`/api/v1/rounds/${roundId}/follow-up`);
      if (stats.unfilledSeats === 0) {
        expect(follow.status).toBe(409);
        return;
      }
      expect(follow.status, await follow.clone().text()).toBe(201);
      const f = (await follow.json()) as { id: string; status: string; followsRoundId: string; counts: { seats: number; talents: number } };
      expect(f).toMatchObject({ status: 'collecting', followsRoundId: roundId });
      expect(f.counts.seats).toBeGreaterThanOrEqual(stats.unfilledSeats);
      expect(f.counts.talents).toBeGreaterThan(0);
      const followRun = await hohhot.post(`/api/v1/rounds/${f.id}/run`);
      expect(followRun.status, await followRun.clone().text()).toBe(200);
      expect((await hohhot.post(`/api/v1/rounds/${f.id}/publish`)).status).toBe(200);
      const rate = (await (await hohhot.get(`/api/v1/rounds/${roundId}/fill-rate`)).json()) as {
        rounds: { id: string; filled: number }[];
        seats: number;
        filled: number;
        fillRate: number;
      };
      expect(rate.rounds.map((r) => r.id)).toEqual([roundId, f.id]);
      expect(rate.seats).toBe(stats.seats);
      expect(rate.filled).toBe(stats.matched + rate.rounds[1].filled);
      // Anyone can read the follow-up's public report.
      const report = await t.app.request(`/api/v1/rounds/${f.id}/report`);
      expect(report.status).toBe(200);
    });

    it('last summer’s 乌海 round is closed, with round placements and explanations the province can read', async () => {
      const past = summary.pastRound!;
      expect(past).not.toBeNull();
      expect(one<string>('SELECT status FROM rounds WHERE id = ?', past.roundId)).toBe('closed');
      expect(one<string>('SELECT region_code FROM rounds WHERE id = ?', past.roundId)).toBe('1503');
      expect(past.placements).toBeGreaterThan(0);
      expect(one<number>("SELECT count(*) FROM placements WHERE source = 'round' AND source_id IN (SELECT id FROM round_proposals WHERE round_id = ?)", past.roundId)).toBe(
        past.placements,
      );
      // The posts were open when it ran and are closed now.
      expect(one<number>("SELECT count(*) FROM round_positions rp JOIN positions p ON p.id = rp.position_id WHERE rp.round_id = ? AND p.status != 'closed'", past.roundId)).toBe(0);

      const nmg = await as('nmg@demo.shegong.cn');
      const result = await nmg.get(`/api/v1/rounds/${past.roundId}/result?pageSize=50`);
      expect(result.status).toBe(200);
      const body = (await result.json()) as {
        round: { status: string; resultDigest: string | null };
        positions: { items: { result: { cutoff: number | null } | null; holders: unknown[] }[] };
      };
      expect(body.round.status).toBe('closed');
      expect(body.round.resultDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(body.positions.items.some((p) => p.holders.length > 0 && p.result?.cutoff !== null)).toBe(true);
      const talents = (await (await nmg.get(`/api/v1/rounds/${past.roundId}/talents?pageSize=100`)).json()) as {
        items: { proposal: { breakdown: unknown[]; state: string } | null; unassignedReason: string | null }[];
      };
      expect(talents.items.some((x) => x.proposal !== null && x.proposal.breakdown.length > 0 && x.proposal.state === 'placed')).toBe(true);
      for (const x of talents.items) expect(x.proposal !== null || x.unassignedReason !== null).toBe(true);
      // 呼和浩特's department does not see 乌海's round.
      expect((await (await as('hohhot@demo.shegong.cn')).get(`/api/v1/rounds/${past.roundId}`)).status).toBe(404);
    });

    it('the township coverage in the summary is what the statistics API answers', async () => {
      const nmg = await as('nmg@demo.shegong.cn');
      for (const city of summary.counts.townshipCoverage) {
        const res = await nmg.get(`/api/v1/statistics/township-coverage?region=${city.code}`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { total: { units: number; covered: number } };
        expect(body.total).toMatchObject({ units: city.townships, covered: city.covered });
      }
      expect(summary.counts.townshipCoverage.map((x) => x.code)).toContain(SHOWCASE_CITY);
    });
  });
}
