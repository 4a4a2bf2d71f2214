/**
 * Rule: derive storage pruning hints from each scan's filter: `col op literal`,
 * `col IN (literals)`, `col IS [NOT] NULL`, `col LIKE 'prefix%'`. Time predicates go
 * first, then columns storage indexes (min/max, page index, bloom filter), then the
 * rest. Hints only let storage skip data; the scan still applies the exact filter.
 */
import type { ScalarValue, ScanPredicate } from '../../columnar/index.ts';
import { joinNs, TABLE_INDEXED_COLUMNS } from '../../columnar/index.ts';
import { likePrefix } from '../functions/index.ts';
import { conjuncts, type BoundExpr, type CompareOp } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import type { Scalar } from '../values/scalar.ts';
import { flipOp } from '../exec/kernels/compare-kernel.ts';

function toScalarValue(v: Scalar): ScalarValue | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (v.kind === 'timestamp') return joinNs(v.ms, v.nanos);
  return undefined;
}

/** The stored column a (possibly relabelled) expression reads directly, or null. */
function directColumn(e: BoundExpr, columns: readonly string[]): string | null {
  if (e.kind === 'column') return columns[e.index];
  // bigint → double and json → text casts do not change stored values.
  if (e.kind === 'cast' && e.arg.kind === 'column' && ((e.arg.type === 'bigint' && e.type === 'double') || (e.arg.type === 'json' && e.type === 'text'))) {
    return columns[e.arg.index];
  }
  return null;
}

function hintFor(p: BoundExpr, columns: readonly string[]): ScanPredicate | null {
  switch (p.kind) {
    case 'compare': {
      let col = directColumn(p.left, columns);
      let lit = p.right;
      let op: CompareOp = p.op;
      if (col === null) {
        col = directColumn(p.right, columns);
        lit = p.left;
        op = flipOp(p.op);
      }
      if (col === null || lit.kind !== 'literal') return null;
      const value = toScalarValue(lit.value);
      if (value === undefined || value === null) return null;
      return { kind: 'compare', column: col, op: op === '<>' ? '!=' : op, value };
    }
    case 'in_list': {
      const col = directColumn(p.arg, columns);
      if (col === null || p.negated || !p.list.every((x) => x.kind === 'literal')) return null;
      const values: ScalarValue[] = [];
      for (const x of p.list) {
        const v = toScalarValue((x as BoundExpr & { kind: 'literal' }).value);
        if (v === undefined) return null;
        if (v !== null) values.push(v);
      }
      return { kind: 'in', column: col, values };
    }
    case 'is_null': {
      const col = directColumn(p.arg, columns);
      return col === null ? null : { kind: 'null', column: col, isNull: !p.negated };
    }
    case 'like': {
      const col = directColumn(p.arg, columns);
      if (col === null || p.negated || p.caseInsensitive || p.pattern.kind !== 'literal' || typeof p.pattern.value !== 'string') return null;
      const prefix = likePrefix(p.pattern.value, p.escape);
      return prefix === null || prefix === '' ? null : { kind: 'prefix', column: col, prefix };
    }
    default:
      return null;
  }
}

function rank(h: ScanPredicate, indexed: readonly string[]): number {
  if (h.column === 'timestamp') return 0;
  const i = indexed.indexOf(h.column);
  return i >= 0 ? 1 + i : 100;
}

/** Fills `hints` of every scan from its filter. */
export function addScanHints(plan: LogicalPlan): LogicalPlan {
  return transformPlan(plan, (p) => {
    if (p.kind !== 'scan' || p.filter === null) return p;
    const indexed = TABLE_INDEXED_COLUMNS[p.table];
    const hints = conjuncts(p.filter)
      .map((c) => hintFor(c, p.columns))
      .filter((h): h is ScanPredicate => h !== null);
    hints.sort((a, b) => rank(a, indexed) - rank(b, indexed));
    return { ...p, hints };
  });
}
