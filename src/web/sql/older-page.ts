/**
 * Keyset paging to older rows ("Load older" under the Logs and Traces lists): the next
 * page is the same query limited to rows at or before the oldest timestamp shown. Rows
 * sharing that timestamp are fetched again and the ones already shown are dropped, so
 * nothing is skipped when several rows have the same instant at a page boundary.
 */
import type { Row } from '../api/types.ts';

/** Where the next older page starts. */
export interface OlderThan {
  /** The oldest timestamp shown, as the API sent it (RFC 3339 with nanoseconds). */
  readonly ts: string;
  /** How many shown rows have exactly that timestamp (fetched again, then dropped). */
  readonly tied: number;
}

/** Timestamps the API sends; anything else is refused rather than pasted into SQL. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/** The keyset of the rows shown (newest first), or null when there are none or the last timestamp is unusable. */
export function olderThan(rows: readonly Row[], tsColumn: string): OlderThan | null {
  if (rows.length === 0) return null;
  const ts = rows[rows.length - 1][tsColumn];
  if (typeof ts !== 'string' || !RFC3339.test(ts)) return null;
  let tied = 0;
  for (let i = rows.length - 1; i >= 0 && rows[i][tsColumn] === ts; i--) tied++;
  return { ts, tied };
}

/** The SQL condition for an older page: at or before the keyset's instant. */
export function olderCondition(older: OlderThan, column = 'timestamp'): string {
  if (!RFC3339.test(older.ts)) throw new Error(`not a timestamp: ${older.ts}`);
  return `${column} <= TIMESTAMP '${older.ts}'`;
}

/** Drops the first `older.tied` rows at the keyset's instant (the ones already shown). */
export function dropShown(page: readonly Row[], older: OlderThan, tsColumn: string): Row[] {
  let skip = older.tied;
  return page.filter((r) => {
    if (skip > 0 && r[tsColumn] === older.ts) {
      skip--;
      return false;
    }
    return true;
  });
}
