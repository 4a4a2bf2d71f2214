/**
 * Login, per-request authentication, changing one's own password, and logout. Login counts the attempt against the rate
 * limiter (as a failure until it succeeds), verifies the argon2id hash (against a dummy
 * hash for unknown users, so unknown user and wrong password take the same time and give
 * the same answer) and issues a JWT. Every request
 * re-reads the user so deletion, demotion and password resets take effect at once.
 */
import type { Clock, Logger } from '../common/index.ts';
import { isValidUsername, type MetaStores, type User, type UserCredentials } from '../meta/index.ts';
import { AuthError, WrongCurrentPasswordError } from './errors.ts';
import type { LoginRateLimiter } from './login-rate-limiter.ts';
import { validatePassword, type PasswordHasher } from './password-hasher.ts';
import type { Principal } from './principal.ts';
import { sha256Hex } from './sha256-hex.ts';
import type { TokenService } from './token-service.ts';

export interface LoginResult {
  readonly token: string;
  readonly expiresAtS: number;
  readonly user: User;
}

export interface AuthenticatorDeps {
  readonly stores: Pick<MetaStores, 'users' | 'revokedTokens'>;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenService;
  readonly rateLimiter: LoginRateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
}

const INVALID_LOGIN = 'invalid username or password';
const MAX_LOGIN_PASSWORD_CHARS = 1024;

export class Authenticator {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthenticatorDeps) {}

  /** Checks credentials from `address`; throws AuthError (401) or LoginRateLimitedError (429). */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const { stores, hasher, rateLimiter, tokens, logger } = this.deps;
    // A name no user can have is a failure at once, before it is counted or logged: the
    // limiter and the log would otherwise keep caller input of any size (same answer).
    if (!isValidUsername(username)) throw new AuthError(INVALID_LOGIN);
    // Counted before the first await, so parallel attempts cannot all pass the check.
    const attempt = rateLimiter.begin(username, address);
    const user = stores.users.findByUsername(username);
    let ok = false;
    // Overlong input is a failure without hashing: it cannot be a valid password.
    if (password.length <= MAX_LOGIN_PASSWORD_CHARS) {
      if (user === null) await hasher.verify(password, await this.dummy());
      else ok = await hasher.verify(password, user.passwordHash);
    }
    if (!ok || user === null) {
      logger.info('login failed', { username, address });
      throw new AuthError(INVALID_LOGIN);
    }
    attempt.succeeded();
    return this.issueFor(user);
  }

  /**
   * Changes the caller's own password. The new one must meet the policy (PasswordPolicyError,
   * checked first: it reveals nothing). The current one is checked like a login, counted by
   * the same rate limiter (LoginRateLimitedError), and a wrong one is WrongCurrentPasswordError.
   * Every session of the user ends (the store raises the session generation); the answer
   * is a fresh session for the caller so they stay signed in.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string): Promise<LoginResult> {
    const { stores, hasher, rateLimiter, logger } = this.deps;
    validatePassword(newPassword);
    const attempt = rateLimiter.begin(principal.username, address);
    const user = stores.users.findById(principal.userId);
    if (user === null || user.tenant !== principal.tenant) throw new AuthError('invalid token');
    const ok = currentPassword.length <= MAX_LOGIN_PASSWORD_CHARS && (await hasher.verify(currentPassword, user.passwordHash));
    if (!ok) {
      logger.info('password change refused: wrong current password', { username: user.username, address });
      throw new WrongCurrentPasswordError();
    }
    attempt.succeeded();
    const newHash = await hasher.hash(newPassword);
    stores.users.setPassword(user.tenant, user.id, newHash);
    const changed = stores.users.findById(user.id);
    // Deleted between the check and the write: nothing to sign in to.
    if (changed === null) throw new AuthError('invalid token');
    logger.info('password changed; other sessions ended', { username: changed.username, address });
    return this.issueFor(changed);
  }

  /** The caller behind a session token, or AuthError. */
  async authenticate(token: string): Promise<Principal> {
    const claims = await this.deps.tokens.verify(token);
    const user = this.deps.stores.users.findById(claims.sub);
    if (user === null || user.tenant !== claims.tenant) throw new AuthError('invalid token');
    // The generation is exact; the iat check still covers tokens issued before generations existed.
    if (claims.sgen !== user.sessionGeneration || claims.iat < user.sessionsValidAfterS) throw new AuthError('session ended by a password change; log in again');
    if (this.deps.stores.revokedTokens.isRevoked(await sha256Hex(token))) throw new AuthError('session ended by logout; log in again');
    return { userId: user.id, username: user.username, tenant: user.tenant, role: user.role, tokenExpiresAtS: claims.exp };
  }

  /** Ends the session of a valid token; an invalid one needs no ending. */
  async logout(token: string): Promise<void> {
    let exp: number;
    try {
      exp = (await this.deps.tokens.verify(token)).exp;
    } catch {
      return;
    }
    const { revokedTokens } = this.deps.stores;
    revokedTokens.revoke(await sha256Hex(token), exp);
    revokedTokens.prune(Math.floor(this.deps.clock.nowMs() / 1000));
  }

  private async issueFor(user: UserCredentials): Promise<LoginResult> {
    const issued = await this.deps.tokens.issue(user);
    const { passwordHash: _hash, sessionsValidAfterS: _after, sessionGeneration: _generation, ...shown } = user;
    return { token: issued.token, expiresAtS: issued.expiresAtS, user: shown };
  }

  /** A hash of a random password, computed once, so unknown users cost one real verify. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(crypto.randomUUID());
    return this.dummyHash;
  }
}
