/**
 * The row order of a part (TABLE_SORT_KEYS, SPEC §6), optionally split into time
 * partitions first (a flushed head becomes one part per UTC hour). The partition and the
 * leading string keys (name, service, attributes) become one dense "group" rank per row,
 * computed from pre-ranked dictionary codes (each dictionary's values are sorted once,
 * never compared per row); rows are bucketed by group with a stable counting sort. The
 * remaining keys (the timestamp) are then scattered into that order and checked group by
 * group with sequential reads; only a group that arrived out of order is sorted.
 * Dictionary values order by UTF-16 code units; nulls sort first.
 */
import { fieldIndex, type Batch, type Vector } from '../../../columnar/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';
import type { PartInput } from './part-input.ts';
import { batchSpans, scatterColumn, type BatchSpans } from './scatter-rows.ts';

/** Sorted positions [start, end) hold the rows of one partition (key = floor(timestamp ms / partitionMs), or 0). */
export interface PartitionRange {
  readonly key: number;
  readonly start: number;
  readonly end: number;
}

/** A sort order over the global rows of a PartInput. */
export interface RowOrder {
  /** Sorted position of each input row. */
  readonly dest: Int32Array;
  /** Input row at each sorted position. */
  readonly perm: Int32Array;
  /** Where each batch's rows land (for scattering one partition at a time). */
  readonly spans: BatchSpans;
  /** Partitions in sort order, covering every position. */
  readonly partitions: readonly PartitionRange[];
  /** The trailing (non-dictionary) sort key columns, already in sorted order, by column index. */
  readonly sortedColumns: ReadonlyMap<number, Vector>;
}

/** One sort key as a dense integer per row: 0 ..< width, in key order. */
interface KeyColumn {
  readonly width: number;
  /** Writes acc[r] = acc[r] * width + key(r) for every global row r. */
  accumulate(acc: Int32Array): void;
}

/**
 * Orders the rows of `input` by `keys` (column names); with `partitionMs`, by the
 * partition of column `timestamp` first. `digitLimit` (tests only) lowers the widest
 * combined radix digit to force the several-digit path on small inputs.
 */
export function sortRows(input: PartInput, keys: readonly string[], partitionMs: number | null = null, digitLimit?: number): RowOrder {
  const n = input.length;
  const columns = keys.map((k) => {
    const i = fieldIndex(input.schema, k);
    if (i < 0) throw new PartEncodeError(`sort key ${k} is not a column`);
    return i;
  });
  let lead = 0;
  while (lead < columns.length && isDictionaryType(input, columns[lead])) lead++;

  const limit = digitLimit ?? Math.max(MAX_DIGIT_WIDTH, n);
  const partition = partitionMs === null ? null : partitionKey(input, partitionMs, limit);
  const keyColumns: KeyColumn[] = [];
  if (partition !== null && partition.key.width > 1) keyColumns.push(partition.key);
  for (let k = 0; k < lead; k++) keyColumns.push(dictionaryKey(input, columns[k]));
  const { perm, groupStarts, groupKey, topKeys } = radixSort(n, keyColumns, limit);

  const dest = new Int32Array(n);
  for (let i = 0; i < n; i++) dest[perm[i]] = i;
  const spans = batchSpans(input, dest);
  const sortedColumns = new Map<number, Vector>();
  const rest = columns.slice(lead);
  for (const c of rest) sortedColumns.set(c, scatterColumn(input, c, dest, spans, 0, n));
  // Rows move only within their group below, and a group never straddles a partition, so
  // which partitions each batch touches (all `spans` is used for) stays true.
  if (rest.length > 0) orderWithinGroups(groupStarts, perm, dest, rest, sortedColumns);

  // The partition is the most significant part of the group key.
  const partitionOfGroup = (g: number): number => {
    if (partition === null) return 0;
    if (partition.key.width === 1) return partition.first;
    let inner = 1;
    for (let k = 1; k < topKeys; k++) inner *= keyColumns[k].width;
    return partition.keyOf(Math.floor(groupKey(g) / inner));
  };
  const partitions: PartitionRange[] = [];
  for (let g = 0; g + 1 < groupStarts.length; g++) {
    const start = groupStarts[g];
    const end = groupStarts[g + 1];
    if (start === end) continue;
    const key = partitionOfGroup(g);
    const last = partitions.at(-1);
    if (last !== undefined && last.key === key) partitions[partitions.length - 1] = { key, start: last.start, end };
    else partitions.push({ key, start, end });
  }
  return { dest, perm, spans, partitions, sortedColumns };
}

function isDictionaryType(input: PartInput, c: number): boolean {
  const t = input.schema.fields[c].type;
  return t === 'string' || t === 'json';
}

/** Dense rank of each dictionary entry in value order; null gets 0, values 1..K (equal values share a rank). */
function dictionaryRanks(dict: readonly string[]): { ranks: Int32Array; count: number } {
  const order = Array.from(dict.keys());
  order.sort((a, b) => (dict[a] < dict[b] ? -1 : dict[a] > dict[b] ? 1 : 0));
  const ranks = new Int32Array(dict.length);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || dict[order[i]] !== dict[order[i - 1]]) rank++;
    ranks[order[i]] = rank;
  }
  return { ranks, count: rank };
}

/** A dictionary column as a sort key: the rank of each row's value (through each batch's remap). */
function dictionaryKey(input: PartInput, c: number): KeyColumn {
  const merged = input.dicts[c];
  if (merged === null) throw new PartEncodeError('a dictionary sort key needs a dictionary column');
  const { ranks, count } = dictionaryRanks(merged.values);
  const width = count + 1;
  return {
    width,
    accumulate(acc: Int32Array): void {
      input.batches.forEach((batch, b) => {
        const v = batch.columns[c];
        if (v.type !== 'string' && v.type !== 'json') throw new PartEncodeError('mixed vector types');
        const remap = merged.remaps[b];
        accumulateRanks(acc, input.offsets[b], v.codes, remap === null ? ranks : Int32Array.from(remap, (m) => ranks[m]), width);
      });
    },
  };
}

function accumulateRanks(acc: Int32Array, offset: number, codes: Int32Array, rankOf: Int32Array, width: number): void {
  const limit = rankOf.length;
  for (let j = 0; j < codes.length; j++) {
    const code = codes[j];
    if (code >= limit) throw new PartEncodeError(`dictionary code ${code} out of range (${limit} entries)`);
    acc[offset + j] = acc[offset + j] * width + (code < 0 ? 0 : rankOf[code]);
  }
}

/** The time partition of each row as a sort key, and the partition key of each key value. */
function partitionKey(input: PartInput, partitionMs: number, limit: number): { key: KeyColumn; first: number; keyOf: (value: number) => number } {
  const c = fieldIndex(input.schema, 'timestamp');
  if (c < 0 || input.schema.fields[c].type !== 'timestamp') throw new PartEncodeError('partitioning needs a timestamp column');
  const msOf = (batch: Batch): Float64Array => {
    const v = batch.columns[c];
    if (v.type !== 'timestamp') throw new PartEncodeError('mixed vector types');
    return v.ms;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (const batch of input.batches) {
    const ms = msOf(batch);
    for (let j = 0; j < ms.length; j++) {
      const x = ms[j];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const first = lo <= hi ? Math.floor(lo / partitionMs) : 0;
  const last = lo <= hi ? Math.floor(hi / partitionMs) : 0;
  const span = last - first + 1;
  if (span <= limit) {
    return {
      first,
      keyOf: (value) => first + value,
      key: {
        width: span,
        accumulate(acc: Int32Array): void {
          input.batches.forEach((batch, b) => {
            const ms = msOf(batch);
            const offset = input.offsets[b];
            for (let j = 0; j < ms.length; j++) acc[offset + j] = acc[offset + j] * span + (Math.floor(ms[j] / partitionMs) - first);
          });
        },
      },
    };
  }
  // Far-apart timestamps (int64 extremes): rank the partitions that occur.
  const distinct = new Set<number>();
  for (const batch of input.batches) for (const x of msOf(batch)) distinct.add(Math.floor(x / partitionMs));
  const sorted = Float64Array.from(distinct).sort();
  const rank = new Map<number, number>();
  sorted.forEach((p, i) => rank.set(p, i));
  return {
    first,
    keyOf: (value) => sorted[value],
    key: {
      width: sorted.length,
      accumulate(acc: Int32Array): void {
        input.batches.forEach((batch, b) => {
          const ms = msOf(batch);
          const offset = input.offsets[b];
          for (let j = 0; j < ms.length; j++) acc[offset + j] = acc[offset + j] * sorted.length + (rank.get(Math.floor(ms[j] / partitionMs)) as number);
        });
      },
    },
  };
}

/** Widest digit worth a counting sort when the rows are fewer; wider keys become digits of their own. */
const MAX_DIGIT_WIDTH = 1 << 16;

/**
 * Stable LSD radix sort of the rows by the key columns (most significant first). Adjacent
 * keys share one digit while their widths multiply to at most `limit` (max(2^16, rows)), so the
 * usual metrics key (hour, name, service, attributes) is one counting sort. Groups are
 * the runs of equal keys, in order: group g is positions [groupStarts[g], groupStarts[g+1]),
 * possibly empty; groupKey(g) is the value of the most significant digit of group g, which
 * combines the first `topKeys` keys.
 */
function radixSort(n: number, keys: readonly KeyColumn[], limit: number): { perm: Int32Array; groupStarts: Int32Array; groupKey: (g: number) => number; topKeys: number } {
  // Digits from least significant: consecutive keys while the product stays within limit.
  const digits: { acc: Int32Array; width: number; keys: number }[] = [];
  let at = keys.length - 1;
  while (at >= 0) {
    let width = keys[at].width;
    let from = at;
    while (from > 0 && width * keys[from - 1].width <= limit) width *= keys[--from].width;
    const acc = new Int32Array(n);
    for (let k = from; k <= at; k++) keys[k].accumulate(acc);
    digits.push({ acc, width, keys: at - from + 1 });
    at = from - 1;
  }
  if (digits.length === 0) {
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    return { perm, groupStarts: Int32Array.of(0, n), groupKey: () => 0, topKeys: 0 };
  }
  let perm: Int32Array | null = null;
  let starts: Int32Array = new Int32Array(0);
  for (const d of digits) {
    const sorted = countingSort(d.acc, d.width, perm);
    perm = sorted.perm;
    starts = sorted.starts;
  }
  const top = digits[digits.length - 1];
  const sortedPerm = perm as Int32Array;
  if (digits.length === 1) return { perm: sortedPerm, groupStarts: starts, groupKey: (g) => g, topKeys: top.keys };
  // Several digits: a group ends wherever any digit changes between neighbours.
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) {
    const a = sortedPerm[i - 1];
    const b = sortedPerm[i];
    for (const d of digits) {
      if (d.acc[a] !== d.acc[b]) {
        bounds.push(i);
        break;
      }
    }
  }
  bounds.push(n);
  const groupStarts = Int32Array.from(bounds);
  return { perm: sortedPerm, groupStarts, groupKey: (g) => top.acc[sortedPerm[groupStarts[g]]], topKeys: top.keys };
}

/** Stable counting sort of the rows in `order` (all rows in input order when null) by `keys`. */
function countingSort(keys: Int32Array, width: number, order: Int32Array | null): { perm: Int32Array; starts: Int32Array } {
  const n = keys.length;
  const starts = new Int32Array(width + 1);
  for (let i = 0; i < n; i++) starts[keys[i] + 1]++;
  for (let k = 0; k < width; k++) starts[k + 1] += starts[k];
  const next = starts.slice(0, width);
  const perm = new Int32Array(n);
  if (order === null) {
    for (let i = 0; i < n; i++) perm[next[keys[i]]++] = i;
  } else {
    for (let i = 0; i < n; i++) {
      const r = order[i];
      perm[next[keys[r]]++] = r;
    }
  }
  return { perm, starts };
}

type PositionCompare = (a: number, b: number) => number;

/** Compares two sorted positions by the trailing keys (vectors already in group order). */
function positionComparator(rest: readonly number[], sorted: ReadonlyMap<number, Vector>): PositionCompare {
  const parts: PositionCompare[] = rest.map((c) => {
    const v = sorted.get(c);
    if (v === undefined) throw new PartEncodeError('sort key column was not gathered');
    switch (v.type) {
      case 'timestamp': {
        const { ms, nanos, validity } = v;
        return (a, b) => {
          if (validity !== null && validity[a] !== validity[b]) return validity[a] - validity[b];
          return ms[a] !== ms[b] ? (ms[a] < ms[b] ? -1 : 1) : nanos[a] - nanos[b];
        };
      }
      case 'string':
      case 'json': {
        const { ranks } = dictionaryRanks(v.dict);
        const { codes } = v;
        return (a, b) => (codes[a] < 0 ? 0 : ranks[codes[a]]) - (codes[b] < 0 ? 0 : ranks[codes[b]]);
      }
      case 'boolean':
      case 'int64':
      case 'float64': {
        const { values, validity } = v;
        return (a, b) => {
          if (validity !== null && validity[a] !== validity[b]) return validity[a] - validity[b];
          return values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0;
        };
      }
    }
  });
  if (parts.length === 1) return parts[0];
  return (a, b) => {
    for (const p of parts) {
      const d = p(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}

/** True when positions [start, end) of a non-null timestamp vector are non-decreasing. */
function timestampsAscending(ms: Float64Array, nanos: Int32Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) {
    const d = ms[i] - ms[i - 1];
    if (d < 0 || (d === 0 && nanos[i] < nanos[i - 1])) return false;
  }
  return true;
}

/**
 * Orders each group by the trailing keys. Positions within a group are in input order
 * (the counting sort is stable), so most groups (a series' points) are already in time
 * order; an unordered group is sorted stably and the trailing vectors, perm and dest follow.
 */
function orderWithinGroups(groupStarts: Int32Array, perm: Int32Array, dest: Int32Array, rest: readonly number[], sorted: Map<number, Vector>): void {
  const only = rest.length === 1 ? sorted.get(rest[0]) : undefined;
  const plainTime = only !== undefined && only.type === 'timestamp' && only.validity === null ? only : null;
  let compare: PositionCompare | null = null;
  for (let g = 0; g + 1 < groupStarts.length; g++) {
    const start = groupStarts[g];
    const end = groupStarts[g + 1];
    if (end - start < 2) continue;
    compare ??= positionComparator(rest, sorted);
    if (plainTime !== null ? timestampsAscending(plainTime.ms, plainTime.nanos, start, end) : isAscending(compare, start, end)) continue;
    const order = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const cmp = compare;
    order.sort((a, b) => cmp(a, b) || a - b); // stable: ties keep input order
    const rows = perm.slice(start, end);
    for (let k = 0; k < order.length; k++) {
      const row = rows[order[k] - start];
      perm[start + k] = row;
      dest[row] = start + k;
    }
    for (const c of rest) reorder(sorted.get(c) as Vector, order, start);
  }
}

function isAscending(compare: PositionCompare, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (compare(i - 1, i) > 0) return false;
  return true;
}

/** Positions [start, start + order.length) of `v` become its old positions `order`. */
function reorder(v: Vector, order: Int32Array, start: number): void {
  const move = <T extends Float64Array | Int32Array | Uint8Array>(a: T): void => {
    const old = a.slice(start, start + order.length);
    for (let k = 0; k < order.length; k++) a[start + k] = old[order[k] - start];
  };
  switch (v.type) {
    case 'string':
    case 'json':
      move(v.codes);
      return;
    case 'timestamp':
      move(v.ms);
      move(v.nanos);
      if (v.validity !== null) move(v.validity);
      return;
    case 'boolean':
    case 'int64':
    case 'float64':
      move(v.values);
      if (v.validity !== null) move(v.validity);
      return;
  }
}
