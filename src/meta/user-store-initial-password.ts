/**
 * The first-run admin password file, `<data_dir>/initial-admin-password` (written by
 * auth/bootstrap-admin.ts for the user `admin`). Once that user's password changes the
 * file holds a password that no longer works, so UserStore removes it on every password
 * change of `admin`. It lives here, not in auth/, because every path that changes a
 * password ends in UserStore (the API, and `pharlux user reset-password`, which opens
 * the stores directly), and the store finds the data directory as the directory of
 * meta.sqlite (SPEC §8: both files are in `<data_dir>`).
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MetaDb } from './db.ts';

/** File name of the first-run admin password inside the data directory. */
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';
/** The user the first run creates and the file above is for. Usernames are global, so the name alone identifies it. */
export const BOOTSTRAP_ADMIN_USERNAME = 'admin';

/** Where the first-run password file of the database's data directory is; null for an in-memory database. */
export function initialAdminPasswordPath(db: MetaDb): string | null {
  const row = db.get<{ file: string }>("SELECT file FROM pragma_database_list WHERE name = 'main'");
  if (row === null || row.file === '') return null;
  return join(dirname(row.file), INITIAL_ADMIN_PASSWORD_FILE);
}

/**
 * Removes the first-run password file when it exists (its password has just stopped
 * working). Best effort: the password change is already committed, and failing it now
 * would leave the caller signed out; a file left behind holds only a dead password.
 * Returns false when the file could not be removed.
 */
export function removeInitialAdminPassword(db: MetaDb): boolean {
  const path = initialAdminPasswordPath(db);
  if (path === null) return true;
  try {
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}
