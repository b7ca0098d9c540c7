import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonContent } from '../lib/openapi';
import { MarkReadBody, MarkedRead, NotificationList, NotificationQuery, NotificationSettings } from './notifications.schemas';

const tags = ['Notifications'];

export const list = createRoute({
  method: 'get',
  path: '/me/notifications',
  tags,
  summary: "The caller's notifications, newest first, with the unread count",
  request: { query: NotificationQuery },
  responses: { 200: jsonContent(NotificationList, 'Notifications'), ...errorResponses },
});

export const markRead = createRoute({
  method: 'post',
  path: '/me/notifications/read',
  tags,
  summary: "Mark the caller's notifications read: these ids, or all",
  request: { body: jsonBody(MarkReadBody) },
  responses: { 200: jsonContent(MarkedRead, 'Marked'), ...errorResponses },
});

export const getSettings = createRoute({
  method: 'get',
  path: '/me/notification-settings',
  tags,
  summary: 'Whether notifications also come by mail',
  responses: { 200: jsonContent(NotificationSettings, 'Settings'), ...errorResponses },
});

export const putSettings = createRoute({
  method: 'put',
  path: '/me/notification-settings',
  tags,
  summary: 'Choose whether notifications also come by mail',
  request: { body: jsonBody(NotificationSettings) },
  responses: { 200: jsonContent(NotificationSettings, 'Settings'), ...errorResponses },
});
