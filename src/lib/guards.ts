// Who is calling: the checks every service starts with. Services take the caller (null when not
// signed in), so the JSON API and the web forms share them (ARCHITECTURE.md, "Permissions").
import type { Role } from '../../db/schema';
import type { SessionUser } from './context';
import { AppError, forbidden } from './errors';

export function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

export function requireRole(user: SessionUser | null, ...roles: Role[]): SessionUser {
  const u = signedIn(user);
  if (!roles.includes(u.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`);
  return u;
}
