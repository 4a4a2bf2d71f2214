/**
 * Worker-thread entry for the CPU-heavy part work, so the write path never blocks on it:
 * flushing a head (split rows by UTC hour, encode, write temp file, fsync) and
 * compacting (decode the inputs, encode one sorted part, write, fsync). The main thread
 * publishes what comes back. Spawned by PartWorkerClient.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { TABLE_SCHEMAS, takeBatch, type Batch, type Vector } from '../../columnar/index.ts';
import { encodePart, fileByteSource, memoryByteSource, readPartFooter, scanPart } from '../parquet/index.ts';
import type { ChunkTransfer, CompactJob, FlushHeadJob, PartJobReply, PartWorkerMessage, WrittenPart } from './part-job.ts';
import { HOUR_MS, hourStartMs, newPartId, partPath, TMP_SUFFIX } from './part-path.ts';

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
  const schema = TABLE_SCHEMAS[job.table];
  const tsColumn = schema.fields.findIndex((f) => f.name === 'timestamp');
  const byHour = new Map<number, Batch[]>();
  for (const chunk of job.chunks) {
    const batch = chunkBatch(job, chunk);
    const ts = batch.columns[tsColumn];
    if (ts.type !== 'timestamp') throw new Error('timestamp column is not a timestamp');
    splitByHour(batch, ts.ms, byHour);
  }
  const written: WrittenPart[] = [];
  for (const [hourMs, batches] of byHour) {
    written.push(writePart(job.dataDir, job.table, job.tenant, hourMs, encodePart(job.table, batches, job.options), job.nowMs));
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

function splitByHour(batch: Batch, ms: Float64Array, into: Map<number, Batch[]>): void {
  const add = (hour: number, b: Batch): void => {
    const list = into.get(hour);
    if (list === undefined) into.set(hour, [b]);
    else list.push(b);
  };
  if (batch.length === 0) return;
  const first = hourStartMs(ms[0]);
  let oneHour = true;
  for (let i = 1; i < batch.length; i++) {
    if (ms[i] < first || ms[i] >= first + HOUR_MS) {
      oneHour = false;
      break;
    }
  }
  if (oneHour) {
    add(first, batch);
    return;
  }
  const rows = new Map<number, number[]>();
  for (let i = 0; i < batch.length; i++) {
    const h = hourStartMs(ms[i]);
    const list = rows.get(h);
    if (list === undefined) rows.set(h, [i]);
    else list.push(i);
  }
  for (const [hour, idx] of rows) add(hour, takeBatch(batch, Int32Array.from(idx)));
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
