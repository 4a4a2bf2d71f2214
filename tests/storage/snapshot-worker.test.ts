import { afterEach, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DictionaryPeer, type Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function append(storage: Storage, n: number, firstSeq: number): Promise<void> {
  const rows = sampleRows('logs', 'default', n, { firstSeq, seed: firstSeq + 7 });
  await storage.append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
}

interface WorkerResult {
  kind: 'result';
  rows: number;
  flagSum: number;
  services: string[];
  statisticsRows: number;
}

test('a snapshot crosses to a real worker: head shared via SharedArrayBuffer, parts pinned until the worker releases', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir);
  cleanups.push(() => storage.stop());
  for (let i = 0; i < 3; i++) {
    await append(storage, 300, i * 1000);
    await storage.flush();
  }
  await append(storage, 500, 5000); // stays in the head

  const worker = new Worker(new URL('./snapshot-scan-worker.ts', import.meta.url));
  cleanups.push(() => worker.terminate());
  const results: WorkerResult[] = [];
  const released: number[] = [];
  let onResult: () => void = () => {};
  worker.on('message', (msg: WorkerResult | { kind: 'release'; pinId: number }) => {
    if (msg.kind === 'release') {
      storage.releasePin(msg.pinId);
      released.push(msg.pinId);
    } else {
      results.push(msg);
      onResult();
    }
  });
  const nextResult = () => new Promise<void>((resolve) => (onResult = resolve));
  const peer = new DictionaryPeer();

  const snap = storage.snapshot('logs');
  const expected = await readAll(snap, 'logs', 'default');
  const descriptor = snap.toTransferable({ tenant: 'default', peer });
  snap.release(); // the descriptor holds its own pin
  const tsColumn = descriptor.tenants[0]?.heads[0]?.chunks[0]?.columns[1];
  expect(tsColumn?.type === 'timestamp' && tsColumn.ms.buffer instanceof SharedArrayBuffer).toBe(true);
  expect(storage.stats().parts.logs.count).toBe(3);

  let done = nextResult();
  worker.postMessage({ descriptor, tenant: 'default', holdUntilTold: true });
  await done;
  const first = results[0];
  expect(first.rows).toBe(expected.length);
  expect(first.flagSum).toBe(expected.reduce((n, r) => n + Number(r.flags), 0));
  expect(first.statisticsRows).toBe(expected.length);

  // Compaction retires the three parts; the worker still holds its pin, so they stay on disk.
  const probe = storage.snapshot('logs');
  const probeDescriptor = probe.toTransferable({ tenant: 'default' });
  const partPaths = (probeDescriptor.tenants[0]?.parts ?? []).map((p) => p.path);
  storage.releasePin(probeDescriptor.pinId);
  probe.release();
  expect(partPaths.length).toBe(3);
  expect((await storage.compact()).groupsMerged).toBe(1);
  await Bun.sleep(20);
  for (const p of partPaths) expect(existsSync(p)).toBe(true);

  // A second descriptor through the same peer sends only new dictionary values.
  await append(storage, 10, 9000);
  const snap2 = storage.snapshot('logs');
  const descriptor2 = snap2.toTransferable({ tenant: 'default', peer });
  snap2.release();
  const head2 = descriptor2.tenants[0]?.heads[0];
  const serviceDelta = head2?.dicts.find((d) => d?.id.endsWith(':10:default') === true);
  expect(serviceDelta?.start ?? 0).toBeGreaterThan(0);
  done = nextResult();
  worker.postMessage({ descriptor: descriptor2, tenant: 'default', holdUntilTold: false });
  await done;
  expect(results[1].rows).toBe(expected.length + 10);
  expect(results[1].services).toEqual(first.services);

  // Let the first snapshot go: the retired files are unlinked.
  worker.postMessage('release');
  // Polled, not timed: on a loaded machine the worker's release message can take a while.
  const settled = () => !partPaths.some((p) => existsSync(p)) && released.length === 2 && storage.stats().pins.pins === 0;
  for (let i = 0; i < 500 && !settled(); i++) await Bun.sleep(20);
  for (const p of partPaths) expect(existsSync(p)).toBe(false);
  expect(released.length).toBe(2);
  expect(storage.stats().pins.pins).toBe(0);
});
