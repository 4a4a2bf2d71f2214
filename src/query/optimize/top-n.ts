/**
 * Rule: ORDER BY followed by LIMIT (possibly through projections) becomes a top-N sort
 * that keeps only offset + limit rows instead of sorting everything.
 */
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';

function withFetch(input: LogicalPlan, fetch: number): LogicalPlan {
  if (input.kind === 'sort') return { ...input, fetch: input.fetch === null ? fetch : Math.min(input.fetch, fetch) };
  if (input.kind === 'project') return { ...input, input: withFetch(input.input, fetch) };
  return input;
}

/** Marks sorts under a LIMIT as top-N. */
export function planTopN(plan: LogicalPlan): LogicalPlan {
  return transformPlan(plan, (p) => (p.kind === 'limit' && p.limit !== null ? { ...p, input: withFetch(p.input, p.offset + p.limit) } : p));
}
