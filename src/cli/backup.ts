/**
 * `pharlux backup --output F|-`: a consistent tar of a live data directory — Parquet
 * parts, the WAL (so acknowledged but unflushed rows are kept) and a consistent copy of
 * the metadata database — without secrets (jwt.secret, initial-admin-password). Restore
 * by extracting into an empty data directory.
 */
import { Database } from 'bun:sqlite';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, UsageError } from '../common/index.ts';
import { isCompiled, loadConfig } from '../server/index.ts';
import { backupDataDir, type TarSink } from '../storage/index.ts';
import type { CliCommand } from './command.ts';
import { parseFlags, stringFlag } from './flags.ts';

const FLAGS = { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd' }, output: { type: 'string', short: 'o' } } as const;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'write a consistent tar of a (live) data directory',
  help: `Usage: pharlux backup --output FILE|- [--config FILE] [--data-dir DIR]

Writes a consistent tar archive of the data directory while the server keeps running:
Parquet parts, the write-ahead log (acknowledged rows not yet in parts) and a copy of
the metadata database. Secrets (jwt.secret, initial-admin-password) are not included.
To restore, extract the archive into an empty data directory and start the server.

Flags:
  -o, --output FILE     archive to write; "-" writes to standard output
  -c, --config FILE     TOML configuration (finds the data directory)
  -d, --data-dir DIR    data directory (beats the configuration)

Examples:
  pharlux backup --output /backups/pharlux-$(date +%F).tar
  pharlux backup --output - | zstd > pharlux.tar.zst
`,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    const output = stringFlag(parsed, 'output');
    if (output === undefined) throw new UsageError('pharlux backup needs --output FILE or --output - (see --help)');
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (see pharlux backup --help)`);
    const config = loadConfig({ configPath: stringFlag(parsed, 'config'), dataDir: stringFlag(parsed, 'data-dir'), env: io.env, fromSource: !isCompiled() });
    const dataDir = config.storage.dataDir;
    if (!existsSync(dataDir)) {
      io.stderr(`pharlux backup: data directory ${dataDir} does not exist\n`);
      return 1;
    }
    const scratch = mkdtempSync(join(tmpdir(), 'pharlux-backup-'));
    const fh = output === '-' ? null : await open(output, 'w', 0o600);
    try {
      const extraFiles = [];
      const meta = join(dataDir, 'meta.sqlite');
      if (existsSync(meta)) {
        // VACUUM INTO copies a consistent snapshot even while the server writes (WAL mode).
        const copy = join(scratch, 'meta.sqlite');
        const db = new Database(meta, { readonly: true });
        try {
          db.run(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
        } finally {
          db.close();
        }
        extraFiles.push({ name: 'meta.sqlite', path: copy });
      }
      const sink: TarSink = fh === null ? (bytes) => io.stdoutBytes(bytes) : async (bytes) => void (await fh.write(bytes));
      const summary = await backupDataDir({ dataDir, sink, clock: systemClock, extraFiles });
      if (fh !== null) await fh.sync();
      io.stderr(`backup: ${summary.parts} parts, ${summary.walSegments} WAL segments, ${summary.files} files, ${summary.bytes} bytes${fh === null ? '' : ` → ${output}`}\n`);
      return 0;
    } finally {
      await fh?.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
