// npm run dev:worker — the same app under `wrangler dev` with a local D1 in .wrangler/state.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildAssets, prepareLocalD1, startWranglerDev, stopProcessGroup } from './worker-local';

const persistTo = '.wrangler/state';
const port = Number(process.env.PORT ?? 8787);
// A local-only data key, kept beside the local D1 (never used in production; there it is a secret).
const keyFile = '.wrangler/data-key';
// On a fresh clone .wrangler/ does not exist yet.
mkdirSync(dirname(keyFile), { recursive: true });
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });

console.log('building assets, applying D1 migrations and loading regions …');
buildAssets();
prepareLocalD1(persistTo);
const child = await startWranglerDev({ port, persistTo, vars: { DATA_KEY: readFileSync(keyFile, 'utf8').trim() } });
console.log(`shegong on Workers (wrangler dev, local D1): http://localhost:${port}  — Ctrl-C to stop`);
child.stdout?.pipe(process.stdout);
child.stderr?.pipe(process.stderr);
const stop = () => {
  stopProcessGroup(child);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
