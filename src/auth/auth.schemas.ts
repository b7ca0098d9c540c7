import { z } from '@hono/zod-openapi';
import { requiredText } from '../lib/text';

export const Email = z.string().trim().toLowerCase().max(254).email('must be an email address').openapi({ example: 'li.na@example.cn' });
export const Password = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');
export const DisplayName = requiredText(60);

export const RegisterBody = z
  .object({
    email: Email,
    password: Password,
    displayName: DisplayName,
    role: z.enum(['graduate', 'employer']),
  })
  .openapi('RegisterRequest');

export const SignInBody = z.object({ email: Email, password: z.string().min(1, 'is required').max(200) }).openapi('SignInRequest');

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1, 'is required').max(200), newPassword: Password }).openapi('ChangePasswordRequest');

export const PasswordResetRequestBody = z.object({ email: Email }).openapi('PasswordResetRequest');
export const PasswordResetBody = z.object({ token: z.string().min(1, 'is required').max(100, 'must be at most 100 characters'), newPassword: Password }).openapi('PasswordReset');
export const PasswordResetRequested = z
  .object({ message: z.string().openapi({ example: 'If an account has this address, a reset link is on its way.' }) })
  .openapi('PasswordResetRequested');

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['graduate', 'employer', 'department', 'admin']),
    displayName: z.string(),
    regionCode: z.string().nullable(),
  })
  .openapi('User');

export const SignUpPending = z
  .object({
    status: z.literal('check_mailbox'),
    message: z.string().openapi({ example: 'Check your mailbox: the link in it finishes the sign-up.' }),
  })
  .openapi('SignUpPending');
export const SignUpConfirmBody = z.object({ token: z.string().min(1, 'is required').max(100, 'must be at most 100 characters') }).openapi('SignUpConfirm');

export const SessionResponse = z.object({ user: UserSchema, token: z.string() }).openapi('SessionResponse');

export const toUserDto = (u: { id: string; email: string; role: 'graduate' | 'employer' | 'department' | 'admin'; display_name: string; region_code: string | null }) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  displayName: u.display_name,
  regionCode: u.region_code,
});
