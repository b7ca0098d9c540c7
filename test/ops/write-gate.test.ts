// The write gate of the Node server (src/lib/write-gate.ts): writes take turns, reads never wait
// behind them, and a backlog beyond its limits answers 503 storage_busy instead of growing.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { leaveWriteTurn, withWriteGate } from '../../src/lib/write-gate';

/** An app whose writes finish only when the test says so, recording the order they started in. */
function heldApp() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const app = new Hono();
  app.get('/read', (c) => c.json({ ok: true }));
  app.post('/write/:id', async (c) => {
    const id = c.req.param('id');
    started.push(id);
    await new Promise<void>((resolve) => releases.set(id, resolve));
    return c.json({ id });
  });
  const release = async (id: string) => {
    for (let i = 0; i < 50 && !releases.has(id); i++) await new Promise((r) => setTimeout(r, 5));
    releases.get(id)!();
  };
  return { app, started, release };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('write gate', () => {
  it('runs at most `concurrent` writes, in arrival order, while reads pass straight through', async () => {
    const { app, started, release } = heldApp();
    const fetch = withWriteGate(app.fetch, { concurrent: 2, queue: 10 });
    const writes = ['a', 'b', 'c', 'd'].map((id) => fetch(new Request(`http://x/write/${id}`, { method: 'POST' })));
    await tick();
    expect(started).toEqual(['a', 'b']);

    const read = await fetch(new Request('http://x/read'));
    expect(read.status).toBe(200);
    expect(started).toEqual(['a', 'b']);

    await release('b');
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    await release('a');
    await release('c');
    await release('d');
    const answers = await Promise.all(writes);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }]);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers 503 storage_busy with Retry-After when the queue is full, and recovers once it drains', async () => {
    const { app, release } = heldApp();
    const fetch = withWriteGate(app.fetch, { concurrent: 1, queue: 1 });
    const first = fetch(new Request('http://x/write/1', { method: 'POST' }));
    const second = fetch(new Request('http://x/write/2', { method: 'POST' }));
    await tick();
    const refused = await fetch(new Request('http://x/write/3', { method: 'POST' }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'storage_busy', status: 503 });

    await release('1');
    await release('2');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const later = fetch(new Request('http://x/write/4', { method: 'POST' }));
    await release('4');
    expect((await later).status).toBe(200);
  });

  it('answers 503 to a write that waits longer than maxWaitMs, and frees nothing it never held', async () => {
    const { app, started, release } = heldApp();
    const fetch = withWriteGate(app.fetch, { concurrent: 1, queue: 5, maxWaitMs: 50 });
    const first = fetch(new Request('http://x/write/1', { method: 'POST' }));
    const timedOut = await fetch(new Request('http://x/write/2', { method: 'POST' }));
    expect(timedOut.status).toBe(503);
    expect(await timedOut.json()).toMatchObject({ code: 'storage_busy' });
    expect(started).toEqual(['1']);

    // The slot is still the first write's: a new write waits until it finishes.
    const third = fetch(new Request('http://x/write/3', { method: 'POST' }));
    await tick();
    expect(started).toEqual(['1']);
    await release('1');
    await release('3');
    expect((await first).status).toBe(200);
    expect((await third).status).toBe(200);
    expect(started).toEqual(['1', '3']);
  });

  it('frees the slot when a write throws', async () => {
    const app = new Hono();
    let calls = 0;
    app.post('/boom', () => {
      calls++;
      throw new Error('boom');
    });
    app.onError((_e, c) => c.json({ error: true }, 500));
    const fetch = withWriteGate(
      async (r: Request) => {
        if (new URL(r.url).pathname === '/raw') throw new Error('raw failure');
        return app.fetch(r);
      },
      { concurrent: 1, queue: 0 },
    );
    await expect(fetch(new Request('http://x/raw', { method: 'POST' }))).rejects.toThrow('raw failure');
    expect((await fetch(new Request('http://x/boom', { method: 'POST' }))).status).toBe(500);
    expect((await fetch(new Request('http://x/boom', { method: 'POST' }))).status).toBe(500);
    expect(calls).toBe(2);
  });
});

describe('a write that only waits for a worker thread', () => {
  it('gives up its turn, so the next write runs meanwhile; leaving twice frees one slot only', async () => {
    const started: string[] = [];
    let finishLong!: () => void;
    const app = new Hono();
    app.post('/long', async (c) => {
      started.push('long');
      leaveWriteTurn();
      leaveWriteTurn();
      await new Promise<void>((r) => (finishLong = r));
      return c.json({ ok: true });
    });
    const held: Array<() => void> = [];
    app.post('/short/:id', async (c) => {
      started.push(c.req.param('id'));
      await new Promise<void>((r) => held.push(r));
      return c.json({ ok: true });
    });
    const fetch = withWriteGate(app.fetch, { concurrent: 1, queue: 10 });
    const long = fetch(new Request('http://x/long', { method: 'POST' }));
    const a = fetch(new Request('http://x/short/a', { method: 'POST' }));
    const b = fetch(new Request('http://x/short/b', { method: 'POST' }));
    await tick();
    expect(started).toEqual(['long', 'a']);
    held.shift()!();
    expect((await a).status).toBe(200);
    await tick();
    expect(started).toEqual(['long', 'a', 'b']);
    finishLong();
    expect((await long).status).toBe(200);
    held.shift()!();
    expect((await b).status).toBe(200);
  });
});
