/**
 * Failed-login throttling (SPEC §8): after 10 failures within 5 minutes for a username,
 * or from a client address, further attempts get 429 until the oldest failure leaves the
 * window. In memory: a restart forgets, which only ever helps a legitimate user.
 *
 * An attempt counts as a failure from the moment it starts (`begin`), not when its
 * password check ends: verifying takes tens of milliseconds, and counting afterwards let
 * any number of parallel attempts through the check before the first one was recorded.
 * A successful attempt gives its count back.
 */
import type { Clock } from '../common/index.ts';
import { LoginRateLimitedError } from './errors.ts';
import { FailureWindow, type FailureWindowOptions } from './failure-window.ts';

export type LoginRateLimitOptions = FailureWindowOptions;

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { maxFailures: 10, windowMs: 5 * 60_000, maxKeys: 50_000 };

/** One login attempt in progress, already counted as a failure. */
export interface LoginAttempt {
  /** The credentials were right: clear the username's failures and take this attempt off the address. */
  succeeded(): void;
}

/** Sliding-window failure counters keyed by username and by client address. */
export class LoginRateLimiter {
  private readonly byUser: FailureWindow;
  private readonly byAddress: FailureWindow;

  constructor(
    private readonly clock: Clock,
    options: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
  ) {
    this.byUser = new FailureWindow(options);
    this.byAddress = new FailureWindow(options);
  }

  /** Throws LoginRateLimitedError when either the username or the address is over the limit. */
  check(username: string, address: string): void {
    const now = this.clock.nowMs();
    const waitMs = Math.max(this.byUser.waitMs(normalise(username), now), this.byAddress.waitMs(address, now));
    if (waitMs > 0) throw new LoginRateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** Checks the limit and, in the same synchronous step, counts the attempt as a failure. */
  begin(username: string, address: string): LoginAttempt {
    this.check(username, address);
    const atMs = this.recordFailure(username, address);
    return {
      succeeded: () => {
        this.recordSuccess(username);
        this.byAddress.forgetOne(address, atMs);
      },
    };
  }

  /** Counts a failure for the username and the address; returns the time it was counted at. */
  recordFailure(username: string, address: string): number {
    const now = this.clock.nowMs();
    this.byUser.record(normalise(username), now);
    this.byAddress.record(address, now);
    return now;
  }

  /** A successful login clears the username's failures (not the address's: it may be shared by an attacker). */
  recordSuccess(username: string): void {
    this.byUser.clear(normalise(username));
  }
}

function normalise(username: string): string {
  return username.trim().toLowerCase();
}
