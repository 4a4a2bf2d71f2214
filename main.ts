#!/usr/bin/env bun
// Pharlux entry point: argv → cli/. The only place that calls process.exit.
import { processIo, runCli } from './src/cli/index.ts';

const code = await runCli(process.argv.slice(2), processIo());
// Let stdout/stderr drain before exiting.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(code);
