/**
 * Decode throughput over a pool of request bodies, shared by the decode benchmarks:
 * warm up with whole passes, then count rows and bytes over whole passes for `seconds`.
 */

/** Rates of one decoder over one pool of bodies. */
export interface DecodeThroughput {
  /** Rows per second of this process's CPU time (user + system): what one dedicated core would do. */
  readonly rowsPerCpuSec: number;
  /** Rows per wall-clock second (lower when the shared machine takes the core away). */
  readonly rowsPerSec: number;
  /** Body megabytes per CPU-second. */
  readonly mbPerCpuSec: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Runs `run` over `bodies` (each holding `rowsPerRequest` rows) for about `seconds`. */
export function measureDecode(seconds: number, rowsPerRequest: number, bodies: readonly Uint8Array[], run: (body: Uint8Array) => void): DecodeThroughput {
  for (let k = 0; k < 3; k++) for (const b of bodies) run(b);
  let rows = 0;
  let bytes = 0;
  const t0 = performance.now();
  const c0 = cpuSeconds();
  while (performance.now() - t0 < seconds * 1000) {
    for (const b of bodies) {
      run(b);
      rows += rowsPerRequest;
      bytes += b.byteLength;
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  return { rowsPerCpuSec: rows / cpu, rowsPerSec: rows / wall, mbPerCpuSec: bytes / cpu / 1e6 };
}
