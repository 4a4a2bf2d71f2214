/**
 * Errors of the authentication and authorisation phase; error-response.ts maps them to
 * 401, 403 and 429.
 */
import { AppError } from '../common/index.ts';

/** No credentials, or credentials that are malformed, forged, expired or revoked (401). */
export class AuthError extends AppError {
  constructor(message = 'authentication required') {
    super('unauthenticated', message);
  }
}

/** Authenticated, but the role does not allow this (403). */
export class ForbiddenError extends AppError {
  constructor(message = 'this action needs the admin role') {
    super('forbidden', message);
  }
}

/**
 * The current password given to change one's own password is wrong (403, not 401: the
 * session is fine, and a 401 would send a UI back to its login screen).
 */
export class WrongCurrentPasswordError extends ForbiddenError {
  constructor() {
    super('the current password is wrong');
  }
}

/** Too many failed logins for this username or client address (429 with Retry-After). */
export class LoginRateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many failed logins; try again in ${retryAfterSeconds} s`, { retryable: true });
  }
}

/** A password that does not meet the policy (400). */
export class PasswordPolicyError extends AppError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

/** Too many "username already taken" answers for this tenant lately (429 with Retry-After). */
export class UsernameProbeLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many attempts to use usernames that are taken; try again in ${retryAfterSeconds} s`, { retryable: true });
  }
}
