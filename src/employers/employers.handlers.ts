import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './employers.routes';
import * as service from './employers.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const register: H<typeof routes.register> = async (c) => {
  const employer = await service.registerEmployer(c.get('deps'), c.get('user'), c.req.valid('json'));
  return c.json(employer, 201);
};

export const getMine: H<typeof routes.getMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getOwnEmployer(c.get('deps'), c.get('user')), 200);
};

export const patchMine: H<typeof routes.patchMine> = async (c) => {
  return c.json(await service.updateOwnEmployer(c.get('deps'), c.get('user'), c.req.valid('json')), 200);
};

export const list: H<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listEmployersForReview(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: H<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getEmployerForViewer(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const verify: H<typeof routes.verify> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.verifyEmployer(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const reject: H<typeof routes.reject> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.rejectEmployer(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const internshipBase: H<typeof routes.internshipBase> = async (c) => {
  const { internshipBase } = c.req.valid('json');
  return c.json(await service.setInternshipBase(c.get('deps'), c.get('user'), c.req.valid('param').id, internshipBase), 200);
};
