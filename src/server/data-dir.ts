/**
 * Creates the data directory and proves it is writable, with errors that say what to do;
 * keeps what goes in it (meta.sqlite with password and key hashes, WAL, parts) away from
 * other users (review finding 14).
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type Logger } from '../common/index.ts';

/** No write for the group, nothing for others, on every file and directory the server creates. */
export const SERVER_UMASK = 0o027;

/** The data directory cannot be created or written. */
export class DataDirError extends AppError {
  constructor(message: string, cause: unknown) {
    super('data_dir_unusable', message, { cause });
  }
}

/**
 * Sets the process umask to SERVER_UMASK (call before anything is created: worker threads
 * share it), ensures `dir` exists (0750 when created) and accepts writes, and warns once
 * when an existing `dir` lets others in.
 */
export function prepareDataDir(dir: string, logger: Logger): void {
  process.umask(SERVER_UMASK);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    warnIfOpen(dir, logger);
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'read-only file system'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a file is in the way (not a directory)'
            : code === 'ENOSPC'
              ? 'no space left on device'
              : String(err);
    throw new DataDirError(
      `cannot use data directory ${dir}: ${reason} (run as a user that can write there, or choose another with --data-dir / storage.data_dir)`,
      err,
    );
  }
}

/** One warning, with the command to fix it, when the directory grants more than SERVER_UMASK leaves. */
function warnIfOpen(dir: string, logger: Logger): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & SERVER_UMASK) === 0) return;
  // Files created before this check (an older version, a restore) may be 0644; a closed directory covers them.
  logger.warn('data directory is accessible to other users; it holds password and API-key hashes', {
    path: dir,
    mode: mode.toString(8),
    fix: `chmod ${(mode & ~SERVER_UMASK).toString(8)} ${dir}`,
  });
}
