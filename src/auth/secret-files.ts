/**
 * The two secret files auth/ owns: the JWT signing secret (created 0600 when missing,
 * refused when other users can read it) and the first-run admin password file. The only
 * file of auth/ that touches the filesystem.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Logger } from '../common/index.ts';
import { MIN_JWT_SECRET_BYTES } from './token-service.ts';

const NEW_SECRET_BYTES = 64;

/** Reads the JWT secret at `path`, creating it (64 random bytes, mode 0600) when missing. */
export function loadJwtSecret(path: string, logger: Logger): Uint8Array {
  if (!exists(path)) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, randomBytes(NEW_SECRET_BYTES), { mode: 0o600, flag: 'wx' });
      logger.info('created JWT secret', { path });
    } catch (err) {
      // Another process (the CLI, a second server) created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw secretError('create', path, err);
    }
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o006) !== 0) {
    throw new ConfigError(
      `JWT secret ${path} is ${mode & 0o004 ? 'readable' : 'writable'} by every user (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `anyone who reads it can forge logins. Run: chmod 600 ${path}`,
    );
  }
  let secret: Uint8Array;
  try {
    secret = readFileSync(path);
  } catch (err) {
    throw secretError('read', path, err);
  }
  if (secret.length < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError(`JWT secret ${path} holds ${secret.length} bytes; it needs at least ${MIN_JWT_SECRET_BYTES} (delete it to have a new one created)`);
  }
  return secret;
}

/** Writes `content` to `path` readable only by the owner (0600), replacing any old file. */
export function writePrivateFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // Remove first: writing over an existing file would keep its (maybe wider) mode.
  rmSync(path, { force: true });
  writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw secretError('inspect', path, err);
  }
}

/** The error for a secret file this process may not use, with the way out when it is about permissions. */
function secretError(action: string, path: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? ` (this user may not use it: set auth.jwt_secret_file, or PHARLUX_AUTH_JWT_SECRET_FILE, to a path it may write, such as a file in the data directory; \`pharlux install\` prepares ${dirname(path)} for the systemd service)`
      : '';
  return new ConfigError(`cannot ${action} JWT secret ${path}: ${(err as Error).message}${hint}`);
}
