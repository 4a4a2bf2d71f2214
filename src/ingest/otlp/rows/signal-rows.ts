/**
 * What the three tables' row writers share: the block of typed columns and the row cursor,
 * the resource and scope columns that decoders fill over row ranges once the enclosing
 * message has ended, and lending the finished block to a batch until it is released.
 */
import type { StringPool } from '../wire/index.ts';
import { ColumnBlocks, type ColumnBlock, type ColumnKind } from './column-buffers.ts';

/** Base of MetricsRows, LogsRows and SpansRows; subclasses bind their own columns to a block. */
export abstract class SignalRows {
  length = 0;
  service: Int32Array = new Int32Array(0);
  attributes: Int32Array = new Int32Array(0);
  resource: Int32Array = new Int32Array(0);
  scopeName: Int32Array = new Int32Array(0);
  scopeVersion: Int32Array = new Int32Array(0);
  protected block: ColumnBlock;
  /** True once finish() lent the current block to a batch. */
  protected lent = false;
  private readonly blocks: ColumnBlocks;

  /**
   * `kinds` are the element types of the subclass's columns in bind() order. Pooled columns
   * (names, units, services, attributes, resources, scopes...) hold StringPool ids and use
   * the pool's strings as their dictionary. Subclasses call bind(this.block) once their own
   * fields exist (after super()).
   */
  protected constructor(kinds: readonly ColumnKind[], protected readonly pool: StringPool) {
    this.blocks = new ColumnBlocks(kinds);
    this.block = this.blocks.current;
  }

  /** Starts a new batch. */
  begin(): void {
    this.length = 0;
    this.bind(this.blocks.begin(this.lent));
    this.lent = false;
    this.beginDictionaries();
  }

  /** Makes room for one more row; returns its index (the caller sets its columns, then `length++`). */
  next(): number {
    if (this.length === this.block.capacity) this.bind(this.blocks.grow(this.length));
    return this.length;
  }

  /** Fills the scope columns of rows [from, length). */
  fillScope(from: number, nameId: number, versionId: number): void {
    this.scopeName.fill(nameId, from, this.length);
    this.scopeVersion.fill(versionId, from, this.length);
  }

  /** Fills the resource columns of rows [from, length). */
  fillResource(from: number, serviceId: number, resourceId: number): void {
    this.service.fill(serviceId, from, this.length);
    this.resource.fill(resourceId, from, this.length);
  }

  /** Takes back the block of a batch returned by finish() once nothing reads its rows. */
  release(block: ColumnBlock): void {
    if (block === this.block) this.lent = false; // still the current block: the next batch reuses it
    else this.blocks.give(block);
  }

  /** Points every column at its array in `block` (and remembers the block). */
  protected abstract bind(block: ColumnBlock): void;

  /** Starts the per-batch dictionaries of a new batch. */
  protected abstract beginDictionaries(): void;
}
