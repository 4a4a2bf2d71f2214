// Acknowledged means durable, through the real front door: a load of OTLP/HTTP requests
// hits the real server (wal_sync = group), the server is SIGKILLed at a random moment,
// restarted on the same data directory, and every record whose request got a 200 must
// be in the Parquet files after a clean stop — checked with DuckDB, not with our reader.
import { afterAll, describe, expect, test } from 'bun:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const RUNS = 5;
const WORKERS = 8;
const RECORDS_PER_REQUEST = 50;
const scratch = mkdtempSync(join(tmpdir(), 'pharlux-otlp-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One OTLP/JSON logs request whose records carry `run:seq` markers in their body. */
function logsRequest(run: number, seqs: number[]): string {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'crash-test' } }] },
        scopeLogs: [
          {
            scope: { name: 'crash' },
            logRecords: seqs.map((seq) => ({
              timeUnixNano: String(nowNs + BigInt(seq)),
              severityNumber: 9,
              body: { stringValue: `marker ${run}:${seq}` },
              attributes: [{ key: 'seq', value: { intValue: seq } }],
            })),
          },
        ],
      },
    ],
  });
}

/** Sends requests from several workers until the server dies; returns acknowledged seqs. */
async function loadUntilKilled(server: ServerProcess, run: number, killAfterMs: number): Promise<Set<number>> {
  const acked = new Set<number>();
  let next = 0;
  let dead = false;
  const url = `http://127.0.0.1:${server.otlpHttpPort}/v1/logs`;
  const worker = async (): Promise<void> => {
    while (!dead) {
      const seqs = Array.from({ length: RECORDS_PER_REQUEST }, () => next++);
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: logsRequest(run, seqs) });
        await res.arrayBuffer();
        if (res.status === 200) for (const s of seqs) acked.add(s);
      } catch {
        dead = true; // connection refused/reset: the server is gone
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  await Bun.sleep(killAfterMs);
  server.proc.kill('SIGKILL');
  await server.proc.exited;
  dead = true;
  await Promise.all(workers);
  return acked;
}

async function markersOnDisk(dataDir: string, run: number): Promise<Set<number>> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const glob = join(dataDir, 'logs/**/*.parquet');
  const reader = await conn.runAndReadAll(`SELECT body FROM read_parquet('${glob}', hive_partitioning = true) WHERE body LIKE 'marker ${run}:%'`);
  const seen = new Set<number>();
  const duplicates: number[] = [];
  for (const [body] of reader.getRows()) {
    const seq = Number(String(body).split(':')[1]);
    if (seen.has(seq)) duplicates.push(seq);
    seen.add(seq);
  }
  conn.closeSync();
  expect(duplicates).toEqual([]);
  return seen;
}

describe('SIGKILL under OTLP/HTTP load loses no acknowledged record', () => {
  test(`${RUNS} kill/restart cycles`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(scratch, `run-${run}`);
      const server = await startServerProcess({ dataDir, env: { PHARLUX_STORAGE_WAL_SYNC: 'group', PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
      const acked = await loadUntilKilled(server, run, 300 + Math.floor(Math.random() * 1200));
      expect(acked.size).toBeGreaterThan(0);

      // Restart: WAL replay must bring back every acknowledged record; a clean stop flushes them to Parquet.
      const restarted = await startServerProcess({ dataDir, env: { PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
      expect(await restarted.stop({ keepDataDir: true })).toBe(0);

      const onDisk = await markersOnDisk(dataDir, run);
      const lost = [...acked].filter((s) => !onDisk.has(s));
      expect({ run, lost: lost.slice(0, 10), lostCount: lost.length }).toEqual({ run, lost: [], lostCount: 0 });
    }
  }, 240_000);
});
