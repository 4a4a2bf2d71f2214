/**
 * `pharlux check`: verifies a data directory — every WAL frame's CRC, every part's
 * footer and schema version (all data too with --deep), and the metadata database's
 * integrity — without changing anything. Safe while the server runs. Exit 1 when
 * anything is damaged.
 */
import { Database } from 'bun:sqlite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../common/index.ts';
import { isCompiled, loadConfig } from '../server/index.ts';
import { checkDataDir, type CheckProblem } from '../storage/index.ts';
import type { CliCommand } from './command.ts';
import { booleanFlag, parseFlags, stringFlag } from './flags.ts';

const FLAGS = { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd' }, deep: { type: 'boolean' }, json: { type: 'boolean' } } as const;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'verify a data directory (WAL CRCs, Parquet footers, metadata)',
  help: `Usage: pharlux check [--config FILE] [--data-dir DIR] [--deep] [--json]

Verifies a data directory without changing it: the CRC of every WAL record, the footer
and schema version of every Parquet part, leftovers of interrupted work, and the
integrity of the metadata database. Safe while the server is running.

Flags:
  -c, --config FILE     TOML configuration (finds the data directory)
  -d, --data-dir DIR    data directory (beats the configuration)
      --deep            also decode every part's data (slower)
      --json            print the report as JSON

Exit codes: 0 no damage (warnings may be printed), 1 damage found, 2 usage error.
`,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    if (parsed.positionals.length > 0) {
      io.stderr(`pharlux check: unexpected argument "${parsed.positionals[0]}" (see pharlux check --help)\n`);
      return 2;
    }
    const config = loadConfig({ configPath: stringFlag(parsed, 'config'), dataDir: stringFlag(parsed, 'data-dir'), env: io.env, fromSource: !isCompiled() });
    const dataDir = config.storage.dataDir;
    if (!existsSync(dataDir)) {
      io.stderr(`pharlux check: data directory ${dataDir} does not exist\n`);
      return 1;
    }
    const report = await checkDataDir(dataDir, { deep: booleanFlag(parsed, 'deep') });
    const problems: CheckProblem[] = [...report.problems, ...checkMetaDb(join(dataDir, 'meta.sqlite'))];
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (booleanFlag(parsed, 'json')) {
      io.stdout(`${JSON.stringify({ dataDir, ...report, problems }, null, 2)}\n`);
    } else {
      io.stdout(
        `data dir   ${dataDir}${report.serverRunning ? ' (a server is running on it)' : ''}\n` +
          `WAL        ${report.walSegments} segments, ${report.walRecords} records, ${report.walBytes} bytes; checkpoint LSN ${report.checkpointLsn ?? 'unreadable'}\n` +
          `parts      ${report.parts} parts, ${report.partRows} rows, ${report.partBytes} bytes\n`,
      );
      for (const p of problems) io.stdout(`${p.severity.toUpperCase().padEnd(7)} ${p.path}: ${p.message}\n`);
      io.stdout(errors === 0 ? `OK (${problems.length} warnings)\n` : `DAMAGED: ${errors} errors, ${problems.length - errors} warnings\n`);
    }
    return errors === 0 ? 0 : 1;
  },
};

/** SQLite's own integrity check of the metadata database, read-only. */
function checkMetaDb(path: string): CheckProblem[] {
  if (!existsSync(path)) return [];
  try {
    const db = new Database(path, { readonly: true });
    try {
      const rows = db.query('PRAGMA quick_check').values() as unknown[][];
      const bad = rows.map((r) => String(r[0])).filter((s) => s !== 'ok');
      return bad.map((message) => ({ severity: 'error' as const, path: 'meta.sqlite', message }));
    } finally {
      db.close();
    }
  } catch (err) {
    return [{ severity: 'error', path: 'meta.sqlite', message: `cannot be opened: ${describeError(err)}` }];
  }
}
