/** Process-level self-metrics read at scrape time: RSS, heap, uptime, build info. */
import type { BuildInfo } from '../build-info.ts';
import type { MetricCollector } from './metric-registry.ts';

/** A collector for the running process. */
export function processMetricsCollector(buildInfo: BuildInfo, startedAtMs: number, nowMs: () => number): MetricCollector {
  return () => {
    const mem = process.memoryUsage();
    return [
      { name: 'pharlux_build_info', help: 'always 1; labels say which build is running', kind: 'gauge', samples: [{ name: 'pharlux_build_info', labels: { version: buildInfo.version, git_sha: buildInfo.gitSha }, value: 1 }] },
      { name: 'pharlux_uptime_seconds', help: 'seconds since the server started', kind: 'gauge', samples: [{ name: 'pharlux_uptime_seconds', labels: {}, value: (nowMs() - startedAtMs) / 1000 }] },
      { name: 'pharlux_process_resident_memory_bytes', help: 'resident set size', kind: 'gauge', samples: [{ name: 'pharlux_process_resident_memory_bytes', labels: {}, value: mem.rss }] },
      { name: 'pharlux_process_heap_used_bytes', help: 'JavaScript heap in use', kind: 'gauge', samples: [{ name: 'pharlux_process_heap_used_bytes', labels: {}, value: mem.heapUsed }] },
    ];
  };
}
