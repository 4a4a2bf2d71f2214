import { describe, expect, test } from 'bun:test';
import { createLogger, ManualClock, silentLogger, type Logger } from '../common/index.ts';
import { createMetaStores, openMetaDb } from '../meta/index.ts';
import { Authenticator } from './authenticator.ts';
import { AuthError, LoginRateLimitedError } from './errors.ts';
import { LoginRateLimiter } from './login-rate-limiter.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { createTestPasswordHasher } from './test-hasher.ts';
import { TokenService } from './token-service.ts';

async function setup(hasher: PasswordHasher = createTestPasswordHasher(), options: { logger?: Logger; rateLimiter?: LoginRateLimiter } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const stores = createMetaStores(openMetaDb(':memory:'), clock);
  const tokens = new TokenService(new Uint8Array(32).fill(1), 3600, clock);
  const rateLimiter = options.rateLimiter ?? new LoginRateLimiter(clock);
  const auth = new Authenticator({ stores, hasher, tokens, rateLimiter, clock, logger: options.logger ?? silentLogger() });
  const alice = stores.users.create({ tenant: 'acme', username: 'alice', passwordHash: await hasher.hash('alice-password'), role: 'admin' });
  return { clock, stores, hasher, tokens, auth, alice };
}

async function authError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return (err as Error).message;
  }
  throw new Error('expected an AuthError');
}

describe('Authenticator', () => {
  test('login issues a token that authenticates to the user, without the hash', async () => {
    const { auth, alice } = await setup();
    const result = await auth.login('alice', 'alice-password', '127.0.0.1');
    expect(result.user).toEqual(alice);
    expect(JSON.stringify(result)).not.toContain('test$');
    const p = await auth.authenticate(result.token);
    expect(p).toMatchObject({ userId: alice.id, username: 'alice', tenant: 'acme', role: 'admin', tokenExpiresAtS: result.expiresAtS });
  });

  test('unknown user and wrong password give the same error', async () => {
    const { auth } = await setup();
    const a = await authError(auth.login('alice', 'wrong-password', '127.0.0.1'));
    const b = await authError(auth.login('nobody', 'alice-password', '127.0.0.1'));
    expect(a).toBe(b);
  });

  test('the 11th attempt after 10 failures is rate limited, even with the right password', async () => {
    const { auth, clock } = await setup();
    for (let i = 0; i < 10; i++) await authError(auth.login('alice', 'nope', `10.0.0.${i}`));
    await expect(auth.login('alice', 'alice-password', '10.0.1.1')).rejects.toBeInstanceOf(LoginRateLimitedError);
    clock.advance(5 * 60_000);
    await auth.login('alice', 'alice-password', '10.0.1.1');
  });

  test('parallel wrong logins are limited as they start, not as they finish (review finding 2)', async () => {
    // A hasher whose verifies all wait until released: every login is in flight at once,
    // as 100 simultaneous requests are while argon2 runs.
    const fast = createTestPasswordHasher();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated: PasswordHasher = { hash: fast.hash, verify: async (pw, hash) => (await gate, fast.verify(pw, hash)) };
    const { auth } = await setup(gated);
    const attempts = Array.from({ length: 100 }, () => auth.login('alice', 'wrong-password', '192.0.2.7').then(() => 'ok', (err: unknown) => (err instanceof LoginRateLimitedError ? '429' : err instanceof AuthError ? '401' : String(err))));
    await Bun.sleep(0);
    release();
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === '401').length).toBe(10);
    expect(outcomes.filter((o) => o === '429').length).toBe(90);
  });

  test('a successful login gives its attempt back to the address', async () => {
    const { auth, stores, hasher } = await setup();
    stores.users.create({ tenant: 'acme', username: 'bob', passwordHash: await hasher.hash('bob-password'), role: 'reader' });
    // 9 failures from one address, then many good logins from it: still not limited.
    for (let i = 0; i < 9; i++) await authError(auth.login(`nobody${i}`, 'nope', '192.0.2.8'));
    for (let i = 0; i < 20; i++) await auth.login('bob', 'bob-password', '192.0.2.8');
    await authError(auth.login('nobody', 'nope', '192.0.2.8'));
    await expect(auth.login('bob', 'bob-password', '192.0.2.8')).rejects.toBeInstanceOf(LoginRateLimitedError);
  });

  test('a username no user can have is refused before it is counted or logged (review finding 4)', async () => {
    const lines: string[] = [];
    const counted: string[] = [];
    class SpyLimiter extends LoginRateLimiter {
      override begin(username: string, address: string) {
        counted.push(username);
        return super.begin(username, address);
      }
    }
    const logger = createLogger({ level: 'debug', format: 'json', sink: (line) => lines.push(line) });
    const { auth } = await setup(createTestPasswordHasher(), { logger, rateLimiter: new SpyLimiter(new ManualClock()) });
    const expected = await authError(auth.login('nobody', 'wrong-password', '192.0.2.1'));
    const huge = 'u'.repeat(1_900_000);
    expect(await authError(auth.login(huge, 'p'.repeat(2000), '192.0.2.2'))).toBe(expected);
    expect(await authError(auth.login('has space', 'wrong-password', '192.0.2.2'))).toBe(expected);
    expect(counted).toEqual(['nobody']);
    expect(lines.join('\n').length).toBeLessThan(2000);
  });

  test('role and deletion come from the database on every request', async () => {
    const { auth, stores, hasher, alice } = await setup();
    const bob = stores.users.create({ tenant: 'acme', username: 'bob', passwordHash: await hasher.hash('bob-password'), role: 'admin' });
    const { token } = await auth.login('bob', 'bob-password', '::1');
    stores.users.update('acme', bob.id, { username: 'bob', role: 'reader' });
    expect((await auth.authenticate(token)).role).toBe('reader');
    stores.users.delete('acme', bob.id);
    await authError(auth.authenticate(token));
    expect((await auth.authenticate((await auth.login('alice', 'alice-password', '::1')).token)).userId).toBe(alice.id);
  });

  test('logout revokes exactly that token; a password reset revokes older ones', async () => {
    const { auth, stores, hasher, clock, alice } = await setup();
    const t1 = (await auth.login('alice', 'alice-password', '::1')).token;
    clock.advance(1000);
    const t2 = (await auth.login('alice', 'alice-password', '::1')).token;
    await auth.logout(t1);
    expect(await authError(auth.authenticate(t1))).toContain('logout');
    await auth.authenticate(t2);
    await auth.logout('garbage');
    clock.advance(1000);
    stores.users.setPassword('acme', alice.id, await hasher.hash('new-password'));
    expect(await authError(auth.authenticate(t2))).toContain('password');
    await authError(auth.login('alice', 'alice-password', '::1'));
    await auth.authenticate((await auth.login('alice', 'new-password', '::1')).token);
  });

  test('a password reset ends sessions issued earlier in the same second, not those issued after it (review finding 19)', async () => {
    const { auth, stores, hasher, clock, alice } = await setup();
    const before = (await auth.login('alice', 'alice-password', '::1')).token;
    clock.advance(300);
    stores.users.setPassword('acme', alice.id, await hasher.hash('new-password'));
    clock.advance(300);
    const after = (await auth.login('alice', 'new-password', '::1')).token;
    expect(await authError(auth.authenticate(before))).toContain('password');
    expect((await auth.authenticate(after)).userId).toBe(alice.id);
  });

  test('a token whose tenant claim disagrees with the user is rejected', async () => {
    const { auth, tokens, alice } = await setup();
    const { token } = await tokens.issue({ id: alice.id, tenant: 'other', role: 'admin' });
    await authError(auth.authenticate(token));
  });
});
