/**
 * Snapshots across threads. Query execution runs in worker threads, so a snapshot taken
 * on the main thread is turned into a structured-clonable `SnapshotDescriptor`:
 *  - head chunks: their SharedArrayBuffer-backed columns (shared, not copied) and the row
 *    count the snapshot saw;
 *  - dictionaries: append-only string arrays, sent whole, or as deltas when the caller
 *    keeps a `DictionaryPeer` per worker (and the worker a `SnapshotReceiver`);
 *  - parts: paths and footer facts (the worker reads footers itself, FooterCache);
 *  - a pin id: the files stay on disk until the worker's `release()` reaches
 *    `Storage.releasePin(pinId)` on the main thread.
 * `openTransferredSnapshot` in the worker gives back an ordinary TableSnapshot.
 */
import { TABLE_SCHEMAS, type Batch, type ScanRequest, type TableName, type TableSnapshot, type TableStatistics } from '../../columnar/index.ts';
import { InternalError } from '../../common/index.ts';
import { scanHeads, type ChunkColumn, type HeadScanSource, type TableHeadView } from '../head/index.ts';
import { FooterCache, type PartSet } from '../parts/index.ts';
import type { ColumnChunkCache } from '../parquet/index.ts';
import { scanParts, type ScannablePart } from './part-scan.ts';

export const SNAPSHOT_DESCRIPTOR_VERSION = 1;

export interface SnapshotDescriptor {
  readonly version: typeof SNAPSHOT_DESCRIPTOR_VERSION;
  readonly table: TableName;
  /** Release this on the main thread (Storage.releasePin) when the worker is done. */
  readonly pinId: number;
  readonly tenants: readonly TenantDescriptor[];
  /** Dictionaries the receiver may forget (their generation was flushed). */
  readonly evictDictionaryIds: readonly string[];
}

export interface TenantDescriptor {
  readonly tenant: string;
  readonly heads: readonly HeadDescriptor[];
  readonly parts: readonly ScannablePart[];
}

export interface HeadDescriptor {
  readonly rows: number;
  readonly chunks: readonly { readonly columns: readonly ChunkColumn[]; readonly length: number; readonly minMs: number; readonly maxMs: number }[];
  readonly dicts: readonly (DictionaryDelta | null)[];
}

/** Values [start, start + values.length) of dictionary `id`. */
export interface DictionaryDelta {
  readonly id: string;
  readonly start: number;
  readonly values: readonly string[];
}

/**
 * Main-thread memory of what one worker already received, so each descriptor sends only
 * new dictionary values. Every descriptor made with a peer must be delivered to that
 * worker's SnapshotReceiver, in order.
 */
export class DictionaryPeer {
  readonly sent = new Map<string, { length: number; generation: number }>();
}

/** Builds the descriptor of a snapshot's heads and parts (optionally one tenant only). */
export function describeSnapshot(
  table: TableName,
  pinId: number,
  views: readonly TableHeadView[],
  parts: PartSet,
  onlyTenant: string | null,
  peer: DictionaryPeer | null,
  liveGenerations: ReadonlySet<number>,
): SnapshotDescriptor {
  const tenants = new Map<string, { heads: HeadDescriptor[]; parts: ScannablePart[] }>();
  const entry = (tenant: string) => {
    let e = tenants.get(tenant);
    if (e === undefined) {
      e = { heads: [], parts: [] };
      tenants.set(tenant, e);
    }
    return e;
  };
  for (const tenant of onlyTenant === null ? parts.tenants() : [onlyTenant]) {
    for (const p of parts.tenantParts(tenant)) {
      entry(tenant).parts.push({ path: p.path, hourMs: p.hourMs, rowCount: p.rowCount, minTimestampNs: p.minTimestampNs, maxTimestampNs: p.maxTimestampNs });
    }
  }
  for (const v of views) {
    if (onlyTenant !== null && v.head.tenant !== onlyTenant) continue;
    const chunks = v.head.chunks.slice(0, v.chunkCount).map((c, i) => ({
      columns: c.columns.map((col) => ({ ...col })),
      length: i === v.chunkCount - 1 ? v.lastLength : c.capacity,
      minMs: c.minMs,
      maxMs: c.maxMs,
    }));
    const dicts = v.head.dicts.map((d, c): DictionaryDelta | null => {
      if (d === null) return null;
      const id = v.head.dictionaryId(c);
      const end = d.values.length;
      const start = peer?.sent.get(id)?.length ?? 0;
      peer?.sent.set(id, { length: Math.max(start, end), generation: v.head.generationId });
      return { id, start, values: start >= end ? [] : d.values.slice(start, end) };
    });
    entry(v.head.tenant).heads.push({ rows: v.rows, chunks, dicts });
  }
  const evictDictionaryIds: string[] = [];
  if (peer !== null) {
    for (const [id, s] of peer.sent) {
      if (!liveGenerations.has(s.generation)) {
        evictDictionaryIds.push(id);
        peer.sent.delete(id);
      }
    }
  }
  return {
    version: SNAPSHOT_DESCRIPTOR_VERSION,
    table,
    pinId,
    tenants: [...tenants].map(([tenant, e]) => ({ tenant, heads: e.heads, parts: e.parts })),
    evictDictionaryIds,
  };
}

/** Worker-side dictionaries received so far (one per worker, used with a DictionaryPeer). */
export class SnapshotReceiver {
  private readonly dicts = new Map<string, { values: string[]; index: Map<string, number> }>();
  readonly footers: FooterCache;

  constructor(footers = new FooterCache()) {
    this.footers = footers;
  }

  /** Applies a delta and returns the dictionary (values + index) it extends. */
  apply(delta: DictionaryDelta): { values: string[]; index: Map<string, number> } {
    let d = this.dicts.get(delta.id);
    if (d === undefined) {
      d = { values: [], index: new Map() };
      this.dicts.set(delta.id, d);
    }
    if (delta.start > d.values.length) {
      throw new InternalError(`dictionary ${delta.id} delta starts at ${delta.start} but the worker holds ${d.values.length} values (a descriptor was not delivered)`);
    }
    for (let i = d.values.length - delta.start; i < delta.values.length; i++) {
      d.index.set(delta.values[i], d.values.length);
      d.values.push(delta.values[i]);
    }
    return d;
  }

  evict(ids: readonly string[]): void {
    for (const id of ids) this.dicts.delete(id);
  }
}

export interface OpenTransferredOptions {
  /** Called once by `release()`; must make the main thread call Storage.releasePin(pinId). */
  readonly release: (pinId: number) => void;
  /** Required when the descriptor was made with a DictionaryPeer. */
  readonly receiver?: SnapshotReceiver;
  readonly footers?: FooterCache;
  /** Decoded-chunk cache for part scans (one per query worker); none = decode every time. */
  readonly cache?: ColumnChunkCache;
}

/** Opens a descriptor (in a worker) as a TableSnapshot. */
export function openTransferredSnapshot(descriptor: SnapshotDescriptor, options: OpenTransferredOptions): TableSnapshot {
  if (descriptor.version !== SNAPSHOT_DESCRIPTOR_VERSION) throw new InternalError(`snapshot descriptor version ${String(descriptor.version)} is not ${SNAPSHOT_DESCRIPTOR_VERSION}`);
  const schema = TABLE_SCHEMAS[descriptor.table];
  const receiver = options.receiver ?? null;
  const footers = options.footers ?? receiver?.footers ?? new FooterCache();
  receiver?.evict(descriptor.evictDictionaryIds);
  const byTenant = new Map<string, { sources: HeadScanSource[]; heads: readonly HeadDescriptor[]; parts: readonly ScannablePart[] }>();
  for (const t of descriptor.tenants) {
    const sources = t.heads.map((h): HeadScanSource => ({
      chunks: h.chunks.map((c) => ({ chunk: transferredChunk(c.columns, c.minMs, c.maxMs), length: c.length })),
      dicts: h.dicts.map((d) => {
        if (d === null) return null;
        if (receiver !== null) {
          const { values, index } = receiver.apply(d);
          return { values, lookup: (s: string) => index.get(s) ?? -1 };
        }
        if (d.start !== 0) throw new InternalError('dictionary delta without a SnapshotReceiver');
        const values = d.values;
        return { values, lookup: () => 0 }; // no index: never prunes, never wrong
      }),
    }));
    byTenant.set(t.tenant, { sources, heads: t.heads, parts: t.parts });
  }
  let released = false;
  return {
    schema,
    statistics(tenant: string): TableStatistics {
      const t = byTenant.get(tenant);
      let rowCount = 0;
      let headRowCount = 0;
      let min: bigint | null = null;
      let max: bigint | null = null;
      for (const p of t?.parts ?? []) {
        rowCount += p.rowCount;
        if (p.minTimestampNs !== null && (min === null || p.minTimestampNs < min)) min = p.minTimestampNs;
        if (p.maxTimestampNs !== null && (max === null || p.maxTimestampNs > max)) max = p.maxTimestampNs;
      }
      for (const h of t?.heads ?? []) {
        headRowCount += h.rows;
        for (const c of h.chunks) {
          if (c.length === 0) continue;
          const lo = BigInt(c.minMs) * 1_000_000n;
          const hi = BigInt(c.maxMs) * 1_000_000n + 999_999n;
          if (min === null || lo < min) min = lo;
          if (max === null || hi > max) max = hi;
        }
      }
      rowCount += headRowCount;
      return { rowCount, minTimestampNs: min, maxTimestampNs: max, partCount: t?.parts.length ?? 0, headRowCount };
    },
    scan(request: ScanRequest): AsyncIterable<Batch> {
      if (released) throw new InternalError(`scan of a released ${descriptor.table} snapshot`);
      const t = byTenant.get(request.tenant);
      return (async function* () {
        if (t === undefined) return;
        yield* scanParts(t.parts, request, footers, options.cache);
        yield* scanHeads(schema, t.sources, request);
      })();
    },
    release(): void {
      if (released) return;
      released = true;
      options.release(descriptor.pinId);
    },
  };
}

function transferredChunk(columns: readonly ChunkColumn[], minMs: number, maxMs: number): HeadScanSource['chunks'][number]['chunk'] {
  return {
    minMs,
    maxMs,
    vector(c, n, dict) {
      const col = columns[c];
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
          return { type: col.type, length: n, codes: col.codes.subarray(0, n), dict: dict ?? [] };
      }
    },
  };
}
