import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './rounds.extensions.routes';
import * as adjustment from './rounds.adjustment';
import * as pins from './rounds.pins';
import * as notices from './rounds.notices';

const privateNoStore = (c: { header: (k: string, v: string) => void }) => c.header('Cache-Control', 'private, no-store');

export const getAdjustment: AppRouteHandler<typeof routes.getAdjustment> = async (c) => {
  privateNoStore(c);
  return c.json(await adjustment.getMyAdjustment(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const putAdjustment: AppRouteHandler<typeof routes.putAdjustment> = async (c) =>
  c.json(await adjustment.setMyAdjustment(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json').regionCode), 200);

export const listPins: AppRouteHandler<typeof routes.listPins> = async (c) => {
  privateNoStore(c);
  return c.json(await pins.listPins(c.get('deps'), c.get('user'), c.req.valid('param').id), 200);
};

export const addPin: AppRouteHandler<typeof routes.addPin> = async (c) =>
  c.json(await pins.addPin(c.get('deps'), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 201);

export const removePin: AppRouteHandler<typeof routes.removePin> = async (c) => {
  const p = c.req.valid('param');
  return c.json(await pins.removePin(c.get('deps'), c.get('user'), p.id, p.talentId), 200);
};

export const myNotices: AppRouteHandler<typeof routes.myNotices> = async (c) => {
  privateNoStore(c);
  return c.json({ items: await notices.myNotices(c.get('deps'), c.get('user')) }, 200);
};

export const dismissNotice: AppRouteHandler<typeof routes.dismissNotice> = async (c) =>
  c.json({ items: await notices.dismissNotice(c.get('deps'), c.get('user'), c.req.valid('param').id) }, 200);
