/**
 * The shape of a scalar SQL function: a type signature the binder uses (with implicit
 * coercion of its arguments) and a vectorised implementation the executor calls on
 * dense argument vectors. Implementations never see per-row objects.
 */
import type { Scalar } from '../values/scalar.ts';
import type { SqlType } from '../values/sql-type.ts';
import type { StringCharge } from '../values/string-charge.ts';
import type { Vec } from '../values/vec.ts';

/** What the binder learns from a signature: the types to coerce arguments to, and the result type. */
export interface ResolvedSignature {
  readonly params: readonly SqlType[];
  readonly returns: SqlType;
}

export interface ScalarFunctionDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * Resolves argument types to a signature, or returns an error message. `consts[i]` is
   * the value of argument i when it is a literal (undefined otherwise).
   */
  resolve(argTypes: readonly SqlType[], consts: readonly (Scalar | undefined)[]): ResolvedSignature | string;
  /**
   * Evaluates on dense vectors of length n (constants are broadcast; their values are in
   * consts). Functions that build strings pass `charge` to their StringOut.
   */
  evaluate(args: readonly Vec[], n: number, consts: readonly (Scalar | undefined)[], returns: SqlType, charge?: StringCharge): Vec;
}
