/**
 * The metadata database: one SQLite file (`<data_dir>/meta.sqlite`) in WAL journal mode,
 * so the CLI (`pharlux user add`) can write while the server runs. This is the only file
 * of meta/ that touches `bun:sqlite`; stores see the small `MetaDb` interface.
 */
import { Database, type SQLQueryBindings } from 'bun:sqlite';
import { AppError } from '../common/index.ts';
import { MetaConflictError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** Named parameters of a statement, written without a prefix (`{id}` for `$id`). */
export type SqlParams = Record<string, string | number | boolean | null>;

/** What stores need from the database; small on purpose so stores stay plain TypeScript. */
export interface MetaDb {
  /** Runs a write statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlParams): number;
  /** First row of a query, or null. */
  get<T>(sql: string, params?: SqlParams): T | null;
  /** All rows of a query. */
  all<T>(sql: string, params?: SqlParams): T[];
  /** Runs `fn` in one immediate transaction (rolled back when it throws). */
  transaction<T>(fn: () => T): T;
  /** Highest applied migration number. */
  schemaVersion(): number;
  close(): void;
}

export interface OpenMetaDbOptions {
  /** Opens without writing: no migrations, no file creation (for read-only tools). */
  readonly?: boolean;
  /** How long a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

/** The metadata file could not be opened, migrated or written. */
export class MetaStorageError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('meta_storage', message, options);
  }
}

/** Opens (creating and migrating when needed) the metadata database at `path` (`:memory:` for tests). */
export function openMetaDb(path: string, options: OpenMetaDbOptions = {}): MetaDb {
  let db: Database;
  try {
    db = options.readonly ? new Database(path, { readonly: true, strict: true }) : new Database(path, { create: true, strict: true });
  } catch (err) {
    throw new MetaStorageError(`cannot open metadata database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.run(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    if (!options.readonly) {
      if (path !== ':memory:') db.run('PRAGMA journal_mode = WAL');
      // NORMAL is durable in WAL mode except for the last transactions before a power loss.
      db.run('PRAGMA synchronous = NORMAL');
    }
    db.run('PRAGMA foreign_keys = ON');
    if (!options.readonly) applyMigrations(db, MIGRATIONS);
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new MetaStorageError(`cannot prepare metadata database ${path}: ${(err as Error).message}`, { cause: err });
  }
  return new SqliteMetaDb(db);
}

/** Applies every migration newer than the recorded version, each in its own transaction. */
export function applyMigrations(db: Database, migrations: readonly Migration[]): void {
  db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.query<{ v: number | null }, []>('SELECT max(version) AS v FROM schema_migrations').get();
  const current = row?.v ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new MetaStorageError(`metadata database is at migration ${current} but this pharlux knows only ${known}; upgrade pharlux`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.run(m.sql);
      db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)').run({
        version: m.version,
        name: m.name,
        at: new Date().toISOString(),
      });
    }).immediate();
  }
}

class SqliteMetaDb implements MetaDb {
  constructor(private readonly db: Database) {}

  run(sql: string, params: SqlParams = {}): number {
    return this.wrap(sql, () => this.db.query<unknown, [SQLQueryBindings]>(sql).run(params).changes);
  }

  get<T>(sql: string, params: SqlParams = {}): T | null {
    return this.wrap(sql, () => this.db.query<T, [SQLQueryBindings]>(sql).get(params) ?? null);
  }

  all<T>(sql: string, params: SqlParams = {}): T[] {
    return this.wrap(sql, () => this.db.query<T, [SQLQueryBindings]>(sql).all(params));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  schemaVersion(): number {
    return this.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')?.v ?? 0;
  }

  close(): void {
    this.db.close();
  }

  private wrap<T>(sql: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      // Stores check names first for a clear message; this catches the race between two writers.
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new MetaConflictError(`already exists: ${(err as Error).message}`);
      throw new MetaStorageError(`metadata statement failed (${describeSql(sql)}): ${(err as Error).message}`, { cause: err });
    }
  }
}

function describeSql(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
