import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './talents.routes';
import * as service from './talents.service';
import { notFound } from '../lib/errors';

export const getMine: AppRouteHandler<typeof routes.getMine> = async (c) => {
  const profile = await service.getOwnProfile(c.get('deps'), c.get('user'));
  if (!profile) throw notFound('Talent profile');
  c.header('Cache-Control', 'private, no-store');
  return c.json(profile, 200);
};

export const putMine: AppRouteHandler<typeof routes.putMine> = async (c) => {
  const { profile, created } = await service.saveOwnProfile(c.get('deps'), c.get('user'), c.req.valid('json'));
  c.header('Cache-Control', 'private, no-store');
  return created ? c.json(profile, 201) : c.json(profile, 200);
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.listTalents(c.get('deps'), c.get('user'), c.req.valid('query')), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await service.getTalent(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const revealIdNumber: AppRouteHandler<typeof routes.revealIdNumber> = async (c) => {
  const revealed = await service.revealIdNumber(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json'));
  c.header('Cache-Control', 'no-store');
  return c.json(revealed, 200);
};
