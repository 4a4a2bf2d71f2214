/**
 * The shape of a CLI command. One file per command exports one `CliCommand`; cli/index.ts
 * lists them. Commands print through `CliIo` (never console.log) and return an exit code:
 * 0 success, 1 runtime failure, 2 usage or config error (SPEC §2).
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for --password-stdin, `backup --output -` is the reverse). */
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Raw binary output (for `backup --output -`). */
  readonly stdoutBytes: (bytes: Uint8Array) => void;
}

export interface CliCommand {
  /** Words after `pharlux`, e.g. `serve` or `user add`. */
  readonly name: string;
  /** One line for `pharlux --help`. */
  readonly summary: string;
  /** Full `--help` text: usage line, flags with defaults, examples. */
  readonly help: string;
  /** True when the command has subcommands and answers `--help` itself (e.g. `user add --help`). */
  readonly ownHelp?: boolean;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
