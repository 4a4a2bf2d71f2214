/**
 * GROUP BY (and DISTINCT): consumes its input, assigning each row a dense group id
 * (GroupKeys: typed-array hashing, dictionary codes mapped once per dictionary), and
 * folds aggregate arguments into per-group accumulators — a run of rows at a time when
 * the batch's groups come in runs (sorted parts; no GROUP BY at all). FILTER and DISTINCT are
 * applied per aggregate before its accumulator sees the rows. Hash tables and
 * accumulator state are charged to the memory budget as they grow.
 */
import { InternalError } from '../../../common/index.ts';
import { findAggregate, type GroupedAccumulator } from '../../functions/index.ts';
import type { AggregateCall, BoundExpr } from '../../plan/bound-expr.ts';
import { formatAggregate, formatExpr } from '../../plan/explain-format.ts';
import type { PlanField } from '../../plan/logical-plan.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { gatherVec, sliceVec, type Vec } from '../../values/vec.ts';
import { rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { drain, ExecOperator } from '../exec-operator.ts';
import { GroupKeys } from '../hash/group-keys.ts';
import { PairHashTable } from '../hash/pair-hash-table.ts';

interface AggState {
  readonly call: AggregateCall;
  readonly acc: GroupedAccumulator;
  /** For DISTINCT: the argument values' ids and the (group, value) pairs already seen. */
  readonly distinctValues: GroupKeys | null;
  readonly distinctPairs: PairHashTable | null;
}

export class HashAggregateExec extends ExecOperator {
  readonly name = 'HashAggregateExec';
  private output: Vec[] | null = null;
  private outputRows = 0;
  private cursor = 0;

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly groups: readonly BoundExpr[],
    private readonly aggs: readonly AggregateCall[],
    private readonly fields: readonly PlanField[],
  ) {
    super(ctx, [input]);
  }

  describe(): string {
    const g = this.groups.length === 0 ? '' : ` groups=[${this.groups.map(formatExpr).join(', ')}]`;
    const a = this.aggs.length === 0 ? '' : ` aggs=[${this.aggs.map(formatAggregate).join(', ')}]`;
    return `${this.name}${g}${a}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.output === null) await this.build();
    if (this.cursor >= this.outputRows) return null;
    const start = this.cursor;
    const end = Math.min(this.outputRows, start + this.ctx.batchRows);
    this.cursor = end;
    const columns = this.output!.map((v) => (start === 0 && end === this.outputRows ? v : sliceVec(v, start, end)));
    return { columns, length: end - start, sel: null };
  }

  private async build(): Promise<void> {
    const keys = new GroupKeys(this.groups.map((g) => vecTypeOf(g.type)));
    const states: AggState[] = this.aggs.map((call) => {
      const def = findAggregate(call.name);
      if (def === undefined) throw new InternalError(`unknown aggregate ${call.name}`);
      const argTypes = call.args.map((a) => a.type);
      return {
        call,
        acc: def.create(argTypes, call.type, call.params),
        distinctValues: call.distinct ? new GroupKeys(call.args.map((a) => vecTypeOf(a.type))) : null,
        distinctPairs: call.distinct ? new PairHashTable() : null,
      };
    });
    const evaluator = this.ctx.evaluator;
    await drain(this.children[0], (b) => {
      const n = rowCount(b);
      const assigned = keys.assignRuns(
        this.groups.map((g) => evaluator.evaluate(g, b)),
        n,
      );
      for (const s of states) {
        let args = s.call.args.map((a) => evaluator.evaluate(a, b));
        const runs = assigned.runs;
        if (runs !== null && s.call.filter === null && s.distinctValues === null && s.acc.updateRuns !== undefined) {
          s.acc.updateRuns(args, runs.starts, runs.groups, runs.count, keys.count);
          continue;
        }
        const gids = assigned.ids();
        let ids = gids;
        let m = n;
        let keep: Int32Array | null = null;
        if (s.call.filter !== null) {
          const f = evaluator.evaluate(s.call.filter, b) as Vec & { type: 'boolean' };
          keep = passing(f, n);
        }
        if (s.distinctValues !== null && s.distinctPairs !== null) {
          const sub = keep === null ? args : args.map((a) => gatherVec(a, keep!));
          const subIds = keep === null ? gids : gatherIds(gids, keep);
          const valueIds = s.distinctValues.assign(sub, sub.length === 0 ? (keep?.length ?? n) : sub[0].length);
          const firsts: number[] = [];
          const before = s.distinctPairs.size;
          for (let i = 0; i < valueIds.length; i++) {
            const size = s.distinctPairs.size;
            s.distinctPairs.intern(subIds[i], valueIds[i]);
            if (s.distinctPairs.size > size) firsts.push(keep === null ? i : keep[i]);
          }
          if (s.distinctPairs.size === before) continue;
          keep = Int32Array.from(firsts);
        }
        if (keep !== null) {
          const k = keep;
          args = args.map((a) => gatherVec(a, k));
          ids = gatherIds(gids, k);
          m = k.length;
        }
        if (m > 0) s.acc.update(args, ids, m, keys.count);
      }
      let bytes = keys.bytes();
      for (const s of states) bytes += s.acc.bytes() + (s.distinctPairs?.bytes() ?? 0) + (s.distinctValues?.bytes() ?? 0);
      this.memory.resize(bytes);
    });
    const groupCount = keys.count;
    this.output = [...keys.keyVectors(), ...states.map((s) => s.acc.finish(groupCount))];
    this.outputRows = groupCount;
    this.stats.extra.groups = groupCount;
    if (this.output.length !== this.fields.length) throw new InternalError('aggregate output width mismatch');
  }
}

function passing(f: Vec & { type: 'boolean' }, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (f.values[i] === 1 && (f.validity === null || f.validity[i] === 1)) out.push(i);
  return Int32Array.from(out);
}

function gatherIds(ids: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = ids[idx[i]];
  return out;
}
