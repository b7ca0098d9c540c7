import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './statistics.routes';
import * as service from './statistics.service';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

const ctxOf = (c: Parameters<H<typeof routes.supplyDemand>>[0], region: string | undefined) => {
  c.header('Cache-Control', 'private, no-store');
  return service.statContext(c.get('deps'), c.get('user'), region);
};

export const talents: H<typeof routes.talents> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.talentBreakdown(c.get('deps'), ctx, c.req.valid('param').dimension), 200);
};

export const supplyDemand: H<typeof routes.supplyDemand> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.supplyDemand(c.get('deps'), ctx), 200);
};

export const townshipCoverage: H<typeof routes.townshipCoverage> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.townshipCoverage(c.get('deps'), ctx, q), 200);
};

export const schoolCoverage: H<typeof routes.schoolCoverage> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.schoolCoverage(c.get('deps'), ctx, q), 200);
};

export const placementsMonthly: H<typeof routes.placementsMonthly> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.monthlyPlacements(c.get('deps'), ctx, q), 200);
};

export const directedTraining: H<typeof routes.directedTraining> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.directedTraining(c.get('deps'), ctx), 200);
};

export const lapsingRegistrations: H<typeof routes.lapsingRegistrations> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.lapsingRegistrations(c.get('deps'), ctx, q), 200);
};
