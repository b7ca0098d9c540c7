// The admin console's reads (the writes it makes go through the auth feature's front door).
import type { Database } from '../lib/database';

/** Every department account, by region then email. */
export function listDepartmentUsers(database: Database) {
  return database.db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'display_name', 'region_code'])
    .where('role', '=', 'department')
    .orderBy('region_code')
    .orderBy('email')
    .execute();
}
