/**
 * Selection kernels: predicates that produce the selected physical rows directly,
 * without an intermediate boolean vector (the filter fast paths of evaluator.ts).
 */
import type { CompareOp } from '../../plan/bound-expr.ts';
import type { Vec } from '../../values/vec.ts';
import { rowCount, type ExecBatch } from '../exec-batch.ts';

/** Rows whose code's verdict is 1 (verdicts[k] is the NULL entry, k = dictionary size). */
export function selectWhere(verdicts: Uint8Array, codes: Int32Array, k: number, b: ExecBatch): Int32Array {
  const n = rowCount(b);
  const out = new Int32Array(n);
  let m = 0;
  const sel = b.sel;
  const nullVerdict = verdicts[k];
  if (sel === null) {
    for (let i = 0; i < n; i++) {
      const code = codes[i];
      if ((code < 0 ? nullVerdict : verdicts[code]) === 1) out[m++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const r = sel[i];
      const code = codes[r];
      if ((code < 0 ? nullVerdict : verdicts[code]) === 1) out[m++] = r;
    }
  }
  return m === n ? out : out.slice(0, m);
}

/** Rows where `x op c` holds (NULL and NaN rows handled as SQL and PostgreSQL do). */
export function selectNumbers(op: CompareOp, x: Float64Array, validity: Uint8Array | null, c: number, b: ExecBatch): Int32Array {
  const n = rowCount(b);
  const sel = b.sel;
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = sel === null ? i : sel[i];
    if (validity !== null && validity[r] === 0) continue;
    const v = x[r];
    let ok: boolean;
    switch (op) {
      case '=':
        ok = v === c;
        break;
      case '<>':
        ok = v !== c;
        break;
      case '<':
        ok = v < c;
        break;
      case '<=':
        ok = v <= c;
        break;
      case '>':
        ok = v > c || v !== v;
        break;
      case '>=':
        ok = v >= c || v !== v;
        break;
    }
    if (ok) out[m++] = r;
  }
  return m === n ? out : out.slice(0, m);
}

/** Rows where `ts op (cMs, cNanos)` holds, comparing ms first, then nanos. */
export function selectTimestamps(op: CompareOp, v: Vec & { type: 'timestamp' }, cMs: number, cNanos: number, b: ExecBatch): Int32Array {
  const n = rowCount(b);
  const sel = b.sel;
  const ms = v.ms;
  const nanos = v.nanos;
  const validity = v.validity;
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = sel === null ? i : sel[i];
    if (validity !== null && validity[r] === 0) continue;
    const a = ms[r];
    const d = a !== cMs ? a - cMs : nanos[r] - cNanos;
    let ok: boolean;
    switch (op) {
      case '=':
        ok = d === 0;
        break;
      case '<>':
        ok = d !== 0;
        break;
      case '<':
        ok = d < 0;
        break;
      case '<=':
        ok = d <= 0;
        break;
      case '>':
        ok = d > 0;
        break;
      case '>=':
        ok = d >= 0;
        break;
    }
    if (ok) out[m++] = r;
  }
  return m === n ? out : out.slice(0, m);
}
