/**
 * Password hashing: argon2id with 19 MiB memory and 2 iterations (the OWASP minimum),
 * through `Bun.password` (native, off the JS thread). Everything else in auth/ sees the
 * `PasswordHasher` interface, so tests can substitute a cheaper one.
 */
import { PasswordPolicyError } from './errors.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unparseable hash; never throws for those. */
  verify(password: string, hash: string): Promise<boolean>;
}

/** argon2id memory cost in KiB (19 MiB). */
export const ARGON2_MEMORY_KIB = 19 * 1024;
/** argon2id iterations. */
export const ARGON2_ITERATIONS = 2;

/** The production hasher. */
export function createArgon2idHasher(): PasswordHasher {
  return {
    hash: (password) => Bun.password.hash(password, { algorithm: 'argon2id', memoryCost: ARGON2_MEMORY_KIB, timeCost: ARGON2_ITERATIONS }),
    verify: async (password, hash) => {
      try {
        return await Bun.password.verify(password, hash);
      } catch {
        return false;
      }
    },
  };
}

export const MIN_PASSWORD_CHARS = 8;
const MAX_PASSWORD_CHARS = 1024;

/** Checks the password policy: 8–1024 characters. */
export function validatePassword(password: string): string {
  if (password.length < MIN_PASSWORD_CHARS) throw new PasswordPolicyError(`password must have at least ${MIN_PASSWORD_CHARS} characters`);
  // Bounded so a huge "password" cannot make hashing a denial of service.
  if (password.length > MAX_PASSWORD_CHARS) throw new PasswordPolicyError(`password must have at most ${MAX_PASSWORD_CHARS} characters`);
  return password;
}
