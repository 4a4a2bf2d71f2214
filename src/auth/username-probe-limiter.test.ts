import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { UsernameProbeLimitedError } from './errors.ts';
import { UsernameProbeLimiter } from './username-probe-limiter.ts';

describe('UsernameProbeLimiter', () => {
  test('10 conflicts in 5 minutes block the tenant until the oldest ages out; other tenants are free', () => {
    const clock = new ManualClock();
    const limiter = new UsernameProbeLimiter(clock);
    for (let i = 0; i < 10; i++) {
      limiter.check('beta');
      limiter.recordConflict('beta');
      clock.advance(1000);
    }
    let caught: unknown = null;
    try {
      limiter.check('beta');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsernameProbeLimitedError);
    expect((caught as UsernameProbeLimitedError).retryAfterSeconds).toBe(290);
    limiter.check('acme');
    clock.advance(290_000);
    limiter.check('beta');
  });
});
