// Binary size, start-up time to healthy and idle RSS of the compiled executable
// (issue: foundation). Builds dist/pharlux first if it is missing.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordResults } from './record-results.ts';

const ROOT = resolve(import.meta.dir, '..');
const binary = join(ROOT, 'dist/pharlux');
if (!existsSync(binary)) Bun.spawnSync([process.execPath, join(ROOT, 'scripts/build.ts')], { cwd: ROOT, stdio: ['inherit', 'inherit', 'inherit'] });

const RUNS = 10;
const startupMs: number[] = [];
const idleRssMb: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pharlux-startup-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const proc = Bun.spawn([binary, 'serve', '--data-dir', dataDir], {
    env: {
      PHARLUX_SERVER_BIND_ADDRESS: '127.0.0.1',
      PHARLUX_SERVER_HTTP_PORT: String(port),
      PHARLUX_SERVER_OTLP_HTTP_PORT: '0',
      PHARLUX_SERVER_OTLP_GRPC_PORT: '0',
      PHARLUX_STORAGE_MIN_FREE_DISK_BYTES: '0',
      PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0',
    },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await Bun.sleep(2);
  }
  startupMs.push(performance.now() - t0);
  await Bun.sleep(3000); // idle
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  idleRssMb.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  proc.kill('SIGTERM');
  await proc.exited;
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizeMb = statSync(binary).size / 1024 ** 2;
const body = `| measure | value | reference product |
|---|---|---|
| binary size (dist/pharlux) | ${sizeMb.toFixed(1)} MiB | ~85 MB |
| start-up to healthy (median of ${RUNS}, fresh data dir) | ${median(startupMs).toFixed(0)} ms (min ${Math.min(...startupMs).toFixed(0)}, max ${Math.max(...startupMs).toFixed(0)}) | — |
| idle RSS 3 s after start (median) | ${median(idleRssMb).toFixed(1)} MiB | ~62 MB |`;
process.stdout.write(body + '\n');
recordResults('Start-up, binary size, idle RSS', 'npm run bench startup', body);
