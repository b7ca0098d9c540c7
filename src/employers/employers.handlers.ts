import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './employers.routes';
import * as service from './employers.service';

export const register: AppRouteHandler<typeof routes.register> = async (c) => {
  const employer = await service.registerEmployer(c.get('deps'), c.get('user'), c.req.valid('json'));
  return c.json(employer, 201);
};

export const getMine: AppRouteHandler<typeof routes.getMine> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getOwnEmployer(c.get('deps'), c.get('user')), 200);
};

export const patchMine: AppRouteHandler<typeof routes.patchMine> = async (c) => {
  return c.json(await service.updateOwnEmployer(c.get('deps'), c.get('user'), c.req.valid('json')), 200);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listEmployersForReview(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getEmployerForViewer(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const verify: AppRouteHandler<typeof routes.verify> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.verifyEmployer(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const reject: AppRouteHandler<typeof routes.reject> = async (c) => {
  const { note } = c.req.valid('json');
  return c.json(await service.rejectEmployer(c.get('deps'), c.get('user'), c.req.valid('param').id, note), 200);
};

export const internshipBase: AppRouteHandler<typeof routes.internshipBase> = async (c) => {
  const { internshipBase } = c.req.valid('json');
  return c.json(await service.setInternshipBase(c.get('deps'), c.get('user'), c.req.valid('param').id, internshipBase), 200);
};
