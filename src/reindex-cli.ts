// `npm run reindex [talent|position|all] [--allow-empty]` (package.json: "reindex": "tsx src/reindex-cli.ts"):
// rebuilds the index(es) from the database into a fresh index and swaps it in, then prints a report.
// Uses MEILI_URL if set, else the Meilisearch a running server runs on DATA_DIR (never a second one
// on the same directory), else starts the local one for the duration of the command.
// It cannot empty a live index by mistake (issue 9, C2): a database that does not exist is refused
// (and not created), and so is one without talents, unless --allow-empty is given.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../db/sqlite';
import { parseEnv } from './env';
import { jsonLog } from './node-deps';
import type { SearchEntity } from './lib/outbox';
import { startNodeSearch } from '../search/node';

const USAGE = 'usage: npm run reindex [talent|position|all] [--allow-empty]\n';

export async function reindexCommand(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let which: string;
  let allowEmpty: boolean;
  try {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { 'allow-empty': { type: 'boolean', default: false } } });
    which = positionals[0] ?? 'all';
    allowEmpty = values['allow-empty'] ?? false;
    if (positionals.length > 1 || !['talent', 'position', 'all'].includes(which)) throw new Error(which);
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }
  const raw = parseEnv(env);
  if (!existsSync(raw.DATABASE_PATH)) {
    process.stderr.write(`reindex: no database at ${resolve(raw.DATABASE_PATH)} (set DATABASE_PATH); refusing to build an empty index from nothing.\n`);
    return 1;
  }
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  try {
    const talents = sqlite.prepare('SELECT count(*) FROM talents').pluck().get() as number;
    if (talents === 0 && !allowEmpty) {
      process.stderr.write(`reindex: ${resolve(raw.DATABASE_PATH)} holds no talents; refusing to swap empty indexes in. Pass --allow-empty if that is really meant.\n`);
      return 1;
    }
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
    }
  } finally {
    sqlite.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await reindexCommand(process.argv.slice(2), process.env);
}
