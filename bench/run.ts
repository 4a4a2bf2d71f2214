// `npm run bench [name...]`: runs bench/<name>.bench.ts (all of them without names),
// one after another, each in its own process. Benchmarks print figures and append them
// to bench/RESULTS.md; they are never part of `npm test`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const names = process.argv.slice(2);
const all = readdirSync(import.meta.dir).filter((f) => f.endsWith('.bench.ts')).sort();
const selected = names.length === 0 ? all : names.map((n) => (n.endsWith('.bench.ts') ? n : `${n}.bench.ts`));
for (const file of selected) {
  if (!all.includes(file)) {
    process.stderr.write(`no such benchmark: bench/${file} (have: ${all.join(', ')})\n`);
    process.exit(2);
  }
  process.stdout.write(`\n== bench/${file}\n`);
  const proc = Bun.spawnSync([process.execPath, join(import.meta.dir, file)], { stdio: ['inherit', 'inherit', 'inherit'] });
  if (proc.exitCode !== 0) process.exit(proc.exitCode ?? 1);
}
