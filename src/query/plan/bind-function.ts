/**
 * Binding of function calls: scalar functions (signature resolution and argument
 * coercion), aggregates (collected, replaced by agg_ref) and window functions
 * (collected, replaced by window_ref). Unknown names get a "did you mean".
 */
import { SqlTypeError, UnknownFunctionError, type SourcePos } from '../errors.ts';
import { AGGREGATE_FUNCTIONS, findAggregate, findScalarFunction, SCALAR_FUNCTIONS, WINDOW_FUNCTIONS } from '../functions/index.ts';
import type { Expr, OrderItem } from '../sql/ast.ts';
import type { Scalar } from '../values/scalar.ts';
import type { SqlType } from '../values/sql-type.ts';
import type { BoundExpr, SortKey } from './bound-expr.ts';
import { coerce, isUntypedString, unifyAll } from './coerce.ts';
import type { ExpressionBinder } from './bind-expression.ts';
import { closestName } from '../../common/index.ts';

type FunctionExpr = Expr & { kind: 'function' };

const NOW_FUNCTIONS = new Set(['now', 'current_timestamp', 'transaction_timestamp', 'statement_timestamp', 'localtimestamp']);
const UNIFY_ARGS = new Set(['coalesce', 'nullif', 'greatest', 'least']);
const PERCENTILES = new Set(['percentile_cont', 'percentile_disc', 'quantile_cont', 'quantile_disc', 'approx_percentile', 'quantile']);
const WINDOW_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** Binds a call; `boundArgs` lets internal callers pass arguments that are already bound. */
export function bindFunctionCall(b: ExpressionBinder, e: FunctionExpr, boundArgs?: BoundExpr[]): BoundExpr {
  const name = e.name;
  if (NOW_FUNCTIONS.has(name) && e.args.length === 0 && boundArgs === undefined && e.over === null) return b.now();
  if (e.over !== null) return bindWindowCall(b, e);
  if (findAggregate(name) !== undefined && boundArgs === undefined) return bindAggregateCall(b, e);
  if (e.distinct || e.star || e.orderBy.length > 0 || e.withinGroup.length > 0 || e.filter !== null) {
    if (findScalarFunction(name) !== undefined) throw new SqlTypeError(`${name}() is not an aggregate function`, e.pos);
  }
  const def = findScalarFunction(name);
  if (def === undefined) {
    const known = [...SCALAR_FUNCTIONS.keys(), ...AGGREGATE_FUNCTIONS.keys(), ...WINDOW_FUNCTIONS.keys(), 'now'];
    if (WINDOW_FUNCTIONS.has(name)) throw new SqlTypeError(`window function ${name} requires an OVER clause`, e.pos);
    throw new UnknownFunctionError(name, e.pos, closestName(name, known));
  }
  let args = boundArgs ?? e.args.map((a) => b.bind(a));
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    throw new SqlTypeError(`function ${name}() takes ${arity(def.minArgs, def.maxArgs)}, got ${args.length}`, e.pos);
  }
  if (UNIFY_ARGS.has(name)) args = unifyAll(args, e.pos, name.toUpperCase());
  const types = args.map((a) => a.type);
  const consts = args.map((a) => (a.kind === 'literal' ? a.value : undefined));
  const sig = def.resolve(types, consts);
  if (typeof sig === 'string') throw new SqlTypeError(`function ${name}(${types.join(', ')}): ${sig}`, e.pos);
  return { kind: 'call', name, args: args.map((a, i) => coerce(a, sig.params[i] === 'null' ? 'text' : sig.params[i], e.pos)), type: sig.returns };
}

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return max >= 100 ? `at least ${min} arguments` : `${min} to ${max} arguments`;
}

/** Binds an ORDER BY item: PostgreSQL's default puts NULLs last ascending, first descending. */
export function bindSortKey(b: ExpressionBinder, item: OrderItem): SortKey {
  let expr = b.bind(item.expr);
  if (isUntypedString(expr)) expr = coerce(expr, 'text', item.expr.pos);
  return { expr, descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending };
}

function constantArg(e: BoundExpr, name: string, index: number, pos: SourcePos): Scalar {
  if (e.kind === 'literal') return isUntypedString(e) ? Number(e.value) : e.value;
  if (e.kind === 'negate' && e.arg.kind === 'literal' && typeof e.arg.value === 'number') return -e.arg.value;
  if (e.kind === 'cast' && e.arg.kind === 'literal') return e.arg.value;
  throw new SqlTypeError(`argument ${index + 1} of ${name}() must be a constant`, pos);
}

function bindAggregateCall(b: ExpressionBinder, e: FunctionExpr): BoundExpr {
  const collector = b.options.aggregates;
  if (collector === null) {
    if (b.options.clause === 'aggregate function arguments') throw new SqlTypeError('aggregate function calls cannot be nested', e.pos);
    throw new SqlTypeError(`aggregate functions are not allowed in ${b.options.clause}`, e.pos);
  }
  const def = findAggregate(e.name)!;
  const inner = b.with({ clause: 'aggregate function arguments', aggregates: null, windows: null });
  let args: BoundExpr[] = e.star ? [] : e.args.map((a) => inner.bind(a));
  if (e.star && e.name !== 'count') throw new SqlTypeError(`${e.name}(*) is not allowed (only count(*))`, e.pos);
  let name = e.name;
  if ((name === 'first_value' || name === 'last_value') && args.length === 1) {
    if (e.orderBy.length > 0) {
      const key = bindSortKey(inner, e.orderBy[0]);
      if (key.descending) name = name === 'first_value' ? 'last_value' : 'first_value';
      args = [args[0], key.expr];
    } else if (b.scope.has(['timestamp'])) {
      const index = b.scope.resolve(['timestamp'], e.pos);
      args = [args[0], { kind: 'column', index, type: b.scope.columns[index].type, name: 'timestamp', pos: e.pos }];
    } else {
      throw new SqlTypeError(`${name}() needs an ordering: ${name}(x ORDER BY t) or a timestamp column in scope`, e.pos);
    }
  } else if (e.orderBy.length > 0) {
    throw new SqlTypeError(`ORDER BY inside ${name}() is not supported`, e.pos);
  }
  if (e.withinGroup.length > 0) {
    if (!PERCENTILES.has(name) || args.length !== 1) throw new SqlTypeError(`WITHIN GROUP is only supported for percentile_cont/percentile_disc(fraction)`, e.pos);
    const key = bindSortKey(inner, e.withinGroup[0]);
    const q = constantArg(args[0], name, 0, e.pos);
    args = [key.expr, { kind: 'literal', value: key.descending && typeof q === 'number' ? 1 - q : q, type: 'double' }];
  }
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    throw new SqlTypeError(`function ${name}() takes ${arity(def.minArgs, def.maxArgs)}, got ${args.length}`, e.pos);
  }
  const constIdx = new Set(def.constArgs ?? []);
  const params: Scalar[] = [];
  for (const i of constIdx) params.push(constantArg(args[i], name, i, e.pos));
  args = args.map((a) => (isUntypedString(a) ? coerce(a, 'text', e.pos) : a));
  const types = args.map((a) => a.type);
  const sig = def.resolve(types);
  if (typeof sig === 'string') throw new SqlTypeError(sig, e.pos);
  const rowArgs = args.map((a, i) => coerce(a, sig.params[i], e.pos)).filter((_, i) => !constIdx.has(i));
  const filter = e.filter === null ? null : inner.with({ clause: 'FILTER', aggregates: null, windows: null }).bindPredicate(e.filter);
  const index = collector.add({ name, args: rowArgs, distinct: e.distinct, filter, orderBy: [], params, type: sig.returns });
  return { kind: 'agg_ref', index, type: sig.returns };
}

function bindWindowCall(b: ExpressionBinder, e: FunctionExpr): BoundExpr {
  const collector = b.options.windows;
  if (collector === null) throw new SqlTypeError(`window functions are not allowed in ${b.options.clause}`, e.pos);
  const name = e.name;
  const inner = b.with({ clause: 'window function arguments', aggregates: b.options.aggregates, windows: null });
  if (e.distinct || e.filter !== null || e.withinGroup.length > 0) throw new SqlTypeError(`DISTINCT, FILTER and WITHIN GROUP are not supported in window calls`, e.pos);
  const spec = e.over!;
  const partitionBy = spec.partitionBy.map((p) => inner.bind(p));
  const orderBy = spec.orderBy.map((o) => bindSortKey(inner, o));
  const args = e.star ? [] : e.args.map((a) => inner.bind(a));
  let type: SqlType;
  let params: Scalar[] = [];
  let rowArgs = args;
  const win = WINDOW_FUNCTIONS.get(name);
  if (win !== undefined) {
    if (args.length < win.minArgs || args.length > win.maxArgs) throw new SqlTypeError(`function ${name}() takes ${arity(win.minArgs, win.maxArgs)}, got ${args.length}`, e.pos);
    if (name === 'lag' || name === 'lead') {
      const offset = args.length > 1 ? constantArg(args[1], name, 1, e.pos) : 1;
      if (typeof offset !== 'number' || !Number.isInteger(offset)) throw new SqlTypeError(`the offset of ${name}() must be an integer constant`, e.pos);
      const x = isUntypedString(args[0]) ? coerce(args[0], 'text', e.pos) : args[0];
      type = x.type === 'null' ? 'text' : x.type;
      const dflt = args.length > 2 ? coerce(args[2], type, e.pos) : null;
      params = [offset, dflt === null ? null : constantArg(dflt, name, 2, e.pos)];
      rowArgs = [coerce(x, type, e.pos)];
    } else if (name === 'first_value' || name === 'last_value') {
      type = args[0].type === 'null' ? 'text' : args[0].type;
      rowArgs = [coerce(args[0], type, e.pos)];
    } else type = 'bigint';
  } else if (WINDOW_AGGREGATES.has(name)) {
    const def = findAggregate(name)!;
    const sig = def.resolve(args.map((a) => (isUntypedString(a) ? 'text' : a.type)));
    if (typeof sig === 'string') throw new SqlTypeError(sig, e.pos);
    type = sig.returns;
    rowArgs = args.map((a, i) => coerce(a, sig.params[i], e.pos));
  } else if (findAggregate(name) !== undefined) {
    throw new SqlTypeError(`${name}() is not supported as a window function (supported: row_number, rank, dense_rank, lag, lead, first_value, last_value, count, sum, avg, min, max)`, e.pos);
  } else {
    throw new UnknownFunctionError(name, e.pos, closestName(name, [...WINDOW_FUNCTIONS.keys(), ...WINDOW_AGGREGATES]));
  }
  const index = collector.add({ name, args: rowArgs, params, partitionBy, orderBy, type });
  return { kind: 'window_ref', index, type };
}
