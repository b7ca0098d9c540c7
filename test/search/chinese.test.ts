// Issue #12: search that understands how Chinese users type — each miss the issue lists, reproduced
// on fixed data, on a real Meilisearch and on the SQL fallback (the same analysis serves both); the
// index follows agreement changes through the outbox (via the API); a 4xx from Meilisearch is a bug
// to log, not an outage.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { createApp } from '../../src/app';
import { createAccount } from '../../src/auth/auth.service';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { enqueueSearch } from '../../src/lib/outbox';
import { nodeScrypt } from '../../src/node-deps';
import { analyzeQuery, buildLexicon } from '../../search/analysis';
import { createSearch, PUBLIC_POSITION_SCOPE, type SearchRuntime, type SearchEngine, type TalentScope } from '../../search/index';
import { MARK_CLOSE, MARK_OPEN } from '../../search/engine';
import { markText } from '../../search/sql-fallback';
import { addPosition, addTalent, NOW, seedFixtures, startTestMeili, type Fixtures, type TestMeili } from './fixtures';

let meili: TestMeili;
let fx: Fixtures;
let search: SearchRuntime;
let deps: AppDeps;
let close: () => void;
const logs: Record<string, unknown>[] = [];
const extra: Record<string, string> = {};

beforeAll(async () => {
  meili = await startTestMeili();
  const { sqlite, database } = openMemoryCopy();
  close = () => sqlite.close();
  fx = await seedFixtures(database);
  const employer = fx.employers.xinchengCommunity;
  // A post in 呼和浩特's 乌兰察布东路街道 (not in 乌兰察布) and one in 乌兰察布; an internship.
  extra.wulanchabuStreet = await addPosition(database, {
    employerId: employer,
    employerType: 'community',
    title: '街道综合服务岗',
    kind: 'community_worker',
    regionCode: '150105003',
    serviceAreas: ['community'],
    description: '负责街道日常事务。',
  });
  extra.wulanchabu = await addPosition(database, {
    employerId: fx.employers.horqinStation,
    employerType: 'station',
    title: '乡镇社工站社工',
    kind: 'station_worker',
    regionCode: '150902',
    serviceAreas: ['assistance'],
    description: '负责社会救助对象走访。',
  });
  extra.intern = await addPosition(database, {
    employerId: employer,
    employerType: 'community',
    title: '社区服务助理',
    kind: 'community_worker',
    regionCode: '150102001',
    serviceAreas: ['community'],
    description: '协助开展社区活动。',
    employmentType: 'INTERN',
  });
  // A talent in 通辽 who studied at 呼和浩特民族学院 with elderly care (school must not beat region).
  extra.tongliaoElderly = await addTalent(database, {
    name: '白雪',
    regionCode: '150502',
    school: '呼和浩特民族学院',
    major: '社会工作',
    serviceAreas: ['elderly'],
    qualification: 'assistant',
  });
  // A graduate of this year.
  extra.fresh = await addTalent(database, { name: '高明', regionCode: '150105', school: '内蒙古大学', major: '社会工作', serviceAreas: ['youth'] });
  await database.atomic([
    database.db.updateTable('talents').set({ graduation_year: 2026 }).where('id', '=', extra.fresh).compile(),
    enqueueSearch(database, 'talent', extra.fresh, NOW),
  ]);
  search = createSearch({ database, now: () => NOW, log: (e) => logs.push(e), meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'zh_' } });
  await search.start({ drainLoop: false });
  await search.drain!.drainAll();
  const dataKey = randomBytes(32).toString('base64');
  deps = {
    database,
    config: toConfig(parseEnv({ PASSWORD_SCRYPT_N: '1024' }), dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => NOW,
    clientAddress: () => '203.0.113.9',
    log: (e) => logs.push(e),
    search,
  };
});

afterAll(async () => {
  await search?.stop();
  await meili?.dispose();
  close?.();
});

const engines = (): [string, SearchEngine][] => [
  ['Meilisearch', search.meili!],
  ['SQL fallback', search.sql],
];
const DEPT: TalentScope = { regionPrefix: '15', visibleToEmployers: false };
const EMPLOYER: TalentScope = { visibleToEmployers: true };

describe.each(['Meilisearch', 'SQL fallback'])('%s', (name) => {
  const engine = () => engines().find(([n]) => n === name)![1];
  const positions = (q: string) => engine().searchPositions({ q, scope: PUBLIC_POSITION_SCOPE, pageSize: 50 });
  const talents = (q: string, scope = DEPT) => engine().searchTalents({ q, scope, pageSize: 50 });

  it('a place name is the place: 乌兰察布 finds posts in 乌兰察布, not 乌兰察布东路街道 in 呼和浩特', async () => {
    const r = await positions('乌兰察布');
    expect(r.hits.map((h) => h.id)).toEqual([extra.wulanchabu]);
    expect(r.total).toBe(1);
  });

  it('a word dropped from the end no longer brings other cities: 老年 呼和浩特 finds only 呼和浩特, not the 通辽 graduate of 呼和浩特民族学院', async () => {
    const r = await talents('老年 呼和浩特');
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.regionCity).toBe('1501');
    expect(r.hits.map((h) => h.id)).not.toContain(extra.tongliaoElderly);
    // …while the school name is still a school name.
    expect((await talents('呼和浩特民族学院')).hits.map((h) => h.id)).toContain(extra.tongliaoElderly);
  });

  it('filler words do not wipe out the words that match: 找养老方面的工作', async () => {
    const r = await positions('找养老方面的工作');
    expect(r.hits[0]?.id).toBe(fx.positions.elderlyCare);
  });

  it('traditional characters and pinyin: 醫務社工, yanglao, huhehaote laonian', async () => {
    expect((await positions('醫務社工')).hits[0]?.id).toBe(fx.positions.medical);
    expect((await positions('yanglao')).hits[0]?.id).toBe(fx.positions.elderlyCare);
    const r = await talents('huhehaote laonian');
    expect(r.hits.map((h) => h.id)).toContain(fx.talents.zhangwei);
    for (const h of r.hits) expect(h.regionCity).toBe('1501');
  });

  it('employment type is searchable: 实习 finds the internship', async () => {
    const r = await positions('实习');
    expect(r.hits.map((h) => h.id)).toEqual([extra.intern]);
  });

  it('qualification words mean what they say: 中级社工师 and 社会工作师 are 社会工作师 holders only', async () => {
    for (const q of ['中级社工师', '社会工作师', '中級社工師']) {
      const r = await talents(q);
      expect(r.hits.map((h) => h.id)).toContain(fx.talents.zhangwei);
      for (const h of r.hits) expect(h.qualification).toBe('intermediate');
    }
    const assistants = await talents('助理社工师');
    expect(assistants.hits.length).toBeGreaterThan(0);
    for (const h of assistants.hits) expect(h.qualification).toBe('assistant');
  });

  it("tags: 持证 finds only qualified talents, 应届毕业生 this year's graduate", async () => {
    const certified = await talents('持证 呼和浩特', EMPLOYER);
    expect(certified.hits.length).toBeGreaterThan(0);
    for (const h of certified.hits) {
      expect(h.qualification).not.toBe('none');
      expect(h.regionCity).toBe('1501');
    }
    expect((await talents('应届毕业生')).hits.map((h) => h.id)).toEqual([extra.fresh]);
  });

  it('distinct by employer: one post per employer', async () => {
    const all = await engine().searchPositions({ q: '社工', scope: PUBLIC_POSITION_SCOPE, pageSize: 100 });
    const distinct = await engine().searchPositions({ q: '社工', scope: PUBLIC_POSITION_SCOPE, pageSize: 100, distinctEmployer: true });
    const employers = distinct.hits.map((h) => h.employerId);
    expect(new Set(employers).size).toBe(employers.length);
    expect(new Set(employers)).toEqual(new Set(all.hits.map((h) => h.employerId)));
    expect(distinct.hits.length).toBeLessThan(all.hits.length);
  });

  it('abbreviations: 北师大 finds 北京师范大学, 内蒙古师大 finds 内蒙古师范大学', async () => {
    expect((await talents('北师大')).hits.map((h) => h.school)).toEqual(['北京师范大学']);
    const r = await talents('内蒙古师大');
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.school).toBe('内蒙古师范大学');
  });
});

describe('analysis', () => {
  const lex = buildLexicon([
    { code: '15', name: '内蒙古自治区', level: 1 },
    { code: '1501', name: '呼和浩特市', level: 2 },
    { code: '1502', name: '包头市', level: 2 },
    { code: '1509', name: '乌兰察布市', level: 2 },
    { code: '150102', name: '新城区', level: 3 },
    { code: '610102', name: '新城区', level: 3 },
    { code: '150702', name: '海拉尔区', level: 3 },
  ]);
  it('segments with the dictionary, converts traditional characters, resolves pinyin and drops filler', () => {
    expect(analyzeQuery('我想在包頭找个兒童方面的社工岗位', lex, { entity: 'position' })).toMatchObject({ regionCode: '1502', words: ['儿童', '社工'] });
    expect(analyzeQuery('huhehaote ertong', lex, { entity: 'position' })).toMatchObject({ regionCode: '1501', words: ['儿童'] });
    expect(analyzeQuery('hhht', lex, { entity: 'position' })).toMatchObject({ regionCode: '1501' });
  });
  it('leaves an ambiguous place as words unless the scope decides it, and street names alone', () => {
    expect(analyzeQuery('新城区', lex, { entity: 'position' })).toMatchObject({ regionCode: null, words: ['新城区'] });
    expect(analyzeQuery('新城区', lex, { entity: 'position', scopePrefix: '15' })).toMatchObject({ regionCode: '150102' });
    expect(analyzeQuery('海拉尔东路', lex, { entity: 'position' }).regionCode).toBeNull();
  });
  it('merges adjacent marks in highlights (呼和浩特 is one mark)', () => {
    expect(markText('呼和浩特市', [['呼'], ['和'], ['浩特']])).toBe(`${MARK_OPEN}呼和浩特${MARK_CLOSE}市`);
  });
});

describe('the index follows agreements through the outbox (API)', () => {
  it('定向培养 appears when a department records an agreement and goes when it is waived', async () => {
    const app = createApp(deps);
    const email = `zh.dept.${Date.now()}@example.cn`;
    await createAccount(deps, { email, password: 'correct horse battery', displayName: '部门', role: 'department', regionCode: '15' });
    const signIn = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const directed = async () => {
      await search.drain!.drainAll();
      const res = await app.request('/api/v1/search/talents?q=' + encodeURIComponent('定向培养'), { headers: auth });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string }[]; degraded: boolean };
      expect(body.degraded).toBe(false);
      return body.items.map((h) => h.id);
    };
    expect(await directed()).not.toContain(fx.talents.zhangwei);
    const created = await app.request('/api/v1/agreements', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        talentId: fx.talents.zhangwei,
        targetRegionCode: '1501',
        institution: '内蒙古大学',
        enrolmentYear: 2021,
        graduationYear: 2025,
        serviceYears: 5,
        signedOn: '2021-08-20',
        status: 'in_training',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await directed()).toEqual([fx.talents.zhangwei]);
    const waived = await app.request(`/api/v1/agreements/${id}/status`, { method: 'POST', headers: auth, body: JSON.stringify({ status: 'waived', note: '本人申请，部门同意' }) });
    expect(waived.status).toBe(200);
    expect(await directed()).toEqual([]);
  });
});

describe('a 4xx from Meilisearch is a bug, not an outage', () => {
  it('an empty (missing) talents index answers from SQL for that request and keeps asking Meilisearch', async () => {
    const broken = createSearch({
      database: deps.database,
      now: () => NOW,
      log: (e) => logs.push(e),
      meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'missing_' },
    });
    const r = await broken.engine.searchTalents({ q: '老年', scope: DEPT });
    expect(r.degraded).toBe(true);
    expect(logs.some((e) => e.level === 'error' && String(e.msg).includes('a bug, not an outage'))).toBe(true);
    // No breaker: Meilisearch is asked again at once (and answers once the index exists).
    expect(broken.engine.degraded).toBe(false);
    await broken.meili!.ensureIndexes();
    const again = await broken.engine.searchTalents({ q: '老年', scope: DEPT });
    expect(again.degraded).toBe(false);
    await broken.meili!.dropIndex(broken.meili!.uids.talent);
    await broken.meili!.dropIndex(broken.meili!.uids.position);
  });
});
