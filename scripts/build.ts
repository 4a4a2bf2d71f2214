// `npm run build`: bundles the web UI into dist/pharlux-ui.pack, then compiles main.ts
// and every embedded file (UI pack, .proto, systemd unit) into one self-contained
// executable, dist/pharlux (linux-x64), with the commit baked in.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleUi, packUi, UI_PACK_FILE_NAME } from '../src/server/ui/index.ts';

const sha = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
const gitSha = sha.status === 0 ? sha.stdout.trim() : 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
const t0 = performance.now();

mkdirSync('dist', { recursive: true });
const assets = await bundleUi();
const packPath = `dist/${UI_PACK_FILE_NAME}`;
writeFileSync(packPath, packUi(assets));
const uiGzipKb = assets.reduce((n, a) => n + gzipSync(a.bytes, { level: 9 }).byteLength, 0) / 1024;
process.stdout.write(`bundled the web UI: ${assets.length} assets, ${uiGzipKb.toFixed(0)} KB gzip\n`);

// Worker threads are separate entry points; the compiled binary must embed each one.
const workerEntries = [...new Set(sourceFiles('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/workerEntry\('([\w./-]+\.ts)'\)/g)].map((m) => m[1])))];
process.stdout.write(`worker entry points: ${workerEntries.join(', ') || '(none)'}\n`);

const args = [
  'build',
  '--compile',
  '--minify-syntax',
  '--minify-whitespace',
  '--sourcemap=none',
  '--define',
  `PHARLUX_GIT_SHA=${JSON.stringify(dirty ? `${gitSha}-dirty` : gitSha)}`,
  'main.ts',
  ...workerEntries,
  packPath,
  '--outfile',
  'dist/pharlux',
];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const sizeMb = statSync('dist/pharlux').size / (1024 * 1024);
process.stdout.write(`built dist/pharlux (${sizeMb.toFixed(1)} MiB, ${gitSha}${dirty ? '-dirty' : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
