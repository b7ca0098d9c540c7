// `npm run demo`: a fresh data/demo.sqlite with realistic data for 内蒙古自治区 (region 15), one
// account for each role, then the server exactly as src/server.ts starts it, and a table of sign-ins.
//
// The demo passwords below are printed on purpose: they exist only in this throw-away database.
import { join } from 'node:path';
import { createSearch } from '../../search/index';
import { rmSync } from 'node:fs';
import { openSqlite } from '../sqlite';
import { startServer } from '../../src/server';
import { parseEnv, toConfig } from '../../src/env';
import { createFieldCrypto } from '../../src/lib/crypto';
import type { AppDeps } from '../../src/lib/context';
import { jsonLog, loadOrCreateDataKey, nodeClientAddress, nodeScrypt } from '../../src/node-deps';
import { ACCOUNTS, createDemoAccounts } from './accounts';
import { generateDemoData, PROVINCE, SHOWCASE_CITY, type DemoSummary } from './generate';
import { AGREEMENT_STATUSES } from '../../src/lib/vocab';

/** The demo database lives in DATA_DIR (default data/), beside the data key that seals its ID numbers. */
export const DEMO_DATABASE_NAME = 'demo.sqlite';

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  // Demo mode: without SMTP_URL, mail (password reset links) shows at /dev/mailbox.
  const raw = parseEnv({ APP_MODE: 'demo', HOME_REGION: '15', ...process.env, DATABASE_PATH: join(env.DATA_DIR, DEMO_DATABASE_NAME) });
  for (const suffix of ['', '-wal', '-shm']) rmSync(raw.DATABASE_PATH + suffix, { force: true });

  const started = performance.now();
  // The same key the server will load: generated once into DATA_DIR/data-key unless DATA_KEY is set.
  const dataKey = loadOrCreateDataKey(raw.DATA_DIR, raw.DATA_KEY);
  const { sqlite, database } = openSqlite(raw.DATABASE_PATH);
  const deps: AppDeps = {
    database,
    config: toConfig(raw, dataKey),
    fieldCrypto: await createFieldCrypto(dataKey),
    scrypt: nodeScrypt,
    now: () => Date.now(),
    clientAddress: nodeClientAddress,
    log: jsonLog,
    search: createSearch({ database: database, now: () => Date.now(), log: () => {}, meili: null }),
  };
  const summary = await generateDemoData(sqlite, { fieldCrypto: deps.fieldCrypto });
  await createDemoAccounts(deps, sqlite, summary);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const showcasePost = ((): string => {
    const db = openSqlite(raw.DATABASE_PATH).sqlite;
    try {
      const post = db.prepare('SELECT p.title, e.name FROM positions p JOIN employers e ON e.id = p.employer_id WHERE p.id = ?').get(summary.showcase.roundPositionId) as {
        title: string;
        name: string;
      };
      return `「${post.title}」 at ${post.name}`;
    } finally {
      db.close();
    }
  })();

  await startServer(raw);
  const url = `http://localhost:${raw.PORT}`;
  const health = await fetch(`${url}/health`)
    .then((r) => r.status)
    .catch(() => 'unreachable');
  printSummary(summary, seconds, url, health, raw.DATABASE_PATH, showcasePost);
}

function printSummary(s: DemoSummary, seconds: string, url: string, health: number | string, databasePath: string, showcasePost: string): void {
  const c = s.counts;
  const statuses = Object.entries(c.agreementsByStatus).map(([k, v]) => {
    const label = AGREEMENT_STATUSES[k as keyof typeof AGREEMENT_STATUSES];
    return label ? `${label[0]} ${label[1].toLowerCase()} ${v}` : `${k} ${v}`;
  });
  const coverage = c.townshipCoverage.map((t) => `${t.name} ${t.covered}/${t.townships}`).join(', ');
  const past = s.pastRound
    ? `  last summer's 乌海 round (closed): ${s.pastRound.proposals} proposals, ${s.pastRound.placements} became placements, ${s.pastRound.declined} declined — /department/rounds as nmg@`
    : null;
  const lines = [
    '',
    `shegong demo — 内蒙古自治区 (region ${PROVINCE}), seed ${s.seed}`,
    `  seeded in ${seconds} s (generation ${s.ms.total} ms: plan ${s.ms.plan}, seal ID numbers ${s.ms.seal}, write ${s.ms.write}, 乌海 round ${s.ms.round})`,
    `  ${c.talents} talents · ${c.employers} employers · ${c.positions} positions (${c.openPositions} open) · ${c.applications} applications (${c.applicationEvents} events)`,
    `  ${c.agreements} directed-training agreements: ${statuses.join(', ')}`,
    `  ${c.placements} placements (${c.openPlacements} open, ${c.internships} internships, ${c.roundPlacements} from rounds) · ${c.lapsingCertificates} registrations lapse within 90 days`,
    `  townships with a staffed social work station (as on the statistics pages): ${coverage}`,
    `  呼和浩特 round collecting choices: ${c.roundPositions} posts, ${c.roundTalents} talents, ${c.roundChoices} ranked choices · ${c.departments} department accounts (two below can sign in)`,
    ...(past ? [past] : []),
    `  database ${databasePath} · ${url} · /health ${health} · API reference ${url}/api/docs`,
    '',
    table(
      ['role', 'email', 'password', 'what to try'],
      ACCOUNTS.map((a) => [a.role + (a.regionCode ? ` ${a.regionCode}` : ''), a.email, a.password, a.tryThis]),
    ),
    '',
    '  Try this — a round from choice to placement:',
    `    1. graduate@ → /me/rounds: rank ${showcasePost} (the demo employer's post, a seat reserved for directed graduates) first, save.`,
    '    2. hohhot@ → /department/rounds: open the 呼和浩特 round, run it (its choice deadline is still ahead: confirm running early), read the explanations, publish.',
    '    3. graduate@ → /me/rounds: accept the proposal; employer@ → /employer/proposals: accept it.',
    '    4. The placement appears on /me/placements and /employer/placements (and her agreement is now serving).',
    `    5. hohhot@ → the published round's page: 「开始补录」 opens a follow-up round (补录) for the seats it left empty and the talents still seeking.`,
    `    6. Forgot a password: 「忘记密码？」 on /sign-in mails a link; the demo has no mail server, so read it at ${url}/dev/mailbox and set a new one.`,
    `       Sign up as someone new at /sign-up: the confirmation link is in the same mailbox.`,
    '',
    `  Sign in at ${url}/ or POST ${url}/api/v1/auth/sign-in {"email","password"} → bearer token.`,
    '  Demo-only passwords. Stop with Ctrl-C.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

await main();
