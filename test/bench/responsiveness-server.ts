// The server of bench:responsiveness, as src/server.ts builds it (no Meilisearch: search is not measured).
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app';
import { parseEnv } from '../../src/env';
import { buildNodeDeps, withStaticFiles } from '../../src/server';
import { startJobs } from '../../src/jobs/node-start';
import { withWriteGate } from '../../src/lib/write-gate';

const raw = parseEnv(process.env);
const { deps } = await buildNodeDeps(raw, { search: 'none' });
await startJobs(deps, raw, { waitReady: true });
serve({ fetch: withWriteGate(withStaticFiles(createApp(deps)).fetch), port: raw.PORT, hostname: raw.HOST }, () => process.stdout.write(JSON.stringify({ ready: true }) + '\n'));
