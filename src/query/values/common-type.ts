/**
 * Implicit type resolution, PostgreSQL style: bigint widens to double, NULL takes any
 * type, text and json meet as text; nothing else converts implicitly. Untyped string
 * literals are handled by the binder (they take the other side's type).
 */
import type { SqlType } from './sql-type.ts';

/** The type both `a` and `b` implicitly convert to, or null when there is none. */
export function commonSuperType(a: SqlType, b: SqlType): SqlType | null {
  if (a === b) return a;
  if (a === 'null') return b;
  if (b === 'null') return a;
  if ((a === 'bigint' && b === 'double') || (a === 'double' && b === 'bigint')) return 'double';
  if ((a === 'text' && b === 'json') || (a === 'json' && b === 'text')) return 'text';
  return null;
}

/** True when a value of type `from` converts implicitly (without CAST) to `to`. */
export function isImplicitlyConvertible(from: SqlType, to: SqlType): boolean {
  return from === to || from === 'null' || (from === 'bigint' && to === 'double') || (from === 'json' && to === 'text') || (from === 'text' && to === 'json');
}
