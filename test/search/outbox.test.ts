// The outbox drain against a real Meilisearch: collapsing, failure bookkeeping, status, parking a
// refused row, reindex with a swap (no window of empty results), and the fault test — Meilisearch
// stopped in the middle of 1,000 writes, started again, and the index equal to the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from 'meilisearch';
import { openMemoryCopy } from '../../db/sqlite';
import type { Database } from '../../src/lib/database';
import { enqueueSearch } from '../../src/lib/outbox';
import { allDocuments, type SearchDocument, type SearchEntity } from '../../search/documents';
import { createSearch, PUBLIC_POSITION_SCOPE, type DocumentSink, type SearchRuntime } from '../../search/index';
import { MeiliSearchEngine, MeiliTaskError } from '../../search/meili';
import { OutboxDrain } from '../../search/outbox-drain';
import { freePort } from '../../search/sidecar';
import { addEmployer, addTalent, NOW, positionWrite, seedFixtures, startTestMeili, talentWrite, type TestMeili } from './fixtures';

let meili: TestMeili;
const opened: { close(): void }[] = [];
const searches: SearchRuntime[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  meili = await startTestMeili();
});

afterAll(async () => {
  for (const s of searches) await s.stop();
  await meili?.dispose();
  for (const o of opened) o.close();
  console.log('outbox timings', JSON.stringify(timings));
});

function freshDatabase(): Database {
  const { sqlite, database } = openMemoryCopy();
  opened.push({ close: () => sqlite.close() });
  return database;
}

function searchOn(database: Database, prefix: string, drain = { batchSize: 100, idleMs: 10, baseBackoffMs: 50, maxBackoffMs: 400 }): SearchRuntime {
  const s = createSearch({
    database,
    now: () => NOW,
    log: () => {},
    meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: prefix },
    drain,
    retryAfterMs: 200,
  });
  searches.push(s);
  return s;
}

/** Compares the index with documents freshly built from the database. */
async function diff(database: Database, engine: MeiliSearchEngine, entity: SearchEntity) {
  const expected = new Map<string, SearchDocument>();
  for await (const batch of allDocuments(database, entity, NOW)) for (const d of batch) expected.set(d.id, d);
  const stored = new Map((await engine.allDocuments(entity)).map((d) => [d.id, d]));
  let missing = 0;
  let stale = 0;
  let extra = 0;
  for (const [id, doc] of expected) {
    const got = stored.get(id);
    if (!got) missing++;
    else if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(doc))) stale++;
  }
  for (const id of stored.keys()) if (!expected.has(id)) extra++;
  return { missing, stale, extra, documents: expected.size };
}

const sortKeys = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function pendingRows(database: Database) {
  return database.db.selectFrom('search_outbox').selectAll().where('processed_at', 'is', null).orderBy('seq').execute();
}

describe('drain', () => {
  it('collapses repeated writes to one entity and marks every row processed', async () => {
    const database = freshDatabase();
    const s = searchOn(database, 'collapse_');
    await s.start({ drainLoop: false });
    const id = await addTalent(database, { name: '甲', regionCode: '1501', school: '第一版学校' });
    for (let i = 2; i <= 5; i++) {
      await database.atomic([
        database.db
          .updateTable('talents')
          .set({ school: `第${i}版学校` })
          .where('id', '=', id)
          .compile(),
        enqueueSearch(database, 'talent', id, NOW),
      ]);
    }
    expect((await s.drain!.status()).pending).toBe(5);
    expect(await s.drain!.runBatch()).toBe(5);
    expect(await pendingRows(database)).toEqual([]);
    const docs = await s.meili!.allDocuments('talent');
    expect(docs).toHaveLength(1);
    expect((docs[0] as { school: string }).school).toBe('第5版学校');

    // A deleted entity's document goes away.
    await database.atomic([database.db.deleteFrom('talents').where('id', '=', id).compile(), enqueueSearch(database, 'talent', id, NOW)]);
    await s.drain!.drainAll();
    expect(await s.meili!.allDocuments('talent')).toEqual([]);
  });

  it('records failures on the rows, reports them in status, and catches up once Meilisearch answers', async () => {
    const database = freshDatabase();
    await addTalent(database, { name: '乙', regionCode: '1502' });
    await addTalent(database, { name: '丙', regionCode: '1502' });
    const dead = new MeiliSearchEngine({ host: `http://127.0.0.1:${await freePort()}`, adminTimeoutMs: 500 });
    let clock = NOW + 90_000;
    const drain = new OutboxDrain({ database, sink: dead, now: () => clock });
    await expect(drain.runBatch()).rejects.toThrow();
    await expect(drain.runBatch()).rejects.toThrow();
    const rows = await pendingRows(database);
    expect(rows.map((r) => r.attempts)).toEqual([2, 2]);
    expect(rows[0].last_error).toMatch(/fetch failed|ECONNREFUSED|Request/i);
    const st = await drain.status();
    expect(st).toMatchObject({ pending: 2, failing: 2, oldestPendingAt: NOW, lagMs: 90_000 });
    expect(st.lastError).toBeTruthy();

    const live = searchOn(database, 'recover_');
    await live.start({ drainLoop: false });
    clock += 1;
    expect(await live.drain!.drainAll()).toBeGreaterThanOrEqual(0);
    const after = await live.drain!.status();
    expect(after).toMatchObject({ pending: 0, lagMs: 0, failing: 0 });
    expect(await diff(database, live.meili!, 'talent')).toMatchObject({ missing: 0, stale: 0, extra: 0, documents: 2 });
  });

  it('sets aside a row Meilisearch keeps refusing, so later updates still flow', async () => {
    const database = freshDatabase();
    const s = searchOn(database, 'poison_');
    await s.start({ drainLoop: false });
    const bad = await addTalent(database, { name: '坏', regionCode: '1501' });
    const good = await addTalent(database, { name: '好', regionCode: '1501' });
    // Meilisearch is real; only documents of `bad` are refused, as a failed task would be.
    const refusing: DocumentSink = {
      ensureIndexes: () => s.meili!.ensureIndexes(),
      deleteDocuments: (e, ids) => s.meili!.deleteDocuments(e, ids),
      rebuild: (e, b) => s.meili!.rebuild(e, b),
      async upsertDocuments(e, docs) {
        if (docs.some((d) => d.id === bad)) throw new MeiliTaskError({ uid: 0, status: 'failed' } as unknown as Task, 'invalid document');
        return s.meili!.upsertDocuments(e, docs);
      },
    };
    const drain = new OutboxDrain({ database, sink: refusing, now: () => NOW, baseBackoffMs: 1, maxBackoffMs: 5 });
    await drain.drainAll(10_000);
    const st = await drain.status();
    expect(st.parked).toBe(1);
    expect(st.pending).toBe(1);
    expect(st.lastError).toMatch(/invalid document/);
    expect((await s.meili!.allDocuments('talent')).map((d) => d.id)).toEqual([good]);
  });
});

describe('reindex', () => {
  it('rebuilds into a fresh index and swaps it in: no empty results meanwhile, writes during the rebuild kept', async () => {
    const database = freshDatabase();
    await seedFixtures(database);
    const s = searchOn(database, 'reindex_');
    await s.start({ drainLoop: false });
    await s.drain!.drainAll();
    const employer = await addEmployer(database, { name: '重建测试单位', type: 'community', regionCode: '150102' });

    // Searches run throughout the rebuild.
    let polling = true;
    const totals: number[] = [];
    const poller = (async () => {
      while (polling) {
        const r = await s.engine.searchPositions({ scope: PUBLIC_POSITION_SCOPE, pageSize: 1, facets: [] });
        totals.push(r.degraded ? -1 : r.total);
      }
    })();

    // Another process writes after the rebuild has read the database, and its drain sends the
    // documents to the old index: the replay after the swap must keep them.
    const late: string[] = [];
    const sink: DocumentSink = {
      ensureIndexes: () => s.meili!.ensureIndexes(),
      upsertDocuments: (e, d) => s.meili!.upsertDocuments(e, d),
      deleteDocuments: (e, ids) => s.meili!.deleteDocuments(e, ids),
      async rebuild(entity, batches) {
        const all: (readonly SearchDocument[])[] = [];
        for await (const b of batches) all.push(b);
        for (let i = 0; i < 5; i++) {
          const w = positionWrite(database, {
            employerId: employer,
            employerType: 'community',
            title: `重建期间新增岗位${i}`,
            kind: 'community_worker',
            regionCode: '150102',
            description: '重建期间写入。',
          });
          await database.atomic(w.queries);
          late.push(w.id);
        }
        const other = new OutboxDrain({ database, sink: s.meili!, now: () => NOW });
        await other.drainAll();
        return s.meili!.rebuild(
          entity,
          (async function* () {
            yield* all;
          })(),
        );
      },
    };
    const drain = new OutboxDrain({ database, sink, now: () => NOW });
    const t0 = performance.now();
    const report = await drain.reindex('position');
    timings.reindexFixturesMs = performance.now() - t0;
    polling = false;
    await poller;

    expect(report.documents).toBe(35);
    expect(report.replayed).toBe(5);
    expect(totals.length).toBeGreaterThan(3);
    expect(totals.filter((t) => t <= 0)).toEqual([]);
    expect(await diff(database, s.meili!, 'position')).toMatchObject({ missing: 0, stale: 0, extra: 0, documents: 40 });
    const stats = await s.meili!.adminClient.getIndexes({ limit: 100 });
    expect(stats.results.map((i) => i.uid)).not.toContain('reindex_positions_new');
  });
});

describe('fault: Meilisearch stopped during 1,000 writes', () => {
  it('loses nothing: 0 missing, 0 stale, 0 extra, and every write succeeded', async () => {
    const database = freshDatabase();
    const s = searchOn(database, 'fault_');
    await s.start(); // the background loop, as in the server
    const employers = [
      await addEmployer(database, { name: '故障测试社区', type: 'community', regionCode: '150102' }),
      await addEmployer(database, { name: '故障测试社工站', type: 'station', regionCode: '150502' }),
    ];
    const talents: string[] = [];
    const positions: string[] = [];
    let failed = 0;
    let degradedDuringOutage = false;
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      if (i === 300) await meili.stop();
      if (i === 500) {
        const r = await s.engine.searchTalents({ q: '社工', scope: { visibleToEmployers: false } });
        degradedDuringOutage = r.degraded;
      }
      if (i === 700) await meili.restart();
      try {
        const op = i % 20;
        if (op < 8 || talents.length < 5) {
          const w = talentWrite(database, {
            name: `人员${i}`,
            regionCode: i % 3 ? '150102' : '150502',
            school: `学校${i % 7}`,
            serviceAreas: [['elderly', 'children', 'community'][i % 3]],
          });
          await database.atomic(w.queries);
          talents.push(w.id);
        } else if (op < 14 || positions.length < 5) {
          const w = positionWrite(database, {
            employerId: employers[i % 2],
            employerType: i % 2 ? 'station' : 'community',
            title: `岗位${i}`,
            kind: 'community_worker',
            regionCode: '150102',
            serviceAreas: ['community'],
            description: `第${i}号岗位。`,
          });
          await database.atomic(w.queries);
          positions.push(w.id);
        } else if (op < 17) {
          const id = talents[(i * 7) % talents.length];
          await database.atomic([
            database.db
              .updateTable('talents')
              .set({ school: `改后学校${i}`, visibility: i % 2 ? 'department' : 'employers', updated_at: NOW + i })
              .where('id', '=', id)
              .compile(),
            enqueueSearch(database, 'talent', id, NOW),
          ]);
        } else if (op < 19) {
          const id = positions[(i * 5) % positions.length];
          await database.atomic([
            database.db
              .updateTable('positions')
              .set({ title: `改后岗位${i}`, status: i % 2 ? 'closed' : 'open', updated_at: NOW + i })
              .where('id', '=', id)
              .compile(),
            enqueueSearch(database, 'position', id, NOW),
          ]);
        } else {
          const id = i % 2 ? talents.pop()! : positions.pop()!;
          const entity = i % 2 ? 'talent' : 'position';
          await database.atomic([
            entity === 'talent' ? database.db.deleteFrom('talents').where('id', '=', id).compile() : database.db.deleteFrom('positions').where('id', '=', id).compile(),
            enqueueSearch(database, entity, id, NOW),
          ]);
        }
      } catch {
        failed++;
      }
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1)); // let the drain loop run between writes
    }
    timings.faultWritesMs = performance.now() - t0;
    const t1 = performance.now();
    await s.drain!.drainAll(60_000);
    timings.faultCatchUpMs = performance.now() - t1;

    expect(failed).toBe(0);
    expect(degradedDuringOutage).toBe(true);
    const outbox = await database.db
      .selectFrom('search_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBeGreaterThanOrEqual(1000);
    const failedRows = await database.db
      .selectFrom('search_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('attempts', '>', 0)
      .executeTakeFirstOrThrow();
    timings.faultRowsThatFailedOnce = Number(failedRows.n);
    expect(Number(failedRows.n)).toBeGreaterThan(0); // the outage did hit the drain
    expect(await s.drain!.status()).toMatchObject({ pending: 0, parked: 0 });
    const t = await diff(database, s.meili!, 'talent');
    const p = await diff(database, s.meili!, 'position');
    expect(t).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    expect(p).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    expect(t.documents + p.documents).toBeGreaterThan(600);
    // And searches are answered by Meilisearch again.
    expect((await s.engine.searchTalents({ q: '社工', scope: { visibleToEmployers: false } })).degraded).toBe(false);
  });
});
