import type { AppRouteHandler } from '../lib/openapi';
import type { AppContext } from '../lib/context';
import { AppError } from '../lib/errors';
import type { Dataset } from './exports.labels';
import type { ExportParams } from './exports.schemas';
import type * as routes from './exports.routes';
import { exportDownload } from './exports.jobs';

/** A full export is a GET (a plain link for API clients), so a browser must not be made to fetch one
 * from another site: its audit record would say the department asked for it. A browser session
 * (cookie) must show it is same-site: Sec-Fetch-Site, or else an Origin of this site. Old browsers
 * send neither on a navigation, so neither means refused; API clients use a bearer token. */
function refuseCrossSiteReveal(c: AppContext, reveal: boolean): void {
  if (!reveal || !c.get('user')) return;
  if (c.req.header('authorization')?.startsWith('Bearer ')) return;
  const site = c.req.header('sec-fetch-site');
  if (site) {
    if (site === 'same-origin' || site === 'none') return;
    throw new AppError('cross_site_request', `A full export cannot be started from another site (Sec-Fetch-Site: ${site})`);
  }
  const origin = c.req.header('origin');
  const expected = c.get('deps').config.publicOrigin ?? new URL(c.req.url).origin;
  if (origin !== expected) {
    throw new AppError(
      'cross_site_request',
      origin ? `A full export cannot be started from another site (Origin: ${origin})` : 'A full export from a browser must come from this site (no Sec-Fetch-Site or Origin)',
    );
  }
}

async function download(c: AppContext, dataset: Dataset, params: ExportParams): Promise<Response> {
  refuseCrossSiteReveal(c, params.reveal);
  const deps = c.get('deps');
  // A job: a worker thread on Node (src/exports/exports.jobs.ts); the download is unchanged.
  return exportDownload(deps, c.get('user'), dataset, params);
}

export const talents: AppRouteHandler<typeof routes.talents> = (c) => download(c, 'talents', c.req.valid('query'));
export const placements: AppRouteHandler<typeof routes.placements> = (c) => download(c, 'placements', c.req.valid('query'));
export const agreements: AppRouteHandler<typeof routes.agreements> = (c) => download(c, 'agreements', c.req.valid('query'));
