/**
 * Row-exact filtering inside a scan (late materialisation): string `=` / `IN` hints on
 * projected columns are evaluated on their decoded dictionary codes — one comparison per
 * dictionary entry, one array lookup per row — before the other columns are read, so
 * those are decoded only for the pages that hold matching rows and only matching rows
 * leave the scan. Page statistics alone cannot do this when a page mixes values (e.g. the
 * page where one metric's rows end and the next one's begin).
 */
import type { DictionaryVector, Field, ScanPredicate } from '../../../columnar/index.ts';
import type { RowRanges } from './row-selection.ts';

/** A hint a scan can apply exactly: rows of column `column` (projection index) must hold one of `values`. */
export interface ExactFilter {
  readonly column: number;
  readonly values: readonly string[];
}

/** The hints among `predicates` that can be applied exactly on the projected `fields`. */
export function exactFilters(predicates: readonly ScanPredicate[], fields: readonly Field[]): ExactFilter[] {
  const out: ExactFilter[] = [];
  for (const p of predicates) {
    const column = fields.findIndex((f) => f.name === p.column);
    if (column < 0 || fields[column].type !== 'string') continue;
    if (p.kind === 'compare' && p.op === '=' && typeof p.value === 'string') out.push({ column, values: [p.value] });
    else if (p.kind === 'in' && p.values.length > 0 && p.values.every((v) => typeof v === 'string')) out.push({ column, values: p.values as string[] });
  }
  return out;
}

/**
 * The rows of `v` whose value is one of `values`, as ranges of row positions in `v`
 * (sorted parts make them few and long), or null when every row is.
 */
export function matchingRanges(v: DictionaryVector, values: readonly string[]): RowRanges | null {
  const { dict, codes } = v;
  const allowed = new Uint8Array(dict.length + 1); // slot c + 1; slot 0 = null, never allowed
  if (values.length === 1) {
    const want = values[0];
    for (let c = 0; c < dict.length; c++) if (dict[c] === want) allowed[c + 1] = 1;
  } else {
    const set = new Set(values);
    for (let c = 0; c < dict.length; c++) if (set.has(dict[c])) allowed[c + 1] = 1;
  }
  const out: RowRanges = [];
  let start = -1;
  for (let i = 0; i < v.length; i++) {
    const c = codes[i];
    const hit = allowed[(c + 1) & ~(c >> 31)];
    if (hit === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(start, i);
      start = -1;
    }
  }
  if (start >= 0) out.push(start, v.length);
  if (out.length === 2 && out[0] === 0 && out[1] === v.length) return null;
  return out;
}

/** Row-group ranges of `inner` (ranges of positions among the rows of `outer`). */
export function composeRanges(outer: RowRanges, inner: RowRanges): RowRanges {
  const out: RowRanges = [];
  let r = 0;
  let base = 0; // position of outer[r]'s first row
  const push = (s: number, e: number): void => {
    if (out.length > 0 && out[out.length - 1] === s) out[out.length - 1] = e;
    else out.push(s, e);
  };
  for (let i = 0; i < inner.length; i += 2) {
    let p = inner[i];
    const end = inner[i + 1];
    while (p < end) {
      while (p >= base + (outer[r + 1] - outer[r])) {
        base += outer[r + 1] - outer[r];
        r += 2;
      }
      const take = Math.min(end, base + (outer[r + 1] - outer[r])) - p;
      const row = outer[r] + (p - base);
      push(row, row + take);
      p += take;
    }
  }
  return out;
}
