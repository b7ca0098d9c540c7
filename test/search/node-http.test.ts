// The searches' transport on Node (search/node-http.ts): the same answers as the client's fetch on a
// real Meilisearch, and every fault ending as it does with fetch — a refusal (4xx) is a bug answered
// from SQL, a dead or hanging Meilisearch is an outage answered from SQL — plus what only a kept-alive
// socket can meet: a connection the server drops between two searches (a search is sent again, a
// write never), an answer cut short or over its size limit, an IPv6 address.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import type { Database } from '../../src/lib/database';
import { createSearch, PUBLIC_POSITION_SCOPE, type PositionQuery, type SearchRuntime, type TalentQuery } from '../../search/index';
import { nodeSearchHttpClient } from '../../search/node-http';
import { freePort } from '../../search/sidecar';
import { NOW, seedFixtures, startTestMeili, type TestMeili } from './fixtures';

let meili: TestMeili;
let database: Database;
let close: () => void;
let viaFetch: SearchRuntime;
let viaNode: SearchRuntime;

beforeAll(async () => {
  meili = await startTestMeili();
  const opened = openMemoryCopy();
  database = opened.database;
  close = () => opened.sqlite.close();
  await seedFixtures(database);
  const base = { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'nh_' };
  viaFetch = createSearch({ database, now: () => NOW, log: () => {}, meili: base });
  viaNode = createSearch({ database, now: () => NOW, log: () => {}, meili: { ...base, searchHttpClient: nodeSearchHttpClient() } });
  await viaFetch.start({ drainLoop: false });
  await viaFetch.drain!.drainAll();
  await viaNode.start({ drainLoop: false });
});

afterAll(async () => {
  await viaNode?.stop();
  await viaFetch?.stop();
  await meili?.dispose();
  close?.();
});

const DEPT = { regionPrefix: '15', visibleToEmployers: false };

describe('on a real Meilisearch', () => {
  const positions: PositionQuery[] = [
    { q: '老年', scope: PUBLIC_POSITION_SCOPE },
    // A ticked checkbox facet: the facet-count request goes beside the search.
    { q: '社工', filters: { serviceAreas: ['elderly'] }, scope: PUBLIC_POSITION_SCOPE },
    { q: '', filters: { kinds: ['community_worker', 'station_worker'], serviceAreas: ['children'] }, scope: PUBLIC_POSITION_SCOPE },
    // Finds nothing as written: counted word by word, then searched relaxed.
    { q: '儿童保护', scope: PUBLIC_POSITION_SCOPE },
  ];
  const talents: TalentQuery[] = [
    { q: '社会工作', scope: DEPT },
    { q: '', filters: { serviceAreas: ['elderly'] }, scope: DEPT },
  ];

  it('answers every kind of search exactly as the client over fetch does', async () => {
    for (const q of positions) {
      const [a, b] = [await viaFetch.engine.searchPositions(q), await viaNode.engine.searchPositions(q)];
      expect(b.degraded, JSON.stringify(q)).toBe(false);
      expect(b).toEqual(a);
    }
    for (const q of talents) {
      const [a, b] = [await viaFetch.engine.searchTalents(q), await viaNode.engine.searchTalents(q)];
      expect(b.degraded, JSON.stringify(q)).toBe(false);
      expect(b).toEqual(a);
    }
    // The fixtures hold answers for these (not a comparison of two empty lists).
    expect((await viaNode.engine.searchPositions(positions[1])).total).toBeGreaterThan(0);
    expect((await viaNode.engine.searchTalents(talents[0])).total).toBeGreaterThan(0);
  });

  it('takes a refusal (4xx) for a bug, answers from SQL and asks Meilisearch again next time', async () => {
    const logs: Record<string, unknown>[] = [];
    const missing = createSearch({
      database,
      now: () => NOW,
      log: (e) => logs.push(e),
      meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'nh_missing_', searchHttpClient: nodeSearchHttpClient() },
    });
    const r = await missing.engine.searchPositions({ q: '老年', scope: PUBLIC_POSITION_SCOPE });
    expect(r.degraded).toBe(true);
    const bug = logs.find((e) => e.level === 'error' && String(e.msg).includes('a bug, not an outage'));
    expect(bug?.status).toBe(404);
    expect(missing.engine.degraded).toBe(false);
  });
});

describe('when Meilisearch is not there', () => {
  it('answers from SQL when connections are refused', async () => {
    const port = await freePort();
    const down = createSearch({
      database,
      now: () => NOW,
      log: () => {},
      meili: { host: `http://127.0.0.1:${port}`, indexPrefix: 'nh_', searchHttpClient: nodeSearchHttpClient() },
    });
    const r = await down.engine.searchPositions({ q: '老年', scope: PUBLIC_POSITION_SCOPE });
    expect(r.degraded).toBe(true);
    expect(r.engine).toBe('sql');
    expect((await down.status()).degraded).toBe(true);
  });

  it('takes a 5xx for an outage and answers from SQL', async () => {
    const failing: HttpServer = createHttpServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'overloaded', code: 'internal', type: 'internal', link: '' }));
    });
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    try {
      const port = (failing.address() as { port: number }).port;
      const logs: Record<string, unknown>[] = [];
      const down = createSearch({
        database,
        now: () => NOW,
        log: (e) => logs.push(e),
        meili: { host: `http://127.0.0.1:${port}`, indexPrefix: 'nh_', searchHttpClient: nodeSearchHttpClient() },
      });
      const r = await down.engine.searchPositions({ q: '老年', scope: PUBLIC_POSITION_SCOPE });
      expect(r).toMatchObject({ degraded: true, engine: 'sql' });
      expect(down.engine.degraded).toBe(true);
      expect(logs.some((e) => e.level === 'warn' && String(e.msg).includes('did not answer'))).toBe(true);
    } finally {
      failing.close();
    }
  });

  it('gives up on a Meilisearch that hangs within the search timeout, and does not wait again', async () => {
    const sockets: Socket[] = [];
    const hang: Server = createServer((s) => sockets.push(s)); // accepts, never answers
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as { port: number }).port;
    try {
      const slow = createSearch({
        database,
        now: () => NOW,
        log: () => {},
        meili: { host: `http://127.0.0.1:${port}`, indexPrefix: 'nh_', searchHttpClient: nodeSearchHttpClient() },
        searchTimeoutMs: 300,
      });
      const t0 = performance.now();
      const r = await slow.engine.searchTalents({ q: '社工', scope: DEPT });
      expect(r.degraded).toBe(true);
      expect(performance.now() - t0).toBeLessThan(1500);
      const t1 = performance.now();
      await slow.engine.searchTalents({ q: '社工', scope: DEPT });
      expect(performance.now() - t1).toBeLessThan(250);
    } finally {
      for (const s of sockets) s.destroy();
      hang.close();
    }
  });
});

describe('the transport itself', () => {
  /** A stand-in server: `answer` decides per request (its number on its connection, from 1). */
  async function fake(answer: (req: { n: number; conn: number }, res: import('node:http').ServerResponse, socket: Socket) => void) {
    let conns = 0;
    let requests = 0;
    const perSocket = new WeakMap<Socket, { conn: number; n: number }>();
    const server: HttpServer = createHttpServer((req, res) => {
      requests += 1;
      const s = req.socket;
      const seen = perSocket.get(s) ?? { conn: ++conns, n: 0 };
      seen.n += 1;
      perSocket.set(s, seen);
      req.resume();
      req.on('end', () => answer({ n: seen.n, conn: seen.conn }, res, s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/indexes/x/search`;
    return { url, counts: () => ({ conns, requests }), close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const post = { method: 'POST', body: '{"q":"老年"}', headers: { 'Content-Type': 'application/json' } };

  it('sends a search again on a new connection when the server dropped the kept-alive one', async () => {
    const server = await fake(({ n }, res, socket) => {
      if (n === 2) return socket.destroy(); // the second request on a connection: dropped unanswered
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ hits: [{ id: 'a' }], n }));
    });
    try {
      const client = nodeSearchHttpClient();
      expect(await client(server.url, post)).toEqual({ hits: [{ id: 'a' }], n: 1 });
      expect(await client(server.url, post)).toEqual({ hits: [{ id: 'a' }], n: 1 }); // answered on a new connection
      expect(server.counts()).toEqual({ conns: 2, requests: 3 });
    } finally {
      await server.close();
    }
  });

  it('never sends a write twice, even on a kept-alive socket the server dropped', async () => {
    const server = await fake(({ n }, res, socket) => {
      if (n === 2) return socket.destroy();
      res.end('{}');
    });
    try {
      const client = nodeSearchHttpClient();
      expect(await client(server.url, post)).toEqual({});
      const write = { method: 'POST', body: '[{"id":"a"}]', headers: { 'Content-Type': 'application/json' } };
      await expect(client(server.url.replace(/search$/, 'documents'), write)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(server.counts()).toEqual({ conns: 1, requests: 2 });
    } finally {
      await server.close();
    }
  });

  it('refuses an answer over its size limit, whether announced or streamed', async () => {
    const body = JSON.stringify({ hits: ['x'.repeat(2_000)] });
    const server = await fake(({ conn }, res) => {
      if (conn === 1) res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length), connection: 'close' });
      else res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }); // chunked: no length said
      res.end(body);
    });
    try {
      const small = nodeSearchHttpClient({ maxResponseBytes: 1_000 });
      await expect(small(server.url, post)).rejects.toThrow(/more than 1000 bytes/);
      await expect(small(server.url, post)).rejects.toThrow(/more than 1000 bytes/);
      expect(await nodeSearchHttpClient({ maxResponseBytes: 4_000 })(server.url, post)).toEqual(JSON.parse(body));
    } finally {
      await server.close();
    }
  });

  it('reaches a Meilisearch on an IPv6 address', async () => {
    const server: HttpServer = createHttpServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((r) => server.listen(0, '::1', r));
    try {
      const url = `http://[::1]:${(server.address() as { port: number }).port}/indexes/x/search`;
      expect(await nodeSearchHttpClient()(url, post)).toEqual({ ok: true });
    } finally {
      server.close();
    }
  });

  it('does not send a search twice when a fresh connection fails', async () => {
    const server = await fake((_r, _res, socket) => socket.destroy());
    try {
      await expect(nodeSearchHttpClient()(server.url, post)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(server.counts().requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('rejects an answer cut short, one that is not JSON, and a refusal with its status and code', async () => {
    const server = await fake(({ conn }, res) => {
      if (conn === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"hits":[');
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (conn === 2) {
        res.writeHead(200, { 'content-type': 'text/html', connection: 'close' });
        res.end('<html>proxy error</html>');
      } else {
        res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ message: 'Attribute `x` is not filterable.', code: 'invalid_search_filter', type: 'invalid_request', link: '' }));
      }
    });
    try {
      const client = nodeSearchHttpClient();
      await expect(client(server.url, post)).rejects.toThrow(/before the answer was complete/);
      await expect(client(server.url, post)).rejects.toBeInstanceOf(SyntaxError);
      await expect(client(server.url, post)).rejects.toMatchObject({ name: 'MeilisearchApiError', response: { status: 400 }, cause: { code: 'invalid_search_filter' } });
    } finally {
      await server.close();
    }
  });

  it('stops at the client timeout with the signal’s reason, as fetch does', async () => {
    const server = await fake(() => {}); // never answers
    try {
      const controller = new AbortController();
      const reason = Symbol('timeout');
      setTimeout(() => controller.abort(reason), 50);
      await expect(nodeSearchHttpClient()(server.url, { ...post, signal: controller.signal })).rejects.toBe(reason);
    } finally {
      server.close();
    }
  });
});
