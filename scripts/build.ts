// `npm run build`: compiles main.ts, the web UI and every embedded file into one
// self-contained executable, dist/pharlux (linux-x64), with the commit baked in.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';

const sha = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
const gitSha = sha.status === 0 ? sha.stdout.trim() : 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';

mkdirSync('dist', { recursive: true });
const args = [
  'build',
  '--compile',
  '--minify-syntax',
  '--minify-whitespace',
  '--sourcemap=none',
  `--define`,
  `PHARLUX_GIT_SHA=${JSON.stringify(dirty ? `${gitSha}-dirty` : gitSha)}`,
  'main.ts',
  '--outfile',
  'dist/pharlux',
];
const t0 = performance.now();
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const sizeMb = statSync('dist/pharlux').size / (1024 * 1024);
process.stdout.write(`built dist/pharlux (${sizeMb.toFixed(1)} MiB, ${gitSha}${dirty ? '-dirty' : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
