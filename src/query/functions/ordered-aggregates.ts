/**
 * Aggregates that pick the value at the extreme of an ordering key: first_value /
 * last_value "by time" (SPEC §7) and arg_min / arg_max (alias min_by / max_by). The key
 * is the second argument; the binder supplies the table's `timestamp` column when
 * first_value/last_value is called with one argument. NULL keys and NULL values are
 * skipped; ties keep the row seen first.
 */
import { vecTypeOf, type SqlType } from '../values/sql-type.ts';
import { ValueStore } from '../values/value-store.ts';
import type { Vec } from '../values/vec.ts';
import { validAt, type AggregateDef, type GroupedAccumulator } from './aggregate-function.ts';

class ArgExtremeAccumulator implements GroupedAccumulator {
  private readonly values: ValueStore;
  private readonly keys: ValueStore;
  constructor(
    valueType: SqlType,
    keyType: SqlType,
    private readonly sign: 1 | -1,
  ) {
    this.values = new ValueStore(vecTypeOf(valueType));
    this.keys = new ValueStore(vecTypeOf(keyType));
  }
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const [v, key] = args;
    this.values.ensure(groupCount);
    this.keys.ensure(groupCount);
    for (let i = 0; i < n; i++) {
      if (!validAt(key, i) || !validAt(v, i)) continue;
      const k = g[i];
      if (!this.keys.has(k) || this.sign * this.keys.compare(key, i, k) > 0) {
        this.keys.put(k, key, i);
        this.values.put(k, v, i);
      }
    }
  }
  finish(groupCount: number): Vec {
    return this.values.finish(groupCount);
  }
  bytes(): number {
    return this.values.bytes() + this.keys.bytes();
  }
}

function argExtreme(name: string, sign: 1 | -1): AggregateDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (types) => {
      const v = types[0] === 'null' ? 'text' : types[0];
      if (types[1] === 'null') return `${name} needs an ordering key`;
      return { params: [v, types[1]], returns: v };
    },
    create: (types, returns) => new ArgExtremeAccumulator(returns, types[1], sign),
  };
}

export const ORDERED_AGGREGATES: readonly AggregateDef[] = [
  argExtreme('first_value', -1),
  argExtreme('last_value', 1),
  argExtreme('arg_min', -1),
  argExtreme('arg_max', 1),
  argExtreme('min_by', -1),
  argExtreme('max_by', 1),
];
