/**
 * Errors of the metadata phase. `server/http/error-response.ts` maps them to 404, 409 and
 * 400; the CLI prints their message.
 */
import { AppError } from '../common/index.ts';

/** The object does not exist in the caller's tenant (another tenant's object looks the same). */
export class MetaNotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A name is already taken in the tenant, or the change would break an invariant (last admin). */
export class MetaConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/**
 * The username is held by a user of some tenant. Usernames are global (login carries no
 * tenant), so this answer also tells a tenant admin that the name exists elsewhere; the
 * API throttles how often a tenant may get it (auth/username-probe-limiter.ts).
 */
export class UsernameTakenError extends MetaConflictError {
  constructor(username: string) {
    super(`username "${username}" is already taken`);
  }
}

/** A field of a metadata object is missing or malformed. */
export class MetaValidationError extends AppError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}
