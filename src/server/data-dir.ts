/** Creates the data directory and proves it is writable, with errors that say what to do. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/index.ts';

/** The data directory cannot be created or written. */
export class DataDirError extends AppError {
  constructor(message: string, cause: unknown) {
    super('data_dir_unusable', message, { cause });
  }
}

/** Ensures `dir` exists (mode 0750 when created) and accepts writes. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
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
