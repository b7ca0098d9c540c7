import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './admin.routes';
import * as service from './admin.service';
import * as audit from './admin.audit.service';
import * as consoleService from './admin.console.service';

export const createDepartment: AppRouteHandler<typeof routes.createDepartment> = async (c) => {
  const deps = c.get('deps');
  const user = await service.createDepartment(deps, c.get('user'), c.req.valid('json'));
  return c.json(await service.getUser(deps, c.get('user'), user.id), 201);
};

export const listDepartments: AppRouteHandler<typeof routes.listDepartments> = async (c) => {
  return c.json({ items: await service.listDepartments(c.get('deps'), c.get('user')) }, 200);
};

export const unlockUser: AppRouteHandler<typeof routes.unlockUser> = async (c) => {
  await service.unlockUser(c.get('deps'), c.get('user'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const overview: AppRouteHandler<typeof routes.overview> = async (c) => {
  return c.json(await consoleService.overview(c.get('deps'), c.get('user')), 200);
};

export const findUsers: AppRouteHandler<typeof routes.findUsers> = async (c) => {
  return c.json({ items: await service.findUsers(c.get('deps'), c.get('user'), c.req.valid('query').email) }, 200);
};

export const disableUser: AppRouteHandler<typeof routes.disableUser> = async (c) => {
  await service.disableUser(c.get('deps'), c.get('user'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const enableUser: AppRouteHandler<typeof routes.enableUser> = async (c) => {
  await service.enableUser(c.get('deps'), c.get('user'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const sendResetLink: AppRouteHandler<typeof routes.sendResetLink> = async (c) => {
  return c.json(await service.sendResetLink(c.get('deps'), c.get('user'), c.req.valid('param').id, new URL(c.req.url).origin), 202);
};

export const auditLog: AppRouteHandler<typeof routes.auditLog> = async (c) => {
  return c.json(await audit.auditLog(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const listImports: AppRouteHandler<typeof routes.listImports> = async (c) => {
  return c.json(await consoleService.listImports(c.get('deps'), c.get('user'), c.req.valid('query').page), 200);
};
