/**
 * Numbered schema migrations of the metadata database, applied in order at start (see
 * db.ts `applyMigrations`). Never edit a released migration; add the next number.
 * Migrations are TypeScript strings so `bun build --compile` embeds them.
 */
import { migration001Initial } from './001-initial.ts';
import { migration002SessionGeneration } from './002-session-generation.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** One or more SQL statements, run in one transaction. */
  readonly sql: string;
}

/** Every migration, ascending by version without gaps. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002SessionGeneration];
