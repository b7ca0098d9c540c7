import { toUserDto } from '../auth';
import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './admin.routes';
import * as service from './admin.service';

export const createDepartment: AppRouteHandler<typeof routes.createDepartment> = async (c) => {
  const user = await service.createDepartment(c.get('deps'), c.get('user'), c.req.valid('json'));
  return c.json(toUserDto(user), 201);
};

export const listDepartments: AppRouteHandler<typeof routes.listDepartments> = async (c) => {
  const rows = await service.listDepartments(c.get('deps'), c.get('user'));
  return c.json({ items: rows.map(toUserDto) }, 200);
};

export const unlockUser: AppRouteHandler<typeof routes.unlockUser> = async (c) => {
  await service.unlockUser(c.get('deps'), c.get('user'), c.req.valid('param').id);
  return c.body(null, 204);
};
