/**
 * Keyset paging to older rows ("Load older" under the Logs and Traces lists): the next
 * page is the same query limited to rows at or before the oldest timestamp shown. Rows
 * sharing that timestamp are fetched again and the ones equal to rows already shown are
 * dropped (matched by content, not by position: a flush between clicks may return tied
 * rows in another order), so nothing is skipped or repeated at a page boundary.
 */
import type { Row } from '../api/types.ts';

/** Where the next older page starts. */
export interface OlderThan {
  /** The oldest timestamp shown, as the API sent it (RFC 3339 with nanoseconds). */
  readonly ts: string;
  /** How many shown rows have exactly that timestamp (fetched again, then dropped). */
  readonly tied: number;
  /** Those shown rows themselves (what `dropShown` matches the next page against). */
  readonly shown: readonly Row[];
}

/** Identifies a row for `dropShown`; by default every returned column. */
export type RowKey = (row: Row) => string;

/** The key of a row built from all its columns (names sorted, so column order does not matter). */
export const allColumnsKey: RowKey = (row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));

/** Timestamps the API sends; anything else is refused rather than pasted into SQL. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/** The keyset of the rows shown (newest first), or null when there are none or the last timestamp is unusable. */
export function olderThan(rows: readonly Row[], tsColumn: string): OlderThan | null {
  if (rows.length === 0) return null;
  const ts = rows[rows.length - 1][tsColumn];
  if (typeof ts !== 'string' || !RFC3339.test(ts)) return null;
  let first = rows.length;
  while (first > 0 && rows[first - 1][tsColumn] === ts) first--;
  return { ts, tied: rows.length - first, shown: rows.slice(first) };
}

/** The SQL condition for an older page: at or before the keyset's instant. */
export function olderCondition(older: Pick<OlderThan, 'ts'>, column = 'timestamp'): string {
  if (!RFC3339.test(older.ts)) throw new Error(`not a timestamp: ${older.ts}`);
  return `${column} <= TIMESTAMP '${older.ts}'`;
}

/**
 * Drops the rows at the keyset's instant that equal a row already shown there (a multiset
 * match on `key`: two identical shown rows drop two identical fetched ones, no more).
 */
export function dropShown(page: readonly Row[], older: OlderThan, tsColumn: string, key: RowKey = allColumnsKey): Row[] {
  const left = new Map<string, number>();
  for (const r of older.shown) left.set(key(r), (left.get(key(r)) ?? 0) + 1);
  return page.filter((r) => {
    if (r[tsColumn] !== older.ts) return true;
    const k = key(r);
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

/** How a list pages: its keyset column, row identity, and how to tell the last page. */
export interface PagingRules {
  readonly tsColumn: string;
  readonly key?: RowKey;
  /** Whether `rows` (as the query returned them, shown ties included) is the last page; `older` is null for the first page. */
  readonly isLastPage: (rows: readonly Row[], older: OlderThan | null) => boolean;
}

/** The last-page rule of a plain LIMITed query: fewer rows came back than it asked for. */
export function shortPageIsLast(pageSize: number): PagingRules['isLastPage'] {
  return (rows, older) => rows.length < pageSize + (older?.tied ?? 0);
}

/** The rows an older page adds, and whether nothing older is left (also when it adds none). */
export function olderPage(rows: readonly Row[], older: OlderThan, rules: PagingRules): { readonly added: Row[]; readonly end: boolean } {
  const added = dropShown(rows, older, rules.tsColumn, rules.key);
  return { added, end: added.length === 0 || rules.isLastPage(rows, older) };
}
