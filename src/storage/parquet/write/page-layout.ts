/**
 * Per-page bookkeeping of a column chunk while it is written: where each page landed
 * (for the OffsetIndex) and its min/max/null count (for the ColumnIndex), plus the
 * chunk-level statistics folded from them.
 */
import { BoundaryOrder, type ColumnIndexMeta, type OffsetIndexMeta, type PageLocationMeta } from '../thrift/index.ts';

/** Min/max of one page as PLAIN bytes, and a key that orders them (for BoundaryOrder). */
export interface PageBounds {
  readonly min: Uint8Array;
  readonly max: Uint8Array;
}

/** Collects page locations and page statistics. */
export class PageLayout {
  readonly locations: PageLocationMeta[] = [];
  readonly nullPages: boolean[] = [];
  readonly nullCounts: number[] = [];
  readonly mins: Uint8Array[] = [];
  readonly maxes: Uint8Array[] = [];
  /** Orderable page bounds (numbers, or strings in code point order), for boundary_order. */
  private readonly minKeys: (number | string | bigint)[] = [];
  private readonly maxKeys: (number | string | bigint)[] = [];
  private boundsUsable = true;

  addPage(location: PageLocationMeta, nullCount: number, bounds: PageBounds | null, minKey: number | string | bigint, maxKey: number | string | bigint): void {
    this.locations.push(location);
    this.nullCounts.push(nullCount);
    this.nullPages.push(bounds === null);
    this.mins.push(bounds?.min ?? new Uint8Array(0));
    this.maxes.push(bounds?.max ?? new Uint8Array(0));
    if (bounds !== null) {
      this.minKeys.push(minKey);
      this.maxKeys.push(maxKey);
    }
  }

  /** Marks the page bounds unusable (e.g. a bound that could not be truncated). */
  dropColumnIndex(): void {
    this.boundsUsable = false;
  }

  offsetIndex(): OffsetIndexMeta {
    return { pageLocations: this.locations };
  }

  columnIndex(compare: (a: number | string | bigint, b: number | string | bigint) => number): ColumnIndexMeta | null {
    if (!this.boundsUsable) return null;
    let ascending = true;
    let descending = true;
    for (let i = 1; i < this.minKeys.length; i++) {
      const dMin = compare(this.minKeys[i - 1], this.minKeys[i]);
      const dMax = compare(this.maxKeys[i - 1], this.maxKeys[i]);
      if (dMin > 0 || dMax > 0) ascending = false;
      if (dMin < 0 || dMax < 0) descending = false;
    }
    const boundaryOrder = ascending ? BoundaryOrder.ASCENDING : descending ? BoundaryOrder.DESCENDING : BoundaryOrder.UNORDERED;
    return { nullPages: this.nullPages, minValues: this.mins, maxValues: this.maxes, boundaryOrder, nullCounts: this.nullCounts };
  }
}
