// Authenticator.changePassword: one's own password, checked and rate-limited like a login.
import { describe, expect, test } from 'bun:test';
import { ManualClock, silentLogger } from '../common/index.ts';
import { createMetaStores, openMetaDb } from '../meta/index.ts';
import { Authenticator } from './authenticator.ts';
import { AuthError, LoginRateLimitedError, PasswordPolicyError, WrongCurrentPasswordError } from './errors.ts';
import { LoginRateLimiter } from './login-rate-limiter.ts';
import { createTestPasswordHasher } from './test-hasher.ts';
import { TokenService } from './token-service.ts';

async function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const stores = createMetaStores(openMetaDb(':memory:'), clock);
  const hasher = createTestPasswordHasher();
  const tokens = new TokenService(new Uint8Array(32).fill(1), 3600, clock);
  const auth = new Authenticator({ stores, hasher, tokens, rateLimiter: new LoginRateLimiter(clock), clock, logger: silentLogger() });
  stores.users.create({ tenant: 'acme', username: 'alice', passwordHash: await hasher.hash('alice-password'), role: 'reader' });
  const first = await auth.login('alice', 'alice-password', '::1');
  const principal = await auth.authenticate(first.token);
  return { clock, stores, auth, first, principal };
}

describe('Authenticator.changePassword', () => {
  test('changes the password, ends older sessions (same second included) and answers a working one', async () => {
    const { clock, auth, first, principal } = await setup();
    clock.advance(300);
    const other = (await auth.login('alice', 'alice-password', '::2')).token;
    clock.advance(300);
    const result = await auth.changePassword(principal, 'alice-password', 'brand-new-password', '::1');
    expect(result.user).toMatchObject({ username: 'alice', tenant: 'acme', role: 'reader' });
    expect(JSON.stringify(result.user)).not.toContain('test$');
    expect((await auth.authenticate(result.token)).userId).toBe(principal.userId);
    await expect(auth.authenticate(first.token)).rejects.toBeInstanceOf(AuthError);
    await expect(auth.authenticate(other)).rejects.toBeInstanceOf(AuthError);
    await expect(auth.login('alice', 'alice-password', '::1')).rejects.toBeInstanceOf(AuthError);
    await auth.login('alice', 'brand-new-password', '::1');
  });

  test('a new password against the policy is refused before the current one is checked or counted', async () => {
    const { auth, principal } = await setup();
    for (let i = 0; i < 20; i++) await expect(auth.changePassword(principal, 'wrong', 'short', '::1')).rejects.toBeInstanceOf(PasswordPolicyError);
    await expect(auth.changePassword(principal, 'alice-password', 'x'.repeat(1025), '::1')).rejects.toBeInstanceOf(PasswordPolicyError);
    // Nothing was counted: the right password still works.
    await auth.changePassword(principal, 'alice-password', 'long-enough-1', '::1');
  });

  test('a wrong current password is WrongCurrentPasswordError (not AuthError) and changes nothing', async () => {
    const { auth, principal, first } = await setup();
    const err = await auth.changePassword(principal, 'not-the-password', 'long-enough-1', '::1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongCurrentPasswordError);
    expect(err).not.toBeInstanceOf(AuthError);
    await auth.authenticate(first.token);
    await auth.login('alice', 'alice-password', '::1');
  });

  test('wrong current passwords count against the login limiter, for the username and the address', async () => {
    const { auth, principal, clock } = await setup();
    for (let i = 0; i < 10; i++) await expect(auth.changePassword(principal, 'nope', 'long-enough-1', `10.0.0.${i}`)).rejects.toBeInstanceOf(WrongCurrentPasswordError);
    await expect(auth.changePassword(principal, 'alice-password', 'long-enough-1', '10.0.1.1')).rejects.toBeInstanceOf(LoginRateLimitedError);
    // The same counter as login: logging in as alice is limited too.
    await expect(auth.login('alice', 'alice-password', '10.0.1.2')).rejects.toBeInstanceOf(LoginRateLimitedError);
    clock.advance(5 * 60_000);
    await auth.changePassword(principal, 'alice-password', 'long-enough-1', '10.0.1.1');
  });

  test('a deleted user cannot change a password', async () => {
    const { auth, principal, stores } = await setup();
    stores.users.create({ tenant: 'acme', username: 'admin2', passwordHash: 'H', role: 'admin' });
    stores.users.delete('acme', principal.userId);
    await expect(auth.changePassword(principal, 'alice-password', 'long-enough-1', '::1')).rejects.toBeInstanceOf(AuthError);
  });
});
