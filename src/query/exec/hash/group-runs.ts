/**
 * Group ids of a batch as runs: rows [starts[r], starts[r + 1]) all belong to group
 * groups[r]. Parts are sorted (metrics by name, logs and spans by service), so GROUP BY
 * on such a column sees long runs of one key; aggregates then fold each run with a tight
 * loop over contiguous values into locals, instead of a scatter per row whose
 * read-modify-write of the same group slot serialises the loop.
 */

/** Runs of equal group ids over n rows. */
export interface GroupRuns {
  readonly count: number;
  /** At least count + 1 entries; starts[count] = n. */
  readonly starts: Int32Array;
  readonly groups: Int32Array;
}

/** How a batch's rows map to groups: per-row ids, runs, or both. */
export interface GroupAssignment {
  readonly rows: number;
  /** Runs when the rows are run-like (few runs), else null. */
  readonly runs: GroupRuns | null;
  /** Per-row ids (materialised from the runs on first use). */
  ids(): Int32Array;
}

/** Rows per run at or above which runs are used instead of per-row ids. */
export const MIN_RUN_ROWS = 8;

/** A single run of group 0 over n rows (aggregates without GROUP BY). */
export function singleGroup(n: number): GroupAssignment {
  const runs: GroupRuns = { count: n === 0 ? 0 : 1, starts: Int32Array.of(0, n), groups: Int32Array.of(0) };
  return fromRuns(runs, n);
}

/** An assignment over runs; per-row ids are expanded only when asked for. */
export function fromRuns(runs: GroupRuns, n: number): GroupAssignment {
  let ids: Int32Array | null = null;
  return {
    rows: n,
    runs,
    ids: () => (ids ??= expandRuns(runs, n)),
  };
}

/** An assignment over per-row ids, with runs when the ids are run-like. */
export function fromIds(ids: Int32Array, n: number): GroupAssignment {
  return { rows: n, runs: runsOf(ids, n), ids: () => ids };
}

/** Runs of equal values in ids[0, n), or null when the rows average fewer than MIN_RUN_ROWS per run. */
export function runsOf(ids: Int32Array, n: number): GroupRuns | null {
  if (n === 0) return null;
  const limit = Math.floor(n / MIN_RUN_ROWS);
  let count = 1;
  for (let i = 1; i < n; i++) {
    if (ids[i] !== ids[i - 1] && ++count > limit) return null;
  }
  const starts = new Int32Array(count + 1);
  const groups = new Int32Array(count);
  let r = 0;
  groups[0] = ids[0];
  for (let i = 1; i < n; i++) {
    if (ids[i] !== ids[i - 1]) {
      starts[++r] = i;
      groups[r] = ids[i];
    }
  }
  starts[count] = n;
  return { count, starts, groups };
}

/** Per-row ids of runs. */
export function expandRuns(runs: GroupRuns, n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let r = 0; r < runs.count; r++) ids.fill(runs.groups[r], runs.starts[r], runs.starts[r + 1]);
  return ids;
}
