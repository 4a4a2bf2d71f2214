/**
 * cli/: one file per command (serve.ts, install.ts, ...), each exporting a `CliCommand`;
 * this file dispatches argv to them and turns errors into exit codes (SPEC §2):
 * 0 success, 1 runtime failure, 2 usage or configuration error. Errors are one line on
 * stderr; `--debug` adds the stack. Start reading at serve.ts.
 */
import { AppError, ConfigError, UsageError } from '../common/index.ts';
import { backupCommand } from './backup.ts';
import { benchIngestCommand } from './bench-ingest.ts';
import { checkCommand } from './check.ts';
import type { CliCommand, CliIo } from './command.ts';
import { compactCommand } from './compact.ts';
import { installCommand } from './install.ts';
import { queryCommand } from './query.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import { versionCommand } from './version.ts';

export type { CliCommand, CliIo } from './command.ts';
export { processIo } from './process-io.ts';

/** Every command, in the order `pharlux --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  installCommand,
  userCommand,
  queryCommand,
  compactCommand,
  backupCommand,
  checkCommand,
  benchIngestCommand,
  versionCommand,
];

const MAIN_HELP = (): string => `Pharlux: OpenTelemetry metrics, logs and traces in one binary. OTLP in, Parquet on disk, SQL out.

Usage: pharlux [command] [flags]      (no command = serve)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Run "pharlux <command> --help" for a command's flags.
Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.
`;

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? argv[1] : undefined;
    const cmd = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
    io.stdout(cmd ? cmd.help : MAIN_HELP());
    return 0;
  }
  if (first === '--version' || first === '-V') return await versionCommand.run([], io);

  const named = findCommand(argv);
  if (first !== undefined && !first.startsWith('-') && named === undefined) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
    if (group.length > 0 && (argv[1] === '--help' || argv[1] === '-h')) {
      // `pharlux bench --help`: the group's commands, each with its summary.
      const lines = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => `  ${c.name.padEnd(16)} ${c.summary}`);
      io.stdout(`Commands of "${first}":\n${lines.join('\n')}\n\nRun "pharlux ${group[0]} --help" for its flags.\n`);
      return 0;
    }
    io.stderr(group.length > 0 ? `pharlux: "${first}" needs a subcommand: ${group.join(', ')}\n` : `pharlux: unknown command "${first}" (run pharlux --help)\n`);
    return 2;
  }
  const command = named ?? serveCommand;
  const args = named ? argv.slice(named.name.split(' ').length) : argv;
  if (!command.ownHelp && (args.includes('--help') || args.includes('-h'))) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    return reportError(err, command, io, debug);
  }
}

/** The command whose (possibly multi-word) name starts argv, longest name first. */
function findCommand(argv: readonly string[]): CliCommand | undefined {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  return byLength.find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
}

function reportError(err: unknown, command: CliCommand, io: CliIo, debug: boolean): number {
  const prefix = `pharlux ${command.name}`;
  if (err instanceof UsageError || err instanceof ConfigError) {
    io.stderr(`${prefix}: ${err.message}\n`);
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
  if (err instanceof AppError) {
    io.stderr(`${prefix}: ${err.message}\n`);
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`${prefix}: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return 1;
}
