// Who is calling: the checks every service of employers, positions and applications starts with.
// Services take the caller (null when not signed in), so the JSON API and the web forms share them.
import type { SessionUser } from '../lib/context';
import type { Role } from '../../db/schema';
import { AppError, forbidden } from '../lib/errors';

export function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

export function requireRole(user: SessionUser | null, ...roles: Role[]): SessionUser {
  const u = signedIn(user);
  if (!roles.includes(u.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`);
  return u;
}

/** True when a write failed on a UNIQUE constraint (better-sqlite3 and D1 both say so in the message). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return message.includes('UNIQUE constraint failed') && (!column || message.includes(column));
}

/** Today's calendar date in China (UTC+8, no daylight saving): open and close dates are Chinese dates. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
