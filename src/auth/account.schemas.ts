import { z } from '@hono/zod-openapi';
import { Email } from './auth.schemas';

export const SessionItem = z
  .object({
    id: z.string(),
    current: z.boolean().openapi({ description: 'The session of this request' }),
    createdAt: z.number().int(),
    lastActiveAt: z.number().int(),
    device: z.string().nullable().openapi({ example: 'Chrome · Android' }),
  })
  .openapi('Session');
export const SessionList = z.object({ items: z.array(SessionItem) }).openapi('SessionList');
export const SignedOutOthers = z.object({ ended: z.number().int() }).openapi('SignedOutOthers');
export const SessionIdParam = z.object({ id: z.string().max(64, 'must be at most 64 characters') });

export const EmailChangeBody = z
  .object({ newEmail: Email, currentPassword: z.string().min(1, 'is required').max(200, 'must be at most 200 characters') })
  .openapi('EmailChangeRequest');
export const EmailChangeRequested = z.object({ message: z.string() }).openapi('EmailChangeRequested');
export const EmailConfirmBody = z.object({ token: z.string().min(1, 'is required').max(100, 'must be at most 100 characters') }).openapi('EmailChangeConfirm');
export const EmailChanged = z.object({ email: z.string() }).openapi('EmailChanged');
