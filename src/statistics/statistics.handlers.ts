import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './statistics.routes';
import * as service from './statistics.service';

const ctxOf = (c: Parameters<AppRouteHandler<typeof routes.supplyDemand>>[0], region: string | undefined) => {
  c.header('Cache-Control', 'private, no-store');
  return service.statContext(c.get('deps'), c.get('user'), region);
};

export const talents: AppRouteHandler<typeof routes.talents> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.talentBreakdown(c.get('deps'), ctx, c.req.valid('param').dimension), 200);
};

export const supplyDemand: AppRouteHandler<typeof routes.supplyDemand> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.supplyDemand(c.get('deps'), ctx), 200);
};

export const townshipCoverage: AppRouteHandler<typeof routes.townshipCoverage> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.townshipCoverage(c.get('deps'), ctx, q), 200);
};

export const schoolCoverage: AppRouteHandler<typeof routes.schoolCoverage> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.schoolCoverage(c.get('deps'), ctx, q), 200);
};

export const placementsMonthly: AppRouteHandler<typeof routes.placementsMonthly> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.monthlyPlacements(c.get('deps'), ctx, q), 200);
};

export const directedTraining: AppRouteHandler<typeof routes.directedTraining> = async (c) => {
  const ctx = await ctxOf(c, c.req.valid('query').region);
  return c.json(await service.directedTraining(c.get('deps'), ctx), 200);
};

export const lapsingRegistrations: AppRouteHandler<typeof routes.lapsingRegistrations> = async (c) => {
  const q = c.req.valid('query');
  const ctx = await ctxOf(c, q.region);
  return c.json(await service.lapsingRegistrations(c.get('deps'), ctx, q), 200);
};
