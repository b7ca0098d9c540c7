import { z } from '@hono/zod-openapi';

export const NotificationItem = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'application_stage' }),
    text: z.string().openapi({ description: 'In the language of the request (?lang=en, default Chinese)' }),
    link: z.string().nullable(),
    createdAt: z.number().int(),
    read: z.boolean(),
  })
  .openapi('Notification');
export const NotificationList = z.object({ items: z.array(NotificationItem), unread: z.number().int() }).openapi('NotificationList');
export const NotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
  lang: z.enum(['zh', 'en']).optional(),
});
export const MarkReadBody = z
  .object({
    ids: z.array(z.string().max(64, 'must be at most 64 characters')).max(100, 'must have at most 100 items').optional(),
    all: z.boolean().optional(),
  })
  .refine((b) => b.all === true || (b.ids?.length ?? 0) > 0, { message: 'give ids or all: true', path: ['ids'] })
  .openapi('MarkNotificationsRead');
export const MarkedRead = z.object({ marked: z.number().int(), unread: z.number().int() }).openapi('NotificationsMarkedRead');
export const NotificationSettings = z.object({ email: z.boolean().openapi({ description: 'Also send notifications by mail' }) }).openapi('NotificationSettings');
