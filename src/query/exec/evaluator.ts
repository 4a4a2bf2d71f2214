/**
 * Vectorised expression evaluation over an ExecBatch: every call returns a dense vector
 * over the batch's selected rows. The key optimisation: a subtree that reads a single
 * dictionary-encoded column (e.g. `lower(service_name) LIKE '%api%'`,
 * `attributes['http.route']`) is evaluated once per dictionary entry and gathered by
 * code, and the per-entry result is cached for as long as the dictionary is reused.
 */
import { assertNever, InternalError } from '../../common/index.ts';
import { findScalarFunction } from '../functions/index.ts';
import { columnsOf, walkExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { broadcast, gatherVec, isDictVec, sliceVec, type Vec } from '../values/vec.ts';
import { concatVecs } from '../values/concat-vecs.ts';
import { vecTypeOf } from '../values/sql-type.ts';
import { denseColumn, rowCount, type ExecBatch } from './exec-batch.ts';
import { arithmetic, negate } from './kernels/arith-kernel.ts';
import { castVector } from './kernels/cast-kernel.ts';
import { compareVectors, compareWithConstant, flipOp } from './kernels/compare-kernel.ts';
import { compileLike, likeVector, type Matcher } from './kernels/like-kernel.ts';
import { andOr, inConstants, isDistinct, isNull, not } from './kernels/logic-kernel.ts';
import { selectNumbers, selectTimestamps, selectWhere } from './kernels/selection-kernel.ts';
import type { MemoryBudget } from './memory-budget.ts';
import type { StringCharge } from '../values/string-charge.ts';

type BoolVec = Vec & { type: 'boolean' };

/**
 * Per-query evaluator; holds the per-dictionary caches. Strings that kernels build are
 * charged to the query's budget while one top-level evaluate/filter call runs (all
 * intermediate vectors of a tree are alive together) and released when it returns;
 * operators that keep a result (ProjectExec) charge it again for as long as they hold it,
 * using `producedStringBytes`.
 */
export class ExpressionEvaluator {
  /** Nesting of evaluate/filter calls; transient charges are released at depth 0. */
  private depth = 0;
  private transientBytes = 0;
  private produced = 0;
  /** Handed to kernels that build strings. */
  private readonly charge: StringCharge = {
    charge: (bytes: number): void => {
      this.produced += bytes;
      this.transientBytes += bytes;
      this.memory?.reserve(bytes);
    },
  };

  constructor(private readonly memory: MemoryBudget | null = null) {}

  /** Total bytes of strings built by kernels so far (monotonic; compare two readings). */
  get producedStringBytes(): number {
    return this.produced;
  }

  /** Charges bytes held for the rest of the query (e.g. string literals made by constant folding). */
  holdBytes(bytes: number): void {
    this.memory?.reserve(bytes);
  }

  /** Gives back bytes charged with holdBytes. */
  releaseBytes(bytes: number): void {
    this.memory?.release(bytes);
  }

  /** expr → single dictionary column it reads (or -1 when not liftable). */
  private readonly liftColumn = new WeakMap<BoundExpr, number>();
  /**
   * expr → dictionary → results for entries 0..k-1 plus NULL at k. Keyed by identity,
   * checked by length: storage's head dictionaries are append-only and may grow.
   */
  private readonly dictCache = new WeakMap<BoundExpr, WeakMap<readonly string[], Vec>>();
  private readonly matchers = new WeakMap<BoundExpr, Matcher>();
  private readonly verdictCache = new WeakMap<BoundExpr, WeakMap<readonly string[], Uint8Array | null>>();
  /** literal → its broadcast vector, reused (as views) by every batch no longer than it: vectors are immutable. */
  private readonly broadcasts = new WeakMap<BoundExpr, Vec>();

  /** Evaluates `e` over the selected rows of `b`. */
  evaluate(e: BoundExpr, b: ExecBatch): Vec {
    this.depth++;
    try {
      return this.evaluateExpr(e, b);
    } finally {
      if (--this.depth === 0) this.releaseTransient();
    }
  }

  private releaseTransient(): void {
    if (this.transientBytes > 0) this.memory?.release(this.transientBytes);
    this.transientBytes = 0;
  }

  private evaluateExpr(e: BoundExpr, b: ExecBatch): Vec {
    if (e.kind !== 'column' && e.kind !== 'literal') {
      const c = this.liftableColumn(e);
      if (c >= 0) {
        const col = b.columns[c];
        if (isDictVec(col)) return this.evaluateLifted(e, b, c, col);
      }
    }
    return this.evaluateDirect(e, b);
  }

  /** Evaluates a predicate and returns the selected physical rows where it is true. */
  filter(e: BoundExpr, b: ExecBatch): Int32Array {
    this.depth++;
    try {
      return this.filterRows(e, b);
    } finally {
      if (--this.depth === 0) this.releaseTransient();
    }
  }

  private filterRows(e: BoundExpr, b: ExecBatch): Int32Array {
    const direct = this.filterDirect(e, b);
    if (direct !== null) return direct;
    const v = this.evaluate(e, b) as BoolVec;
    const n = rowCount(b);
    const out = new Int32Array(n);
    let k = 0;
    const values = v.values;
    const validity = v.validity;
    const sel = b.sel;
    if (validity === null) {
      for (let i = 0; i < n; i++) if (values[i] === 1) out[k++] = sel === null ? i : sel[i];
    } else {
      for (let i = 0; i < n; i++) if (values[i] === 1 && validity[i] === 1) out[k++] = sel === null ? i : sel[i];
    }
    return k === n ? out : out.slice(0, k);
  }

  /**
   * Selection without an intermediate boolean vector for the common shapes: a predicate
   * over one dictionary column (per-entry verdicts, then a pass over codes) and
   * `number/timestamp column op constant`. Null when the shape does not apply.
   */
  private filterDirect(e: BoundExpr, b: ExecBatch): Int32Array | null {
    const c = e.kind === 'column' || e.kind === 'literal' ? -1 : this.liftableColumn(e);
    if (c >= 0) {
      const col = b.columns[c];
      if (isDictVec(col) && col.dict.length <= 2 * rowCount(b) + 1024) {
        const verdicts = this.entryVerdicts(e, b, c, col);
        if (verdicts !== null) return selectWhere(verdicts, col.codes, col.dict.length, b);
      }
    }
    if (e.kind === 'compare' && e.right.kind === 'literal' && e.left.kind === 'column') {
      const col = b.columns[e.left.index];
      const value = e.right.value;
      if ((col.type === 'int64' || col.type === 'float64') && typeof value === 'number' && value === value) return selectNumbers(e.op, col.values, col.validity, value, b);
      if (col.type === 'timestamp' && typeof value === 'object' && value !== null && value.kind === 'timestamp') return selectTimestamps(e.op, col, value.ms, value.nanos, b);
    }
    return null;
  }

  /** Per dictionary entry (plus a trailing NULL entry): 1 where the predicate is true; cached per dictionary. */
  private entryVerdicts(e: BoundExpr, b: ExecBatch, c: number, col: Vec & { codes: Int32Array; dict: readonly string[] }): Uint8Array | null {
    let byDict = this.verdictCache.get(e);
    if (byDict === undefined) {
      byDict = new WeakMap();
      this.verdictCache.set(e, byDict);
    }
    const cached = byDict.get(col.dict);
    if (cached === null || (cached !== undefined && cached.length === col.dict.length + 1)) return cached;
    let verdicts: Uint8Array | null;
    try {
      const v = this.evaluateOverEntries(e, b, c, col, identityCodes(col.dict.length)) as BoolVec;
      verdicts = new Uint8Array(v.length);
      for (let i = 0; i < v.length; i++) verdicts[i] = v.values[i] === 1 && (v.validity === null || v.validity[i] === 1) ? 1 : 0;
    } catch {
      // An entry no row may use failed to evaluate: take the general path.
      verdicts = null;
    }
    byDict.set(col.dict, verdicts);
    return verdicts;
  }

  private liftableColumn(e: BoundExpr): number {
    let c = this.liftColumn.get(e);
    if (c === undefined) {
      const cols = columnsOf(e);
      c = cols.length === 1 && isStateless(e) ? cols[0] : -1;
      this.liftColumn.set(e, c);
    }
    return c;
  }

  private evaluateLifted(e: BoundExpr, b: ExecBatch, c: number, col: Vec & { codes: Int32Array; dict: readonly string[] }): Vec {
    const n = rowCount(b);
    const dict = col.dict;
    const k = dict.length;
    let perEntry = this.dictCache.get(e)?.get(dict);
    if (perEntry !== undefined && perEntry.length !== k + 1) perEntry = undefined;
    if (perEntry === undefined && k <= 2 * n + 1024) {
      try {
        perEntry = this.evaluateOverEntries(e, b, c, col, identityCodes(k));
        let m = this.dictCache.get(e);
        if (m === undefined) {
          m = new WeakMap();
          this.dictCache.set(e, m);
        }
        m.set(dict, perEntry);
      } catch {
        // Some entry no selected row uses failed (e.g. a bad cast): evaluate only the used entries.
        perEntry = undefined;
      }
    }
    const sel = b.sel;
    const idx = new Int32Array(n);
    if (perEntry !== undefined) {
      for (let i = 0; i < n; i++) {
        const code = col.codes[sel === null ? i : sel[i]];
        idx[i] = code < 0 ? k : code;
      }
      return gatherVec(perEntry, idx);
    }
    // Compact path: evaluate only the codes the selected rows use.
    const local = new Map<number, number>();
    const used: number[] = [];
    for (let i = 0; i < n; i++) {
      const code = col.codes[sel === null ? i : sel[i]];
      if (code < 0) {
        idx[i] = -1;
        continue;
      }
      let l = local.get(code);
      if (l === undefined) {
        l = used.length;
        used.push(code);
        local.set(code, l);
      }
      idx[i] = l;
    }
    const m = used.length;
    for (let i = 0; i < n; i++) if (idx[i] < 0) idx[i] = m;
    const values = this.evaluateOverEntries(e, b, c, col, Int32Array.from(used));
    return gatherVec(values, idx);
  }

  /** Evaluates e on a batch whose column c holds the given codes plus one trailing null. */
  private evaluateOverEntries(e: BoundExpr, b: ExecBatch, c: number, col: Vec & { dict: readonly string[] }, codes: Int32Array): Vec {
    const withNull = new Int32Array(codes.length + 1);
    withNull.set(codes);
    withNull[codes.length] = -1;
    const columns = b.columns.slice();
    columns[c] = { type: col.type as 'string' | 'json', length: withNull.length, codes: withNull, dict: col.dict };
    return this.evaluateDirect(e, { columns, length: withNull.length, sel: null });
  }

  private evaluateDirect(e: BoundExpr, b: ExecBatch): Vec {
    const n = rowCount(b);
    switch (e.kind) {
      case 'column':
        return denseColumn(b, e.index);
      case 'literal': {
        let v = this.broadcasts.get(e);
        if (v === undefined || v.length < n) {
          v = broadcast(e.value, e.type, n);
          this.broadcasts.set(e, v);
        }
        return v.length === n ? v : sliceVec(v, 0, n);
      }
      case 'compare': {
        if (e.right.kind === 'literal') return compareWithConstant(e.op, this.evaluate(e.left, b), e.right.value, n);
        if (e.left.kind === 'literal') return compareWithConstant(flipOp(e.op), this.evaluate(e.right, b), e.left.value, n);
        return compareVectors(e.op, this.evaluate(e.left, b), this.evaluate(e.right, b), n);
      }
      case 'arith':
        return arithmetic(e.op, this.evaluate(e.left, b), this.evaluate(e.right, b), n, e.type);
      case 'and':
      case 'or':
        return this.evaluateAndOr(e.kind === 'and', e.args, b, n);
      case 'not':
        return not(this.evaluate(e.arg, b) as BoolVec, n);
      case 'negate':
        return negate(this.evaluate(e.arg, b), n);
      case 'is_null':
        return isNull(this.evaluate(e.arg, b), n, e.negated);
      case 'is_distinct':
        return isDistinct(this.evaluate(e.left, b), this.evaluate(e.right, b), n, e.negated);
      case 'in_list': {
        const arg = this.evaluate(e.arg, b);
        if (e.list.every((x) => x.kind === 'literal')) {
          return inConstants(arg, e.list.map((x) => (x as BoundExpr & { kind: 'literal' }).value), n, e.negated);
        }
        const eqs = e.list.map((x) => compareVectors('=', arg, this.evaluate(x, b), n) as BoolVec);
        const anyEqual = andOr(false, eqs, n) as BoolVec;
        return e.negated ? not(anyEqual, n) : anyEqual;
      }
      case 'cast':
        return castVector(this.evaluate(e.arg, b), e.arg.type, e.type, n, this.charge);
      case 'like': {
        const arg = this.evaluate(e.arg, b);
        if (e.pattern.kind === 'literal') {
          if (e.pattern.value === null) return broadcast(null, 'boolean', n);
          let m = this.matchers.get(e);
          if (m === undefined) {
            m = compileLike(e.pattern.value as string, e.caseInsensitive, e.escape);
            this.matchers.set(e, m);
          }
          return likeVector(arg, m, null, e.caseInsensitive, e.escape, e.negated, n);
        }
        return likeVector(arg, null, this.evaluate(e.pattern, b), e.caseInsensitive, e.escape, e.negated, n);
      }
      case 'case':
        return this.evaluateCase(e, b);
      case 'call': {
        const def = findScalarFunction(e.name);
        if (def === undefined) throw new InternalError(`unknown function ${e.name} at execution`);
        const args = e.args.map((a) => this.evaluate(a, b));
        const consts = e.args.map((a) => (a.kind === 'literal' ? a.value : undefined));
        return def.evaluate(args, n, consts, e.type, this.charge);
      }
      case 'in_subquery':
      case 'scalar_subquery':
      case 'agg_ref':
      case 'window_ref':
        throw new InternalError(`${e.kind} reached the evaluator (it must be resolved during planning)`);
      default:
        return assertNever(e, 'expression');
    }
  }

  /** AND/OR over any number of terms, combined a few at a time so a long chain never holds a vector per term. */
  private evaluateAndOr(isAnd: boolean, args: readonly BoundExpr[], b: ExecBatch, n: number): Vec {
    const GROUP = 16;
    let acc: BoolVec | null = null;
    for (let i = 0; i < args.length; i += GROUP) {
      const group: BoolVec[] = acc === null ? [] : [acc];
      for (let j = i; j < Math.min(args.length, i + GROUP); j++) group.push(this.evaluate(args[j], b) as BoolVec);
      acc = andOr(isAnd, group, n) as BoolVec;
    }
    return acc ?? andOr(isAnd, [], n);
  }

  /** CASE: each THEN is evaluated only on the rows its WHEN selected. */
  private evaluateCase(e: BoundExpr & { kind: 'case' }, b: ExecBatch): Vec {
    const n = rowCount(b);
    const type = vecTypeOf(e.type);
    // dense index of every selected row, to scatter partial results back.
    let remaining: Int32Array = b.sel ?? identityCodes(b.length);
    // physical row -> dense output position (identity without a selection).
    let position: Int32Array | null = null;
    if (b.sel !== null) {
      position = new Int32Array(b.length);
      for (let i = 0; i < n; i++) position[b.sel[i]] = i;
    }
    const pieces: Vec[] = [];
    const pieceRows: Int32Array[] = [];
    for (const w of e.whens) {
      if (remaining.length === 0) break;
      const sub: ExecBatch = { columns: b.columns, length: b.length, sel: remaining };
      const hits = this.filter(w.when, sub);
      if (hits.length > 0) {
        pieces.push(this.evaluate(w.then, { columns: b.columns, length: b.length, sel: hits }));
        pieceRows.push(hits);
        remaining = difference(remaining, hits);
      }
    }
    if (e.else !== null && remaining.length > 0) {
      pieces.push(this.evaluate(e.else, { columns: b.columns, length: b.length, sel: remaining }));
      pieceRows.push(remaining);
    }
    if (pieces.length === 0) return broadcast(null, e.type, n);
    const all = concatVecs(type, pieces);
    const idx = new Int32Array(n).fill(-1);
    let offset = 0;
    for (const rows of pieceRows) {
      for (let j = 0; j < rows.length; j++) idx[position === null ? rows[j] : position[rows[j]]] = offset + j;
      offset += rows.length;
    }
    return gatherVec(all, idx);
  }
}

/** 0, 1, ..., k-1. */
export function identityCodes(k: number): Int32Array {
  const a = new Int32Array(k);
  for (let i = 0; i < k; i++) a[i] = i;
  return a;
}

/** Sorted a minus sorted b. */
function difference(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length - b.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (j < b.length && b[j] === a[i]) j++;
    else out[k++] = a[i];
  }
  return out;
}

/** Expressions whose value depends only on their inputs (all of ours, once subqueries are resolved). */
function isStateless(e: BoundExpr): boolean {
  let ok = true;
  walkExpr(e, (x) => {
    if (x.kind === 'in_subquery' || x.kind === 'scalar_subquery' || x.kind === 'agg_ref' || x.kind === 'window_ref') ok = false;
  });
  return ok;
}
