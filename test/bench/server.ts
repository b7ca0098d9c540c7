// The benchmark's server, run in a child process: the real Node app exactly as src/server.ts builds
// it (buildNodeDeps → createApp → static files → @hono/node-server), plus one bare Hono JSON route
// on the same server, outside the app's middleware, as the baseline.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../src/app';
import { parseEnv } from '../../src/env';
import { buildNodeDeps, withStaticFiles } from '../../src/server';

const raw = parseEnv(process.env);
const { deps, close } = await buildNodeDeps(raw);
const root = new Hono();
root.get('/__bench/bare', (c) => c.json({ ok: true, now: Date.now() }));
root.route('/', withStaticFiles(createApp(deps)));
const server = serve({ fetch: root.fetch, port: raw.PORT, hostname: raw.HOST }, (info) => {
  process.stdout.write(JSON.stringify({ ready: true, port: info.port }) + '\n');
});
process.once('SIGTERM', () =>
  server.close(() => {
    close();
    process.exit(0);
  }),
);
