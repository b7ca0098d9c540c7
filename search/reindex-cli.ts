// `npm run reindex [talent|position|all]` (package.json: "reindex": "tsx search/reindex-cli.ts"):
// rebuilds the index(es) from the database into a fresh index and swaps it in, then prints a report.
// Uses MEILI_URL if set, else the Meilisearch a running server started on DATA_DIR, else starts the
// local one for the duration of the command.
import { openSqlite } from '../db/sqlite';
import { parseEnv } from '../src/env';
import { jsonLog } from '../src/node-deps';
import type { SearchEntity } from './documents';
import { startNodeSearch } from './node';

export async function reindexCommand(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const which = argv[0] ?? 'all';
  if (!['talent', 'position', 'all'].includes(which)) {
    process.stderr.write('usage: npm run reindex [talent|position|all]\n');
    return 2;
  }
  const raw = parseEnv(env);
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  const node = await startNodeSearch({
    database,
    now: () => Date.now(),
    log: jsonLog,
    dataDir: raw.DATA_DIR,
    meiliUrl: raw.MEILI_URL,
    meiliMasterKey: raw.MEILI_MASTER_KEY,
    drainLoop: false,
    attachToRunning: true,
  });
  try {
    if (!node.search.meili) {
      process.stderr.write('No Meilisearch available here: nothing to reindex (search uses the SQL fallback).\n');
      return 1;
    }
    const entities: SearchEntity[] = which === 'all' ? ['talent', 'position'] : [which as SearchEntity];
    for (const entity of entities) {
      const report = await node.search.reindex(entity);
      jsonLog({ msg: 'reindexed', ...report });
    }
    return 0;
  } finally {
    await node.stop();
    sqlite.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await reindexCommand(process.argv.slice(2), process.env);
}
