// Operator commands (Node): create the first admin and department accounts; backup and restore.
//   npm run cli -- create-admin --email a@x.cn --password '…' --name 管理员
//   npm run cli -- create-department --email d@x.cn --password '…' --name 内蒙古社会工作部 --region 15
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv } from './env';
import { buildNodeDeps } from './server';
import { createAccount } from './auth';
import { DisplayName, Email, Password } from './auth';
import { AppError } from './lib/errors';
import { opsCommand, OPS_USAGE } from './ops';

const USAGE = `usage:
  npm run cli -- create-admin --email EMAIL --password PASSWORD --name NAME
  npm run cli -- create-department --email EMAIL --password PASSWORD --name NAME --region CODE
  npm run cli -- verify-round FILE
${OPS_USAGE}`;

async function main(argv: string[]): Promise<number> {
  // Round audit (issue #13): needs no database, so it is dispatched before anything is opened.
  if (argv[0] === 'verify-round') return (await import('./rounds/verify-round.cli')).verifyRoundCommand(argv.slice(1));
  // Backup and restore (src/ops/ops-cli.ts) parse their own options.
  if (argv[0] === 'backup' || argv[0] === 'restore') return opsCommand(argv[0], argv.slice(1), process.env);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create-admin' && command !== 'create-department') {
    console.error(USAGE);
    return 2;
  }
  const input = z.object({ email: Email, password: Password, name: DisplayName, region: z.string().optional() }).safeParse(values);
  if (!input.success) {
    for (const i of input.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
    console.error(USAGE);
    return 2;
  }
  const { deps, close } = await buildNodeDeps(parseEnv(process.env), { search: 'none' });
  try {
    const role = command === 'create-admin' ? 'admin' : 'department';
    const user = await createAccount(deps, {
      email: input.data.email,
      password: input.data.password,
      displayName: input.data.name,
      role,
      regionCode: role === 'department' ? (input.data.region ?? null) : null,
    });
    console.log(`created ${role} ${user.email}${user.region_code ? ` for region ${user.region_code}` : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await close();
  }
}

process.exitCode = await main(process.argv.slice(2));
