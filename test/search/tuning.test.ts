// Issue #12 item 6: admins tune search (synonyms, dictionary words) and read the zero-result report.
// Through app.request() on a real SQLite and a real Meilisearch: a synonym makes a query that found
// nothing find the right post on both engines and deleting it undoes that; the settings are applied
// by the drain, not the request, and a Meilisearch that was down gets them when it is back.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { createApp } from '../../src/app';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { nodeScrypt } from '../../src/node-deps';
import { createSearch, type SearchRuntime } from '../../search/index';
import { Client, expectProblem, signedIn, type TestApp } from '../helpers/app';
import { NOW, seedFixtures, startTestMeili, type Fixtures, type TestMeili } from './fixtures';

let meili: TestMeili;
let fx: Fixtures;
let search: SearchRuntime;
let t: TestApp;
let sqlOnly: TestApp;
let close: () => void;
let admin: Client;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  meili = await startTestMeili();
  const { sqlite, database } = openMemoryCopy();
  close = () => sqlite.close();
  fx = await seedFixtures(database);
  search = createSearch({
    database,
    now: () => NOW,
    log: (e) => logs.push(e),
    meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'tune_' },
    retryAfterMs: 200,
    drain: { maxBackoffMs: 500, idleMs: 100 },
  });
  await search.start({ drainLoop: true });
  await search.drain!.drainAll();
  const dataKey = randomBytes(32).toString('base64');
  const deps: AppDeps = {
    database,
    config: toConfig(parseEnv({ PASSWORD_SCRYPT_N: '1024' }), dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => NOW,
    clientAddress: () => '203.0.113.9',
    log: (e) => logs.push(e),
    search,
  };
  const clock = { now: NOW };
  t = { app: createApp(deps), deps, logs, clock, close: () => undefined };
  // The same database answered by the SQL fallback only (the second engine).
  const sqlDeps: AppDeps = { ...deps, search: createSearch({ database, now: () => NOW, log: (e) => logs.push(e), meili: null }) };
  sqlOnly = { app: createApp(sqlDeps), deps: sqlDeps, logs, clock, close: () => undefined };
  admin = await signedIn(t, 'admin');
}, 120_000);

afterAll(async () => {
  await search?.stop();
  await meili?.dispose();
  close?.();
});

async function positionIds(app: TestApp, q: string): Promise<{ ids: string[]; degraded: boolean }> {
  const res = await app.app.request('/api/v1/search/positions?q=' + encodeURIComponent(q));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { id: string }[]; degraded: boolean };
  return { ids: body.items.map((h) => h.id), degraded: body.degraded };
}

/** Waits until the drain has applied the settings (the request itself never waits for Meilisearch). */
async function applied(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.get('/api/v1/admin/search/tuning');
    expect(res.status).toBe(200);
    if (!((await res.json()) as { pending: boolean }).pending) return;
    if (Date.now() > deadline) throw new Error('settings were not applied in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('synonyms (admin)', () => {
  it('银龄 finds nothing; the group 银龄 = 高龄 makes it find the post about 高龄老年人 on both engines; deleting it undoes it', async () => {
    expect((await positionIds(t, '银龄')).ids).toEqual([]);
    expect((await positionIds(sqlOnly, '银龄')).ids).toEqual([]);

    const res = await admin.post('/api/v1/admin/search/synonyms', { words: ['銀齡', '高龄'] });
    expect(res.status).toBe(201);
    const group = (await res.json()) as { id: string; words: string[] };
    // Stored as the analysis sees words: simplified characters.
    expect(group.words).toEqual(['银龄', '高龄']);
    // The fallback honours it at once; Meilisearch once the drain applied the settings.
    expect((await positionIds(sqlOnly, '银龄')).ids).toEqual([fx.positions.station]);
    await applied();
    const viaMeili = await positionIds(t, '银龄');
    expect(viaMeili.degraded).toBe(false);
    expect(viaMeili.ids).toEqual([fx.positions.station]);
    const settings = await search.meili!.adminClient.index('tune_positions').getSynonyms();
    expect(settings['银龄']).toEqual(['高龄']);

    expect((await admin.delete(`/api/v1/admin/search/synonyms/${group.id}`)).status).toBe(204);
    expect((await positionIds(sqlOnly, '银龄')).ids).toEqual([]);
    await applied();
    expect((await positionIds(t, '银龄')).ids).toEqual([]);
    expect((await admin.delete(`/api/v1/admin/search/synonyms/${group.id}`)).status).toBe(404);
  }, 120_000);

  it('a Meilisearch that is down gets the settings when it answers again', async () => {
    await meili.stop();
    const res = await admin.post('/api/v1/admin/search/synonyms', { words: ['银龄', '高龄'] });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const during = await positionIds(t, '银龄');
    expect(during.degraded).toBe(true);
    expect(during.ids).toEqual([fx.positions.station]);
    expect(((await (await admin.get('/api/v1/admin/search/tuning')).json()) as { pending: boolean }).pending).toBe(true);
    await meili.restart();
    await applied();
    const after = await positionIds(t, '银龄');
    expect(after.degraded).toBe(false);
    expect(after.ids).toEqual([fx.positions.station]);
    expect((await admin.delete(`/api/v1/admin/search/synonyms/${id}`)).status).toBe(204);
    await applied();
  }, 120_000);

  it('refuses bad groups with 422 naming the field, and a group that exists with 409', async () => {
    const p = async (words: unknown, path: string) => expectProblem(await admin.post('/api/v1/admin/search/synonyms', { words }), 422, path);
    await p(['一'], 'words');
    await p(
      Array.from({ length: 11 }, (_, i) => `词${i}`),
      'words',
    );
    await p(['养老', '养'.repeat(21)], 'words.1');
    await p(['养老', '养 老'], 'words.1');
    await p(['养老', 'a<b'], 'words.1');
    await p(['养老', '養老'], 'words.1'); // the same word once simplified
    const ok = await admin.post('/api/v1/admin/search/synonyms', { words: ['护理员', '照护员'] });
    expect(ok.status).toBe(201);
    await expectProblem(await admin.post('/api/v1/admin/search/synonyms', { words: ['照护员', '护理员'] }), 409);
    expect((await admin.delete(`/api/v1/admin/search/synonyms/${((await ok.json()) as { id: string }).id}`)).status).toBe(204);
  });
});

describe('dictionary words (admin)', () => {
  it("a word reaches Meilisearch's dictionary (both indexes) and the query analysis; deleting it removes it", async () => {
    const res = await admin.post('/api/v1/admin/search/dictionary', { word: '生活關懷' });
    expect(res.status).toBe(201);
    const { id, word } = (await res.json()) as { id: string; word: string };
    expect(word).toBe('生活关怀');
    await applied();
    expect(await search.meili!.adminClient.index('tune_positions').getDictionary()).toContain('生活关怀');
    expect(await search.meili!.adminClient.index('tune_talents').getDictionary()).toContain('生活关怀');
    // Both engines still find the post that says 生活关怀 with the word kept whole.
    expect((await positionIds(sqlOnly, '生活关怀')).ids).toEqual([fx.positions.elderlyCare]);
    expect((await positionIds(t, '生活关怀')).ids).toEqual([fx.positions.elderlyCare]);
    const listed = (await (await admin.get('/api/v1/admin/search/tuning')).json()) as { dictionary: { id: string; word: string }[] };
    expect(listed.dictionary.map((d) => d.word)).toContain('生活关怀');
    await expectProblem(await admin.post('/api/v1/admin/search/dictionary', { word: '生活关怀' }), 409);
    expect((await admin.delete(`/api/v1/admin/search/dictionary/${id}`)).status).toBe(204);
    await applied();
    expect(await search.meili!.adminClient.index('tune_positions').getDictionary()).not.toContain('生活关怀');
  }, 120_000);

  it('refuses a word that is too long, too short or not Chinese (422 naming word)', async () => {
    for (const word of ['养'.repeat(17), '养', 'abc', '']) {
      await expectProblem(await admin.post('/api/v1/admin/search/dictionary', { word }), 422, 'word');
    }
  });
});

describe('who may tune', () => {
  it('departments, employers and graduates get 403, anonymous callers 401', async () => {
    const others = [await signedIn(t, 'department', { regionCode: '15' }), await signedIn(t, 'employer'), await signedIn(t, 'graduate')];
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/search/tuning'],
      ['POST', '/api/v1/admin/search/synonyms', { words: ['甲乙', '丙丁'] }],
      ['DELETE', '/api/v1/admin/search/synonyms/x1'],
      ['POST', '/api/v1/admin/search/dictionary', { word: '甲乙丙' }],
      ['DELETE', '/api/v1/admin/search/dictionary/x1'],
      ['GET', '/api/v1/admin/search/zero-results'],
    ];
    for (const [method, path, body] of calls) {
      for (const c of others) await expectProblem(await c.request(method, path, body), 403);
      await expectProblem(await new Client(t).request(method, path, body), 401);
    }
    const tuning = (await (await admin.get('/api/v1/admin/search/tuning')).json()) as { synonyms: { words: string[] }[] };
    expect(tuning.synonyms.some((s) => s.words.includes('甲乙'))).toBe(false);
  });
});
