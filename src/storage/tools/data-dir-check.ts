/**
 * `pharlux check` for storage: verifies a data dir read-only, safe while a server runs.
 * Every WAL segment frame's CRC, the checkpoint, every part's footer (magic, Thrift
 * metadata, table, `pharlux.schema_version`), optionally every part's data (`deep`), and
 * leftovers of interrupted work. Changes nothing; reports problems as errors (data
 * damaged or unreadable) or warnings (things the next start repairs or that a running
 * server is doing right now).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_SCHEMAS } from '../../columnar/index.ts';
import { describeError } from '../../common/index.ts';
import { dataDirOwner } from '../data-dir-lock.ts';
import { fileByteSource, readPartFooter, scanPart } from '../parquet/index.ts';
import { listOpsInFlight, listPartFiles, parsePartPath, readCheckpoint, WAL_DIR } from '../parts/index.ts';
import { listSegments, readSegmentEnd, readWalSegment } from '../wal/index.ts';

export interface CheckProblem {
  readonly severity: 'error' | 'warning';
  /** Relative to the data dir. */
  readonly path: string;
  readonly message: string;
}

export interface CheckReport {
  readonly serverRunning: boolean;
  readonly walSegments: number;
  readonly walRecords: number;
  readonly walBytes: number;
  readonly checkpointLsn: number | null;
  readonly parts: number;
  readonly partRows: number;
  readonly partBytes: number;
  readonly problems: readonly CheckProblem[];
}

/** Checks a data dir without changing it. `deep` also decodes every part's data. */
export async function checkDataDir(dataDir: string, options: { deep?: boolean } = {}): Promise<CheckReport> {
  const problems: CheckProblem[] = [];
  const serverRunning = dataDirOwner(dataDir) !== null;
  const walDir = join(dataDir, WAL_DIR);

  let checkpointLsn: number | null = null;
  try {
    checkpointLsn = readCheckpoint(dataDir);
  } catch (err) {
    problems.push({ severity: 'error', path: `${WAL_DIR}/checkpoint`, message: `unreadable checkpoint: ${describeError(err)}` });
  }

  let walSegments = 0;
  let walRecords = 0;
  let walBytes = 0;
  const segments = await listSegments(walDir);
  for (const [i, { name }] of segments.entries()) {
    const rel = `${WAL_DIR}/${name}`;
    try {
      const end = await readSegmentEnd(join(walDir, name));
      if (end !== null) problems.push({ severity: 'warning', path: rel, message: `a failed write left bytes after byte ${end}; the next start drops them` });
      const r = await readWalSegment(join(walDir, name), () => {}, end);
      walSegments++;
      walRecords += r.records;
      walBytes += r.fileBytes;
      const d = r.damage;
      if (d === null) continue;
      const last = i === segments.length - 1;
      if (d.kind === 'torn-tail') {
        // The open segment of a running server may end in a group being written right now.
        if (!(last && serverRunning)) problems.push({ severity: 'warning', path: rel, message: `torn tail at byte ${d.offset} (${d.bytes} bytes); the next start truncates it` });
      } else {
        problems.push({ severity: 'error', path: rel, message: `${d.kind === 'bad-header' ? 'damaged segment header' : 'corrupt record'} at byte ${d.offset}; ${d.bytes} bytes after it will be quarantined at the next start (${r.records} records before it are intact)` });
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted by a flush meanwhile
      problems.push({ severity: 'error', path: rel, message: `unreadable: ${describeError(err)}` });
    }
  }
  for (const name of await readdir(walDir).catch(() => [] as string[])) {
    if (name.includes('.corrupt')) problems.push({ severity: 'warning', path: `${WAL_DIR}/${name}`, message: 'quarantined WAL bytes from an earlier replay (kept for inspection)' });
  }

  let parts = 0;
  let partRows = 0;
  let partBytes = 0;
  for (const rel of await listPartFiles(dataDir)) {
    const parsed = parsePartPath(rel);
    if (parsed === null) {
      problems.push({ severity: 'warning', path: rel, message: 'does not follow the part layout; storage ignores it' });
      continue;
    }
    let source;
    try {
      source = fileByteSource(join(dataDir, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // compacted or expired meanwhile
      problems.push({ severity: 'error', path: rel, message: `unreadable: ${describeError(err)}` });
      continue;
    }
    try {
      const footer = readPartFooter(source);
      if (footer.table !== parsed.table) throw new Error(`footer says table ${footer.table}, the path says ${parsed.table}`);
      if (options.deep) {
        let rows = 0;
        for await (const b of scanPart(source, footer, { columns: TABLE_SCHEMAS[footer.table].fields.map((f) => f.name), predicates: [] })) rows += b.length;
        if (rows !== footer.rowCount) throw new Error(`data holds ${rows} rows, footer says ${footer.rowCount}`);
      }
      parts++;
      partRows += footer.rowCount;
      partBytes += footer.fileBytes;
    } catch (err) {
      problems.push({ severity: 'error', path: rel, message: describeError(err) });
    } finally {
      source.close();
    }
  }

  await findLeftovers(dataDir, serverRunning, problems);
  return { serverRunning, walSegments, walRecords, walBytes, checkpointLsn, parts, partRows, partBytes, problems };
}

async function findLeftovers(dataDir: string, serverRunning: boolean, problems: CheckProblem[]): Promise<void> {
  if (!serverRunning) {
    for (const op of listOpsInFlight(dataDir)) problems.push({ severity: 'warning', path: `ops/${op}`, message: 'an interrupted publish; the next start rolls it forward' });
  }
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
      else if (e.isFile() && e.name.endsWith('.corrupt')) problems.push({ severity: 'warning', path: child, message: 'a part found unreadable at an earlier start, set aside' });
      else if (e.isFile() && e.name.endsWith('.tmp') && !serverRunning) problems.push({ severity: 'warning', path: child, message: 'temp file of an interrupted write; the next start deletes it' });
    }
  };
  for (const table of Object.keys(TABLE_SCHEMAS)) await walk(table, 0);
}
