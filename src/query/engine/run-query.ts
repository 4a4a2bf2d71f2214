/**
 * `runQuery`: the engine's entry point for the API, the CLI and alerts. Parses, binds
 * (tenant and now() fixed by the caller), takes one snapshot per table used, runs
 * subqueries, optimises, executes within the memory budget and the timeout, and
 * returns columnar batches. Snapshots are released on every path (success, error,
 * timeout, cancellation).
 */
import type { TableName, TableSnapshot } from '../../columnar/index.ts';
import { AppError, systemClock } from '../../common/index.ts';
import { QueryCancelledError, QueryRuntimeError, QueryTimeoutError } from '../errors.ts';
import { abortError, createExecPlan, ExpressionEvaluator, MemoryBudget, MemoryPool, rowCount, type ExecContext, type ExecOperator } from '../exec/index.ts';
import { optimizePlan } from '../optimize/index.ts';
import { bindStatement } from '../plan/binder.ts';
import { walkExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import { mapPlanExpressions } from '../optimize/plan-expressions.ts';
import { parseSql } from '../sql/index.ts';
import type { Scalar } from '../values/scalar.ts';
import { stringBytes } from '../values/string-charge.ts';
import { vecValue, gatherVec } from '../values/vec.ts';
import { binderCatalog } from './catalog-binding.ts';
import { explainLines } from './explain.ts';
import type { QueryContext, QueryResult } from './query-context.ts';
import { resultBatchBytes, resultColumns, toResultBatch } from './result-batch.ts';
import { resolveSubqueries } from './subqueries.ts';
import type { Batch } from '../../columnar/index.ts';
import type { Vec } from '../values/vec.ts';

const DEFAULT_BATCH_ROWS = 65_536;
const MIB = 1024 * 1024;

/** Tables read anywhere in a plan, subqueries included. */
function tablesOf(plan: LogicalPlan, into = new Set<TableName>()): Set<TableName> {
  transformPlan(plan, (p) => {
    if (p.kind === 'scan') into.add(p.table);
    mapPlanExpressions(p, (e) => {
      walkExpr(e, (x) => {
        if (x.kind === 'in_subquery' || x.kind === 'scalar_subquery') tablesOf(x.plan, into);
      });
      return e;
    });
    return p;
  });
  return into;
}

/** Runs one SQL statement for one tenant. */
export async function runQuery(sql: string, context: QueryContext): Promise<QueryResult> {
  try {
    return await runStatement(sql, context);
  } catch (err) {
    // The parser limits nesting depth, but a statement can still be too large for a
    // recursive stage (e.g. tens of thousands of UNION ALL branches): that is the
    // query's problem (400), not the server's (500).
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new QueryRuntimeError('program_limit_exceeded', 'statement is too complex: it nests or chains too many parts (for example UNION ALL branches); split it into smaller queries');
    }
    throw err;
  }
}

/** runQuery without the guard against statements too large for the stack. */
async function runStatement(sql: string, context: QueryContext): Promise<QueryResult> {
  const clock = context.clock ?? systemClock;
  const started = clock.monotonicMs();
  const nowMs = context.nowMs ?? clock.nowMs();
  const bound = bindStatement(parseSql(sql), binderCatalog(context.catalog), nowMs);

  const controller = new AbortController();
  const onCancel = (): void => controller.abort(context.signal?.reason instanceof AppError ? context.signal.reason : new QueryCancelledError());
  if (context.signal?.aborted === true) onCancel();
  context.signal?.addEventListener('abort', onCancel, { once: true });
  const timeoutMs = context.limits.timeoutMs;
  const timer = setTimeout(() => controller.abort(new QueryTimeoutError(timeoutMs)), timeoutMs);
  const snapshots = new Map<TableName, TableSnapshot>();
  let budget: MemoryBudget | null = null;
  try {
    for (const t of tablesOf(bound.plan)) {
      const source = context.catalog.tables.get(t);
      if (source !== undefined) snapshots.set(t, source.snapshot());
    }
    const pool = context.limits.memoryPool === undefined ? null : new MemoryPool(context.limits.memoryPool);
    const memory = new MemoryBudget(context.limits.memoryBytes, Math.round(context.limits.memoryBytes / MIB), pool);
    budget = memory;
    const ctx: ExecContext = {
      tenant: context.tenant,
      snapshots,
      memory,
      signal: controller.signal,
      evaluator: new ExpressionEvaluator(memory),
      clock,
      batchRows: context.batchRows ?? DEFAULT_BATCH_ROWS,
      deadlineMs: started + timeoutMs,
      onDeadline: () => new QueryTimeoutError(timeoutMs),
      yieldState: { lastYieldMs: clock.monotonicMs(), yieldedMs: 0 },
    };
    const plan = await preparePlan(bound.plan, ctx);
    const root = createExecPlan(plan, ctx);
    try {
      if (bound.kind === 'explain') {
        if (bound.analyze) {
          for (;;) if ((await root.next()) === null) break;
          root.close();
        }
        const lines = explainLines(root, bound.analyze);
        if (bound.analyze) {
          lines.push(`Total: rows=${root.stats.rowsOut} elapsed=${(clock.monotonicMs() - started).toFixed(2)}ms peak_memory=${ctx.memory.peak} bytes`);
        }
        return explainResult(lines, clock.monotonicMs() - started);
      }
      return await collectResult(root, plan, context.limits.maxResultRows, ctx, started);
    } finally {
      root.close();
    }
  } catch (err) {
    if (controller.signal.aborted && !(err instanceof AppError)) throw abortError(controller.signal);
    throw err;
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener('abort', onCancel);
    for (const s of snapshots.values()) s.release();
    budget?.close();
  }
}

/** Resolves subqueries (running them) and optimises. */
async function preparePlan(plan: LogicalPlan, ctx: ExecContext): Promise<LogicalPlan> {
  const resolved = await resolveSubqueries(plan, async (sub) => {
    const p = await preparePlan(sub, ctx);
    const root = createExecPlan(p, ctx);
    const values: Scalar[] = [];
    try {
      for (;;) {
        const b = await root.next();
        if (b === null) break;
        const n = rowCount(b);
        const col = b.sel === null ? b.columns[0] : gatherVec(b.columns[0], b.sel);
        let bytes = n * 16;
        for (let i = 0; i < n; i++) {
          const v = vecValue(col, i);
          if (typeof v === 'string') bytes += stringBytes(v.length);
          values.push(v);
        }
        ctx.memory.reserve(bytes);
      }
    } finally {
      root.close();
    }
    return values;
  });
  const rows = new Map<TableName, number>();
  return optimizePlan(resolved, {
    evaluator: ctx.evaluator,
    tableRows: (t) => {
      let n = rows.get(t);
      if (n === undefined) {
        n = ctx.snapshots.get(t)?.statistics(ctx.tenant).rowCount ?? 0;
        rows.set(t, n);
      }
      return n;
    },
  });
}

async function collectResult(root: ExecOperator, plan: LogicalPlan, maxRows: number, ctx: ExecContext, started: number): Promise<QueryResult> {
  const columns = resultColumns(plan.fields);
  const batches: Batch[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const b = await root.next();
    if (b === null) break;
    let n = rowCount(b);
    if (n === 0) continue;
    if (total >= maxRows) {
      truncated = true;
      break;
    }
    let sel = b.sel;
    if (total + n > maxRows) {
      const keep = maxRows - total;
      const base = sel ?? identity(b.length);
      sel = base.subarray(0, keep);
      n = keep;
      truncated = true;
    }
    const vecs: Vec[] = b.columns.map((c) => (sel === null ? c : gatherVec(c, sel)));
    const batch = toResultBatch(columns, vecs, n);
    ctx.memory.reserve(resultBatchBytes(batch));
    batches.push(batch);
    total += n;
    if (truncated) break;
  }
  return { columns, batches, rowCount: total, truncated, elapsedMs: ctx.clock.monotonicMs() - started };
}

function explainResult(lines: string[], elapsedMs: number): QueryResult {
  const codes = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) codes[i] = i;
  return {
    columns: [{ name: 'plan', type: 'text' }],
    batches: [{ schema: { fields: [{ name: 'plan', type: 'string', nullable: false }] }, length: lines.length, columns: [{ type: 'string', length: lines.length, codes, dict: lines }] }],
    rowCount: lines.length,
    truncated: false,
    elapsedMs,
    plan: lines,
  };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
