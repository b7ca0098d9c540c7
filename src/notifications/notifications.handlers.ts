import type { AppRouteHandler } from '../lib/openapi';
import type * as routes from './notifications.routes';
import * as service from './notifications.service';

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const q = c.req.valid('query');
  const lang = q.lang ?? c.get('lang') ?? 'zh';
  return c.json(await service.listMyNotifications(c.get('deps'), c.get('user'), lang, { unreadOnly: q.unread === 'true', limit: q.limit }), 200);
};

export const markRead: AppRouteHandler<typeof routes.markRead> = async (c) => {
  const body = c.req.valid('json');
  return c.json(await service.markMyNotificationsRead(c.get('deps'), c.get('user'), body.all ? 'all' : (body.ids ?? [])), 200);
};

export const getSettings: AppRouteHandler<typeof routes.getSettings> = async (c) => c.json(await service.getNotificationSettings(c.get('deps'), c.get('user')), 200);

export const putSettings: AppRouteHandler<typeof routes.putSettings> = async (c) =>
  c.json(await service.setNotificationSettings(c.get('deps'), c.get('user'), c.req.valid('json').email), 200);
