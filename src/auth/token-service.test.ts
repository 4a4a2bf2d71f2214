import { describe, expect, test } from 'bun:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { ManualClock } from '../common/index.ts';
import { AuthError } from './errors.ts';
import { TokenService } from './token-service.ts';

const secret = new Uint8Array(32).fill(7);
const user = { id: 'u1', tenant: 'acme', role: 'admin' as const };

describe('TokenService', () => {
  test('issues tokens with exactly the documented claims', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const tokens = new TokenService(secret, 3600, clock);
    const { token, expiresAtS } = await tokens.issue(user);
    const claims = await tokens.verify(token);
    expect(claims).toEqual({ sub: 'u1', tenant: 'acme', role: 'admin', iat: Date.UTC(2026, 0, 1) / 1000, exp: expiresAtS, sgen: 0 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'jti', 'role', 'sgen', 'sub', 'tenant']);
    expect((await tokens.issue(user)).token).not.toBe(token);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  test('the session generation round-trips; a token without it reads as 0, a malformed one is invalid', async () => {
    const clock = new ManualClock();
    const tokens = new TokenService(secret, 60, clock);
    expect((await tokens.verify((await tokens.issue({ ...user, sessionGeneration: 3 })).token)).sgen).toBe(3);
    const sign = (extra: Record<string, unknown>) =>
      new SignJWT({ tenant: 'acme', role: 'admin', ...extra })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u1')
        .setIssuedAt(Math.floor(clock.nowMs() / 1000))
        .setExpirationTime(Math.floor(clock.nowMs() / 1000) + 60)
        .sign(secret);
    expect((await tokens.verify(await sign({}))).sgen).toBe(0);
    await expect(tokens.verify(await sign({ sgen: '1' }))).rejects.toBeInstanceOf(AuthError);
  });

  test('zero leeway: valid one second before exp, rejected at exp', async () => {
    const clock = new ManualClock();
    const tokens = new TokenService(secret, 60, clock);
    const { token } = await tokens.issue(user);
    clock.advance(59_000);
    await tokens.verify(token);
    clock.advance(1_000);
    await expect(tokens.verify(token)).rejects.toThrow('session expired');
  });

  test('rejects forged, unsigned, malformed and claim-less tokens', async () => {
    const clock = new ManualClock();
    const tokens = new TokenService(secret, 60, clock);
    const other = new TokenService(new Uint8Array(32).fill(8), 60, clock);
    const forged = (await other.issue(user)).token;
    const none = new UnsecuredJWT({ tenant: 'acme', role: 'admin' }).setSubject('u1').setIssuedAt().setExpirationTime('1h').encode();
    const noRole = await new SignJWT({ tenant: 'acme' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuedAt().setExpirationTime('1h').sign(secret);
    const badRole = await new SignJWT({ tenant: 'acme', role: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuedAt().setExpirationTime('1h').sign(secret);
    const hs512 = await new SignJWT({ tenant: 'acme', role: 'admin' }).setProtectedHeader({ alg: 'HS512' }).setSubject('u1').setIssuedAt().setExpirationTime('1h').sign(new Uint8Array(64).fill(7));
    for (const bad of [forged, none, noRole, badRole, hs512, 'abc', '', 'a.b.c']) {
      await expect(tokens.verify(bad)).rejects.toBeInstanceOf(AuthError);
    }
  });

  test('refuses a short secret', () => {
    expect(() => new TokenService(new Uint8Array(31), 60, new ManualClock())).toThrow(AuthError);
  });
});
