import { expect, test } from 'bun:test';
import { AppendQueue } from './append-queue.ts';
import { QueueFullError } from './errors.ts';

test('admits up to queue_batches, then makes the next wait until a slot frees, in arrival order', async () => {
  const q = new AppendQueue({ queueBatches: 2, queueBytes: 1000, sendTimeoutMs: 10_000 });
  expect(q.admit(10)).toBeNull();
  expect(q.admit(10)).toBeNull();
  const order: string[] = [];
  const third = q.admit(10);
  const fourth = q.admit(10);
  expect(third).not.toBeNull();
  void third?.then(() => order.push('third'));
  void fourth?.then(() => order.push('fourth'));
  expect(q.waiting).toBe(2);
  q.release(10);
  await third;
  expect(order).toEqual(['third']);
  q.release(10);
  await fourth;
  expect(order).toEqual(['third', 'fourth']);
  expect(q.batches).toBe(2);
});

test('the byte budget counts too, but an empty queue admits an oversized request', () => {
  const q = new AppendQueue({ queueBatches: 100, queueBytes: 100, sendTimeoutMs: 1000 });
  expect(q.admit(500)).toBeNull();
  const waiting = q.admit(1);
  expect(waiting).not.toBeNull();
  q.rejectWaiters(new Error('stop'));
  return expect(waiting).rejects.toThrow('stop');
});

test('a request that cannot get a slot within send_timeout_ms fails with QueueFullError', async () => {
  const q = new AppendQueue({ queueBatches: 1, queueBytes: 100, sendTimeoutMs: 20 });
  expect(q.admit(1)).toBeNull();
  const waiting = q.admit(1);
  expect(waiting).not.toBeNull();
  await expect(waiting).rejects.toBeInstanceOf(QueueFullError);
  expect(q.waiting).toBe(0);
  q.release(1);
  expect(q.admit(1)).toBeNull();
});
