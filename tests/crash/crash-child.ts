/**
 * Child process of the crash test: opens a Storage on argv[2] and appends under load
 * (several concurrent appenders, three tables, two tenants, small head so flushes and
 * compactions run all the time). Prints `ready`, then `ack <table> <tenant> <firstSeq>
 * <rows>` after every acknowledged append, until the parent kills it with SIGKILL.
 */
import { silentLogger } from '../../src/common/index.ts';
import { Storage } from '../../src/storage/index.ts';
import type { TableName } from '../../src/columnar/index.ts';
import { sampleBatch, sampleEntry, sampleRows, sampleWalDecoder } from '../storage/sample-rows.ts';

const dataDir = process.argv[2];
const seqBase = Number(process.argv[3]);
if (!dataDir || !Number.isFinite(seqBase)) throw new Error('usage: crash-child.ts <dataDir> <seqBase>');

const storage = await Storage.open({
  dataDir,
  logger: silentLogger(),
  walDecoder: sampleWalDecoder,
  walSync: 'group',
  walSegmentBytes: 256 * 1024,
  headMaxBytes: 600_000,
  minFreeDiskBytes: 0,
  compactionIntervalSeconds: 1,
  compactionGraceSeconds: 0,
  compactionMaxRows: 20_000,
  retentionDays: { metrics: 0, logs: 0, spans: 0 },
});
process.stdout.write('ready\n');

const TABLES: TableName[] = ['metrics', 'logs', 'spans'];
const HOUR_NS = 3_600_000_000_000n;
let next = seqBase;

async function appender(k: number): Promise<void> {
  for (let i = 0; ; i++) {
    const table = TABLES[(i + k) % 3];
    const tenant = (i + k) % 4 === 0 ? 'other' : 'default';
    const n = 20 + ((i * 7 + k) % 60);
    const firstSeq = next;
    next += n;
    const rows = sampleRows(table, tenant, n, { firstSeq, seed: firstSeq, startNs: 1_764_504_000_000_000_000n + BigInt(i % 3) * HOUR_NS });
    await storage.append(sampleEntry(table, tenant, rows), sampleBatch(table, rows));
    process.stdout.write(`ack ${table} ${tenant} ${firstSeq} ${n}\n`);
  }
}

/** Compactions back to back, so kills often land in the middle of one. */
async function compactor(): Promise<void> {
  for (;;) {
    await storage.compact();
    await Bun.sleep(20);
  }
}

await Promise.all([appender(0), appender(1), appender(2), appender(3), compactor()]);
