// Self-observability: the server's own metrics go through the real OTLP/JSON decoder
// and ingest pipeline into tenant `default` as rows of service `pharlux`.
import { describe, expect, test } from 'bun:test';
import { batchToRows } from '../../src/columnar/index.ts';
import { silentLogger } from '../../src/common/index.ts';
import { DEFAULT_INGEST_LIMITS, IngestPipeline, MemoryAppendTarget } from '../../src/ingest/index.ts';
import { MetricRegistry, SelfScraper } from '../../src/server/metrics/index.ts';

describe('self-metrics scrape', () => {
  test('counters, gauges and histograms become metrics rows of service pharlux in tenant default', async () => {
    const registry = new MetricRegistry();
    const requests = registry.counter('pharlux_http_requests_total', 'requests');
    requests.inc({ route: '/api/v1/query', status: '200' }, 3);
    const duration = registry.histogram('pharlux_query_duration_seconds', 'durations', [0.1, 1]);
    duration.observe(0.05, { format: 'json' });
    duration.observe(0.5, { format: 'json' });
    duration.observe(5, { format: 'json' });
    registry.addCollector(() => [{ name: 'pharlux_head_bytes', help: 'head', kind: 'gauge', samples: [{ name: 'pharlux_head_bytes', labels: {}, value: 1234 }] }]);

    const target = new MemoryAppendTarget();
    const pipeline = new IngestPipeline({ target, limits: DEFAULT_INGEST_LIMITS, logger: silentLogger() });
    const now = Date.now();
    const scraper = new SelfScraper({
      registry,
      intervalMs: 60_000,
      submit: async (body) => {
        const result = await pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'json', body });
        expect(result.rejected).toBe(0);
      },
      resource: { version: '1.2.3', instance: 'test:3100' },
      startedAtMs: now - 1000,
      nowMs: () => now,
      logger: silentLogger(),
    });
    await scraper.scrapeOnce();

    expect(target.appended).toHaveLength(1);
    expect(target.appended[0].entry.tenant).toBe('default');
    const rows = batchToRows(target.appended[0].batch);
    const byName = (name: string) => rows.filter((r) => r.name === name);
    expect(rows.every((r) => r.service_name === 'pharlux' && r.tenant_id === 'default' && r.scope_name === 'pharlux.self')).toBe(true);
    expect(byName('pharlux_http_requests_total')).toEqual([
      expect.objectContaining({ type: 'sum', temporality: 'cumulative', is_monotonic: true, value: 3, attributes: '{"route":"/api/v1/query","status":"200"}' }),
    ]);
    expect(byName('pharlux_head_bytes')).toEqual([expect.objectContaining({ type: 'gauge', value: 1234 })]);
    const hist = byName('pharlux_query_duration_seconds');
    expect(hist).toEqual([expect.objectContaining({ type: 'histogram', count: 3, sum: 5.55, attributes: '{"format":"json"}' })]);
    expect(JSON.parse(String(hist[0].buckets))).toMatchObject({ bounds: [0.1, 1], counts: [1, 1, 1] });
    expect(JSON.parse(String(rows[0].resource))).toMatchObject({ 'service.name': 'pharlux', 'service.version': '1.2.3' });
    await scraper.stop();
  });
});

describe('self-observability on a running server', () => {
  test('its own metrics appear in tenant default under service pharlux, and /metrics has every subsystem', async () => {
    const { startServerProcess } = await import('../support/server-process.ts');
    const server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: 'self-obs-admin', PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '1' } });
    try {
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'self-obs-admin' }) });
      const { token } = (await login.json()) as { token: string };
      const count = async (): Promise<number> => {
        const res = await fetch(`${server.baseUrl}/api/v1/query`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ sql: "SELECT count(*) AS n FROM metrics WHERE service_name = 'pharlux' AND name = 'pharlux_uptime_seconds'" }),
        });
        return ((await res.json()) as { rows: { n: number }[] }).rows[0].n;
      };
      // The first scrape happens at start, the next ones every second.
      let n = 0;
      for (let i = 0; i < 100 && n < 2; i++) {
        n = await count();
        if (n < 2) await Bun.sleep(100);
      }
      expect(n).toBeGreaterThanOrEqual(2);
      const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
      for (const name of [
        'pharlux_build_info{',
        'pharlux_uptime_seconds ',
        'pharlux_process_resident_memory_bytes ',
        'pharlux_ingest_rows_accepted_total{table="metrics"}',
        'pharlux_ingest_queue_requests ',
        'pharlux_wal_bytes ',
        'pharlux_wal_fsync_duration_seconds_bucket',
        'pharlux_head_bytes ',
        'pharlux_parts{table="logs"}',
        'pharlux_queries_total{format="json",outcome="ok"}',
        'pharlux_query_duration_seconds_bucket',
        'pharlux_http_requests_total{',
      ]) {
        expect(text).toContain(name);
      }
    } finally {
      await server.stop();
    }
  }, 30_000);
});
