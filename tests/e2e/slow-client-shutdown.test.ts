/**
 * Review finding 5: a client trickling a request body must not hold up SIGTERM. The real
 * server gets one acknowledged OTLP record, then a connection on :4318 and one on the API
 * port each send headers promising a large body and then a byte now and then; SIGTERM
 * must still end in exit 0 within SPEC §6's 10 s, with the head flushed to a Parquet part.
 */
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pharlux-slow-client-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Opens a connection that sends a request head and then one body byte every 500 ms. */
async function trickle(port: number, path: string): Promise<{ socket: Socket; stop: () => void }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {}); // the server cutting us off is the point
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(' ');
  }, 500);
  return { socket, stop: () => (clearInterval(timer), socket.destroy()) };
}

function parquetFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
}

test('SIGTERM with trickling clients on OTLP/HTTP and the API still exits 0 within 10 s and flushes the head', async () => {
  const dataDir = join(scratch, 'data');
  const server = await startServerProcess({ dataDir, env: { PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
  const clients: { stop: () => void }[] = [];
  try {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const body = {
      resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ logRecords: [{ timeUnixNano: String(nowNs), body: { stringValue: 'before the slow clients' } }] }] }],
    };
    const ack = await fetch(`http://127.0.0.1:${server.otlpHttpPort}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(ack.status).toBe(200);
    expect(parquetFiles(dataDir)).toEqual([]);

    clients.push(await trickle(server.otlpHttpPort, '/v1/logs'));
    clients.push(await trickle(server.httpPort, '/api/v1/auth/login'));
    await Bun.sleep(1000); // both requests are now in the handlers, waiting for body bytes

    const t0 = Date.now();
    const code = await server.stop({ keepDataDir: true });
    const elapsedMs = Date.now() - t0;
    expect({ code, logs: code === 0 ? '' : server.logs() }).toEqual({ code: 0, logs: '' });
    expect(elapsedMs).toBeLessThan(10_000); // SPEC §6: exit 0 within 10 s
    expect(parquetFiles(join(dataDir, 'logs')).length).toBeGreaterThan(0);
  } finally {
    for (const c of clients) c.stop();
    if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
  }
}, 30_000);
