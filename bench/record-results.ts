// Appends a benchmark's results to bench/RESULTS.md with the commit and machine.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const RESULTS = join(import.meta.dir, 'RESULTS.md');

/** Describes this machine in one line (cores, model, memory). */
export function machineLine(): string {
  const c = cpus();
  return `${c.length} vCPU (${c[0]?.model.trim() ?? 'unknown cpu'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Bun ${Bun.version}`;
}

/** Short commit of the working tree, with -dirty when it has uncommitted changes. */
export function commitLine(): string {
  const sha = Bun.spawnSync(['git', 'rev-parse', '--short=12', 'HEAD']).stdout.toString().trim() || 'unknown';
  const dirty = Bun.spawnSync(['git', 'status', '--porcelain', '--untracked-files=no']).stdout.toString().trim() !== '';
  return dirty ? `${sha}-dirty` : sha;
}

/** Appends a section: heading, command, commit, machine, then the body (markdown). */
export function recordResults(title: string, command: string, body: string): void {
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, '# Benchmark results\n\nAppended by the scripts in bench/. Newest last.\n');
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(RESULTS, `\n## ${title} — ${when} UTC\n- command: \`${command}\`\n- commit: ${commitLine()}\n- machine: ${machineLine()}\n\n${body.trim()}\n`);
}
