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
import { createAccount } from '../../src/auth/auth.service';
import { hashPassword } from '../../src/auth/password';
import type { Role } from '../schema';
import { DEPARTMENT_EMAILS } from './departments';
import { generateDemoData, PROVINCE, SHOWCASE_CITY, type DemoSummary } from './generate';

/** The demo database lives in DATA_DIR (default data/), beside the data key that seals its ID numbers. */
export const DEMO_DATABASE_NAME = 'demo.sqlite';

interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  displayName: string;
  regionCode?: string;
  tryThis: string;
}

const ACCOUNTS: DemoAccount[] = [
  {
    role: 'admin',
    email: 'admin@demo.shegong.cn',
    password: 'demo-admin-2026',
    displayName: '平台管理员',
    tryThis: 'create department accounts (POST /api/v1/admin/departments); sees every region',
  },
  {
    role: 'department',
    email: DEPARTMENT_EMAILS[PROVINCE],
    password: 'demo-dept-15',
    displayName: '',
    regionCode: PROVINCE,
    tryThis: 'the whole province: statistics and coverage, agreements by status, placements, imports and exports, verify employers',
  },
  {
    role: 'department',
    email: DEPARTMENT_EMAILS[SHOWCASE_CITY],
    password: 'demo-dept-1501',
    displayName: '',
    regionCode: SHOWCASE_CITY,
    tryThis: '呼和浩特 only: its round is collecting choices (run it, publish); township coverage; other cities 404',
  },
  {
    role: 'employer',
    email: 'employer@demo.shegong.cn',
    password: 'demo-employer',
    displayName: '',
    tryThis: 'a verified agency and internship base in 呼和浩特: posts in the round, applicants, interns, candidates',
  },
  {
    role: 'graduate',
    email: 'graduate@demo.shegong.cn',
    password: 'demo-graduate',
    displayName: '',
    tryThis: 'a directed graduate awaiting placement: rank posts in the 呼和浩特 round, recommended posts, applications',
  },
];

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const raw = parseEnv({ ...process.env, DATABASE_PATH: join(env.DATA_DIR, DEMO_DATABASE_NAME) });
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

  await startServer(raw);
  const url = `http://localhost:${raw.PORT}`;
  const health = await fetch(`${url}/health`).then((r) => r.status).catch(() => 'unreachable');
  printSummary(summary, seconds, url, health, raw.DATABASE_PATH);
}

/** Admin, employer and graduate accounts are created as the app creates them; the two department
 * accounts exist already (the generator's departments signed agreements and reviewed employers)
 * and get their password here. */
async function createDemoAccounts(deps: AppDeps, sqlite: ReturnType<typeof openSqlite>['sqlite'], summary: DemoSummary): Promise<void> {
  const employerName = sqlite.prepare('SELECT name FROM employers WHERE id = ?').pluck().get(summary.showcase.employerId) as string;
  const talentName = sqlite.prepare('SELECT name FROM talents WHERE id = ?').pluck().get(summary.showcase.talentId) as string;
  const ids = new Map<string, string>();
  for (const a of ACCOUNTS) {
    if (a.role === 'department') {
      const hash = await hashPassword(deps.scrypt, a.password, deps.config.passwordScryptN);
      const id = summary.showcase.departmentUserIds[a.regionCode!];
      const { changes } = sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND email = ?').run(hash, id, a.email);
      if (changes !== 1) throw new Error(`The generated data has no department ${a.email}`);
      continue;
    }
    const displayName = a.role === 'employer' ? employerName : a.role === 'graduate' ? talentName : a.displayName;
    const user = await createAccount(deps, { email: a.email, password: a.password, displayName, role: a.role, regionCode: a.regionCode ?? null });
    ids.set(a.email, user.id);
  }
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE employers SET user_id = ? WHERE id = ?').run(ids.get('employer@demo.shegong.cn'), summary.showcase.employerId);
    sqlite.prepare('UPDATE talents SET user_id = ? WHERE id = ?').run(ids.get('graduate@demo.shegong.cn'), summary.showcase.talentId);
  })();
}

function printSummary(s: DemoSummary, seconds: string, url: string, health: number | string, databasePath: string): void {
  const c = s.counts;
  const lines = [
    '',
    `shegong demo — 内蒙古自治区 (region ${PROVINCE}), seed ${s.seed}`,
    `  seeded in ${seconds} s (generation ${s.ms.total} ms: plan ${s.ms.plan}, seal ID numbers ${s.ms.seal}, write ${s.ms.write})`,
    `  ${c.talents} talents · ${c.employers} employers · ${c.positions} positions (${c.openPositions} open) · ${c.applications} applications (${c.applicationEvents} events)`,
    `  ${c.agreements} directed-training agreements (${Object.entries(c.agreementsByStatus).map(([k, v]) => `${v} ${k}`).join(', ')})`,
    `  ${c.placements} placements (${c.openPlacements} open, ${c.internships} internships) · township stations staffed ${c.coveredStations}/${c.coverageStations} in 呼和浩特 and 乌海 · ${c.lapsingCertificates} registrations lapse within 90 days`,
    `  呼和浩特 round collecting choices: ${c.roundPositions} posts, ${c.roundTalents} talents, ${c.roundChoices} ranked choices · ${c.departments} department accounts (two below can sign in)`,
    `  database ${databasePath} · ${url} · /health ${health} · API reference ${url}/api/docs`,
    '',
    table(
      ['role', 'email', 'password', 'what to try'],
      ACCOUNTS.map((a) => [a.role + (a.regionCode ? ` ${a.regionCode}` : ''), a.email, a.password, a.tryThis]),
    ),
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
