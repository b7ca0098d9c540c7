// A separate server process for the crash test: opens the database file, starts the job pool as the
// server does, begins a commit of the given import and waits (the test kills it with SIGKILL).
import { buildNodeDeps } from '../../src/server';
import { parseEnv } from '../../src/env';
import { startJobs } from '../../src/jobs/node-start';
import { beginCommit } from '../../src/imports/imports.commit';

const [dir, dataKey, importId, userId] = process.argv.slice(2);
const raw = parseEnv({ DATABASE_PATH: `${dir}/db.sqlite`, DATA_DIR: dir, DATA_KEY: dataKey, LOG_REQUESTS: 'false', PASSWORD_SCRYPT_N: '1024' });
const { deps } = await buildNodeDeps(raw, { search: 'none' });
await startJobs(deps, raw, { size: 1, waitReady: true });
const user = await deps.database.db.selectFrom('users').select(['id', 'email', 'role', 'display_name', 'region_code']).where('id', '=', userId).executeTakeFirstOrThrow();
const { done } = await beginCommit(deps, user, importId, 'conflict');
process.stdout.write('started\n');
await done;
process.stdout.write('finished\n');
process.exit(0);
