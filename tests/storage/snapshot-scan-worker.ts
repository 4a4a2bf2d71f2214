/**
 * A stand-in for a query worker: opens snapshot descriptors it receives, scans one tenant,
 * reports row count and a checksum of `flags`, and releases through the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { openTransferredSnapshot, SnapshotReceiver, type SnapshotDescriptor } from '../../src/storage/index.ts';

const port = parentPort;
if (port === null) throw new Error('must run as a worker');
const receiver = new SnapshotReceiver();

port.on('message', async (msg: { descriptor: SnapshotDescriptor; tenant: string; holdUntilTold: boolean } | string) => {
  if (typeof msg === 'string') return; // 'release' is for the snapshot being held below
  const snapshot = openTransferredSnapshot(msg.descriptor, { receiver, release: (pinId) => port.postMessage({ kind: 'release', pinId }) });
  let rows = 0;
  let flagSum = 0;
  const services = new Set<string>();
  for await (const batch of snapshot.scan({ tenant: msg.tenant, columns: ['flags', 'service_name'], predicates: [] })) {
    const flags = batch.columns[0];
    const service = batch.columns[1];
    if (flags.type !== 'int64' || service.type !== 'string') throw new Error('unexpected column types');
    for (let i = 0; i < batch.length; i++) {
      flagSum += flags.values[i];
      services.add(service.dict[service.codes[i]]);
    }
    rows += batch.length;
  }
  const statistics = snapshot.statistics(msg.tenant);
  port.postMessage({ kind: 'result', rows, flagSum, services: [...services].sort(), statisticsRows: statistics.rowCount });
  if (!msg.holdUntilTold) snapshot.release();
  else port.once('message', () => snapshot.release());
});
