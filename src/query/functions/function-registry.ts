/**
 * Every scalar function by name, for the binder (signatures, "did you mean") and the
 * executor (implementations). Aggregates and window functions have their own tables in
 * aggregate-registry.ts and window-functions.ts.
 */
import { CONDITIONAL_FUNCTIONS } from './conditional-functions.ts';
import { JSON_FUNCTIONS } from './json-functions.ts';
import { MATH_FUNCTIONS } from './math-functions.ts';
import type { ScalarFunctionDef } from './scalar-function.ts';
import { STRING_FUNCTIONS } from './string-functions.ts';
import { TIME_FUNCTIONS } from './time-functions.ts';

const ALL: readonly ScalarFunctionDef[] = [...STRING_FUNCTIONS, ...TIME_FUNCTIONS, ...MATH_FUNCTIONS, ...CONDITIONAL_FUNCTIONS, ...JSON_FUNCTIONS];

/** Immutable name → definition table. */
export const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunctionDef> = new Map(ALL.map((f) => [f.name, f]));

/** Looks up a scalar function by lower-case name. */
export function findScalarFunction(name: string): ScalarFunctionDef | undefined {
  return SCALAR_FUNCTIONS.get(name);
}
