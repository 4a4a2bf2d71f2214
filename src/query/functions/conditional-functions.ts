/**
 * Functions over values of any (common) type: coalesce, nullif, greatest, least. The
 * binder coerces all arguments to one type; the result takes each row from one argument.
 */
import { commonSuperType } from '../values/common-type.ts';
import { compareVecRows } from '../values/compare-values.ts';
import { DictionaryMerger } from '../values/concat-vecs.ts';
import { vecTypeOf, type SqlType } from '../values/sql-type.ts';
import { nullVec, vecIsNull, type Vec } from '../values/vec.ts';
import type { ResolvedSignature, ScalarFunctionDef } from './scalar-function.ts';

function resolveCommon(name: string, types: readonly SqlType[]): ResolvedSignature | string {
  let t: SqlType = 'null';
  for (const x of types) {
    const c = commonSuperType(t, x);
    if (c === null) return `${name} types ${t} and ${x} cannot be matched`;
    t = c;
  }
  return { params: types.map(() => t), returns: t };
}

/** Builds a vector taking row i from args[pick[i]] (pick -1 = null). */
export function pickRows(type: SqlType, args: readonly Vec[], pick: Int32Array, n: number): Vec {
  const vt = vecTypeOf(type);
  if (args.length === 0) return nullVec(vt, n);
  const first = args[0];
  if (first.type === 'string' || first.type === 'json') {
    const codes = new Int32Array(n);
    const shared = args.every((a) => (a as typeof first).dict === first.dict);
    const merger = shared ? null : new DictionaryMerger();
    for (let i = 0; i < n; i++) {
      const p = pick[i];
      if (p < 0) {
        codes[i] = -1;
        continue;
      }
      const a = args[p] as typeof first;
      const c = a.codes[i];
      codes[i] = c < 0 ? -1 : merger === null ? c : merger.code(merger.remapFor(a.dict), a.dict, c);
    }
    return { type: first.type, length: n, codes, dict: merger === null ? first.dict : merger.dict };
  }
  const validity = new Uint8Array(n);
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const ok = pick[i] >= 0 && !vecIsNull(args[pick[i]], i);
    validity[i] = ok ? 1 : 0;
    if (!ok) anyNull = true;
  }
  const val = anyNull ? validity : null;
  switch (first.type) {
    case 'boolean': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (pick[i] >= 0) values[i] = (args[pick[i]] as typeof first).values[i];
      return { type: 'boolean', length: n, values, validity: val };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) if (pick[i] >= 0) values[i] = (args[pick[i]] as typeof first).values[i];
      return { type: first.type, length: n, values, validity: val };
    }
    case 'timestamp': {
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (pick[i] < 0) continue;
        const a = args[pick[i]] as typeof first;
        ms[i] = a.ms[i];
        nanos[i] = a.nanos[i];
      }
      return { type: 'timestamp', length: n, ms, nanos, validity: val };
    }
    case 'interval': {
      const months = new Float64Array(n);
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (pick[i] < 0) continue;
        const a = args[pick[i]] as typeof first;
        months[i] = a.months[i];
        ms[i] = a.ms[i];
        nanos[i] = a.nanos[i];
      }
      return { type: 'interval', length: n, months, ms, nanos, validity: val };
    }
  }
}

const coalesce: ScalarFunctionDef = {
  name: 'coalesce',
  minArgs: 1,
  maxArgs: 100,
  resolve: (types) => resolveCommon('COALESCE', types),
  evaluate(args, n, _c, returns) {
    const pick = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < args.length; a++) {
        if (!vecIsNull(args[a], i)) {
          pick[i] = a;
          break;
        }
      }
    }
    return pickRows(returns, args, pick, n);
  },
};

const nullif: ScalarFunctionDef = {
  name: 'nullif',
  minArgs: 2,
  maxArgs: 2,
  resolve: (types) => resolveCommon('NULLIF', types),
  evaluate(args, n, _c, returns) {
    const [a, b] = args;
    const pick = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (vecIsNull(a, i)) pick[i] = -1;
      else if (!vecIsNull(b, i) && compareVecRows(a, i, b, i) === 0) pick[i] = -1;
      else pick[i] = 0;
    }
    return pickRows(returns, args, pick, n);
  },
};

function extreme(name: string, sign: 1 | -1): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 100,
    resolve: (types) => resolveCommon(name.toUpperCase(), types),
    evaluate(args, n, _c, returns) {
      const pick = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        let best = -1;
        for (let a = 0; a < args.length; a++) {
          if (vecIsNull(args[a], i)) continue;
          if (best < 0 || sign * compareVecRows(args[a], i, args[best], i) > 0) best = a;
        }
        pick[i] = best;
      }
      return pickRows(returns, args, pick, n);
    },
  };
}

export const CONDITIONAL_FUNCTIONS: readonly ScalarFunctionDef[] = [coalesce, nullif, extreme('greatest', 1), extreme('least', -1)];
