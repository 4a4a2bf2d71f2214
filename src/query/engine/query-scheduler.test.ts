import { describe, expect, test } from 'bun:test';
import { QueryCancelledError, QueryTimeoutError, QueueFullError } from '../errors.ts';
import type { QueryResult } from './query-context.ts';
import { QueryEngine, type QueryExecutor } from './query-scheduler.ts';

const EMPTY: QueryResult = { columns: [], batches: [], rowCount: 0, truncated: false, elapsedMs: 0 };
const limits = (timeoutMs = 10_000) => ({ memoryBytes: 1 << 20, timeoutMs, maxResultRows: 10 });

/** An executor whose queries finish only when the test says so (or their signal aborts). */
function controllable() {
  const started: { sql: string; finish: () => void; signal: AbortSignal }[] = [];
  const execute: QueryExecutor = (sql, request) =>
    new Promise<QueryResult>((resolve, reject) => {
      started.push({ sql, finish: () => resolve(EMPTY), signal: request.signal });
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });
  return { started, execute };
}

describe('QueryEngine', () => {
  test('runs at most maxConcurrent queries and queues the rest in order', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 2, maxQueued: 5, execute: c.execute });
    const results = ['a', 'b', 'c', 'd'].map((sql) => engine.run(sql, { tenant: 't', limits: limits() }));
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a', 'b']);
    expect(engine.running).toBe(2);
    expect(engine.queued).toBe(2);
    c.started[1].finish();
    await results[1];
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a', 'b', 'c']);
    c.started[0].finish();
    c.started[2].finish();
    await Bun.sleep(1);
    c.started[3].finish();
    await Promise.all(results);
    expect(engine.running).toBe(0);
  });

  test('rejects with QueueFullError when the queue is full', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 1, maxQueued: 1, execute: c.execute });
    const first = engine.run('a', { tenant: 't', limits: limits() });
    const second = engine.run('b', { tenant: 't', limits: limits() });
    await expect(engine.run('c', { tenant: 't', limits: limits() })).rejects.toBeInstanceOf(QueueFullError);
    c.started[0].finish();
    await first;
    await Bun.sleep(1);
    c.started[1].finish();
    await second;
  });

  test('times out a running query, aborts its signal, and frees the slot when it stops', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 1, execute: c.execute });
    const slow = engine.run('slow', { tenant: 't', limits: limits(30) });
    await expect(slow).rejects.toBeInstanceOf(QueryTimeoutError);
    await slow.catch(() => {});
    expect(c.started[0].signal.aborted).toBe(true);
    const next = engine.run('next', { tenant: 't', limits: limits() });
    await Bun.sleep(1);
    c.started[1].finish();
    await next;
  });

  test('times out a query that waited in the queue too long', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 1, execute: c.execute });
    const blocker = engine.run('blocker', { tenant: 't', limits: limits() });
    const waiting = engine.run('waiting', { tenant: 't', limits: limits(20) });
    await expect(waiting).rejects.toBeInstanceOf(QueryTimeoutError);
    await waiting.catch(() => {});
    expect(engine.queued).toBe(0);
    c.started[0].finish();
    await blocker;
    expect(c.started.map((s) => s.sql)).toEqual(['blocker']);
  });

  test('cancels queued and running queries through the caller signal', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 1, execute: c.execute });
    const ac1 = new AbortController();
    const ac2 = new AbortController();
    const running = engine.run('r', { tenant: 't', limits: limits(), signal: ac1.signal });
    const queued = engine.run('q', { tenant: 't', limits: limits(), signal: ac2.signal });
    ac2.abort();
    await expect(queued).rejects.toBeInstanceOf(QueryCancelledError);
    ac1.abort();
    await expect(running).rejects.toBeInstanceOf(QueryCancelledError);
    await Promise.allSettled([running, queued]);
    expect(c.started.map((s) => s.sql)).toEqual(['r']);
    expect(c.started[0].signal.aborted).toBe(true);
  });
});
