/**
 * Window functions over PARTITION BY ... ORDER BY ...: row_number, rank, dense_rank,
 * lag, lead, first_value, last_value and count/sum/avg/min/max. The input is buffered
 * (charged to the memory budget); each call sorts row indexes by (partition, order keys)
 * and writes its results back in input order. Frames follow PostgreSQL's default:
 * without ORDER BY the whole partition, with ORDER BY from the partition start to the
 * current row's last peer.
 */
import { InternalError } from '../../../common/index.ts';
import { findAggregate } from '../../functions/index.ts';
import type { WindowCall } from '../../plan/bound-expr.ts';
import { formatExpr, formatSortKey } from '../../plan/explain-format.ts';
import type { PlanField } from '../../plan/logical-plan.ts';
import { compareVecRows } from '../../values/compare-values.ts';
import { concatVecs } from '../../values/concat-vecs.ts';
import { outOfRange } from '../../values/checked-int.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { broadcast, gatherVec, sliceVec, vecIsNull, vecsBytes, type Vec } from '../../values/vec.ts';
import { NumberOut } from '../../values/vec-builders.ts';
import { denseColumn, rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { drain, ExecOperator } from '../exec-operator.ts';
import { GroupKeys } from '../hash/group-keys.ts';
import { comparableKey, sortPermutation } from '../sort-buffer.ts';

export class WindowExec extends ExecOperator {
  readonly name = 'WindowExec';
  private output: Vec[] | null = null;
  private rows = 0;
  private cursor = 0;

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly calls: readonly WindowCall[],
    private readonly inputFields: readonly PlanField[],
  ) {
    super(ctx, [input]);
  }

  describe(): string {
    return `${this.name} ${this.calls
      .map((c) => `${c.name}(${c.args.map(formatExpr).join(', ')}) OVER (${c.partitionBy.length > 0 ? `PARTITION BY ${c.partitionBy.map(formatExpr).join(', ')} ` : ''}${c.orderBy.length > 0 ? `ORDER BY ${c.orderBy.map(formatSortKey).join(', ')}` : ''})`)
      .join(', ')}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.output === null) await this.build();
    if (this.cursor >= this.rows) return null;
    const start = this.cursor;
    const end = Math.min(this.rows, start + this.ctx.batchRows);
    this.cursor = end;
    return { columns: this.output!.map((v) => sliceVec(v, start, end)), length: end - start, sel: null };
  }

  private async build(): Promise<void> {
    const chunks: Vec[][] = [];
    let n = 0;
    let bytes = 0;
    await drain(this.children[0], (b) => {
      const cols = b.columns.map((_, c) => denseColumn(b, c));
      chunks.push(cols);
      n += rowCount(b);
      bytes += vecsBytes(cols, rowCount(b));
      this.memory.resize(bytes * 2);
    });
    const columns = this.inputFields.map((f, c) => concatVecs(vecTypeOf(f.type), chunks.map((ch) => ch[c])));
    const batch: ExecBatch = { columns, length: n, sel: null };
    const results = this.calls.map((c) => this.compute(c, batch, n));
    this.output = [...columns, ...results];
    this.rows = n;
  }

  private compute(call: WindowCall, batch: ExecBatch, n: number): Vec {
    const ev = this.ctx.evaluator;
    const parts = new GroupKeys(call.partitionBy.map((p) => vecTypeOf(p.type)));
    const partIds = parts.assign(
      call.partitionBy.map((p) => ev.evaluate(p, batch)),
      n,
    );
    const orderVecs = call.orderBy.map((k) => ev.evaluate(k.expr, batch));
    const partKey = comparableKey({ type: 'float64', length: n, values: Float64Array.from(partIds), validity: null }, false, false);
    const orderKeys = orderVecs.map((v, i) => comparableKey(v, call.orderBy[i].descending, call.orderBy[i].nullsFirst));
    const perm = sortPermutation([partKey, ...orderKeys], n);
    const args = call.args.map((a) => ev.evaluate(a, batch));
    const peer = (a: number, b: number): boolean => {
      for (const v of orderVecs) {
        const an = vecIsNull(v, a);
        if (an !== vecIsNull(v, b)) return false;
        if (!an && compareVecRows(v, a, v, b) !== 0) return false;
      }
      return true;
    };
    // Partition boundaries in sorted order.
    const starts: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || partIds[perm[i]] !== partIds[perm[i - 1]]) starts.push(i);
    starts.push(n);
    switch (call.name) {
      case 'row_number':
      case 'rank':
      case 'dense_rank': {
        const out = new NumberOut('int64', n);
        for (let p = 0; p + 1 < starts.length; p++) {
          let rank = 0;
          let dense = 0;
          for (let i = starts[p]; i < starts[p + 1]; i++) {
            const isPeer = i > starts[p] && peer(perm[i], perm[i - 1]);
            if (!isPeer) {
              rank = i - starts[p] + 1;
              dense++;
            }
            out.values[perm[i]] = call.name === 'row_number' ? i - starts[p] + 1 : call.name === 'rank' ? rank : dense;
          }
        }
        return out.finish();
      }
      case 'lag':
      case 'lead': {
        const offset = (call.params[0] as number) * (call.name === 'lag' ? -1 : 1);
        const dflt = call.params[1] ?? null;
        const x = dflt === null ? args[0] : concatVecs(vecTypeOf(call.type), [args[0], broadcast(dflt, call.type, 1)]);
        const src = new Int32Array(n);
        for (let p = 0; p + 1 < starts.length; p++) {
          for (let i = starts[p]; i < starts[p + 1]; i++) {
            const j = i + offset;
            src[perm[i]] = j >= starts[p] && j < starts[p + 1] ? perm[j] : dflt === null ? -1 : n;
          }
        }
        return gatherVec(x, src);
      }
      case 'first_value':
      case 'last_value': {
        const src = new Int32Array(n);
        for (let p = 0; p + 1 < starts.length; p++) {
          for (let i = starts[p]; i < starts[p + 1]; i++) {
            if (call.name === 'first_value') src[perm[i]] = perm[starts[p]];
            else {
              let j = i;
              if (orderVecs.length === 0) j = starts[p + 1] - 1;
              else while (j + 1 < starts[p + 1] && peer(perm[j + 1], perm[i])) j++;
              src[perm[i]] = perm[j];
            }
          }
        }
        return gatherVec(args[0], src);
      }
      default:
        return orderVecs.length === 0 ? this.partitionAggregate(call, args, partIds, parts.count, n) : this.runningAggregate(call, args, perm, starts, peer, n);
    }
  }

  /** Aggregate over the whole partition, broadcast to its rows. */
  private partitionAggregate(call: WindowCall, args: readonly Vec[], partIds: Int32Array, groups: number, n: number): Vec {
    const def = findAggregate(call.name);
    if (def === undefined) throw new InternalError(`unknown window aggregate ${call.name}`);
    const acc = def.create(
      call.args.map((a) => a.type),
      call.type,
      [],
    );
    acc.update(args, partIds, n, groups);
    return gatherVec(acc.finish(groups), partIds);
  }

  /** Running aggregate from the partition start through the current row's peers. */
  private runningAggregate(call: WindowCall, args: readonly Vec[], perm: Int32Array, starts: readonly number[], peer: (a: number, b: number) => boolean, n: number): Vec {
    const x = args[0];
    const isMinMax = call.name === 'min' || call.name === 'max';
    const out = new NumberOut(call.type === 'bigint' ? 'int64' : 'float64', n);
    const best = new Int32Array(n).fill(-1);
    for (let p = 0; p + 1 < starts.length; p++) {
      let count = 0;
      let sum = 0;
      let bestRow = -1;
      let i = starts[p];
      while (i < starts[p + 1]) {
        let j = i;
        while (j < starts[p + 1] && (j === i || peer(perm[j], perm[i]))) {
          const r = perm[j];
          if (x === undefined) count++;
          else if (!vecIsNull(x, r)) {
            count++;
            if (isMinMax) {
              if (bestRow < 0 || (call.name === 'max' ? 1 : -1) * compareVecRows(x, r, x, bestRow) > 0) bestRow = r;
            } else if (x.type === 'int64' || x.type === 'float64') {
              sum += x.values[r];
              if (call.type === 'bigint' && !Number.isSafeInteger(sum)) throw outOfRange();
            }
          }
          j++;
        }
        for (let k = i; k < j; k++) {
          const r = perm[k];
          best[r] = bestRow;
          if (call.name === 'count') out.values[r] = count;
          else if (count === 0) out.setNull(r);
          else out.values[r] = call.name === 'avg' ? sum / count : sum;
        }
        i = j;
      }
    }
    return isMinMax ? gatherVec(x, best) : out.finish();
  }
}
