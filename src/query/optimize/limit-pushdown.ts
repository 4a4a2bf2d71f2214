/**
 * Rule: move LIMIT towards the data. Below projections (row-preserving), into each input
 * of a UNION ALL, and into scans (which then stop reading once enough rows passed their
 * filter). The original LIMIT stays on top to apply OFFSET and the exact count.
 */
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';

function pushInto(input: LogicalPlan, fetch: number): LogicalPlan {
  switch (input.kind) {
    case 'project':
      return { ...input, input: pushInto(input.input, fetch) };
    case 'scan':
      return { ...input, limit: input.limit === null ? fetch : Math.min(input.limit, fetch) };
    case 'union':
      return { ...input, inputs: input.inputs.map((i) => ({ kind: 'limit', input: pushInto(i, fetch), offset: 0, limit: fetch, fields: i.fields }) as LogicalPlan) };
    case 'limit':
      return input.limit === null ? input : { ...input, input: pushInto(input.input, Math.min(fetch, input.offset + input.limit)) };
    default:
      return input;
  }
}

/** Pushes every LIMIT down as far as it is exact to do so. */
export function pushDownLimits(plan: LogicalPlan): LogicalPlan {
  return transformPlan(plan, (p) => {
    if (p.kind !== 'limit' || p.limit === null) return p;
    return { ...p, input: pushInto(p.input, p.offset + p.limit) };
  });
}
