// `npm run cli -- backup --to FILE` and `npm run cli -- restore FILE` (issue 9, C3).
import { parseArgs } from 'node:util';
import { parseEnv } from '../env';
import { DataKeyError } from '../lib/instance-meta';
import { jsonLog } from '../node-deps';
import { backupDatabase, OpsError } from './backup';
import { restoreDatabase } from './restore';

export const OPS_USAGE = `  npm run cli -- backup --to FILE      online, consistent copy of DATABASE_PATH (the data key is not in it)
  npm run cli -- restore FILE          replace DATABASE_PATH with a backup (server stopped; same data key)`;

export async function opsCommand(command: 'backup' | 'restore', argv: string[], env: Record<string, string | undefined>): Promise<number> {
  try {
    const raw = parseEnv(env);
    if (command === 'backup') {
      const { values } = parseArgs({ args: argv, options: { to: { type: 'string' } } });
      if (!values.to) throw new OpsError('--to FILE is required');
      const report = backupDatabase(raw.DATABASE_PATH, values.to);
      console.log(JSON.stringify({ msg: 'backup written', ...report }));
      return 0;
    }
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new OpsError('restore takes one FILE');
    const report = await restoreDatabase(positionals[0], raw, jsonLog);
    console.log(JSON.stringify({ msg: 'restore done', ...report }));
    return 0;
  } catch (e) {
    if (e instanceof OpsError || e instanceof DataKeyError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${command}: ${e.message}\nusage:\n${OPS_USAGE}`);
      return 1;
    }
    throw e;
  }
}
