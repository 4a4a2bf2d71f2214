/**
 * Worker-thread entry for the CPU-heavy part work, so the write path never blocks on it:
 * flushing a head (one sort, then one part per UTC hour: encode, write temp file, fsync) and
 * compacting (decode the inputs, encode one sorted part, write, fsync). The main thread
 * publishes what comes back. Spawned by PartWorkerClient.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { TABLE_SCHEMAS, type Batch, type Vector } from '../../columnar/index.ts';
import { encodePart, encodePartitions, fileByteSource, memoryByteSource, readPartFooter, scanPart } from '../parquet/index.ts';
import type { ChunkTransfer, CompactJob, FlushHeadJob, PartJobReply, PartWorkerMessage, WrittenPart } from './part-job.ts';
import { HOUR_MS, newPartId, partPath, TMP_SUFFIX } from './part-path.ts';

const port = parentPort;
if (port === null) throw new Error('part-worker.ts must run as a worker thread');

/** Dictionary values received so far per flush job, per column. */
const dictionaries = new Map<number, string[][]>();

port.on('message', async (message: PartWorkerMessage) => {
  const id = message.id;
  if ('slice' in message) {
    const { column, start, values } = message.slice;
    let columns = dictionaries.get(id);
    if (columns === undefined) dictionaries.set(id, (columns = []));
    const dict = (columns[column] ??= []);
    for (let i = 0; i < values.length; i++) dict[start + i] = values[i];
    return;
  }
  let job = message.job;
  if (job.kind === 'flush-head') {
    const received = dictionaries.get(id) ?? [];
    dictionaries.delete(id);
    job = { ...job, dicts: job.dicts.map((d, c) => (d === null ? null : (received[c] ?? []))) };
  }
  let reply: PartJobReply;
  try {
    reply = { id, ok: true, parts: job.kind === 'flush-head' ? flushHead(job) : await compact(job) };
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  port.postMessage(reply);
  // A job leaves the head generation's chunk views, dictionaries and encode buffers behind
  // (tens of MiB); this thread idles between jobs, so collect now rather than whenever its
  // own GC gets round to it. Measured: peak server RSS 606 → ~450 MiB under full ingest load.
  Bun.gc(true);
});

function flushHead(job: FlushHeadJob): WrittenPart[] {
  const batches = job.chunks.map((chunk) => chunkBatch(job, chunk));
  const written: WrittenPart[] = [];
  // One sort for the whole head; each hour's part is encoded and written before the next.
  for (const part of encodePartitions(job.table, batches, HOUR_MS, job.options)) {
    written.push(writePart(job.dataDir, job.table, job.tenant, part.key * HOUR_MS, part.bytes, job.nowMs));
  }
  return written;
}

async function compact(job: CompactJob): Promise<WrittenPart[]> {
  const schema = TABLE_SCHEMAS[job.table];
  const columns = schema.fields.map((f) => f.name);
  const batches: Batch[] = [];
  for (const rel of job.inputs) {
    const source = fileByteSource(join(job.dataDir, rel));
    try {
      const footer = readPartFooter(source);
      for await (const batch of scanPart(source, footer, { columns, predicates: [] })) batches.push(batch);
    } finally {
      source.close();
    }
  }
  return [writePart(job.dataDir, job.table, job.tenant, job.hourMs, encodePart(job.table, batches, job.options), job.nowMs)];
}

function chunkBatch(job: FlushHeadJob, chunk: ChunkTransfer): Batch {
  const schema = TABLE_SCHEMAS[job.table];
  const n = chunk.length;
  const columns: Vector[] = chunk.columns.map((col, c): Vector => {
    switch (col.type) {
      case 'boolean':
        return { type: 'boolean', length: n, values: col.values.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'int64':
      case 'float64':
        return { type: col.type, length: n, values: col.values.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'timestamp':
        return { type: 'timestamp', length: n, ms: col.ms.subarray(0, n), nanos: col.nanos.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'string':
      case 'json':
        return { type: col.type, length: n, codes: col.codes.subarray(0, n), dict: job.dicts[c] ?? [] };
    }
  });
  return { schema, length: n, columns };
}

function writePart(dataDir: string, table: FlushHeadJob['table'], tenant: string, hourMs: number, bytes: Uint8Array, nowMs: number): WrittenPart {
  const id = newPartId(nowMs);
  const final = partPath(table, tenant, hourMs, id);
  const tmp = `${final}${TMP_SUFFIX}`;
  const abs = join(dataDir, tmp);
  mkdirSync(dirname(abs), { recursive: true });
  const fd = openSync(abs, 'wx');
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const footer = readPartFooter(memoryByteSource(bytes));
  return { hourMs, id, tmp, final, rowCount: footer.rowCount, minTimestampNs: footer.minTimestampNs, maxTimestampNs: footer.maxTimestampNs, fileBytes: bytes.length };
}
