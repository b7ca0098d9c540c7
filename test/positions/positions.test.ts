import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makePosition, positionBody } from '../helpers/builders';
import { unchanged, checkMatrix, expect_, makeWorld } from '../helpers/world';
import { openPositionsQueries } from '../../src/positions/positions.repository';
import { OpenPositionsQuery } from '../../src/positions/positions.schemas';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type PositionJson = Record<string, unknown> & { id: string; status: string; publishedAt: string | null };
type PageJson = { items: PositionJson[]; total: number; page: number; pageSize: number };
const json = async (res: Response) => (await res.json()) as PositionJson;
const page = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.json()) as PageJson;
};
const DAY = 86_400_000;

async function outboxCount(id: string): Promise<number> {
  const rows = await t.deps.database.db.selectFrom('search_outbox').select('seq').where('entity', '=', 'position').where('entity_id', '=', id).execute();
  return rows.length;
}
async function serviceAreas(id: string): Promise<string[]> {
  const rows = await t.deps.database.db.selectFrom('position_service_areas').select('area').where('position_id', '=', id).orderBy('area').execute();
  return rows.map((r) => r.area);
}

describe('positions', () => {
  it('a verified employer drafts, publishes, edits, closes and reopens a position', async () => {
    const { client, employerId } = await makeEmployer(t);
    const anon = new Client(t);
    const created = await client.post('/api/v1/positions', positionBody());
    expect(created.status).toBe(201);
    const draft = await json(created);
    expect(draft).toMatchObject({
      status: 'draft',
      title: '社区工作者（养老服务方向）',
      kind: 'station_worker',
      regionCode: '150102001',
      regionName: '内蒙古自治区呼和浩特市新城区海拉尔东路街道',
      employerId,
      employerName: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
      employerType: 'station',
      seats: 3,
      reservedSeats: 1,
      requirements: { minEducation: 'bachelor', minQualification: 'assistant', serviceAreas: ['elderly', 'community'], languages: ['mandarin'] },
      salary: { min: 3500, max: 5000 },
      employmentType: 'FULL_TIME',
      opensOn: '2026-06-01',
      closesOn: '2026-07-31',
      publishedAt: null,
      acceptingApplications: false,
    });
    const id = draft.id;
    expect(await serviceAreas(id)).toEqual(['community', 'elderly']);
    expect(await outboxCount(id)).toBe(1);
    await expectProblem(await anon.get(`/api/v1/positions/${id}`), 404);
    expect((await page(await anon.get('/api/v1/positions'))).total).toBe(0);

    const opened = await json(await client.post(`/api/v1/positions/${id}/publish`));
    expect(opened).toMatchObject({ status: 'open', publishedAt: new Date(t.clock.now).toISOString(), acceptingApplications: true });
    expect(await outboxCount(id)).toBe(2);
    const list = await page(await anon.get('/api/v1/positions'));
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.items[0]).toEqual({
      id,
      status: 'open',
      title: '社区工作者（养老服务方向）',
      kind: 'station_worker',
      regionCode: '150102001',
      regionName: '内蒙古自治区呼和浩特市新城区海拉尔东路街道',
      employerId,
      employerName: '呼和浩特市新城区海拉尔东路街道社会工作服务站',
      employerType: 'station',
      seats: 3,
      reservedSeats: 1,
      salary: { min: 3500, max: 5000 },
      employmentType: 'FULL_TIME',
      opensOn: '2026-06-01',
      closesOn: '2026-07-31',
      publishedAt: opened.publishedAt,
    });
    expect(await json(await anon.get(`/api/v1/positions/${id}`))).toMatchObject({ id, status: 'open', description: positionBody().description });

    t.clock.now += 1000;
    const edited = await client.patch(`/api/v1/positions/${id}`, {
      title: '社区工作者（儿童服务方向）',
      requirements: { serviceAreas: ['children', 'family', 'school'], languages: ['mandarin', 'mongolian'] },
      salary: null,
    });
    expect(edited.status).toBe(200);
    expect(await json(edited)).toMatchObject({
      status: 'open',
      title: '社区工作者（儿童服务方向）',
      requirements: { minEducation: null, minQualification: 'none', serviceAreas: ['children', 'family', 'school'], languages: ['mandarin', 'mongolian'] },
      salary: null,
      seats: 3,
      publishedAt: opened.publishedAt,
    });
    expect(await serviceAreas(id)).toEqual(['children', 'family', 'school']);
    expect(await outboxCount(id)).toBe(3);

    const closed = await json(await client.post(`/api/v1/positions/${id}/close`));
    expect(closed).toMatchObject({ status: 'closed', acceptingApplications: false });
    expect(await outboxCount(id)).toBe(4);
    expect((await page(await anon.get('/api/v1/positions'))).total).toBe(0);
    await expectProblem(await anon.get(`/api/v1/positions/${id}`), 404);
    expect(await json(await client.get(`/api/v1/positions/${id}`))).toMatchObject({ status: 'closed' });

    const reopened = await json(await client.post(`/api/v1/positions/${id}/publish`));
    expect(reopened).toMatchObject({ status: 'open', publishedAt: opened.publishedAt });
    expect(await outboxCount(id)).toBe(5);
  });

  it('lists the own positions of an employer in every status', async () => {
    const a = await makeEmployer(t);
    const b = await makeEmployer(t);
    const open = await makePosition(a.client);
    const draft = await makePosition(a.client, {}, { open: false });
    const closed = await makePosition(a.client);
    await a.client.post(`/api/v1/positions/${closed}/close`);
    const others = await makePosition(b.client);
    const mine = await page(await a.client.get('/api/v1/employers/me/positions'));
    expect(mine.total).toBe(3);
    expect(mine.items.map((i) => i.id).sort()).toEqual([open, draft, closed].sort());
    expect((await page(await a.client.get('/api/v1/employers/me/positions?status=draft'))).items.map((i) => i.id)).toEqual([draft]);
    expect((await page(await b.client.get('/api/v1/employers/me/positions'))).items.map((i) => i.id)).toEqual([others]);
    const two = await page(await a.client.get('/api/v1/employers/me/positions?pageSize=2&page=2'));
    expect(two).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(two.items).toHaveLength(1);
    const none = await signedIn(t, 'employer');
    expect(await page(await none.get('/api/v1/employers/me/positions'))).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('an unverified employer may prepare drafts but not publish them; without an organisation nothing', async () => {
    for (const status of ['pending', 'rejected'] as const) {
      const { client } = await makeEmployer(t, { status });
      const id = await makePosition(client, {}, { open: false });
      await unchanged(t, async () => {
        const problem = await expectProblem(await client.post(`/api/v1/positions/${id}/publish`), 403);
        expect(problem.detail).toMatch(/verified/);
      });
    }
    const bare = await signedIn(t, 'employer');
    await unchanged(t, async () => {
      const problem = await expectProblem(await bare.post('/api/v1/positions', positionBody()), 409);
      expect(problem.detail).toMatch(/[Rr]egister your organisation/);
    });
  });

  it('opens, closes and reopens only from the right states', async () => {
    const { client } = await makeEmployer(t);
    const open = await makePosition(client);
    const draft = await makePosition(client, {}, { open: false });
    const lastDay = await makePosition(client, { closesOn: '2026-06-01' }, { open: false });
    await unchanged(t, async () => {
      expect((await expectProblem(await client.post(`/api/v1/positions/${open}/publish`), 409)).code).toBe('invalid_state');
      expect((await expectProblem(await client.post(`/api/v1/positions/${draft}/close`), 409)).code).toBe('invalid_state');
    });
    await client.post(`/api/v1/positions/${open}/close`);
    await unchanged(t, async () => {
      expect((await expectProblem(await client.post(`/api/v1/positions/${open}/close`), 409)).code).toBe('invalid_state');
    });
    // The closing day has passed (China time): it cannot be opened until the date moves.
    t.clock.now += DAY;
    await unchanged(t, async () => {
      expect((await expectProblem(await client.post(`/api/v1/positions/${lastDay}/publish`), 409)).code).toBe('invalid_state');
    });
    expect((await client.patch(`/api/v1/positions/${lastDay}`, { closesOn: '2026-06-30' })).status).toBe(200);
    expect((await client.post(`/api/v1/positions/${lastDay}/publish`)).status).toBe(200);
  });

  it('places a position within the employer’s region subtree, down to township', async () => {
    const { client } = await makeEmployer(t, { regionCode: '150102' });
    expect((await client.post('/api/v1/positions', positionBody({ regionCode: '150102' }))).status).toBe(201);
    expect((await client.post('/api/v1/positions', positionBody({ regionCode: '150102002' }))).status).toBe(201);
    await unchanged(t, async () => {
      await expectProblem(await client.post('/api/v1/positions', positionBody({ regionCode: '1501' })), 422, 'regionCode');
      await expectProblem(await client.post('/api/v1/positions', positionBody({ regionCode: '150103' })), 422, 'regionCode');
      await expectProblem(await client.post('/api/v1/positions', positionBody({ regionCode: '150102999' })), 422, 'regionCode');
    });
  });

  it('shows whether a published position takes applications today', async () => {
    const { client } = await makeEmployer(t);
    const id = await makePosition(client, { opensOn: '2026-06-10', closesOn: '2026-06-20' });
    const anon = new Client(t);
    expect(await json(await anon.get(`/api/v1/positions/${id}`))).toMatchObject({ status: 'open', acceptingApplications: false });
    // 2026-06-10 00:30 in China is still 2026-06-09 in UTC.
    t.clock.now = Date.parse('2026-06-09T16:30:00Z');
    expect(await json(await anon.get(`/api/v1/positions/${id}`))).toMatchObject({ acceptingApplications: true });
    t.clock.now = Date.parse('2026-06-20T15:59:00Z');
    expect((await page(await anon.get('/api/v1/positions'))).total).toBe(1);
    t.clock.now = Date.parse('2026-06-20T16:01:00Z');
    expect(await json(await anon.get(`/api/v1/positions/${id}`))).toMatchObject({ status: 'open', acceptingApplications: false });
    expect((await page(await anon.get('/api/v1/positions'))).total).toBe(0);
  });
});

describe('the public list', () => {
  async function setup() {
    const station = await makeEmployer(t, { regionCode: '150102', type: 'station' });
    const school = await makeEmployer(t, { regionCode: '1501', type: 'school' });
    const baotou = await makeEmployer(t, { regionCode: '1502', type: 'agency' });
    const ids: Record<string, string> = {};
    const add = async (name: string, client: Client, body: Record<string, unknown>, open = true) => {
      t.clock.now += 60_000; // publication order
      ids[name] = await makePosition(client, body, { open });
    };
    await add('township', station.client, { regionCode: '150102001', kind: 'station_worker', requirements: { serviceAreas: ['elderly'] } });
    await add('county', station.client, { regionCode: '150102', kind: 'community_worker', requirements: { serviceAreas: ['community', 'elderly'] } });
    await add('school', school.client, { regionCode: '150105', kind: 'school_worker', requirements: { serviceAreas: ['school', 'youth'] } });
    await add('baotou', baotou.client, { regionCode: '150202', kind: 'agency_worker', requirements: { serviceAreas: ['elderly', 'disability'] } });
    await add('draft', station.client, { regionCode: '150102001' }, false);
    await add('closed', station.client, { regionCode: '150102001' });
    await station.client.post(`/api/v1/positions/${ids.closed}/close`);
    await add('lastDay', school.client, { regionCode: '1501', closesOn: '2026-06-01', requirements: { serviceAreas: ['elderly'] } });
    return ids;
  }
  const ids = async (q: string) => (await page(await new Client(t).get(`/api/v1/positions${q}`))).items.map((i) => i.id);

  it('holds open positions not past their closing date, newest first, with filters and a total', async () => {
    const p = await setup();
    expect(await ids('')).toEqual([p.lastDay, p.baotou, p.school, p.county, p.township]);
    expect(await ids('?regionCode=15')).toEqual([p.lastDay, p.baotou, p.school, p.county, p.township]);
    expect(await ids('?regionCode=1501')).toEqual([p.lastDay, p.school, p.county, p.township]);
    expect(await ids('?regionCode=150102')).toEqual([p.county, p.township]);
    expect(await ids('?regionCode=150102001')).toEqual([p.township]);
    expect(await ids('?regionCode=1502')).toEqual([p.baotou]);
    expect(await ids('?regionCode=13')).toEqual([]);
    expect(await ids('?kind=school_worker')).toEqual([p.school]);
    expect(await ids('?serviceArea=elderly')).toEqual([p.lastDay, p.baotou, p.county, p.township]);
    expect(await ids('?serviceArea=elderly&regionCode=1501&kind=station_worker')).toEqual([p.lastDay, p.township]);
    expect(await ids('?employerType=school')).toEqual([p.lastDay, p.school]);
    expect(await ids('?employerType=station&serviceArea=community')).toEqual([p.county]);
    const second = await page(await new Client(t).get('/api/v1/positions?pageSize=2&page=2'));
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((i) => i.id)).toEqual([p.school, p.county]);
    const filteredPage = await page(await new Client(t).get('/api/v1/positions?serviceArea=elderly&pageSize=3&page=2'));
    expect(filteredPage).toMatchObject({ total: 4 });
    expect(filteredPage.items.map((i) => i.id)).toEqual([p.township]);
    // The next day (China time) the position that closed today has gone.
    t.clock.now = Date.parse('2026-06-01T16:00:00Z');
    expect(await ids('')).toEqual([p.baotou, p.school, p.county, p.township]);
  });

  it('refuses bad filters with 422 naming the parameter', async () => {
    const anon = new Client(t);
    await expectProblem(await anon.get('/api/v1/positions?regionCode=abc'), 422, 'regionCode');
    await expectProblem(await anon.get('/api/v1/positions?kind=nurse'), 422, 'kind');
    await expectProblem(await anon.get('/api/v1/positions?serviceArea=x'), 422, 'serviceArea');
    await expectProblem(await anon.get('/api/v1/positions?employerType=x'), 422, 'employerType');
    await expectProblem(await anon.get('/api/v1/positions?page=0'), 422, 'page');
    await expectProblem(await anon.get('/api/v1/positions?pageSize=101'), 422, 'pageSize');
  });

  it('walks indexes only: no table scan, no LIKE, no sort of all matches for a province, city or county', async () => {
    await setup();
    // [filters, index the page must walk, whether it may sort (townships: few rows, region range)]
    const cases: [Record<string, string>, RegExp, boolean][] = [
      [{}, /positions_open_recent/, false],
      [{ regionCode: '15' }, /positions_open_recent/, false],
      [{ regionCode: '1501' }, /positions_open_city/, false],
      [{ regionCode: '1501', serviceArea: 'elderly' }, /positions_open_city/, false],
      [{ regionCode: '1501', kind: 'station_worker', serviceArea: 'elderly' }, /positions_open_city/, false],
      [{ regionCode: '150102', kind: 'station_worker' }, /positions_open_county/, false],
      [{ regionCode: '150102', serviceArea: 'community', employerType: 'station' }, /positions_open_county/, false],
      [{ serviceArea: 'elderly' }, /positions_open_recent/, false],
      [{ regionCode: '15', serviceArea: 'elderly', employerType: 'station', kind: 'station_worker' }, /positions_open_recent/, false],
      [{ regionCode: '150102001', serviceArea: 'elderly' }, /positions_open_list/, true],
    ];
    for (const [f, index, maySort] of cases) {
      const q = openPositionsQueries(t.deps.database, OpenPositionsQuery.parse({ ...f, page: '2' }), '2026-06-01');
      for (const [name, built] of [
        ['count', q.count],
        ['page', q.page],
      ] as const) {
        const compiled = built.compile();
        expect(compiled.sql).not.toMatch(/\blike\b/i);
        // The service area is a bit test on the row's mask, never a join of the side table.
        expect(compiled.sql).not.toMatch(/position_service_areas/);
        const plan = await t.deps.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
        const details = plan.rows.map((r) => r.detail);
        const what = `${name} ${JSON.stringify(f)}: ${details.join(' | ')}`;
        // A SCAN of a table (not of the 20-row page subquery `pg`) would read every position.
        const scans = details.filter((d) => /^SCAN (?!pg\b)/.test(d) && !/USING (COVERING )?INDEX/.test(d));
        expect(scans, what).toEqual([]);
        // The filters are answered from the index alone (covering), then rows are fetched by rowid.
        expect(
          details.find((d) => /^SEARCH p USING .*INDEX positions_/.test(d)),
          what,
        ).toMatch(/COVERING INDEX/);
        if (name === 'page') {
          expect(details.join(' | '), what).toMatch(index);
          // Only the rowid tie-break may be sorted (`USE TEMP B-TREE FOR LAST TERM OF ORDER BY`: rows
          // of equal published_at), never all matches (`USE TEMP B-TREE FOR ORDER BY`).
          if (!maySort) expect(details.join(' | '), what).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
        }
      }
    }
  });

  it('keeps the derived list columns in step with region and service areas on every write', async () => {
    const p = await setup();
    const { client } = await makeEmployer(t, { regionCode: '1501', type: 'school' });
    const id = await makePosition(client, { regionCode: '150105', requirements: { serviceAreas: ['youth'] } });
    expect(await ids('?regionCode=150105&serviceArea=youth')).toEqual([id, p.school]);
    expect((await client.patch(`/api/v1/positions/${id}`, { regionCode: '150102001', requirements: { serviceAreas: ['veterans', 'children'] } })).status).toBe(200);
    expect(await ids('?regionCode=150105')).toEqual([p.school]);
    expect(await ids('?regionCode=150105&serviceArea=youth')).toEqual([p.school]);
    expect(await ids('?regionCode=150102&serviceArea=veterans')).toEqual([id]);
    expect(await ids('?regionCode=1501&serviceArea=children')).toEqual([id]);
    expect(await ids('?regionCode=150102001')).toEqual([id, p.township]);
    // The columns as stored, against what the migration's backfill would compute from the row.
    const row = await t.deps.database.db
      .selectFrom('positions')
      .select([sql<string>`city_code`.as('city'), sql<string>`county_code`.as('county'), sql<number>`service_area_mask`.as('mask')])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ city: '1501', county: '150102', mask: 2 ** 0 + 2 ** 12 });
  });

  it('gives the right total right after each write (the cached total is invalidated)', async () => {
    const p = await setup();
    const total = async (q: string) => (await page(await new Client(t).get(`/api/v1/positions${q}`))).total;
    const filters = ['', '?regionCode=1501', '?regionCode=150102', '?serviceArea=elderly', '?regionCode=15&kind=station_worker'];
    const before = await Promise.all(filters.map(total));
    expect(before).toEqual([5, 4, 2, 4, 2]);
    expect(await Promise.all(filters.map(total))).toEqual(before); // now served from the cache
    const { client } = await makeEmployer(t, { regionCode: '150102', type: 'station' });
    const id = await makePosition(client, { regionCode: '150102001', kind: 'station_worker', requirements: { serviceAreas: ['elderly'] } });
    expect(await Promise.all(filters.map(total))).toEqual([6, 5, 3, 5, 3]);
    expect((await client.patch(`/api/v1/positions/${id}`, { requirements: { serviceAreas: ['youth'] } })).status).toBe(200);
    expect(await Promise.all(filters.map(total))).toEqual([6, 5, 3, 4, 3]);
    expect((await client.post(`/api/v1/positions/${id}/close`)).status).toBe(200);
    expect(await Promise.all(filters.map(total))).toEqual([5, 4, 2, 4, 2]);
    expect((await client.post(`/api/v1/positions/${id}/publish`)).status).toBe(200);
    expect(await Promise.all(filters.map(total))).toEqual([6, 5, 3, 4, 3]);
    expect(await ids('?regionCode=150102')).toEqual([id, p.county, p.township]);
  });
});

describe('authorization matrix', () => {
  it('POST /positions', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 201, otherEmployer: 201, unverifiedEmployer: 201 }),
      async () => positionBody(),
      (c, body) => c.post('/api/v1/positions', body),
    );
  });

  it('GET /positions and GET /positions/{id} of an open, a draft and a closed position', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(200),
      async () => null,
      (c) => c.get('/api/v1/positions?regionCode=15'),
    );
    await checkMatrix(
      w,
      expect_(200),
      () => makePosition(w.owner.client),
      (c, id) => c.get(`/api/v1/positions/${id}`),
    );
    const insiders = expect_(404, { owner: 200, dept15: 200, dept1501: 200, admin: 200 });
    await checkMatrix(
      w,
      insiders,
      () => makePosition(w.owner.client, {}, { open: false }),
      (c, id) => c.get(`/api/v1/positions/${id}`),
    );
    const closed = async () => {
      const id = await makePosition(w.owner.client);
      await w.owner.client.post(`/api/v1/positions/${id}/close`);
      return id;
    };
    await checkMatrix(w, insiders, closed, (c, id) => c.get(`/api/v1/positions/${id}`));
  });

  it('PATCH /positions/{id}, publish and close', async () => {
    const w = await makeWorld(t);
    const draft = () => makePosition(w.owner.client, {}, { open: false });
    const open = () => makePosition(w.owner.client);
    const onDraft = expect_(403, { anonymous: 401, owner: 200, otherEmployer: 404, unverifiedEmployer: 404 });
    const onOpen = expect_(403, { anonymous: 401, owner: 200 });
    await checkMatrix(w, onDraft, draft, (c, id) => c.patch(`/api/v1/positions/${id}`, { seats: 5 }));
    await checkMatrix(w, onOpen, open, (c, id) => c.patch(`/api/v1/positions/${id}`, { seats: 5 }));
    await checkMatrix(w, onDraft, draft, (c, id) => c.post(`/api/v1/positions/${id}/publish`));
    await checkMatrix(w, onOpen, open, (c, id) => c.post(`/api/v1/positions/${id}/close`));
    await checkMatrix(
      w,
      expect_(404, { anonymous: 401, graduate: 403, otherGraduate: 403, dept15: 403, dept1501: 403, dept1502: 403, dept13: 403, admin: 403 }),
      async () => 'nosuchposition0',
      (c, id) => c.patch(`/api/v1/positions/${id}`, { seats: 5 }),
    );
  });

  it('GET /employers/me/positions', async () => {
    const w = await makeWorld(t);
    const mine = await makePosition(w.owner.client, {}, { open: false });
    const seen: Record<string, number> = {};
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 200, otherEmployer: 200, unverifiedEmployer: 200 }),
      async () => null,
      async (c, _t, actor) => {
        const res = await c.get('/api/v1/employers/me/positions');
        if (res.status === 200) seen[actor] = ((await res.clone().json()) as PageJson).items.filter((i) => i.id === mine).length;
        return res;
      },
    );
    expect(seen).toEqual({ owner: 1, otherEmployer: 0, unverifiedEmployer: 0 });
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, Record<string, unknown> | string, number, string?][] = [
    ['malformed JSON', '{"title": ', 400],
    ['not an object', '"title"', 422],
    ['title of the wrong type', { title: ['a'] }, 422, 'title'],
    ['empty title', { title: '' }, 422, 'title'],
    ['oversize title', { title: '岗'.repeat(101) }, 422, 'title'],
    ['oversize description', { description: '述'.repeat(5001) }, 422, 'description'],
    ['unknown kind', { kind: 'nurse' }, 422, 'kind'],
    ['unknown region', { regionCode: '150102998' }, 422, 'regionCode'],
    ['malformed region', { regionCode: '1501020' }, 422, 'regionCode'],
    ['seats as a string', { seats: '3' }, 422, 'seats'],
    ['no seats', { seats: 0 }, 422, 'seats'],
    ['too many seats', { seats: 1001 }, 422, 'seats'],
    ['fractional seats', { seats: 2.5 }, 422, 'seats'],
    ['reserved seats above seats', { seats: 3, reservedSeats: 4 }, 422, 'reservedSeats'],
    ['negative reserved seats', { reservedSeats: -1 }, 422, 'reservedSeats'],
    ['salary min above max', { salary: { min: 6000, max: 5000 } }, 422, 'salary.max'],
    ['negative salary', { salary: { min: -1, max: 5000 } }, 422, 'salary.min'],
    ['salary of the wrong type', { salary: { min: '3000', max: 5000 } }, 422, 'salary.min'],
    ['unknown service area', { requirements: { serviceAreas: ['elderly', 'cooking'] } }, 422, 'requirements.serviceAreas.1'],
    ['a service area twice', { requirements: { serviceAreas: ['elderly', 'elderly'] } }, 422, 'requirements.serviceAreas.1'],
    ['unknown language', { requirements: { languages: ['klingon'] } }, 422, 'requirements.languages.0'],
    ['unknown education', { requirements: { minEducation: 'kindergarten' } }, 422, 'requirements.minEducation'],
    ['unknown employment type', { employmentType: 'VOLUNTEER' }, 422, 'employmentType'],
    ['closesOn before opensOn', { opensOn: '2026-07-01', closesOn: '2026-06-30' }, 422, 'closesOn'],
    ['not a date', { opensOn: '2026-13-01' }, 422, 'opensOn'],
    ['an impossible date', { closesOn: '2026-02-30' }, 422, 'closesOn'],
    ['closesOn in the past', { opensOn: '2026-05-01', closesOn: '2026-05-31' }, 422, 'closesOn'],
  ];

  it('POST /positions', async () => {
    const { client } = await makeEmployer(t);
    await unchanged(t, async () => {
      for (const [what, patch, status, field] of cases) {
        const res = await client.post('/api/v1/positions', typeof patch === 'string' ? patch : positionBody(patch));
        const problem = await expectProblem(res, status, field);
        expect(problem.detail, what).toBeTruthy();
      }
      for (const field of ['title', 'kind', 'regionCode', 'seats', 'description', 'opensOn', 'closesOn']) {
        const body: Record<string, unknown> = positionBody();
        delete body[field];
        await expectProblem(await client.post('/api/v1/positions', body), 422, field);
      }
      await expectProblem(await client.post('/api/v1/positions', positionBody({ description: 'x'.repeat(300_000) })), 413);
    });
  });

  it('PATCH /positions/{id}, checked together with what is stored', async () => {
    const { client } = await makeEmployer(t);
    const id = await makePosition(client);
    await unchanged(t, async () => {
      for (const [, patch, status, field] of cases) {
        await expectProblem(await client.patch(`/api/v1/positions/${id}`, patch), status, field);
      }
      // Stored: seats 3, opensOn 2026-06-01, closesOn 2026-07-31.
      await expectProblem(await client.patch(`/api/v1/positions/${id}`, { reservedSeats: 4 }), 422, 'reservedSeats');
      await expectProblem(await client.patch(`/api/v1/positions/${id}`, { seats: 0 }), 422, 'seats');
      await expectProblem(await client.patch(`/api/v1/positions/${id}`, { opensOn: '2026-08-01' }), 422, 'closesOn');
      await expectProblem(await client.patch(`/api/v1/positions/${id}`, { title: null }), 422, 'title');
    });
  });
});
