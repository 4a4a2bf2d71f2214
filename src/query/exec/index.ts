/**
 * query/exec/: physical execution. Operators (operators/*-exec.ts, one per file) pull
 * ExecBatches (columns + selection vector) from their inputs; evaluator.ts evaluates
 * bound expressions with dictionary-aware kernels (kernels/); hash/ holds the
 * typed-array hash tables behind GROUP BY, joins and DISTINCT; memory-budget.ts charges
 * what operators materialise. Start reading at exec-operator.ts, then evaluator.ts.
 */
export { createExecPlan } from './physical-planner.ts';
export { ExpressionEvaluator } from './evaluator.ts';
export { MemoryBudget } from './memory-budget.ts';
export { createMemoryPool, MemoryPool, MEMORY_POOL_SLOTS, releaseSlot, type MemoryPoolShare } from './memory-pool.ts';
export { ExecOperator, drain, type OperatorStats } from './exec-operator.ts';
export { checkCancelled, abortError, type ExecContext } from './exec-context.ts';
export { rowCount, denseColumn, type ExecBatch } from './exec-batch.ts';
export { ScanExec } from './operators/scan-exec.ts';
