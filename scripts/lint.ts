// `npm run lint`: the house rules of DESIGN.md §4 that the type checker cannot see.
// Prints every violation as file:line: message and exits 1 when there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dir, '..');
const problems: string[] = [];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

// This file's own patterns would match themselves, so it is not linted.
const files = [join(ROOT, 'main.ts'), ...['src', 'tests', 'bench', 'scripts'].flatMap((d) => walk(join(ROOT, d)))].filter((p) => p !== import.meta.path);

for (const path of files) {
  const rel = relative(ROOT, path);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const isTest = /\.test\.tsx?$/.test(path) || rel.startsWith('tests/');
  const inSrc = rel.startsWith('src/');
  const report = (line: number, message: string): void => {
    problems.push(`${rel}:${line}: ${message}`);
  };

  if (/^(utils|helpers|misc|manager)\.tsx?$/i.test(basename(path))) report(1, 'dumping-ground file name; name the file for what it does');
  if (inSrc && !isTest && lines.length > 500) report(1, `${lines.length} lines; split files over 500 lines by concern`);
  if (inSrc && !isTest && !/^[a-z0-9]+(-[a-z0-9]+)*(\.d)?\.tsx?$/.test(basename(path))) report(1, 'file names are kebab-case');

  lines.forEach((line, i) => {
    const n = i + 1;
    const code = line.replace(/\/\/.*$/, '');
    if (inSrc && !isTest && /\bconsole\.(log|info|debug|warn|error)\(/.test(code) && !rel.startsWith('src/web/')) {
      report(n, 'console.* in src/: log through the Logger you were given');
    }
    if (/(:\s*any\b|\bas\s+any\b|<any>|any\[\])/.test(code) && !rel.endsWith('.d.ts')) report(n, 'no `any`: use unknown and narrow, or a precise type');
    if (/\b(test|it|describe)\.(only|skip|todo)\(/.test(code)) report(n, 'no focused or skipped tests');
    if (/\bTODO\b(?!\(#\d+\))/.test(line)) report(n, 'a TODO names its issue: TODO(#N)');
    if (/^\s*export\s+default\b/.test(line) && !rel.startsWith('src/web/') && !rel.endsWith('.d.ts')) report(n, 'named exports only');
  });
}

if (problems.length > 0) {
  process.stderr.write(problems.join('\n') + `\n\nlint: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`lint: ${files.length} files ok\n`);
