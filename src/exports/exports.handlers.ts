import type { RouteHandler } from '@hono/zod-openapi';
import type { AppContext, AppEnv } from '../lib/context';
import { AppError } from '../lib/errors';
import type { Dataset } from './exports.labels';
import type { ExportParams } from './exports.schemas';
import type * as routes from './exports.routes';
import { exportDownload } from './exports.jobs';

type H<R extends Parameters<typeof import('@hono/zod-openapi').createRoute>[0]> = RouteHandler<R, AppEnv>;

/** A full export is a GET (a plain link for API clients), so a browser must not be made to fetch one
 * from another site: its audit record would say the department asked for it. */
function refuseCrossSiteReveal(c: AppContext, reveal: boolean): void {
  const site = c.req.header('sec-fetch-site');
  if (reveal && site && site !== 'same-origin' && site !== 'none') {
    throw new AppError('cross_site_request', `A full export cannot be started from another site (Sec-Fetch-Site: ${site})`);
  }
}

async function download(c: AppContext, dataset: Dataset, params: ExportParams): Promise<Response> {
  refuseCrossSiteReveal(c, params.reveal);
  const deps = c.get('deps');
  // A job: a worker thread on Node (src/exports/exports.jobs.ts); the download is unchanged.
  return exportDownload(deps, c.get('user'), dataset, params);
}

export const talents: H<typeof routes.talents> = (c) => download(c, 'talents', c.req.valid('query'));
export const placements: H<typeof routes.placements> = (c) => download(c, 'placements', c.req.valid('query'));
export const agreements: H<typeof routes.agreements> = (c) => download(c, 'agreements', c.req.valid('query'));
