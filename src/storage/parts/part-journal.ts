/**
 * Crash safety for changes to the set of published parts (format: ../FORMAT.md).
 *
 * An *op* (`ops/<seq>.op.json`) is written and fsynced before a publish renames anything:
 * it lists the temp files to rename into place, the parts the publish removes, and (for a
 * flush) the WAL checkpoint. Temp files are fsynced before the op is written, so at
 * start-up an op is rolled forward: rename what is still a temp file, delete what it
 * removes, write its checkpoint. A *trash* record (`ops/<seq>.trash.json`) lists parts
 * already unpublished whose unlinking waits for snapshots; start-up unlinks them.
 * Temp files no op mentions are leftovers of an interrupted write and are deleted.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock, Logger } from '../../common/index.ts';
import { fsyncDir } from '../fsync-dir.ts';
import { backupLocked } from './backup-lock.ts';
import { TMP_SUFFIX } from './part-path.ts';
import { readCheckpoint, writeCheckpoint, writeFileDurably } from './wal-checkpoint.ts';

export const OPS_DIR = 'ops';
const OP_SUFFIX = '.op.json';
const TRASH_SUFFIX = '.trash.json';
const BACKUP_POLL_MS = 100;

/** One publish, as recorded before it happens. Paths are relative to the data dir. */
export interface JournalOp {
  readonly version: 1;
  readonly kind: 'flush' | 'compact' | 'retention';
  readonly add: readonly { readonly tmp: string; readonly final: string }[];
  readonly remove: readonly string[];
  /** For flushes: the WAL checkpoint to write once the parts are in place. */
  readonly checkpointLsn: number | null;
}

interface TrashRecord {
  readonly version: 1;
  readonly remove: readonly string[];
}

export class PartJournal {
  private seq: number;

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    mkdirSync(join(dataDir, OPS_DIR), { recursive: true });
    this.seq = 0;
    for (const name of readdirSync(join(dataDir, OPS_DIR))) {
      const n = Number.parseInt(name, 10);
      if (Number.isFinite(n)) this.seq = Math.max(this.seq, n);
    }
  }

  /**
   * Records `op` durably, waiting while a backup holds the lock. Returns the op file
   * name for `finish`.
   */
  async begin(op: JournalOp): Promise<string> {
    for (;;) {
      while (backupLocked(this.dataDir)) await sleep(BACKUP_POLL_MS);
      const name = await this.writeRecord(OP_SUFFIX, op);
      if (!backupLocked(this.dataDir)) return name;
      // A backup started between our check and our write: step back and let it finish.
      await this.removeRecord(name);
    }
  }

  /** Applies the renames and checkpoint of a begun op (idempotent). */
  async applyAdds(op: JournalOp): Promise<void> {
    const dirs = new Set<string>();
    for (const { tmp, final } of op.add) {
      try {
        await rename(join(this.dataDir, tmp), join(this.dataDir, final));
      } catch (err) {
        // Already renamed by an earlier attempt (roll-forward is idempotent).
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      dirs.add(dirname(final));
    }
    await this.fsyncPartitionDirs(dirs);
    if (op.checkpointLsn !== null && op.checkpointLsn > readCheckpoint(this.dataDir)) await writeCheckpoint(this.dataDir, op.checkpointLsn);
  }

  /**
   * Ends an op: its removals (if any) become a trash record for deferred unlinking, then
   * the op file goes. Returns the trash record name (or null).
   */
  async finish(opName: string, op: JournalOp): Promise<string | null> {
    const trash = op.remove.length > 0 ? await this.writeRecord(TRASH_SUFFIX, { version: 1, remove: op.remove } satisfies TrashRecord) : null;
    await this.removeRecord(opName);
    return trash;
  }

  /** Drops a begun op whose renames never happened (the publish was abandoned). */
  async abandon(opName: string): Promise<void> {
    await this.removeRecord(opName);
  }

  /** Unlinks parts of a trash record and then the record itself. */
  async emptyTrash(trashName: string, relPaths: readonly string[]): Promise<void> {
    for (const rel of relPaths) await this.unlinkPart(rel);
    await this.removeRecord(trashName);
  }

  /** Start-up recovery: roll ops forward, empty trash, delete orphan temp files. */
  async recover(): Promise<{ opsRolledForward: number; trashedParts: number; tmpFilesRemoved: number }> {
    const opsDir = join(this.dataDir, OPS_DIR);
    const names = (await readdir(opsDir)).sort();
    let opsRolledForward = 0;
    let trashedParts = 0;
    const referencedTmps = new Set<string>();
    for (const name of names) {
      if (name.endsWith('.tmp')) {
        await rm(join(opsDir, name), { force: true });
        continue;
      }
      const record = this.readRecord(name);
      if (record === null) continue;
      if (name.endsWith(OP_SUFFIX)) {
        const op = record as JournalOp;
        for (const a of op.add) referencedTmps.add(a.tmp);
        await this.applyAdds(op);
        for (const rel of op.remove) await this.unlinkPart(rel);
        trashedParts += op.remove.length;
        await this.removeRecord(name);
        opsRolledForward++;
        this.logger.info('rolled an interrupted publish forward', { op: name, kind: op.kind, added: op.add.length, removed: op.remove.length });
      } else if (name.endsWith(TRASH_SUFFIX)) {
        const trash = record as TrashRecord;
        await this.emptyTrash(name, trash.remove);
        trashedParts += trash.remove.length;
      }
    }
    const tmpFilesRemoved = await this.removeOrphanTmps(referencedTmps);
    return { opsRolledForward, trashedParts, tmpFilesRemoved };
  }

  private async writeRecord(suffix: string, body: object): Promise<string> {
    const name = `${String(++this.seq).padStart(12, '0')}${suffix}`;
    const dir = join(this.dataDir, OPS_DIR);
    const tmp = join(dir, `${name}.tmp`);
    await writeFileDurably(tmp, JSON.stringify(body));
    await rename(tmp, join(dir, name));
    await fsyncDir(dir);
    return name;
  }

  private readRecord(name: string): object | null {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, OPS_DIR, name), 'utf8')) as object;
    } catch (err) {
      this.logger.error('unreadable journal record; leaving it in place', { record: name, error: String(err) });
      return null;
    }
  }

  private async removeRecord(name: string): Promise<void> {
    await rm(join(this.dataDir, OPS_DIR, name), { force: true });
    await fsyncDir(join(this.dataDir, OPS_DIR));
  }

  private async unlinkPart(rel: string): Promise<void> {
    const path = join(this.dataDir, rel);
    await rm(path, { force: true });
    // Drop emptied partition directories (hour, date, tenant); stop at the first non-empty one.
    let dir = dirname(path);
    for (let depth = 0; depth < 3; depth++) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
      dir = dirname(dir);
    }
  }

  private async fsyncPartitionDirs(dirs: Set<string>): Promise<void> {
    // New directories must be durable too: fsync the hour dir and its ancestors.
    const all = new Set<string>();
    for (const d of dirs) {
      let cur = d;
      for (let depth = 0; depth < 4 && cur !== '.' && cur !== ''; depth++) {
        all.add(cur);
        cur = dirname(cur);
      }
    }
    all.add('.');
    for (const d of all) await fsyncDir(join(this.dataDir, d));
  }

  private async removeOrphanTmps(referenced: Set<string>): Promise<number> {
    let removed = 0;
    const walk = async (rel: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(join(this.dataDir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const child = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory() && depth < 4) await walk(child, depth + 1);
        else if (e.isFile() && e.name.endsWith(TMP_SUFFIX) && !referenced.has(child)) {
          await rm(join(this.dataDir, child), { force: true });
          removed++;
        }
      }
    };
    for (const table of ['metrics', 'logs', 'spans']) await walk(table, 0);
    return removed;
  }
}

/** Parts listed in trash records (unpublished, waiting to be unlinked); backup skips them. */
export function listTrashedParts(dataDir: string): Set<string> {
  const out = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(join(dataDir, OPS_DIR));
  } catch {
    return out;
  }
  for (const name of names) {
    if (!name.endsWith(TRASH_SUFFIX)) continue;
    try {
      const record = JSON.parse(readFileSync(join(dataDir, OPS_DIR, name), 'utf8')) as TrashRecord;
      for (const rel of record.remove) out.add(rel);
    } catch {
      // A trash record being written or deleted right now: it lists nothing yet / any more.
    }
  }
  return out;
}

/** Names of publishes in flight (`ops/*.op.json`). */
export function listOpsInFlight(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, OPS_DIR)).filter((n) => n.endsWith(OP_SUFFIX));
  } catch {
    return [];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
