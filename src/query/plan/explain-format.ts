/**
 * Human-readable forms of expressions and pruning hints for EXPLAIN output.
 */
import type { ScanPredicate, ScalarValue } from '../../columnar/index.ts';
import { formatTimestampText } from '../values/timestamp-text.ts';
import { formatIntervalText } from '../values/interval-text.ts';
import { splitNs } from '../../columnar/index.ts';
import type { Scalar } from '../values/scalar.ts';
import type { AggregateCall, BoundExpr, SortKey } from './bound-expr.ts';

function formatScalar(v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v.kind === 'timestamp') return `TIMESTAMP '${formatTimestampText(v.ms, v.nanos)}'`;
  return `INTERVAL '${formatIntervalText(v.months, v.ms, v.nanos)}'`;
}

/** SQL-like text of a bound expression. */
export function formatExpr(e: BoundExpr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'literal':
      return formatScalar(e.value);
    case 'call':
      return `${e.name}(${e.args.map(formatExpr).join(', ')})`;
    case 'arith':
    case 'compare':
      return `(${formatExpr(e.left)} ${e.op} ${formatExpr(e.right)})`;
    case 'and':
    case 'or':
      return `(${e.args.map(formatExpr).join(` ${e.kind.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${formatExpr(e.arg)}`;
    case 'negate':
      return `-${formatExpr(e.arg)}`;
    case 'is_null':
      return `${formatExpr(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'is_distinct':
      return `${formatExpr(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${formatExpr(e.right)}`;
    case 'in_list':
      return `${formatExpr(e.arg)} ${e.negated ? 'NOT ' : ''}IN (${e.list.length > 8 ? `${e.list.slice(0, 8).map(formatExpr).join(', ')}, ... ${e.list.length} values` : e.list.map(formatExpr).join(', ')})`;
    case 'in_subquery':
      return `${formatExpr(e.arg)} ${e.negated ? 'NOT ' : ''}IN (subquery)`;
    case 'scalar_subquery':
      return '(subquery)';
    case 'case':
      return `CASE ${e.whens.map((w) => `WHEN ${formatExpr(w.when)} THEN ${formatExpr(w.then)}`).join(' ')}${e.else === null ? '' : ` ELSE ${formatExpr(e.else)}`} END`;
    case 'cast':
      return `CAST(${formatExpr(e.arg)} AS ${e.type})`;
    case 'like':
      return `${formatExpr(e.arg)} ${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'} ${formatExpr(e.pattern)}`;
    case 'agg_ref':
      return `agg#${e.index}`;
    case 'window_ref':
      return `window#${e.index}`;
  }
}

/** Text of an aggregate call. */
export function formatAggregate(a: AggregateCall): string {
  const args = a.args.length === 0 && a.name === 'count' ? '*' : a.args.map(formatExpr).join(', ');
  const params = a.params.length > 0 ? `, ${a.params.map((p) => formatScalar(p)).join(', ')}` : '';
  return `${a.name}(${a.distinct ? 'DISTINCT ' : ''}${args}${params})${a.filter === null ? '' : ` FILTER (WHERE ${formatExpr(a.filter)})`}`;
}

/** Text of a sort key. */
export function formatSortKey(k: SortKey): string {
  return `${formatExpr(k.expr)} ${k.descending ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
}

function formatScalarValue(v: ScalarValue): string {
  if (typeof v === 'bigint') {
    const [ms, nanos] = splitNs(v);
    return `'${formatTimestampText(ms, nanos)}'`;
  }
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

/** Text of a storage pruning hint. */
export function formatHint(p: ScanPredicate): string {
  switch (p.kind) {
    case 'compare':
      return `${p.column} ${p.op} ${formatScalarValue(p.value)}`;
    case 'in':
      return `${p.column} IN (${p.values.length} values)`;
    case 'null':
      return `${p.column} IS ${p.isNull ? '' : 'NOT '}NULL`;
    case 'prefix':
      return `${p.column} LIKE '${p.prefix}%'`;
  }
}
