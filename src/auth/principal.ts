/**
 * Who is calling, as established by the Authenticator, and the role checks route
 * handlers apply. Role and tenant come from the database on every request, so demoting
 * or deleting a user takes effect immediately, not when their token expires.
 */
import type { Role } from '../meta/index.ts';
import { ForbiddenError } from './errors.ts';

export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly tenant: string;
  readonly role: Role;
  /** When the presented token expires (Unix seconds). */
  readonly tokenExpiresAtS: number;
}

/** Throws ForbiddenError unless the principal is an admin. */
export function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenError();
}

/** True for admins. */
export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}
