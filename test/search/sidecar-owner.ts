// A process that owns a local Meilisearch (test/search/supervision.test.ts kills it with -9).
import { startMeiliSidecar } from '../../search/sidecar';

const sidecar = await startMeiliSidecar({ dataDir: process.argv[2], env: 'development', log: () => {} });
if (!sidecar) process.exit(3);
process.stdout.write(JSON.stringify({ pid: process.pid, meiliPid: sidecar.pid, url: sidecar.url }) + '\n');
setInterval(() => {}, 60_000);
