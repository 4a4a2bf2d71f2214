/**
 * Throttles the one way a tenant admin can learn about other tenants' users: usernames
 * are global (login carries no tenant), so creating or renaming a user onto a name held
 * in another tenant answers 409. After 10 "already taken" answers (for a name in any
 * tenant, so the count itself tells nothing) within 5 minutes, the tenant's user
 * creations and renames get 429 until the oldest one leaves the window. The
 * check comes before the attempt, so a 429 says nothing about the name tried, and a
 * tenant can confirm at most 10 taken names per 5 minutes instead of thousands a second.
 * In memory, keyed by tenant.
 */
import type { Clock } from '../common/index.ts';
import { UsernameProbeLimitedError } from './errors.ts';
import { FailureWindow, type FailureWindowOptions } from './failure-window.ts';

export const DEFAULT_USERNAME_PROBE_LIMIT: FailureWindowOptions = { maxFailures: 10, windowMs: 5 * 60_000, maxKeys: 10_000 };

/** Per-tenant counter of "username already taken" answers. */
export class UsernameProbeLimiter {
  private readonly byTenant: FailureWindow;

  constructor(
    private readonly clock: Clock,
    options: FailureWindowOptions = DEFAULT_USERNAME_PROBE_LIMIT,
  ) {
    this.byTenant = new FailureWindow(options);
  }

  /** Throws UsernameProbeLimitedError while the tenant is over the limit. */
  check(tenant: string): void {
    const waitMs = this.byTenant.waitMs(tenant, this.clock.nowMs());
    if (waitMs > 0) throw new UsernameProbeLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** Counts one "already taken" answer given to the tenant. */
  recordConflict(tenant: string): void {
    this.byTenant.record(tenant, this.clock.nowMs());
  }
}
