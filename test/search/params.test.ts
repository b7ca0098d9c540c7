// The HTTP parameter schemas behind a route built the way the features build theirs: bad input
// (unknown fields, filter-expression injection, oversize queries, negative pages) is a 4xx
// problem+json naming the field; good input reaches the engine as typed filters.
import { createRoute } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { AppError, problemResponse } from '../../src/lib/errors';
import { createRouter, errorResponses, jsonContent } from '../../src/lib/openapi';
import type { SessionUser } from '../../src/lib/context';
import { SqlSearchEngine } from '../../search/sql-fallback';
import {
  PositionSearchParams,
  PositionSearchResult,
  TalentSearchParams,
  TalentSearchResult,
  administeredPositionScope,
  publicPositionScope,
  talentScopeFor,
  toListBody,
  toPositionQuery,
  toTalentQuery,
} from '../../src/search-api';
import { NOW, seedFixtures } from './fixtures';

let close: () => void;
let app: ReturnType<typeof createRouter>;

beforeAll(async () => {
  const { sqlite, database } = openMemoryCopy();
  close = () => sqlite.close();
  await seedFixtures(database);
  const engine = new SqlSearchEngine({ database, now: () => NOW });
  app = createRouter();
  // A signed-in caller: validation answers anonymous callers of non-public routes with 401 first.
  app.use('*', async (c, next) => {
    c.set('user', { id: 'u1', email: 'd@example.cn', role: 'department', display_name: 'd', region_code: '15' });
    await next();
  });
  app.openapi(
    createRoute({ method: 'get', path: '/positions', request: { query: PositionSearchParams }, responses: { 200: jsonContent(PositionSearchResult, 'Posts'), ...errorResponses } }),
    async (c) => c.json(toListBody(await engine.searchPositions(toPositionQuery(c.req.valid('query'), publicPositionScope()))), 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/talents', request: { query: TalentSearchParams }, responses: { 200: jsonContent(TalentSearchResult, 'Talents'), ...errorResponses } }),
    async (c) => c.json(toListBody(await engine.searchTalents(toTalentQuery(c.req.valid('query'), { visibleToEmployers: true }))), 200),
  );
  app.onError((err) => (err instanceof AppError ? problemResponse(err) : new Response(String(err), { status: 500 })));
});
afterAll(() => close?.());

type Body = { total: number; degraded: boolean; items: { kind: string }[] };
const json = async (path: string) => (await (await app.request(path)).json()) as Body;

async function problem(path: string, status: number, field: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { errors?: { path: string }[] };
  expect(
    body.errors?.map((e) => e.path),
    path,
  ).toContain(field);
}

describe('search parameters', () => {
  it('refuses filter-expression injection in any parameter', async () => {
    await problem(`/positions?regionCode=${encodeURIComponent('15 OR 1=1')}`, 422, 'regionCode');
    await problem(`/positions?kind=${encodeURIComponent('community_worker OR status = draft')}`, 422, 'kind');
    await problem(`/positions?status=${encodeURIComponent('open" OR status = "draft')}`, 422, 'status');
    await problem(`/positions?salaryAtLeast=${encodeURIComponent('0 OR 1=1')}`, 422, 'salaryAtLeast');
    await problem(`/positions?openOn=${encodeURIComponent('2026-06-01 OR 1=1')}`, 422, 'openOn');
    await problem(`/talents?visibility=${encodeURIComponent('employers OR visibility = department')}`, 422, 'visibility');
    await problem(`/talents?ageBand=${encodeURIComponent('25-29" OR "1"="1')}`, 422, 'ageBand');
  });

  it('refuses unknown parameters, oversize queries, bad pages and sorts', async () => {
    await problem('/positions?filter=status%20%3D%20draft', 422, 'filter');
    await problem('/talents?name=%E5%BC%A0', 422, 'name');
    await problem(`/positions?q=${encodeURIComponent('老'.repeat(101))}`, 422, 'q');
    await problem('/positions?page=-1', 422, 'page');
    await problem('/positions?page=0', 422, 'page');
    await problem('/positions?pageSize=1000', 422, 'pageSize');
    await problem('/positions?sort=title', 422, 'sort');
    await problem('/talents?qualificationAtLeast=god', 422, 'qualificationAtLeast');
  });

  it('turns good parameters into typed filters, lists repeated or comma-separated', async () => {
    const a = await json('/positions?serviceArea=elderly,community&kind=community_worker&pageSize=50');
    const b = await json('/positions?serviceArea=elderly&serviceArea=community&kind=community_worker&pageSize=50');
    expect(a).toEqual(b);
    expect(a.total).toBeGreaterThan(0);
    expect(a.degraded).toBe(true);
    for (const item of a.items) expect(item.kind).toBe('community_worker');
    // The public scope keeps drafts out even when asked for them.
    const drafts = await json('/positions?status=draft');
    expect(drafts.total).toBe(0);
    const talents = await json('/talents?visibility=department');
    expect(talents.total).toBe(0);
  });

  it('gives each role its scope from the session', () => {
    const user = (role: SessionUser['role'], region_code: string | null): SessionUser => ({ id: 'u', email: 'x@example.cn', display_name: 'x', role, region_code });
    expect(talentScopeFor(user('department', '1501'), false)).toEqual({ regionPrefix: '1501', visibleToEmployers: false });
    expect(talentScopeFor(user('admin', null), false)).toEqual({ visibleToEmployers: false });
    expect(talentScopeFor(user('employer', null), true)).toEqual({ visibleToEmployers: true });
    expect(talentScopeFor(user('employer', null), false)).toBeNull();
    expect(talentScopeFor(user('graduate', null), false)).toBeNull();
    expect(talentScopeFor(user('department', null), false)).toBeNull();
    expect(administeredPositionScope(user('department', '15'))).toMatchObject({ regionPrefix: '15' });
    expect(administeredPositionScope(user('employer', null))).toBeNull();
  });
});
