// Exports stream: rows are read batch by batch as the download goes, a cancelled download stops the
// reads, and an export lets other work run between batches (it does not hold the event loop).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createApp } from '../../src/app';
import { newId } from '../../src/lib/ids';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const ROWS = 2_500; // batches of 1,000: three reads

async function manyTalents(n: number) {
  for (let i = 0; i < n; i += 100) {
    const rows = Array.from({ length: Math.min(100, n - i) }, (_, k) => ({
      id: newId(),
      name: `人才${i + k}`,
      region_code: '150102',
      id_number_masked: '1501**********0000',
      created_at: t.clock.now,
      updated_at: t.clock.now,
    }));
    await t.deps.database.db.insertInto('talents').values(rows).execute();
  }
}

/** The app with every SELECT on talents counted. */
function countingApp() {
  const counter = { talentReads: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const node = args.node;
      if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from ?? {}).includes('"talents"')) counter.talentReads++;
      return node;
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
  const app = createApp({ ...t.deps, database: { ...t.deps.database, db: t.deps.database.db.withPlugin(plugin) } });
  return { app, counter };
}

async function readAll(res: Response): Promise<number> {
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

describe('export streaming', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: reads in batches; a cancelled download stops reading`, async () => {
      await manyTalents(ROWS);
      const dept = await signedIn(t, 'department', { regionCode: '1501' });
      const { app, counter } = countingApp();
      const headers = { cookie: `session=${dept.token}` };

      // The xlsx writer starts pulling rows as the response is made: count from before the request.
      counter.talentReads = 0;
      const full = await app.request(`/api/v1/exports/talents?format=${format}`, { headers });
      expect(await readAll(full)).toBeGreaterThan(ROWS * 10);
      expect(counter.talentReads).toBe(3);

      counter.talentReads = 0;
      const cut = await app.request(`/api/v1/exports/talents?format=${format}`, { headers });
      const reader = cut.body!.getReader();
      await reader.read();
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 50));
      expect(counter.talentReads).toBeLessThan(3);
    });

    it(`${format}: other work runs between batches`, async () => {
      await manyTalents(ROWS);
      const dept = await signedIn(t, 'department', { regionCode: '1501' });
      const { app, counter } = countingApp();
      counter.talentReads = 0;
      const res = await app.request(`/api/v1/exports/talents?format=${format}`, { headers: { cookie: `session=${dept.token}` } });
      let readsWhenTimerRan = -1;
      setTimeout(() => (readsWhenTimerRan = counter.talentReads), 0);
      await readAll(res);
      // A timer set when the download began ran before the last batch was read.
      expect(readsWhenTimerRan).toBeGreaterThanOrEqual(0);
      expect(readsWhenTimerRan).toBeLessThan(3);
    });
  }
});
