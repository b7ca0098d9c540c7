// The search engines against fixed data: Chinese relevance, synonyms, typos, facets, paging,
// privacy, scope and injection — on a real Meilisearch started through the sidecar, and the same
// contract cases on the SQL fallback.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import type { Database } from '../../src/lib/database';
import { AppError } from '../../src/lib/errors';
import { enqueueSearch } from '../../src/lib/outbox';
import { freePort } from '../../search/sidecar';
import {
  createSearch,
  PUBLIC_POSITION_SCOPE,
  type PositionDocument,
  type PositionQuery,
  type SearchRuntime,
  type SearchEngine,
  type SearchResult,
  type TalentDocument,
  type TalentQuery,
  type TalentScope,
} from '../../search/index';
import { publicPositionScope } from '../../src/search-api';
import { NOW, seedFixtures, startTestMeili, type Fixtures, type TestMeili } from './fixtures';

let meili: TestMeili;
let database: Database;
let close: () => void;
let fx: Fixtures;
let search: SearchRuntime;
let keyOf: Map<string, string>;
const timings: Record<string, number> = {};

beforeAll(async () => {
  meili = await startTestMeili();
  const opened = openMemoryCopy();
  database = opened.database;
  close = () => opened.sqlite.close();
  fx = await seedFixtures(database);
  keyOf = new Map([...Object.entries(fx.positions), ...Object.entries(fx.talents)].map(([k, v]) => [v, k]));
  search = createSearch({ database, now: () => NOW, log: () => {}, meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'rel_' } });
  const t0 = performance.now();
  await search.start({ drainLoop: false });
  await search.drain!.drainAll();
  timings.indexFixturesMs = performance.now() - t0;
});

afterAll(async () => {
  await search?.stop();
  await meili?.dispose();
  close?.();
  // Numbers for the report (vitest prints console output of the file).
  console.log('search timings', JSON.stringify(timings));
});

const keys = (r: SearchResult<{ id: string }>) => r.hits.map((h) => keyOf.get(h.id) ?? h.id);
const dept = (regionPrefix?: string): TalentScope => ({ regionPrefix, visibleToEmployers: false });
const EMPLOYER: TalentScope = { visibleToEmployers: true };

describe('Chinese relevance on Meilisearch (fixed data, expected top result)', () => {
  const positionCases: [string, string][] = [
    ['老年', 'elderlyCare'],
    ['老人', 'elderlyCare'],
    ['养老', 'elderlyCare'],
    ['长者', 'elderlyCare'],
    ['老年社工', 'elderlyCare'],
    ['呼和浩特 老年', 'elderlyCare'],
    ['儿童', 'children'],
    ['小孩', 'children'],
    ['医务社工', 'medical'],
    ['驻校', 'school'],
    ['校园欺凌', 'school'],
    ['社工站', 'station'],
    ['低保核查', 'station'],
    ['社区治理', 'community'],
    ['残疾', 'disability'],
    ['残障', 'disability'],
    ['禁毒', 'drugs'],
    ['戒毒', 'drugs'],
    ['心理健康', 'mental'],
    ['危机干预', 'mental'],
    ['婚姻家庭', 'family'],
    ['退役军人', 'veterans'],
    ['志愿者', 'volunteer'],
    ['社区矫正', 'corrections'],
    ['青少年', 'youth'],
    ['蒙古语', 'mongolian'],
    ['牧区', 'mongolian'],
    ['Medical', 'english'],
    ['Social Worker', 'english'],
  ];
  it.each(positionCases)('positions: %s → %s first', async (q, top) => {
    const t0 = performance.now();
    const r = await search.engine.searchPositions({ q, scope: PUBLIC_POSITION_SCOPE, pageSize: 5 });
    timings[`q:${q}`] = performance.now() - t0;
    expect(r.degraded).toBe(false);
    expect(r.engine).toBe('meilisearch');
    expect(keys(r)[0]).toBe(top);
  });

  const talentCases: [string, string][] = [
    ['张伟', 'zhangwei'],
    ['王秀英', 'wangxiuying'],
    ['内蒙古师范大学', 'wangxiuying'],
    ['医务', 'lina'],
    ['高级社会工作师', 'wangxiuying'],
    ['蒙古语', 'liuyang'],
    ['应用心理学', 'zhoujie'],
    ['禁毒', 'sunli'],
    ['社区管理', 'zhaolei'],
    ['儿童发展', 'wumin'],
  ];
  it.each(talentCases)('talents (department of 15): %s → %s first', async (q, top) => {
    const r = await search.engine.searchTalents({ q, scope: dept('15'), pageSize: 5 });
    expect(r.degraded).toBe(false);
    expect(keys(r)[0]).toBe(top);
  });

  it('finds region names at every level', async () => {
    const huhhot = await search.engine.searchPositions({ q: '呼和浩特', scope: PUBLIC_POSITION_SCOPE, pageSize: 3 });
    expect(huhhot.hits.length).toBeGreaterThan(0);
    for (const h of huhhot.hits) expect(h.regionCity).toBe('1501');
    const street = await search.engine.searchPositions({ q: '海拉尔东路', scope: PUBLIC_POSITION_SCOPE, pageSize: 3 });
    expect(street.hits[0].regionTownship).toBe('150102001');
  });

  it('highlights the matched words, HTML-safe', async () => {
    const r = await search.engine.searchPositions({ q: '老人', scope: PUBLIC_POSITION_SCOPE, pageSize: 1 });
    expect(r.hits[0].highlights.description).toContain('<mark>老人</mark>');
    expect(r.hits[0].highlights.title).toBe('<mark>老年</mark>关怀社工');
  });
});

describe('synonyms and typos', () => {
  it('finds the same posts for every word of a synonym group', async () => {
    for (const group of [
      ['老人', '老年', '养老', '长者'],
      ['小孩', '儿童'],
      ['残疾', '残障'],
      ['戒毒', '禁毒'],
      ['蒙语', '蒙古语'],
    ]) {
      const tops = await Promise.all(group.map(async (q) => keys(await search.engine.searchPositions({ q, scope: PUBLIC_POSITION_SCOPE, pageSize: 1 }))[0]));
      expect(new Set(tops).size, group.join('/')).toBe(1);
    }
  });

  it('finds a post by a word its text does not contain (社工 ↔ 社会工作者)', async () => {
    // "社会工作者" appears in no post; every title says 社工.
    const r = await search.engine.searchPositions({ q: '社会工作者', scope: PUBLIC_POSITION_SCOPE, pageSize: 50 });
    expect(keys(r)).toEqual(expect.arrayContaining(['elderlyCare', 'medical', 'drugs']));
  });

  it('forgives one typo in a Latin word (Medicel → Medical Social Worker)', async () => {
    const r = await search.engine.searchPositions({ q: 'Medicel', scope: PUBLIC_POSITION_SCOPE, pageSize: 3 });
    expect(keys(r)[0]).toBe('english');
    const hosp = await search.engine.searchPositions({ q: 'Hospitel', scope: PUBLIC_POSITION_SCOPE, pageSize: 3 });
    expect(keys(hosp)[0]).toBe('english');
  });

  it('the SQL fallback expands synonyms too', async () => {
    const r = await search.sql.searchPositions({ q: '小孩', scope: PUBLIC_POSITION_SCOPE });
    expect(keys(r)).toContain('children');
    expect(r.degraded).toBe(true);
  });
});

const engines: [string, () => SearchEngine][] = [
  ['meilisearch', () => search.engine],
  ['sql fallback', () => search.sql],
];

describe.each(engines)('contract: %s', (name, engine) => {
  const degraded = name !== 'meilisearch';

  it('counts facets exactly as the database does', async () => {
    const r = await engine().searchPositions({ scope: PUBLIC_POSITION_SCOPE, pageSize: 1 });
    expect(r.degraded).toBe(degraded);
    const byKind = await database.db
      .selectFrom('positions')
      .select(['kind'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .groupBy('kind')
      .execute();
    expect(r.facets.kind).toEqual(Object.fromEntries(byKind.map((k) => [k.kind, Number(k.n)])));
    const byArea = await database.db
      .selectFrom('position_service_areas as a')
      .innerJoin('positions as p', 'p.id', 'a.position_id')
      .select('a.area')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.status', '=', 'open')
      .groupBy('a.area')
      .execute();
    expect(r.facets.serviceAreas).toEqual(Object.fromEntries(byArea.map((k) => [k.area, Number(k.n)])));
    const open = await database.db
      .selectFrom('positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(r.total).toBe(Number(open.n));
    expect(r.facets.status).toEqual({ open: Number(open.n) });
  });

  it('pages through every open post once, in a stable order', async () => {
    const seen: string[] = [];
    let total = 0;
    for (let page = 1; page <= 10; page++) {
      const r = await engine().searchPositions({ scope: PUBLIC_POSITION_SCOPE, page, pageSize: 7, facets: [] });
      total = r.total;
      expect(r.page).toBe(page);
      expect(r.pageSize).toBe(7);
      if (r.hits.length === 0) break;
      seen.push(...r.hits.map((h) => h.id));
    }
    const open = await database.db.selectFrom('positions').select('id').where('status', '=', 'open').execute();
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(open.map((o) => o.id)));
  });

  it('scope: a department never finds a talent outside its region, whatever it sends', async () => {
    const queries = ['', '陈静', '河北大学', '社工', '孙丽', '测试人员'];
    const filters = [{}, { regionCode: '13' }, { regionCode: '130102' }, { regionCode: '15' }, { visibility: ['department', 'employers'] as ('department' | 'employers')[] }];
    for (const q of queries) {
      for (const f of filters) {
        const r = await engine().searchTalents({ q, filters: f, scope: dept('1501'), pageSize: 100 });
        for (const h of r.hits) expect(h.regionCity, `${q} ${JSON.stringify(f)}`).toBe('1501');
        expect(keys(r)).not.toContain('chenjing');
        expect(keys(r)).not.toContain('noregion');
      }
    }
    const own = await engine().searchTalents({ q: '王秀英', scope: dept('1501'), pageSize: 5 });
    expect(keys(own)).toContain('wangxiuying');
  });

  it('scope: an employer never finds a department-only talent, nor searches or sees names', async () => {
    const queries = ['', '王秀英', '赵磊', '内蒙古师范大学', '社区管理', '社会工作'];
    const filters = [{}, { visibility: ['department'] as 'department'[] }, { visibility: ['employers', 'department'] as ('department' | 'employers')[] }, { regionCode: '150105' }];
    for (const q of queries) {
      for (const f of filters) {
        const r = await engine().searchTalents({ q, filters: f, scope: EMPLOYER, pageSize: 100 });
        for (const h of r.hits) {
          expect(h.visibility).toBe('employers');
          expect(h).not.toHaveProperty('name');
          expect(JSON.stringify(h.highlights)).not.toMatch(/王秀英|赵磊|张伟/);
        }
        expect(keys(r)).not.toContain('wangxiuying');
        expect(keys(r)).not.toContain('zhaolei');
        expect(r.facets).not.toHaveProperty('visibility');
      }
    }
    // 张伟 is open to employers, but not findable by name.
    expect((await engine().searchTalents({ q: '张伟', scope: EMPLOYER })).hits).toEqual([]);
  });

  it('neutralises filter-expression injection: bad values are 422s, query text is only text', async () => {
    const attempts: PositionQuery[] = [
      { scope: PUBLIC_POSITION_SCOPE, filters: { regionCode: '15 OR 1=1' } },
      { scope: PUBLIC_POSITION_SCOPE, filters: { kinds: ['community_worker" OR status = "draft'] } },
      { scope: PUBLIC_POSITION_SCOPE, filters: { statuses: ['open', 'draft" OR "1"="1' as 'open'] } },
    ];
    for (const q of attempts) await expect(engine().searchPositions(q)).rejects.toBeInstanceOf(AppError);
    const talentAttempt: TalentQuery = { scope: EMPLOYER, filters: { visibility: ['employers" OR visibility = "department' as 'employers'] } };
    await expect(engine().searchTalents(talentAttempt)).rejects.toMatchObject({ status: 422 });
    for (const q of ['status = draft OR 1=1', 'status = "draft"', '") OR ("1"="1', '草稿']) {
      const r = await engine().searchPositions({ q, scope: PUBLIC_POSITION_SCOPE, pageSize: 100 });
      for (const h of r.hits) expect(h.status).toBe('open');
      expect(keys(r)).not.toContain('draft');
    }
  });

  it('keeps posts past their closing date out of the public list', async () => {
    const all = await engine().searchPositions({ scope: PUBLIC_POSITION_SCOPE, pageSize: 100, facets: [] });
    const current = await engine().searchPositions({ scope: publicPositionScope('2026-06-01'), pageSize: 100, facets: [] });
    expect(keys(all)).toContain('expired');
    expect(keys(current)).not.toContain('expired');
    expect(current.total).toBe(all.total - 1);
    const onTheDay = await engine().searchPositions({ scope: publicPositionScope('2026-05-31'), pageSize: 100, facets: [] });
    expect(keys(onTheDay)).toContain('expired');
  });

  it('keeps drafts and closed posts out of the public scope, in results and in counts', async () => {
    const r = await engine().searchPositions({ q: '老年', scope: PUBLIC_POSITION_SCOPE, filters: { statuses: ['draft', 'closed', 'open'] }, pageSize: 100 });
    expect(keys(r)).not.toContain('draft');
    expect(r.facets.status).toEqual({ open: r.total });
    const employerOwn = await engine().searchPositions({ scope: { statuses: ['draft', 'open', 'closed'], employerId: fx.employers.xinchengCommunity }, pageSize: 100 });
    expect(keys(employerOwn)).toContain('draft');
    for (const h of employerOwn.hits) expect(h.employerId).toBe(fx.employers.xinchengCommunity);
  });
});

describe('contract: Meilisearch and the SQL fallback give the same answers', () => {
  const positionQueries: Omit<PositionQuery, 'scope'>[] = [
    {},
    { filters: { regionCode: '1501' } },
    { filters: { regionCode: '150105001' } },
    { filters: { kinds: ['community_worker'], serviceAreas: ['elderly', 'community'] } },
    { filters: { languages: ['mongolian'] } },
    { filters: { salaryAtLeast: 5000 }, sort: 'salary' },
    { filters: { educationAtMost: 'secondary' } },
    { filters: { qualificationAtMost: 'none' } },
    { filters: { openOn: '2026-06-01' }, sort: 'closingSoon' },
    { filters: { employmentTypes: ['PART_TIME'] } },
    { filters: { employerTypes: ['hospital', 'school'] }, sort: 'newest' },
    { q: '残障' },
    { q: '禁毒' },
    { q: '退役军人' },
    { q: '青少年' },
  ];
  it.each(positionQueries.map((q) => [JSON.stringify(q), q] as const))('positions %s', async (_, q) => {
    for (const scope of [PUBLIC_POSITION_SCOPE, publicPositionScope('2026-06-01'), { statuses: ['draft', 'open', 'closed'] as const, regionPrefix: '15' }]) {
      const a = await search.engine.searchPositions({ ...q, scope, pageSize: 100 });
      const b = await search.sql.searchPositions({ ...q, scope, pageSize: 100 });
      expect(a.degraded).toBe(false);
      expect(b.degraded).toBe(true);
      expect(b.total).toBe(a.total);
      expect(b.facets).toEqual(a.facets);
      if (q.q) expect(new Set(keys(b))).toEqual(new Set(keys(a)));
      else expect(keys(b)).toEqual(keys(a)); // same sort, same order
    }
  });

  const talentQueries: Omit<TalentQuery, 'scope'>[] = [
    {},
    { filters: { serviceAreas: ['children', 'family'] } },
    { filters: { qualificationAtLeast: 'assistant' }, sort: 'qualification' },
    { filters: { educationAtLeast: 'master' } },
    { filters: { ageBands: ['25-29', '30-34'] } },
    { filters: { availability: ['available', 'later'] } },
    { filters: { languages: ['mongolian'] } },
    { filters: { regionCode: '150102' } },
    { filters: { visibility: ['department'] } },
    { q: '禁毒' },
  ];
  it.each(talentQueries.map((q) => [JSON.stringify(q), q] as const))('talents %s', async (_, q) => {
    for (const scope of [dept('15'), dept(), EMPLOYER]) {
      const a = await search.engine.searchTalents({ ...q, scope, pageSize: 100, sort: q.sort ?? 'updated' });
      const b = await search.sql.searchTalents({ ...q, scope, pageSize: 100, sort: q.sort ?? 'updated' });
      expect(b.total).toBe(a.total);
      expect(b.facets).toEqual(a.facets);
      expect(keys(b)).toEqual(keys(a));
    }
  });
});

describe('privacy', () => {
  it('no indexed document of any kind holds an ID number, phone, birth date, certificate or address', async () => {
    const talents = await search.meili!.allDocuments<TalentDocument>('talent');
    const positions = await search.meili!.allDocuments<PositionDocument>('position');
    expect(talents.length).toBe(30);
    expect(positions.length).toBe(35);
    const rows = await database.db.selectFrom('talents').select(['id_number_enc', 'id_number_masked', 'id_number_hmac', 'phone', 'birth_date', 'certificate_number']).execute();
    const employers = await database.db.selectFrom('employers').select(['address', 'contact_phone', 'credit_code']).execute();
    const secrets = [
      ...rows.flatMap((r) => [r.id_number_enc!.replace('sealed:', ''), r.id_number_masked!, r.id_number_hmac!, r.phone!, r.birth_date!, r.certificate_number!]),
      ...employers.flatMap((e) => [e.address!, e.contact_phone, e.credit_code]),
    ];
    expect(secrets.length).toBeGreaterThan(150);
    const stored = JSON.stringify([...talents, ...positions]);
    for (const s of secrets) expect(stored.includes(s), s).toBe(false);
    // Nor anything that looks like one, whatever its field.
    expect(stored).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|\d{4}-\d{2}-\d{2}/);
    const fieldNames = new Set([...talents, ...positions].flatMap((d) => Object.keys(d)));
    for (const f of fieldNames) expect(f).not.toMatch(/phone|idNumber|birth|address|certificate|hmac/i);
  });

  it('a talent made department-only a moment ago is not shown to employers before the drain runs', async () => {
    const id = fx.talents.zhangwei;
    await database.atomic([database.db.updateTable('talents').set({ visibility: 'department' }).where('id', '=', id).compile(), enqueueSearch(database, 'talent', id, NOW)]);
    try {
      const r = await search.engine.searchTalents({ q: '内蒙古大学', scope: EMPLOYER, pageSize: 100 });
      expect(r.degraded).toBe(false);
      expect(r.hits.map((h) => h.id)).not.toContain(id);
    } finally {
      await database.atomic([database.db.updateTable('talents').set({ visibility: 'employers' }).where('id', '=', id).compile(), enqueueSearch(database, 'talent', id, NOW)]);
      await search.drain!.drainAll();
    }
  });

  it('a post closed a moment ago is not in the public list before the drain runs; a page of hits is checked in one statement', async () => {
    const id = fx.positions.elderlyCare;
    const before = await search.engine.searchPositions({ scope: PUBLIC_POSITION_SCOPE, pageSize: 100, facets: [] });
    expect(before.hits.map((h) => h.id)).toContain(id);
    expect(before.hits.length).toBeGreaterThan(1);
    await database.atomic([database.db.updateTable('positions').set({ status: 'closed' }).where('id', '=', id).compile(), enqueueSearch(database, 'position', id, NOW)]);
    try {
      const r = await search.engine.searchPositions({ scope: PUBLIC_POSITION_SCOPE, pageSize: 100, facets: [] });
      expect(r.degraded).toBe(false);
      // Only the closed post is dropped, and the total with it.
      expect(r.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id).filter((x) => x !== id));
      expect(r.total).toBe(before.total - 1);
    } finally {
      await database.atomic([database.db.updateTable('positions').set({ status: 'open' }).where('id', '=', id).compile(), enqueueSearch(database, 'position', id, NOW)]);
      await search.drain!.drainAll();
    }
  });
});

describe('degraded mode', () => {
  it('answers from SQL with degraded: true when Meilisearch refuses connections', async () => {
    const port = await freePort();
    const down = createSearch({ database, now: () => NOW, log: () => {}, meili: { host: `http://127.0.0.1:${port}`, indexPrefix: 'rel_' } });
    const t0 = performance.now();
    const r = await down.engine.searchPositions({ q: '老年', scope: PUBLIC_POSITION_SCOPE });
    timings.refusedFallbackMs = performance.now() - t0;
    expect(r.degraded).toBe(true);
    expect(r.engine).toBe('sql');
    expect(keys(r)[0]).toBe('elderlyCare');
    expect((await down.status()).degraded).toBe(true);
  });

  it('gives up on a Meilisearch that hangs within the search timeout', async () => {
    const sockets: import('node:net').Socket[] = [];
    const hang: Server = createServer((s) => sockets.push(s)); // accepts, never answers
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as { port: number }).port;
    try {
      const slow = createSearch({ database, now: () => NOW, log: () => {}, meili: { host: `http://127.0.0.1:${port}`, indexPrefix: 'rel_' }, searchTimeoutMs: 300 });
      const t0 = performance.now();
      const r = await slow.engine.searchTalents({ q: '社工', scope: dept('15') });
      const ms = performance.now() - t0;
      timings.hangFallbackMs = ms;
      expect(r.degraded).toBe(true);
      expect(ms).toBeLessThan(1500);
      // The next search does not wait for the timeout again.
      const t1 = performance.now();
      await slow.engine.searchTalents({ q: '社工', scope: dept('15') });
      expect(performance.now() - t1).toBeLessThan(250);
    } finally {
      for (const s of sockets) s.destroy();
      hang.close();
    }
  });
});
