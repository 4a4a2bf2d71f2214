/**
 * exec/operators/: the physical operators, one per file, each an ExecOperator:
 * ScanExec (storage snapshot → batches, exact filter, early stop), FilterExec,
 * ProjectExec, HashAggregateExec, HashJoinExec, SortExec, TopNExec, LimitExec,
 * UnionExec, WindowExec, ValuesExec. physical-planner.ts builds trees of them.
 * Start reading at scan-exec.ts and hash-aggregate-exec.ts.
 */
export { ScanExec } from './scan-exec.ts';
export { FilterExec } from './filter-exec.ts';
export { ProjectExec } from './project-exec.ts';
export { HashAggregateExec } from './hash-aggregate-exec.ts';
export { HashJoinExec } from './hash-join-exec.ts';
export { SortExec } from './sort-exec.ts';
export { TopNExec } from './top-n-exec.ts';
export { LimitExec } from './limit-exec.ts';
export { UnionExec } from './union-exec.ts';
export { WindowExec } from './window-exec.ts';
export { ValuesExec } from './values-exec.ts';
