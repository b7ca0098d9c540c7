import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../lib/context';
import type * as routes from './rounds.audit.routes';
import * as service from './rounds.audit.service';
import * as followups from './rounds.followup';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

export const refreshInputs: H<typeof routes.refreshInputs> = async (c) =>
  c.json(await service.refreshInputs(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);

export const exportFile: H<typeof routes.exportFile> = async (c) => {
  const id = c.req.valid('param').id;
  const file = await service.exportRound(c.get('deps'), c.get('user'), id);
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', `attachment; filename="round-${id}.json"`);
  return c.json(file as Record<string, unknown>, 200);
};

export const report: H<typeof routes.report> = async (c) => c.json(await service.roundReport(c.get('deps'), c.req.valid('param').id), 200);

export const followUp: H<typeof routes.followUp> = async (c) => c.json(await followups.createFollowUp(c.get('deps'), c.get('user'), c.req.valid('param').id), 201);

export const fillRate: H<typeof routes.fillRate> = async (c) => {
  c.header('Cache-Control', 'private, no-store');
  return c.json(await followups.fillRate(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};
