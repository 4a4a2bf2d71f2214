/**
 * Start-up scan of the part directories: every `<table>/tenant=…/date=…/hour=…/<id>.parquet`
 * whose footer validates becomes a PartHandle. A part whose footer does not validate is
 * renamed to `<name>.corrupt` (kept, never read again; DuckDB globs skip it too) and
 * counted. Files and directories that do not fit the layout are left alone.
 */
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from '../../columnar/index.ts';
import type { Logger } from '../../common/index.ts';
import { describeError } from '../../common/index.ts';
import { fileByteSource, PartCorruptError, readPartFooter } from '../parquet/index.ts';
import { footerFacts, type PartHandle } from './part-handle.ts';
import { parsePartPath, PART_SUFFIX } from './part-path.ts';
import { PartSet } from './part-set.ts';

export interface LoadedParts {
  readonly sets: Record<TableName, PartSet>;
  readonly parts: number;
  readonly corrupt: number;
}

/** Relative paths of every `*.parquet` file under the table directories (layout-shaped or not). */
export async function listPartFiles(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dataDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory() && depth < 3) await walk(child, depth + 1);
      else if (e.isFile() && depth === 3 && e.name.endsWith(PART_SUFFIX)) out.push(child);
    }
  };
  for (const table of TABLE_NAMES) await walk(table, 0);
  return out.sort();
}

/** Loads every valid part of the data dir. */
export async function loadParts(dataDir: string, logger: Logger): Promise<LoadedParts> {
  const byTable: Record<TableName, PartHandle[]> = { metrics: [], logs: [], spans: [] };
  let corrupt = 0;
  for (const rel of await listPartFiles(dataDir)) {
    const parsed = parsePartPath(rel);
    if (parsed === null) {
      logger.warn('ignoring a file that does not follow the part layout', { path: rel });
      continue;
    }
    const path = join(dataDir, rel);
    try {
      const source = fileByteSource(path);
      let facts;
      try {
        const footer = readPartFooter(source);
        if (footer.table !== parsed.table) throw new PartCorruptError(`footer says table ${footer.table}`);
        facts = footerFacts(footer);
      } finally {
        source.close();
      }
      byTable[parsed.table].push({ ...parsed, relPath: rel, path, ...facts });
    } catch (err) {
      // Only a part proven bad is moved aside; an I/O error must not hide good data.
      if (!(err instanceof PartCorruptError)) throw err;
      corrupt++;
      logger.error('part is unreadable; renaming it to .corrupt', { path: rel, error: describeError(err) });
      await rename(path, `${path}.corrupt`).catch(() => {});
    }
  }
  const sets = { metrics: PartSet.of(byTable.metrics), logs: PartSet.of(byTable.logs), spans: PartSet.of(byTable.spans) };
  return { sets, parts: byTable.metrics.length + byTable.logs.length + byTable.spans.length, corrupt };
}
