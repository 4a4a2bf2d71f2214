/**
 * `pharlux compact`: one compaction pass now. With a server running on the data dir it
 * asks the server (a request file the server answers within a second), so only one
 * process ever writes parts; otherwise it opens the parts itself (no WAL replay).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, systemClock } from '../common/index.ts';
import { isCompiled, loadConfig } from '../server/index.ts';
import { COMPACT_REQUEST_FILE, COMPACT_RESULT_FILE, dataDirOwner, Storage, type CompactionResult } from '../storage/index.ts';
import type { CliCommand, CliIo } from './command.ts';
import { integerFlag, parseFlags, stringFlag } from './flags.ts';

const FLAGS = { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd' }, timeout: { type: 'integer' } } as const;

export const compactCommand: CliCommand = {
  name: 'compact',
  summary: 'merge the small parts of closed hours now',
  help: `Usage: pharlux compact [--config FILE] [--data-dir DIR] [--timeout SECONDS]

Runs one compaction pass: the small Parquet parts of every closed hour partition are
merged into one sorted part. Works while the server is running (the server does the
work); otherwise compacts the data directory directly.

Flags:
  -c, --config FILE     TOML configuration (finds the data directory)
  -d, --data-dir DIR    data directory (beats the configuration)
      --timeout S       give up waiting for a running server after S seconds (default 600)
`,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    if (parsed.positionals.length > 0) {
      io.stderr(`pharlux compact: unexpected argument "${parsed.positionals[0]}" (see pharlux compact --help)\n`);
      return 2;
    }
    const config = loadConfig({ configPath: stringFlag(parsed, 'config'), dataDir: stringFlag(parsed, 'data-dir'), env: io.env, fromSource: !isCompiled() });
    const dataDir = config.storage.dataDir;
    if (!existsSync(dataDir)) {
      io.stderr(`pharlux compact: data directory ${dataDir} does not exist\n`);
      return 1;
    }
    const owner = dataDirOwner(dataDir);
    let result: CompactionResult;
    if (owner !== null && owner !== process.pid) {
      io.stderr(`asking the running server (pid ${owner}) to compact…\n`);
      result = await askServer(dataDir, integerFlag(parsed, 'timeout', 600) * 1000, io);
    } else {
      const logger = createLogger({ level: 'warn', format: config.telemetry.logFormat });
      const storage = await Storage.open({
        dataDir,
        mode: 'maintenance',
        logger,
        parquetCompression: config.storage.parquetCompression,
        parquetZstdLevel: config.storage.parquetZstdLevel,
      });
      try {
        result = await storage.compact();
      } finally {
        await storage.stop();
      }
    }
    io.stdout(`merged ${result.inputParts} parts into ${result.outputParts}${result.failures > 0 ? `; ${result.failures} partitions failed (see the server log)` : ''}\n`);
    return result.failures > 0 ? 1 : 0;
  },
};

async function askServer(dataDir: string, timeoutMs: number, io: CliIo): Promise<CompactionResult> {
  const id = `${process.pid}-${systemClock.nowMs()}`;
  const resultPath = join(dataDir, COMPACT_RESULT_FILE);
  writeFileSync(join(dataDir, COMPACT_REQUEST_FILE), id);
  const deadline = systemClock.monotonicMs() + timeoutMs;
  while (systemClock.monotonicMs() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    let answer: { id?: string; result?: CompactionResult; error?: string };
    try {
      answer = JSON.parse(readFileSync(resultPath, 'utf8')) as typeof answer;
    } catch {
      continue;
    }
    if (answer.id !== id) continue;
    rmSync(resultPath, { force: true });
    if (answer.result === undefined) throw new Error(`the server's compaction failed: ${answer.error ?? 'unknown error'}`);
    return answer.result;
  }
  rmSync(join(dataDir, COMPACT_REQUEST_FILE), { force: true });
  io.stderr('pharlux compact: the server did not answer in time\n');
  throw new Error(`no answer from the server within ${Math.round(timeoutMs / 1000)} s`);
}
