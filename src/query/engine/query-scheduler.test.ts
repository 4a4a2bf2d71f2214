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
  test('a single tenant uses every slot (query.max_concurrent) and queues the rest in order', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 4, maxQueued: 5, execute: c.execute });
    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((sql) => engine.run(sql, { tenant: 't', limits: limits() }));
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a', 'b', 'c', 'd']);
    expect(engine.running).toBe(4);
    expect(engine.queued).toBe(2);
    c.started[1].finish();
    await results[1];
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a', 'b', 'c', 'd', 'e']);
    while (engine.running > 0) {
      for (const s of c.started) s.finish();
      await Bun.sleep(1);
    }
    await Promise.all(results);
    expect(engine.queued).toBe(0);
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

  test('one tenant flooding the engine cannot lock another tenant out (review finding 6)', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 16, execute: c.execute });
    // The reviewer's repro: 82 heavy queries from one tenant.
    let refused = 0;
    const flood = Array.from({ length: 82 }, (_, i) =>
      engine.run(`heavy${i}`, { tenant: 'default', limits: limits() }).catch((e: unknown) => {
        if (e instanceof QueueFullError) refused++;
        return EMPTY;
      }),
    );
    await Bun.sleep(1);
    // Every slot (nobody else waits) and three quarters of the queue of 64; the rest is refused.
    expect(engine.running).toBe(16);
    expect(engine.queued).toBe(48);
    expect(refused).toBe(82 - 16 - 48);
    // Another tenant is queued, not refused, and takes the very next free slot.
    const other = engine.run('select 1', { tenant: 'other', limits: limits() });
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).not.toContain('select 1');
    c.started[0].finish();
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql).slice(16)).toEqual(['select 1']);
    c.started.find((s) => s.sql === 'select 1')!.finish();
    await other;
    while (engine.running > 0) {
      for (const s of c.started) s.finish();
      await Bun.sleep(1);
    }
    await Promise.all(flood);
  });

  test('a tenant over half the slots does not start more while another tenant waits', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 4, maxQueued: 8, execute: c.execute });
    const all = ['a1', 'a2', 'a3', 'a4'].map((sql) => engine.run(sql, { tenant: 'a', limits: limits() }));
    all.push(engine.run('b1', { tenant: 'b', limits: limits() }));
    all.push(engine.run('b2', { tenant: 'b', limits: limits() }));
    all.push(engine.run('a5', { tenant: 'a', limits: limits() }));
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a1', 'a2', 'a3', 'a4']);
    // Three of a's finish: b (under its half) gets two slots, then a5.
    for (let i = 0; i < 3; i++) {
      c.started[i].finish();
      await Bun.sleep(1);
    }
    expect(c.started.map((s) => s.sql).slice(4)).toEqual(['b1', 'b2', 'a5']);
    while (engine.running > 0) {
      for (const s of c.started) s.finish();
      await Bun.sleep(1);
    }
    await Promise.all(all);
  });

  test('a tenant that fills its three quarters of the queue gets QueueFullError naming its share', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 2, maxQueued: 4, execute: c.execute });
    // a may run both slots (nobody else waits) and queue 3 of 4.
    const a = ['a1', 'a2', 'a3', 'a4', 'a5'].map((sql) => engine.run(sql, { tenant: 'a', limits: limits() }));
    const err = await engine.run('a6', { tenant: 'a', limits: limits() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as Error).message).toContain('this tenant');
    const b = engine.run('b1', { tenant: 'b', limits: limits() });
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a1', 'a2']);
    c.started[0].finish();
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['a1', 'a2', 'b1']);
    while (engine.running > 0) {
      for (const s of c.started) s.finish();
      await Bun.sleep(1);
    }
    await Promise.all([...a, b]);
  });

  test('freed slots go round-robin across the tenants that are waiting', async () => {
    const c = controllable();
    const engine = new QueryEngine({ maxConcurrent: 4, maxQueued: 40, execute: c.execute });
    const all: Promise<QueryResult>[] = [];
    // x fills every slot first (two tenants at their cap of 2 each), then a queues 4 and b queues 2.
    for (const [tenant, sql] of [['x', 'x1'], ['x', 'x2'], ['y', 'y1'], ['y', 'y2']]) all.push(engine.run(sql, { tenant, limits: limits() }));
    for (const sql of ['a1', 'a2', 'a3', 'a4']) all.push(engine.run(sql, { tenant: 'a', limits: limits() }));
    for (const sql of ['b1', 'b2']) all.push(engine.run(sql, { tenant: 'b', limits: limits() }));
    await Bun.sleep(1);
    expect(c.started.map((s) => s.sql)).toEqual(['x1', 'x2', 'y1', 'y2']);
    // Free the four slots one by one; a and b alternate.
    for (let i = 0; i < 4; i++) {
      c.started[i].finish();
      await Bun.sleep(1);
    }
    expect(c.started.map((s) => s.sql).slice(4)).toEqual(['a1', 'b1', 'a2', 'b2']);
    for (let round = 0; round < 3; round++) {
      for (const s of c.started) s.finish();
      await Bun.sleep(1);
    }
    await Promise.all(all);
    expect(engine.running).toBe(0);
    expect(engine.queued).toBe(0);
  });
});
