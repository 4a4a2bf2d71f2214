/**
 * Review finding 8 end to end: OTLP/JSON metrics with 64-bit integers as bare JSON
 * numbers, POSTed to the real server's /v1/metrics, land in Parquet with every digit
 * (nanosecond timestamps and an int attribute above 2^53).
 */
import { afterAll, expect, test } from 'bun:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pharlux-json-int64-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('int64 JSON numbers reach Parquet exactly through /v1/metrics', async () => {
  const dataDir = join(scratch, 'data');
  const server = await startServerProcess({ dataDir, env: { PHARLUX_STORAGE_WAL_SYNC: 'group', PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
  // Odd nanosecond tails: no double can hold these 19-digit values.
  const timeNs = BigInt(Date.now() - 5_000) * 1_000_000n + 123_457n;
  const startNs = timeNs - 60_000_000_001n;
  const body =
    `{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-int64"}}]},` +
    `"scopeMetrics":[{"metrics":[{"name":"exact.ints","gauge":{"dataPoints":[{"timeUnixNano":${timeNs},"startTimeUnixNano":${startNs},` +
    `"asDouble":1,"attributes":[{"key":"big","value":{"intValue":9007199254740993}},{"key":"neg","value":{"intValue":-9223372036854775807}}]}]}}]}]}]}`;
  let exitCode: number;
  try {
    const response = await fetch(`http://127.0.0.1:${server.otlpHttpPort}/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  } finally {
    exitCode = await server.stop({ keepDataDir: true });
  }
  expect(exitCode).toBe(0);

  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const reader = await conn.runAndReadAll(
      `SELECT epoch_ns("timestamp")::VARCHAR AS ts, epoch_ns(start_timestamp)::VARCHAR AS start_ts, attributes
       FROM read_parquet('${join(dataDir, 'metrics')}/**/*.parquet', hive_partitioning = true, union_by_name = true) WHERE name = 'exact.ints'`,
    );
    expect(reader.getRowObjectsJS()).toEqual([{ ts: String(timeNs), start_ts: String(startNs), attributes: '{"big":9007199254740993,"neg":-9223372036854775807}' }]);
  } finally {
    conn.closeSync();
  }
}, 60_000);
