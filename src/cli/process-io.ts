/** The real process's stdin/stdout/stderr/env as a `CliIo`. */
import type { CliIo } from './command.ts';

export function processIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    stdoutBytes: (bytes) => {
      process.stdout.write(bytes);
    },
    readStdin: async () => await new Response(Bun.stdin.stream()).text(),
    env: process.env,
  };
}
