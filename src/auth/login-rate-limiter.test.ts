import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { LoginRateLimitedError } from './errors.ts';
import { LoginRateLimiter } from './login-rate-limiter.ts';

describe('LoginRateLimiter', () => {
  test('10 failures for a username block it for the rest of the 5-minute window, then it recovers', () => {
    const clock = new ManualClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < 10; i++) {
      limiter.check('alice', `10.0.0.${i}`);
      limiter.recordFailure('alice', `10.0.0.${i}`);
      clock.advance(1000);
    }
    expect(() => limiter.check('ALICE', '10.0.0.99')).toThrow(LoginRateLimitedError);
    limiter.check('bob', '10.0.0.99');
    let caught: unknown = null;
    try {
      limiter.check('alice', '10.0.0.99');
    } catch (err) {
      caught = err;
    }
    expect((caught as LoginRateLimitedError).retryAfterSeconds).toBe(290);
    clock.advance(290_000);
    limiter.check('alice', '10.0.0.99');
  });

  test('10 failures from one address block every username from it', () => {
    const clock = new ManualClock();
    const limiter = new LoginRateLimiter(clock);
    for (let i = 0; i < 10; i++) limiter.recordFailure(`user${i}`, '192.0.2.1');
    expect(() => limiter.check('someone', '192.0.2.1')).toThrow(LoginRateLimitedError);
    limiter.check('someone', '192.0.2.2');
    clock.advance(5 * 60_000);
    limiter.check('someone', '192.0.2.1');
  });

  test('success clears the username counter but not the address counter', () => {
    const limiter = new LoginRateLimiter(new ManualClock());
    for (let i = 0; i < 9; i++) limiter.recordFailure('alice', '192.0.2.1');
    limiter.recordSuccess('alice');
    limiter.recordFailure('alice', '192.0.2.2');
    limiter.check('alice', '192.0.2.2');
    limiter.recordFailure('mallory', '192.0.2.1');
    expect(() => limiter.check('x', '192.0.2.1')).toThrow(LoginRateLimitedError);
  });

  test('begin counts the attempt at once; succeeded gives back the address count and clears the username', () => {
    const limiter = new LoginRateLimiter(new ManualClock());
    const pending = Array.from({ length: 10 }, () => limiter.begin('alice', '192.0.2.1'));
    expect(() => limiter.begin('alice', '192.0.2.9')).toThrow(LoginRateLimitedError);
    expect(() => limiter.begin('bob', '192.0.2.1')).toThrow(LoginRateLimitedError);
    pending[0].succeeded();
    limiter.begin('alice', '192.0.2.9');
    limiter.begin('bob', '192.0.2.1');
    expect(() => limiter.begin('carol', '192.0.2.1')).toThrow(LoginRateLimitedError);
  });

  test('tracked keys are bounded', () => {
    const limiter = new LoginRateLimiter(new ManualClock(), { maxFailures: 2, windowMs: 1000, maxKeys: 3 });
    for (let i = 0; i < 10; i++) limiter.recordFailure(`u${i}`, `a${i}`);
    // The oldest keys were forgotten; the newest is still counted.
    limiter.check('u0', 'a0');
    limiter.recordFailure('u9', 'b');
    expect(() => limiter.check('u9', 'c')).toThrow(LoginRateLimitedError);
  });
});
