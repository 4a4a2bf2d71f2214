/**
 * First run (SPEC §8): when no user exists, create `admin` (tenant `default`) with the
 * password from PHARLUX_ADMIN_PASSWORD, or a random one written to
 * `<data_dir>/initial-admin-password` (0600) and logged by path, never by value.
 * UserStore removes that file when the password of `admin` changes by any path (API or
 * CLI), since it then holds a password that no longer works (meta/user-store-initial-password.ts).
 */
import type { Logger } from '../common/index.ts';
import { BOOTSTRAP_ADMIN_USERNAME, DEFAULT_TENANT, type UserStore } from '../meta/index.ts';
import { validatePassword, type PasswordHasher } from './password-hasher.ts';

export interface BootstrapAdminOptions {
  readonly users: UserStore;
  readonly hasher: PasswordHasher;
  /** PHARLUX_ADMIN_PASSWORD, when set. */
  readonly passwordFromEnv: string | undefined;
  /** Where a generated password goes. */
  readonly passwordFile: string;
  /** Writes the file with mode 0600 (secret-files.ts `writePrivateFile`). */
  readonly writePrivateFile: (path: string, content: string) => void;
  readonly logger: Logger;
}

export type BootstrapOutcome = 'exists' | 'created-from-env' | 'created-with-file';

/** Creates the first admin when the user table is empty. */
export async function bootstrapAdmin(options: BootstrapAdminOptions): Promise<BootstrapOutcome> {
  const { users, hasher, logger } = options;
  if (users.count() > 0) return 'exists';
  const fromEnv = options.passwordFromEnv !== undefined && options.passwordFromEnv !== '';
  const password = fromEnv ? validatePassword(options.passwordFromEnv as string) : randomPassword();
  users.create({ tenant: DEFAULT_TENANT, username: BOOTSTRAP_ADMIN_USERNAME, passwordHash: await hasher.hash(password), role: 'admin' });
  if (fromEnv) {
    logger.info('created user admin with the password from PHARLUX_ADMIN_PASSWORD');
    return 'created-from-env';
  }
  options.writePrivateFile(options.passwordFile, password + '\n');
  logger.warn('created user admin; its password is in the file below (read it, log in, change it under Settings › Account; the change removes the file)', { file: options.passwordFile });
  return 'created-with-file';
}

function randomPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
}
