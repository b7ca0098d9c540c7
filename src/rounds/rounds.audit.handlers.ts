import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './rounds.audit.routes';
import * as service from './rounds.audit.service';
import * as followups from './rounds.followup';

export const refreshInputs: AppRouteHandler<typeof routes.refreshInputs> = async (c) =>
  c.json(await service.refreshInputs(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

export const exportFile: AppRouteHandler<typeof routes.exportFile> = async (c) => {
  const id = c.req.valid('param').id;
  const file = await service.exportRound(c.get('deps'), c.get('user'), id);
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', `attachment; filename="round-${id}.json"`);
  return c.json(file as Record<string, unknown>, 200);
};

export const report: AppRouteHandler<typeof routes.report> = async (c) => c.json(await service.roundReport(c.get('deps'), c.req.valid('param').id), 200);

export const followUp: AppRouteHandler<typeof routes.followUp> = async (c) =>
  c.json(await followups.createFollowUp(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 201);

export const fillRate: AppRouteHandler<typeof routes.fillRate> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await followups.fillRate(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};
