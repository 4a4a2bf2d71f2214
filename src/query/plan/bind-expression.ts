/**
 * Binds syntax-tree expressions against a Scope: resolves names, types every node and
 * inserts implicit conversions. Function calls (scalar, aggregate, window) are in
 * bind-function.ts. Aggregates and window calls are collected into lists and replaced
 * by `agg_ref` / `window_ref` placeholders that bind-select.ts resolves later.
 */
import { SqlTypeError, type SourcePos } from '../errors.ts';
import type { Expr, Query } from '../sql/ast.ts';
import { parseIntervalText } from '../values/interval-text.ts';
import { parseTypeName, isStringType, isNumericType, type SqlType } from '../values/sql-type.ts';
import { parseTimestampText } from '../values/timestamp-text.ts';
import { timestampScalar } from '../values/scalar.ts';
import { exprKey, type AggregateCall, type BoundExpr, type CompareOp, type WindowCall } from './bound-expr.ts';
import { castLiteralText, coerce, isUntypedString, typeArithmetic, unify, unifyAll } from './coerce.ts';
import type { LogicalPlan } from './logical-plan.ts';
import type { Scope } from './scope.ts';
import { bindFunctionCall } from './bind-function.ts';

/** Collects the distinct aggregate calls of one SELECT. */
export class AggregateCollector {
  readonly calls: AggregateCall[] = [];
  private readonly keys = new Map<string, number>();
  add(call: AggregateCall): number {
    const key = JSON.stringify([call.name, call.args.map(exprKey), call.distinct, call.filter === null ? null : exprKey(call.filter), call.orderBy.map((k) => [exprKey(k.expr), k.descending, k.nullsFirst]), call.params]);
    let i = this.keys.get(key);
    if (i === undefined) {
      i = this.calls.length;
      this.calls.push(call);
      this.keys.set(key, i);
    }
    return i;
  }
}

/** Collects the window calls of one SELECT. */
export class WindowCollector {
  readonly calls: WindowCall[] = [];
  add(call: WindowCall): number {
    this.calls.push(call);
    return this.calls.length - 1;
  }
}

export interface BindEnv {
  /** Binds an uncorrelated subquery. */
  readonly bindSubquery: (query: Query, outer: Scope) => LogicalPlan;
  /** The query's fixed "now" (for now(), current_timestamp). */
  readonly nowMs: number;
}

export interface ExprBindOptions {
  /** Clause name for error messages, e.g. "WHERE". */
  readonly clause: string;
  readonly aggregates: AggregateCollector | null;
  readonly windows: WindowCollector | null;
}

const COMPARE_OPS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const NOW_NAMES = new Set(['current_timestamp', 'localtimestamp', 'now']);

export class ExpressionBinder {
  constructor(
    readonly scope: Scope,
    readonly env: BindEnv,
    readonly options: ExprBindOptions,
  ) {}

  /** The same binder with other options (e.g. inside an aggregate's arguments). */
  with(options: ExprBindOptions): ExpressionBinder {
    return new ExpressionBinder(this.scope, this.env, options);
  }

  bind(e: Expr): BoundExpr {
    switch (e.kind) {
      case 'column': {
        if (e.parts.length === 1 && NOW_NAMES.has(e.parts[0]) && !this.scope.has(e.parts)) return this.now();
        if (e.parts.length === 1 && e.parts[0] === 'current_date' && !this.scope.has(e.parts)) {
          return { kind: 'literal', value: timestampScalar(Math.floor(this.env.nowMs / 86_400_000) * 86_400_000, 0), type: 'timestamp' };
        }
        const index = this.scope.resolve(e.parts, e.pos);
        const col = this.scope.columns[index];
        return { kind: 'column', index, type: col.type, name: col.name, pos: e.pos };
      }
      case 'star':
        throw new SqlTypeError('"*" is only allowed in the select list or in count(*)', e.pos);
      case 'number':
        return bindNumber(e.text, e.pos);
      case 'string':
        return { kind: 'literal', value: e.value, type: 'text', untypedString: true };
      case 'boolean':
        return { kind: 'literal', value: e.value, type: 'boolean' };
      case 'null':
        return { kind: 'literal', value: null, type: 'null' };
      case 'typed_string':
        return bindTypedString(e.typeName, e.value, e.pos);
      case 'unary':
        return this.bindUnary(e.op, e.operand, e.pos);
      case 'binary':
        return this.bindBinary(e.op, e.left, e.right, e.pos);
      case 'between': {
        const x = this.bind(e.expr);
        const [x1, lo] = unify(x, this.bind(e.low), e.pos, 'BETWEEN');
        const [x2, hi] = unify(x, this.bind(e.high), e.pos, 'BETWEEN');
        const within = (a: BoundExpr, b: BoundExpr): BoundExpr => ({
          kind: 'and',
          args: [
            { kind: 'compare', op: '>=', left: x1, right: a, type: 'boolean' },
            { kind: 'compare', op: '<=', left: x2, right: b, type: 'boolean' },
          ],
          type: 'boolean',
        });
        // SYMMETRIC (PostgreSQL): between the bounds taken in either order.
        const inner: BoundExpr = e.symmetric ? { kind: 'or', args: [within(lo, hi), within(hi, lo)], type: 'boolean' } : within(lo, hi);
        return e.negated ? { kind: 'not', arg: inner, type: 'boolean' } : inner;
      }
      case 'in_list': {
        const all = unifyAll([this.bind(e.expr), ...e.list.map((x) => this.bind(x))], e.pos, 'IN');
        const arg = all[0].type === 'null' ? coerce(all[0], 'text', e.pos) : all[0];
        return { kind: 'in_list', arg, list: all.slice(1).map((x) => (x.type === 'null' ? coerce(x, arg.type, e.pos) : x)), negated: e.negated, type: 'boolean' };
      }
      case 'in_subquery': {
        const plan = this.env.bindSubquery(e.query, this.scope);
        if (plan.fields.length !== 1) throw new SqlTypeError('subquery has too many columns (IN needs exactly one)', e.pos);
        let arg = this.bind(e.expr);
        const t = plan.fields[0].type;
        if (isUntypedString(arg)) arg = castLiteralText(arg, t, e.pos);
        else if (arg.type !== t && !(isNumericType(arg.type) && isNumericType(t)) && !(isStringType(arg.type) && isStringType(t)) && arg.type !== 'null') {
          throw new SqlTypeError(`IN: ${arg.type} and ${t} cannot be compared`, e.pos);
        }
        return { kind: 'in_subquery', arg, plan, negated: e.negated, type: 'boolean' };
      }
      case 'subquery': {
        const plan = this.env.bindSubquery(e.query, this.scope);
        if (plan.fields.length !== 1) throw new SqlTypeError('subquery must return only one column', e.pos);
        return { kind: 'scalar_subquery', plan, type: plan.fields[0].type };
      }
      case 'exists': {
        const inner = this.env.bindSubquery(e.query, this.scope);
        const limited: LogicalPlan = { kind: 'limit', input: inner, offset: 0, limit: 1, fields: inner.fields };
        const counted: LogicalPlan = {
          kind: 'aggregate',
          input: limited,
          groups: [],
          aggs: [{ name: 'count', args: [], distinct: false, filter: null, orderBy: [], params: [], type: 'bigint' }],
          fields: [{ name: 'count', type: 'bigint' }],
        };
        const cmp: BoundExpr = {
          kind: 'compare',
          op: '>',
          left: { kind: 'scalar_subquery', plan: counted, type: 'bigint' },
          right: { kind: 'literal', value: 0, type: 'bigint' },
          type: 'boolean',
        };
        return e.negated ? { kind: 'not', arg: cmp, type: 'boolean' } : cmp;
      }
      case 'like': {
        const arg = this.bind(e.expr);
        if (!isStringType(arg.type) && arg.type !== 'null') throw new SqlTypeError(`operator does not exist: ${arg.type} ${e.caseInsensitive ? 'ILIKE' : 'LIKE'} text`, e.pos);
        const pattern = coerce(this.bind(e.pattern), 'text', e.pos, 'LIKE pattern must be text');
        let escape: string | null = null;
        if (e.escape !== null) {
          const esc = this.bind(e.escape);
          if (esc.kind !== 'literal' || typeof esc.value !== 'string' || esc.value.length > 1) throw new SqlTypeError('ESCAPE must be a single-character string literal', e.pos);
          escape = esc.value;
        }
        return { kind: 'like', arg: coerce(arg, 'text', e.pos), pattern, escape, caseInsensitive: e.caseInsensitive, negated: e.negated, type: 'boolean' };
      }
      case 'is_null':
        return { kind: 'is_null', arg: this.bind(e.expr), negated: e.negated, type: 'boolean' };
      case 'is_bool': {
        const arg = coerce(this.bind(e.expr), 'boolean', e.pos, `argument of IS ${e.value ? 'TRUE' : 'FALSE'} must be boolean`);
        return { kind: 'is_distinct', left: arg, right: { kind: 'literal', value: e.value, type: 'boolean' }, negated: !e.negated, type: 'boolean' };
      }
      case 'is_distinct': {
        const [l, r] = unify(this.bind(e.left), this.bind(e.right), e.pos, 'IS DISTINCT FROM');
        return { kind: 'is_distinct', left: l, right: r, negated: e.negated, type: 'boolean' };
      }
      case 'case':
        return this.bindCase(e);
      case 'cast':
        return this.bindCast(this.bind(e.expr), e.typeName, e.pos);
      case 'function':
        return bindFunctionCall(this, e);
      case 'subscript': {
        const doc = this.bind(e.expr);
        if (!isStringType(doc.type)) throw new SqlTypeError(`cannot subscript type ${doc.type} (only json columns such as attributes)`, e.pos);
        let key = this.bind(e.index);
        if (isUntypedString(key)) key = coerce(key, 'text', e.pos);
        return this.callScalar('json_get_text', [doc, key], e.pos);
      }
      case 'extract':
        return this.callScalar('date_part', [{ kind: 'literal', value: e.field, type: 'text' }, this.bind(e.expr)], e.pos);
    }
  }

  /** Binds a predicate that must be boolean. */
  bindPredicate(e: Expr): BoundExpr {
    const b = this.bind(e);
    return coerce(b, 'boolean', exprPos(e), `argument of ${this.options.clause} must be type boolean, not type ${b.type}`);
  }

  now(): BoundExpr {
    return { kind: 'literal', value: timestampScalar(this.env.nowMs, 0), type: 'timestamp' };
  }

  /** Binds a call to a scalar function with already-bound arguments. */
  callScalar(name: string, args: BoundExpr[], pos: SourcePos): BoundExpr {
    return bindFunctionCall(this, { kind: 'function', name, args: [], distinct: false, star: false, orderBy: [], withinGroup: [], filter: null, over: null, pos }, args);
  }

  private bindUnary(op: '-' | '+' | 'not', operand: Expr, pos: SourcePos): BoundExpr {
    const arg = this.bind(operand);
    if (op === 'not') return { kind: 'not', arg: coerce(arg, 'boolean', pos, `argument of NOT must be type boolean, not type ${arg.type}`), type: 'boolean' };
    const a = isUntypedString(arg) ? castLiteralText(arg, 'double', pos) : arg;
    if (!isNumericType(a.type) && a.type !== 'interval' && a.type !== 'null') throw new SqlTypeError(`operator does not exist: ${op} ${a.type}`, pos);
    return op === '+' ? a : { kind: 'negate', arg: a, type: a.type === 'null' ? 'bigint' : a.type };
  }

  private bindBinary(op: string, left: Expr, right: Expr, pos: SourcePos): BoundExpr {
    if (op === 'and' || op === 'or') {
      // The parser builds `a OR b OR c ...` left-deep; walk that spine in a loop (a chain
      // of 80k terms would overflow the stack if bound recursively) and flatten.
      const terms: Expr[] = [right];
      let spine = left;
      while (spine.kind === 'binary' && spine.op === op) {
        terms.push(spine.right);
        spine = spine.left;
      }
      terms.push(spine);
      const args: BoundExpr[] = [];
      for (let i = terms.length - 1; i >= 0; i--) {
        const x = coerce(this.bind(terms[i]), 'boolean', pos, `argument of ${op.toUpperCase()} must be type boolean`);
        if (x.kind === op) for (const y of x.args) args.push(y);
        else args.push(x);
      }
      return { kind: op, args, type: 'boolean' };
    }
    const l = this.bind(left);
    const r = this.bind(right);
    if (COMPARE_OPS.has(op)) {
      const [a, b] = unify(l, r, pos, `operator ${op}`);
      return { kind: 'compare', op: op as CompareOp, left: a, right: b, type: 'boolean' };
    }
    if (op === '||') return this.callScalar('concat_op', [isUntypedString(l) ? coerce(l, 'text', pos) : l, isUntypedString(r) ? coerce(r, 'text', pos) : r], pos);
    if (op === '->' || op === '->>') return this.callScalar(op === '->' ? 'json_get' : 'json_get_text', [l, isUntypedString(r) ? coerce(r, 'text', pos) : r], pos);
    const arithOp = op as '+' | '-' | '*' | '/' | '%';
    const [a, b, type] = typeArithmetic(arithOp, l, r, pos);
    return { kind: 'arith', op: arithOp, left: a, right: b, type };
  }

  private bindCase(e: Expr & { kind: 'case' }): BoundExpr {
    const operand = e.operand === null ? null : this.bind(e.operand);
    const whens = e.whens.map((w) => {
      if (operand === null) return this.bindPredicate(w.when);
      const [a, b] = unify(operand, this.bind(w.when), e.pos, 'CASE');
      return { kind: 'compare', op: '=', left: a, right: b, type: 'boolean' } as BoundExpr;
    });
    const results = unifyAll([...e.whens.map((w) => this.bind(w.then)), ...(e.else === null ? [] : [this.bind(e.else)])], e.pos, 'CASE');
    const type: SqlType = results.find((r) => r.type !== 'null')?.type ?? 'text';
    const fixed = results.map((r) => coerce(r, type, e.pos));
    return {
      kind: 'case',
      whens: whens.map((when, i) => ({ when, then: fixed[i] })),
      else: e.else === null ? null : fixed[fixed.length - 1],
      type,
    };
  }

  bindCast(arg: BoundExpr, typeName: string, pos: SourcePos): BoundExpr {
    if (typeName === 'date') {
      // No date type: a date is the timestamp of its midnight (UTC).
      const ts = this.bindCast(arg, 'timestamp', pos);
      return this.callScalar('date_trunc', [{ kind: 'literal', value: 'day', type: 'text' }, ts], pos);
    }
    const type = parseTypeName(typeName);
    if (type === null) throw new SqlTypeError(`type "${typeName}" does not exist`, pos);
    if (isUntypedString(arg)) return castLiteralText(arg, type, pos);
    if (arg.type === type) return arg;
    if (arg.type === 'null') return { kind: 'literal', value: null, type };
    if (!isCastable(arg.type, type)) throw new SqlTypeError(`cannot cast type ${arg.type} to ${type}`, pos);
    return { kind: 'cast', arg, type };
  }
}

/** Which explicit casts exist (everything converts to and from text). */
export function isCastable(from: SqlType, to: SqlType): boolean {
  if (from === to || from === 'null' || to === 'text' || to === 'json' || isStringType(from)) return true;
  if (isNumericType(from)) return isNumericType(to) || to === 'boolean';
  if (from === 'boolean') return isNumericType(to);
  return false;
}

function bindNumber(text: string, pos: SourcePos): BoundExpr {
  const v = Number(text);
  if (/^-?\d+$/.test(text)) {
    if (Number.isSafeInteger(v)) return { kind: 'literal', value: v, type: 'bigint' };
    throw new SqlTypeError(`integer literal ${text} is out of range (Pharlux integers are exact to ±2^53; write it as ${text}.0 for a double)`, pos);
  }
  if (!Number.isFinite(v)) throw new SqlTypeError(`numeric literal ${text} is out of range`, pos);
  return { kind: 'literal', value: v, type: 'double' };
}

function bindTypedString(typeName: string, value: string, pos: SourcePos): BoundExpr {
  if (typeName === 'interval') {
    const v = parseIntervalText(value);
    if (v === null) throw new SqlTypeError(`invalid input syntax for type interval: "${value}"`, pos);
    return { kind: 'literal', value: v, type: 'interval' };
  }
  const v = parseTimestampText(value);
  if (v === null) throw new SqlTypeError(`invalid input syntax for type timestamp: "${value}"`, pos);
  if (typeName === 'date' && (v.ms % 86_400_000 !== 0 || v.nanos !== 0)) throw new SqlTypeError(`invalid input syntax for type date: "${value}"`, pos);
  return { kind: 'literal', value: v, type: 'timestamp' };
}

/** Position of an expression, for errors. */
export function exprPos(e: Expr): SourcePos {
  return e.pos;
}

/** Thrown for constructs valid only elsewhere. */
export function notAllowed(what: string, clause: string, pos: SourcePos): SqlTypeError {
  return new SqlTypeError(`${what} are not allowed in ${clause}`, pos);
}

