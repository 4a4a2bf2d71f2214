/**
 * Session tokens: JWT HS256 signed with the server secret (jose), claims `sub` (user id),
 * `tenant`, `role`, `iat`, `exp`, plus a random `jti` so two logins in the same second
 * get different tokens (logout revokes one session, not both), and `sgen`, the user's
 * session generation at issue (a password change raises it, ending older sessions even
 * within the same second). Verification allows no other algorithm and no clock leeway.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../common/index.ts';
import type { Role, User } from '../meta/index.ts';
import { AuthError } from './errors.ts';

export interface TokenClaims {
  readonly sub: string;
  readonly tenant: string;
  readonly role: Role;
  readonly iat: number;
  readonly exp: number;
  /** The user's session generation when issued; 0 for tokens from before the claim existed. */
  readonly sgen: number;
}

export interface IssuedToken {
  readonly token: string;
  /** Unix seconds. */
  readonly expiresAtS: number;
}

export const MIN_JWT_SECRET_BYTES = 32;

export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    if (secret.length < MIN_JWT_SECRET_BYTES) throw new AuthError(`JWT secret must be at least ${MIN_JWT_SECRET_BYTES} bytes`);
  }

  /** Signs a token for `user` (session generation 0 when not given), valid for the configured TTL from now. */
  async issue(user: Pick<User, 'id' | 'tenant' | 'role'> & { readonly sessionGeneration?: number }): Promise<IssuedToken> {
    const iat = Math.floor(this.clock.nowMs() / 1000);
    const expiresAtS = iat + this.ttlSeconds;
    const token = await new SignJWT({ tenant: user.tenant, role: user.role, sgen: user.sessionGeneration ?? 0 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setJti(crypto.randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(expiresAtS)
      .sign(this.secret);
    return { token, expiresAtS };
  }

  /** Verifies signature, algorithm, expiry and claim shapes; throws AuthError otherwise. */
  async verify(token: string): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        clockTolerance: 0,
        requiredClaims: ['sub', 'tenant', 'role', 'iat', 'exp'],
        currentDate: new Date(this.clock.nowMs()),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AuthError('session expired; log in again');
      throw new AuthError('invalid token');
    }
    const { sub, tenant, role, iat, exp } = payload;
    const sgen = payload.sgen ?? 0;
    if (typeof sub !== 'string' || typeof tenant !== 'string' || (role !== 'admin' && role !== 'reader') || typeof iat !== 'number' || typeof exp !== 'number' || !Number.isSafeInteger(sgen)) {
      throw new AuthError('invalid token');
    }
    return { sub, tenant, role, iat, exp, sgen: sgen as number };
  }
}
