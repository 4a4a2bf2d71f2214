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

export interface LoginRateLimitOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Bound on tracked keys per kind, so a spray of usernames cannot grow memory without end. */
  readonly maxKeys: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { maxFailures: 10, windowMs: 5 * 60_000, maxKeys: 50_000 };

/** One login attempt in progress, already counted as a failure. */
export interface LoginAttempt {
  /** The credentials were right: clear the username's failures and take this attempt off the address. */
  succeeded(): void;
}

/** Sliding-window failure counters keyed by username and by client address. */
export class LoginRateLimiter {
  private readonly byUser = new Map<string, number[]>();
  private readonly byAddress = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
  ) {}

  /** Throws LoginRateLimitedError when either the username or the address is over the limit. */
  check(username: string, address: string): void {
    const now = this.clock.nowMs();
    const waitMs = Math.max(this.waitMs(this.byUser, normalise(username), now), this.waitMs(this.byAddress, address, now));
    if (waitMs > 0) throw new LoginRateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** Checks the limit and, in the same synchronous step, counts the attempt as a failure. */
  begin(username: string, address: string): LoginAttempt {
    this.check(username, address);
    const atMs = this.recordFailure(username, address);
    return {
      succeeded: () => {
        this.recordSuccess(username);
        this.forgetOne(this.byAddress, address, atMs);
      },
    };
  }

  /** Counts a failure for the username and the address; returns the time it was counted at. */
  recordFailure(username: string, address: string): number {
    const now = this.clock.nowMs();
    this.push(this.byUser, normalise(username), now);
    this.push(this.byAddress, address, now);
    return now;
  }

  /** A successful login clears the username's failures (not the address's: it may be shared by an attacker). */
  recordSuccess(username: string): void {
    this.byUser.delete(normalise(username));
  }

  /** Removes one failure counted at `atMs` (the newest such), if it is still tracked. */
  private forgetOne(map: Map<string, number[]>, key: string, atMs: number): void {
    const times = map.get(key);
    if (times === undefined) return;
    const i = times.lastIndexOf(atMs);
    if (i < 0) return;
    times.splice(i, 1);
    if (times.length === 0) map.delete(key);
  }

  private waitMs(map: Map<string, number[]>, key: string, now: number): number {
    const times = this.live(map, key, now);
    if (times.length < this.options.maxFailures) return 0;
    // Attempts resume when enough failures have aged out to go below the limit.
    return times[times.length - this.options.maxFailures] + this.options.windowMs - now;
  }

  private live(map: Map<string, number[]>, key: string, now: number): number[] {
    const times = map.get(key);
    if (times === undefined) return [];
    const cutoff = now - this.options.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= cutoff) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length === 0) map.delete(key);
    return times;
  }

  private push(map: Map<string, number[]>, key: string, now: number): void {
    const times = this.live(map, key, now);
    if (times.length === 0) {
      if (map.size >= this.options.maxKeys) this.evict(map, now);
      map.set(key, [now]);
      return;
    }
    times.push(now);
    // Only the newest maxFailures timestamps decide anything.
    if (times.length > this.options.maxFailures) times.splice(0, times.length - this.options.maxFailures);
  }

  private evict(map: Map<string, number[]>, now: number): void {
    for (const key of [...map.keys()]) this.live(map, key, now);
    // Still full: forget the oldest-inserted keys (Map keeps insertion order).
    for (const key of map.keys()) {
      if (map.size < this.options.maxKeys) break;
      map.delete(key);
    }
  }
}

function normalise(username: string): string {
  return username.trim().toLowerCase();
}
