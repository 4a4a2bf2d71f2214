/**
 * The row order of a part (TABLE_SORT_KEYS, SPEC §6). Leading string keys (name,
 * service, attributes) become one dense "series" rank per row; rows are bucketed by that
 * rank with a counting sort (O(n), stable), and each bucket is then ordered by the
 * remaining keys (the timestamp), which is usually already sorted, so the comparator
 * sort rarely runs. Dictionary values order by UTF-16 code units; nulls sort first.
 */
import { fieldIndex, type Batch, type Vector } from '../../../columnar/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';

/**
 * A sort order: `perm` lists input rows in sorted order. Rows with equal leading string
 * keys form a group (a series); `groups[row]` is the row's group and group g occupies
 * sorted positions [groupStarts[g], groupStarts[g + 1]).
 */
export interface RowOrder {
  readonly perm: Int32Array;
  readonly groups: Int32Array;
  readonly groupStarts: Int32Array;
}

/** The order of `batch`'s rows by `keys` (column names). */
export function sortPermutation(batch: Batch, keys: readonly string[]): RowOrder {
  const n = batch.length;
  const vectors = keys.map((k) => {
    const i = fieldIndex(batch.schema, k);
    if (i < 0) throw new PartEncodeError(`sort key ${k} is not a column`);
    return batch.columns[i];
  });
  let lead = 0;
  while (lead < vectors.length && (vectors[lead].type === 'string' || vectors[lead].type === 'json')) lead++;

  const groups = new Int32Array(n);
  let groupCount = 1;
  for (let k = 0; k < lead; k++) groupCount = refineGroups(groups, groupCount, vectors[k]);

  const { perm, groupStarts } = countingSort(groups, groupCount);
  const rest = vectors.slice(lead);
  if (rest.length === 0) return { perm, groups, groupStarts };
  const compare = rowComparator(rest);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const g = groups[perm[start]];
    while (end < n && groups[perm[end]] === g) end++;
    sortSegment(perm, start, end, compare);
    start = end;
  }
  return { perm, groups, groupStarts };
}

/** Dense rank of each dictionary entry in value order; null gets 0, values 1..K. */
function dictionaryRanks(dict: readonly string[]): Int32Array {
  const order = Array.from(dict.keys());
  order.sort((a, b) => (dict[a] < dict[b] ? -1 : dict[a] > dict[b] ? 1 : 0));
  const ranks = new Int32Array(dict.length);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || dict[order[i]] !== dict[order[i - 1]]) rank++;
    ranks[order[i]] = rank;
  }
  return ranks;
}

/** Splits each group by the values of `v`, keeping group ids dense and ordered. */
function refineGroups(groups: Int32Array, groupCount: number, v: Vector): number {
  if (v.type !== 'string' && v.type !== 'json') throw new PartEncodeError('refineGroups needs a dictionary column');
  const ranks = dictionaryRanks(v.dict);
  const width = v.dict.length + 1;
  const n = groups.length;
  const space = groupCount * width;
  if (space <= Math.max(1 << 16, n * 2)) {
    // Small key space: a lookup table of used combinations, then prefix ranks.
    const used = new Int32Array(space);
    for (let i = 0; i < n; i++) {
      const c = v.codes[i];
      groups[i] = groups[i] * width + (c < 0 ? 0 : ranks[c]);
      used[groups[i]] = 1;
    }
    let next = 0;
    for (let s = 0; s < space; s++) if (used[s] !== 0) used[s] = next++;
    for (let i = 0; i < n; i++) groups[i] = used[groups[i]];
    return next;
  }
  const combined = new Float64Array(n);
  const distinct = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = v.codes[i];
    const key = groups[i] * width + (c < 0 ? 0 : ranks[c]);
    combined[i] = key;
    if (!distinct.has(key)) distinct.set(key, 0);
  }
  const keys = Float64Array.from(distinct.keys()).sort();
  for (let r = 0; r < keys.length; r++) distinct.set(keys[r], r);
  for (let i = 0; i < n; i++) groups[i] = distinct.get(combined[i]) as number;
  return keys.length;
}

function countingSort(groups: Int32Array, groupCount: number): { perm: Int32Array; groupStarts: Int32Array } {
  const n = groups.length;
  const groupStarts = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) groupStarts[groups[i] + 1]++;
  for (let g = 0; g < groupCount; g++) groupStarts[g + 1] += groupStarts[g];
  const next = groupStarts.slice(0, groupCount);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[next[groups[i]]++] = i;
  return { perm, groupStarts };
}

type RowCompare = (a: number, b: number) => number;

function rowComparator(vectors: readonly Vector[]): RowCompare {
  const parts: RowCompare[] = vectors.map((v) => {
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
        const ranks = dictionaryRanks(v.dict);
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

function sortSegment(perm: Int32Array, start: number, end: number, compare: RowCompare): void {
  let sorted = true;
  for (let i = start + 1; i < end; i++) {
    if (compare(perm[i - 1], perm[i]) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  // Stable: ties keep input order.
  perm.subarray(start, end).sort((a, b) => compare(a, b) || a - b);
}
