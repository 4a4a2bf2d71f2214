/**
 * Messages between storage (main thread) and the part worker. Everything here crosses a
 * thread by structured clone: head chunk columns are SharedArrayBuffer views (shared,
 * not copied), dictionaries are string arrays (copied once).
 */
import type { TableName } from '../../columnar/index.ts';
import type { ChunkColumn } from '../head/index.ts';
import type { PartWriteOptions } from '../parquet/index.ts';

/** One head chunk as sent to the worker: rows [0, length) of its columns. */
export interface ChunkTransfer {
  readonly columns: readonly ChunkColumn[];
  readonly length: number;
}

/** Encode one table × tenant head into one part per UTC hour. */
export interface FlushHeadJob {
  readonly kind: 'flush-head';
  readonly table: TableName;
  readonly tenant: string;
  readonly dataDir: string;
  readonly chunks: readonly ChunkTransfer[];
  /** Dictionary values per column (null for non-string columns). */
  readonly dicts: readonly (readonly string[] | null)[];
  readonly options: PartWriteOptions;
  readonly nowMs: number;
}

/** Merge parts of one partition into one sorted part. */
export interface CompactJob {
  readonly kind: 'compact';
  readonly table: TableName;
  readonly tenant: string;
  readonly hourMs: number;
  readonly dataDir: string;
  /** Relative paths of the input parts. */
  readonly inputs: readonly string[];
  readonly options: PartWriteOptions;
  readonly nowMs: number;
}

export type PartJob = FlushHeadJob | CompactJob;

/** Values [start, start + values.length) of one column's dictionary for the flush job `id`. */
export interface DictionarySlice {
  readonly column: number;
  readonly start: number;
  readonly values: readonly string[];
}

/**
 * What the worker receives: dictionary slices of a flush job (sent first), then the job
 * itself, whose `dicts` are then empty placeholders the slices fill.
 */
export type PartWorkerMessage = { readonly id: number; readonly slice: DictionarySlice } | { readonly id: number; readonly job: PartJob };

/** A part the worker wrote to a temp file (fsynced), ready to be published. */
export interface WrittenPart {
  readonly hourMs: number;
  readonly id: string;
  /** Relative temp path and final path. */
  readonly tmp: string;
  readonly final: string;
  readonly rowCount: number;
  readonly minTimestampNs: bigint | null;
  readonly maxTimestampNs: bigint | null;
  readonly fileBytes: number;
}

export type PartJobReply = { readonly id: number; readonly ok: true; readonly parts: readonly WrittenPart[] } | { readonly id: number; readonly ok: false; readonly error: string };
