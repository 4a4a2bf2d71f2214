/**
 * query/functions/: the SQL function library. Scalar functions (function-registry.ts:
 * string, time, math, conditional, JSON map access), aggregates (aggregate-registry.ts:
 * grouped accumulators over typed arrays, folding rows or runs of rows; percentile ranks
 * in percentile-select.ts) and the list of window functions. Start
 * reading at scalar-function.ts and aggregate-function.ts.
 */
export { findScalarFunction, SCALAR_FUNCTIONS } from './function-registry.ts';
export { findAggregate, AGGREGATE_FUNCTIONS, WINDOW_FUNCTIONS } from './aggregate-registry.ts';
export type { ScalarFunctionDef, ResolvedSignature } from './scalar-function.ts';
export type { AggregateDef, GroupedAccumulator } from './aggregate-function.ts';
export { likePrefix } from './string-functions.ts';
export { pickRows } from './conditional-functions.ts';
export { findJsonMember, jsonValueText } from './json-functions.ts';
