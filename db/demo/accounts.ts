// The demo's sign-ins, one for each role (demo.ts prints them). The passwords are printed on purpose:
// they exist only in the throw-away demo database.
import type BetterSqlite3 from 'better-sqlite3';
import { createAccount } from '../../src/auth';
import { hashPassword } from '../../src/auth';
import type { AppDeps } from '../../src/lib/context';
import type { Role } from '../schema';
import { DEPARTMENT_EMAILS } from './departments';
import { PROVINCE, SHOWCASE_CITY, type DemoSummary } from './generate';

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  displayName: string;
  regionCode?: string;
  tryThis: string;
}

export const ACCOUNTS: DemoAccount[] = [
  {
    role: 'admin',
    email: 'admin@demo.shegong.cn',
    password: 'demo-admin-2026',
    displayName: '平台管理员',
    tryThis: '/admin: departments (create, disable, reset), users (find, unlock), the audit log, imports, search status; sees every region',
  },
  {
    role: 'department',
    email: DEPARTMENT_EMAILS[PROVINCE],
    password: 'demo-dept-15',
    displayName: '',
    regionCode: PROVINCE,
    tryThis: 'the whole province: statistics and coverage, agreements by status, placements, last summer’s 乌海 round, imports and exports, verify employers',
  },
  {
    role: 'department',
    email: DEPARTMENT_EMAILS[SHOWCASE_CITY],
    password: 'demo-dept-1501',
    displayName: '',
    regionCode: SHOWCASE_CITY,
    tryThis: '呼和浩特 only: its round is collecting choices (run it, publish: see Try this); township coverage; other cities 404',
  },
  {
    role: 'employer',
    email: 'employer@demo.shegong.cn',
    password: 'demo-employer',
    displayName: '',
    tryThis: 'a verified agency and internship base in 呼和浩特: posts in the round (accept its proposal), applicants, interns, candidates',
  },
  {
    role: 'graduate',
    email: 'graduate@demo.shegong.cn',
    password: 'demo-graduate',
    displayName: '',
    tryThis: 'a directed graduate awaiting placement: rank posts in the 呼和浩特 round (see Try this), recommended posts, applications',
  },
];

/** Admin, employer and graduate accounts are created as the app creates them; the two department
 * accounts exist already (the generator's departments signed agreements and reviewed employers)
 * and get their password here. */
export async function createDemoAccounts(deps: AppDeps, sqlite: BetterSqlite3.Database, summary: DemoSummary): Promise<void> {
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
