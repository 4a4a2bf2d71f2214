/**
 * Implicit conversions while binding, PostgreSQL style: an untyped string literal takes
 * the type its context needs (parsed now, so errors carry the literal's position), NULL
 * takes any type, bigint widens to double. Also the operator typing rules for
 * comparison and arithmetic.
 */
import { QueryRuntimeError, SqlTypeError, type SourcePos } from '../errors.ts';
import { castText } from '../values/cast-text.ts';
import { commonSuperType, isImplicitlyConvertible } from '../values/common-type.ts';
import { isNumericType, type SqlType } from '../values/sql-type.ts';
import type { ArithOp, BoundExpr } from './bound-expr.ts';

/** True for a quoted literal whose type is still open. */
export function isUntypedString(e: BoundExpr): e is BoundExpr & { kind: 'literal'; value: string } {
  return e.kind === 'literal' && e.untypedString === true && typeof e.value === 'string';
}

/** Converts an untyped literal's text to `type`, as a typed literal. */
export function castLiteralText(e: BoundExpr & { kind: 'literal'; value: string }, type: SqlType, pos: SourcePos | undefined): BoundExpr {
  try {
    return { kind: 'literal', value: castText(e.value, type), type };
  } catch (err) {
    if (err instanceof QueryRuntimeError) throw new SqlTypeError(err.message, pos);
    throw err;
  }
}

/** Converts `e` to `type` implicitly, or throws a type error described by `context`. */
export function coerce(e: BoundExpr, type: SqlType, pos: SourcePos | undefined, context?: string): BoundExpr {
  if (e.type === type) {
    if (e.kind === 'literal' && e.untypedString === true) return { kind: 'literal', value: e.value, type };
    return e;
  }
  if (isUntypedString(e)) return castLiteralText(e, type, pos);
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, type };
  if (isImplicitlyConvertible(e.type, type)) return { kind: 'cast', arg: e, type };
  throw new SqlTypeError(context ?? `cannot convert ${e.type} to ${type} implicitly (use CAST)`, pos);
}

/** Coerces two operands to one type for comparison, IN, CASE, COALESCE... */
export function unify(a: BoundExpr, b: BoundExpr, pos: SourcePos | undefined, what: string): [BoundExpr, BoundExpr] {
  const ua = isUntypedString(a);
  const ub = isUntypedString(b);
  if (ua && !ub && b.type !== 'null') return [castLiteralText(a, b.type, pos), b];
  if (ub && !ua && a.type !== 'null') return [a, castLiteralText(b, a.type, pos)];
  const t = commonSuperType(a.type, b.type);
  if (t === null) throw new SqlTypeError(`${what}: ${a.type} and ${b.type} cannot be compared`, pos);
  const target = t === 'null' ? 'text' : t;
  return [coerce(a, target, pos), coerce(b, target, pos)];
}

/** The common type of many expressions (untyped literals follow the typed ones). */
export function unifyAll(exprs: readonly BoundExpr[], pos: SourcePos | undefined, what: string): BoundExpr[] {
  let t: SqlType = 'null';
  for (const e of exprs) {
    if (isUntypedString(e)) continue;
    const c = commonSuperType(t, e.type);
    if (c === null) throw new SqlTypeError(`${what} types ${t} and ${e.type} cannot be matched`, pos);
    t = c;
  }
  if (t === 'null') t = exprs.some(isUntypedString) ? 'text' : 'null';
  const target = t;
  return exprs.map((e) => (target === 'null' ? e : coerce(e, target, pos)));
}

/** Types the arithmetic `a op b`, coercing operands; returns [left, right, result type]. */
export function typeArithmetic(op: ArithOp, a: BoundExpr, b: BoundExpr, pos: SourcePos): [BoundExpr, BoundExpr, SqlType] {
  const ua = isUntypedString(a);
  const ub = isUntypedString(b);
  if (ua && !ub) a = castLiteralText(a as BoundExpr & { kind: 'literal'; value: string }, literalTargetFor(b.type), pos);
  else if (ub && !ua) b = castLiteralText(b as BoundExpr & { kind: 'literal'; value: string }, literalTargetFor(a.type), pos);
  else if (ua && ub) throw new SqlTypeError(`operator is not unique: unknown ${op} unknown (add a CAST)`, pos);
  const l = a.type === 'null' ? (b.type === 'null' ? 'bigint' : b.type) : a.type;
  const r = b.type === 'null' ? l : b.type;
  a = a.type === 'null' ? coerce(a, l, pos) : a;
  b = b.type === 'null' ? coerce(b, r, pos) : b;
  if (isNumericType(l) && isNumericType(r)) {
    const t: SqlType = l === 'bigint' && r === 'bigint' ? 'bigint' : 'double';
    return [coerce(a, t, pos), coerce(b, t, pos), t];
  }
  if (op === '-' && l === 'timestamp' && r === 'timestamp') return [a, b, 'interval'];
  if ((op === '+' || op === '-') && l === 'timestamp' && r === 'interval') return [a, b, 'timestamp'];
  if (op === '+' && l === 'interval' && r === 'timestamp') return [a, b, 'timestamp'];
  if ((op === '+' || op === '-') && l === 'interval' && r === 'interval') return [a, b, 'interval'];
  if (op === '*' && l === 'interval' && isNumericType(r)) return [a, coerce(b, 'double', pos), 'interval'];
  if (op === '*' && isNumericType(l) && r === 'interval') return [coerce(a, 'double', pos), b, 'interval'];
  if (op === '/' && l === 'interval' && isNumericType(r)) return [a, coerce(b, 'double', pos), 'interval'];
  throw new SqlTypeError(`operator does not exist: ${l} ${op} ${r}`, pos);
}

/** The type an untyped literal takes next to an operand of type t in arithmetic. */
function literalTargetFor(t: SqlType): SqlType {
  if (t === 'timestamp' || t === 'interval') return 'interval';
  if (t === 'null') return 'double';
  return t;
}
