import type { AppRouteHandler } from '../lib/openapi';
import { requireUser } from '../auth';
import { createAccount, unlockAccount } from '../auth';
import { toUserDto } from '../auth';
import type * as routes from './admin.routes';

export const createDepartment: AppRouteHandler<typeof routes.createDepartment> = async (c) => {
  requireUser(c, 'admin');
  const body = c.req.valid('json');
  const user = await createAccount(c.get('deps'), { ...body, role: 'department' });
  return c.json(toUserDto(user), 201);
};

export const listDepartments: AppRouteHandler<typeof routes.listDepartments> = async (c) => {
  requireUser(c, 'admin');
  const rows = await c
    .get('deps')
    .database.db.selectFrom('users')
    .select(['id', 'email', 'role', 'display_name', 'region_code'])
    .where('role', '=', 'department')
    .orderBy('region_code')
    .orderBy('email')
    .execute();
  return c.json({ items: rows.map(toUserDto) }, 200);
};

export const unlockUser: AppRouteHandler<typeof routes.unlockUser> = async (c) => {
  const admin = requireUser(c, 'admin');
  await unlockAccount(c.get('deps'), admin, c.req.valid('param').id);
  return c.body(null, 204);
};
