/**
 * A consistent view of one table: the head views (active and frozen generations) and the
 * PartSet captured in one synchronous step, plus a pin that keeps the parts' files on
 * disk until `release()`. Scans read parts first (older), then heads.
 */
import type { Batch, ScanRequest, Schema, TableName, TableSnapshot, TableStatistics } from '../../columnar/index.ts';
import { InternalError } from '../../common/index.ts';
import { scanHeads, type HeadScanSource, type TableHeadView } from '../head/index.ts';
import type { FooterCache, PartSet } from '../parts/index.ts';
import { scanParts } from './part-scan.ts';
import { describeSnapshot, type DictionaryPeer, type SnapshotDescriptor } from './snapshot-descriptor.ts';

/** What a storage snapshot needs from the storage that made it. */
export interface SnapshotHost {
  readonly footers: FooterCache;
  /** Takes another pin on the current epoch... of the snapshot's epoch (see toTransferable). */
  pinAgain(pinId: number): number;
  releasePin(pinId: number): void;
  /** Generation ids whose dictionaries are still alive (for DictionaryPeer eviction). */
  liveGenerations(): ReadonlySet<number>;
}

export class StorageSnapshot implements TableSnapshot {
  private released = false;

  constructor(
    readonly table: TableName,
    readonly schema: Schema,
    private readonly heads: readonly TableHeadView[],
    private readonly parts: PartSet,
    readonly pinId: number,
    private readonly host: SnapshotHost,
  ) {}

  statistics(tenant: string): TableStatistics {
    let rowCount = 0;
    let headRowCount = 0;
    let min: bigint | null = null;
    let max: bigint | null = null;
    const widen = (lo: bigint | null, hi: bigint | null): void => {
      if (lo !== null && (min === null || lo < min)) min = lo;
      if (hi !== null && (max === null || hi > max)) max = hi;
    };
    const parts = this.parts.tenantParts(tenant);
    for (const p of parts) {
      rowCount += p.rowCount;
      widen(p.minTimestampNs, p.maxTimestampNs);
    }
    for (const v of this.heads) {
      if (v.head.tenant !== tenant || v.rows === 0) continue;
      headRowCount += v.rows;
      for (const source of headSources([v])) {
        for (const { chunk, length } of source.chunks) {
          if (length > 0) widen(BigInt(chunk.minMs) * 1_000_000n, BigInt(chunk.maxMs) * 1_000_000n + 999_999n);
        }
      }
    }
    rowCount += headRowCount;
    return { rowCount, minTimestampNs: min, maxTimestampNs: max, partCount: parts.length, headRowCount };
  }

  scan(request: ScanRequest): AsyncIterable<Batch> {
    if (this.released) throw new InternalError(`scan of a released ${this.table} snapshot`);
    return this.scanAll(request);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.host.releasePin(this.pinId);
  }

  /**
   * A structured-clonable descriptor of this snapshot for a query worker (see
   * snapshot-descriptor.ts). It holds its own pin, so this snapshot may be released at
   * once; the worker must release the descriptor's pin (Storage.releasePin).
   */
  toTransferable(options: { tenant?: string; peer?: DictionaryPeer } = {}): SnapshotDescriptor {
    if (this.released) throw new InternalError(`transfer of a released ${this.table} snapshot`);
    const pinId = this.host.pinAgain(this.pinId);
    return describeSnapshot(this.table, pinId, this.heads, this.parts, options.tenant ?? null, options.peer ?? null, this.host.liveGenerations());
  }

  private async *scanAll(request: ScanRequest): AsyncGenerator<Batch> {
    yield* scanParts(this.parts.tenantParts(request.tenant), request, this.host.footers);
    const mine = this.heads.filter((v) => v.head.tenant === request.tenant);
    yield* scanHeads(this.schema, headSources(mine), request);
  }
}

/** Scan sources of head views: the chunks and row counts each view saw. */
export function headSources(views: readonly TableHeadView[]): HeadScanSource[] {
  return views.map((v) => ({
    chunks: v.head.chunks.slice(0, v.chunkCount).map((chunk, i) => ({ chunk, length: i === v.chunkCount - 1 ? v.lastLength : chunk.capacity })),
    dicts: v.head.dicts,
  }));
}
