/**
 * A fast, deterministic `PasswordHasher` for tests (argon2id costs ~60 ms a call, too slow
 * for matrices of hundreds of logins). Never wired in production: server.ts always uses
 * createArgon2idHasher.
 */
import type { PasswordHasher } from './password-hasher.ts';
import { sha256Hex } from './sha256-hex.ts';

/** SHA-256 with a fixed tag; for tests only. */
export function createTestPasswordHasher(): PasswordHasher {
  return {
    hash: async (password) => `test$${await sha256Hex(password)}`,
    verify: async (password, hash) => hash === `test$${await sha256Hex(password)}`,
  };
}
