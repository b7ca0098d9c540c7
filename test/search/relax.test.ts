// Issue #12: a query that finds nothing because one of its words occurs in no document within its
// filters is retried once with that word relaxed to the dictionary words inside it (or dropped),
// keeping the region the query named — on a real Meilisearch and on the SQL fallback alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { buildLexicon } from '../../search/analysis';
import { createSearch, PUBLIC_POSITION_SCOPE, type SearchRuntime, type SearchEngine } from '../../search/index';
import { dictionaryPieces } from '../../search/relax';
import { addPosition, NOW, seedFixtures, startTestMeili, type Fixtures, type TestMeili } from './fixtures';

let meili: TestMeili;
let search: SearchRuntime;
let fx: Fixtures;
let baotouChildren: string;
let baotouElderly: string;
let close: () => void;

beforeAll(async () => {
  meili = await startTestMeili();
  const { sqlite, database } = openMemoryCopy();
  close = () => sqlite.close();
  fx = await seedFixtures(database);
  baotouChildren = await addPosition(database, {
    employerId: fx.employers.baotouRehab,
    employerType: 'agency',
    title: '儿童康复社工',
    kind: 'agency_worker',
    regionCode: '150207',
    serviceAreas: ['children', 'disability'],
    description: '为孤独症儿童提供康复训练与家长支持。',
  });
  // 学校 and 社工 both occur, never as the one word 学校社工.
  baotouElderly = await addPosition(database, {
    employerId: fx.employers.baotouRehab,
    employerType: 'agency',
    title: '长者服务社工',
    kind: 'agency_worker',
    regionCode: '150207',
    serviceAreas: ['elderly'],
    description: '与附近学校合作开展长者代际活动。',
  });
  search = createSearch({ database, now: () => NOW, log: () => undefined, meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'relax_' } });
  await search.start({ drainLoop: false });
  await search.drain!.drainAll();
}, 120_000);

afterAll(async () => {
  await search?.stop();
  await meili?.dispose();
  close?.();
});

describe('dictionary pieces', () => {
  it('are the dictionary words inside a word, never the word itself', () => {
    const lex = buildLexicon([{ code: '1502', name: '包头市', level: 2 }]);
    expect(dictionaryPieces('困境儿童', lex)).toEqual(['儿童']);
    expect(dictionaryPieces('儿童', lex)).toEqual([]);
  });
});

describe.each(['Meilisearch', 'SQL fallback'])('%s', (name) => {
  const engine = (): SearchEngine => (name === 'Meilisearch' ? search.meili! : search.sql);
  const positions = (q: string) => engine().searchPositions({ q, scope: PUBLIC_POSITION_SCOPE, pageSize: 50 });

  it('困境儿童 包头: no post in 包头 says 困境儿童; the retry searches 儿童 in 包头 and says so', async () => {
    const r = await positions('困境儿童 包头');
    expect(r.relaxed).toEqual({ from: ['困境儿童'], to: ['儿童'] });
    expect(r.hits.map((h) => h.id)).toEqual([baotouChildren]);
  });

  it('a word matching nothing, with a place: the place is kept and the word dropped', async () => {
    const r = await positions('安宁疗护 包头');
    expect(r.relaxed).toEqual({ from: ['安宁疗护'], to: [] });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.regionCity).toBe('1502');
  });

  it('leaves queries alone that find something, and a lone word that matches nothing (no filter to keep)', async () => {
    const found = await positions('儿童 包头');
    expect(found.relaxed).toBeUndefined();
    expect(found.hits.map((h) => h.id)).toEqual([baotouChildren]);
    const none = await positions('银龄');
    expect(none.total).toBe(0);
    expect(none.relaxed).toBeUndefined();
  });
});

describe('Meilisearch: the relaxed search is the plain search of the relaxed words', () => {
  // A one-word query holding a single dictionary word (困境儿童 → 儿童) is searched for that word at
  // once, the search counting it; with several words inside, each is counted alone first and the
  // relaxed words searched after. Either way the answer must be exactly the search of the relaxed
  // words (hits, total, facets, disjunctive ones included).
  const lex = () => search.meili!.options.lexicon!();
  const filters = { serviceAreas: ['children'] };
  const plain = (q: string) => search.meili!.searchPositions({ q, filters, scope: PUBLIC_POSITION_SCOPE, pageSize: 50 });

  it.each([
    ['困境儿童 包头', 'the one dictionary word inside matches: its search is the answer', true],
    ['儿童禁毒 包头', 'one dictionary word inside matches nothing: the other is searched', false],
  ])('%s — %s', async (q, _why, guessed) => {
    const r = await plain(q);
    expect(r.relaxed).toBeDefined();
    const pieces = dictionaryPieces(r.relaxed!.from[0], await lex());
    expect(r.relaxed!.to.join(' ') === pieces.join(' ')).toBe(guessed);
    const again = await plain(`${r.relaxed!.to.join(' ')} 包头`);
    expect(again.relaxed).toBeUndefined();
    expect(r.hits.map((h) => h.id)).toEqual(again.hits.map((h) => h.id));
    expect(r.total).toBe(again.total);
    expect(r.facets).toEqual(again.facets);
    expect(r.total).toBeGreaterThan(0);
  });

  it('学校社工 包头: both dictionary words inside match, each is counted and then both are searched', async () => {
    const elderly = (q: string) => search.meili!.searchPositions({ q, filters: { serviceAreas: ['elderly'] }, scope: PUBLIC_POSITION_SCOPE, pageSize: 50 });
    const r = await elderly('学校社工 包头');
    expect(r.relaxed).toEqual({ from: ['学校社工'], to: ['学校', '社工'] });
    const again = await elderly('学校 社工 包头');
    expect(again.relaxed).toBeUndefined();
    expect(r.hits.map((h) => h.id)).toEqual(again.hits.map((h) => h.id));
    expect(r.hits.map((h) => h.id)).toContain(baotouElderly);
    expect(r.total).toBe(again.total);
    expect(r.facets).toEqual(again.facets);
  });
});
