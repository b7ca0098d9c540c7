// The departments that run the register: the autonomous region's party social work department and
// one for each league/city. They review employers, sign directed-training agreements, record
// placements and run rounds, so the demo's history has real actors.
//
// Their password hash is a placeholder that matches no password: nobody can sign in as them until
// `npm run demo` (demo.ts) sets a password on the ones it prints (the province and 呼和浩特).
import type { Role } from '../schema';
import { DAY, type Rng } from './random';
import type { RegionPool, RegionRow } from './region-pool';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  display_name: string;
  region_code: string | null;
  created_at: number;
}

/** verifyPassword (src/auth/password.ts) rejects anything not shaped scrypt$N,r,p$salt$hash. */
export const NO_PASSWORD = '!demo-account-without-password';

/** The sign-in emails of the province's and 呼和浩特's departments (demo.ts gives them passwords). */
export const DEPARTMENT_EMAILS: Record<string, string> = { '15': 'nmg@demo.shegong.cn', '1501': 'hohhot@demo.shegong.cn' };

export class Departments {
  readonly province: UserRow;
  private readonly byCity = new Map<string, UserRow>();

  constructor(rng: Rng, regions: RegionPool, now: number) {
    // The platform went live four years ago; its departments were set up first.
    const created = now - 4 * 365 * DAY - rng.int(0, 30) * DAY;
    const make = (r: RegionRow): UserRow => ({
      id: rng.id(),
      email: DEPARTMENT_EMAILS[r.code] ?? `dept-${r.code}@demo.shegong.cn`,
      password_hash: NO_PASSWORD,
      role: 'department',
      display_name: r.level === 1 ? `${r.name}党委社会工作部` : `${r.name}委社会工作部`,
      region_code: r.code,
      created_at: created + rng.int(0, 20) * DAY,
    });
    this.province = make(regions.province);
    for (const city of regions.cities) this.byCity.set(city.code, make(city));
  }

  /** The department of the city a region lies in (the province's for the province itself). */
  of(regionCode: string): UserRow {
    return this.byCity.get(regionCode.slice(0, 4)) ?? this.province;
  }

  all(): UserRow[] {
    return [this.province, ...this.byCity.values()];
  }
}
