/**
 * Growable builders that produce vectors and batches. Used by decoders, the head and
 * tests. Capacity grows geometrically up to a cap, then linearly, so one huge column
 * never doubles at once (PERF-NOTES: typed arrays cost their bytes plus slack).
 */
import { makeBatch, type Batch } from './batch.ts';
import type { DataType, Schema } from './data-type.ts';
import { splitNs } from './timestamp.ts';
import type { Vector } from './vector.ts';

const LINEAR_GROWTH_ROWS = 1 << 20;

function grownCapacity(current: number, needed: number): number {
  let cap = Math.max(current, 16);
  while (cap < needed) cap = cap < LINEAR_GROWTH_ROWS ? cap * 2 : cap + LINEAR_GROWTH_ROWS;
  return cap;
}

function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, cap: number, fill = 0): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** A JS value accepted by `VectorBuilder.appendValue` (timestamps as bigint ns). */
export type BuilderValue = null | undefined | boolean | number | string | bigint;

export interface VectorBuilder {
  readonly type: DataType;
  readonly length: number;
  appendNull(): void;
  /** Appends a plain JS value of the builder's type (see BuilderValue). */
  appendValue(value: BuilderValue): void;
  /** Returns the vector of everything appended so far (trimmed copy; the builder stays usable). */
  finish(): Vector;
  /** Approximate bytes held. */
  byteSize(): number;
}

/** Validity tracked lazily: no allocation until the first null. */
class Validity {
  bits: Uint8Array | null = null;

  markNull(i: number, capacity: number): void {
    if (this.bits === null) this.bits = new Uint8Array(capacity).fill(1);
    else if (this.bits.length < capacity) this.bits = growU8(this.bits, capacity, 1);
    this.bits[i] = 0;
  }

  ensure(capacity: number): void {
    if (this.bits !== null && this.bits.length < capacity) this.bits = growU8(this.bits, capacity, 1);
  }

  finish(length: number): Uint8Array | null {
    return this.bits === null ? null : this.bits.slice(0, length);
  }
}

export class Float64Builder implements VectorBuilder {
  length = 0;
  values: Float64Array = new Float64Array(64);
  private readonly validity = new Validity();
  constructor(readonly type: 'float64' | 'int64') {}

  append(v: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = v;
  }
  appendNull(): void {
    if (this.length === this.values.length) this.grow();
    this.validity.markNull(this.length, this.values.length);
    this.values[this.length++] = 0;
  }
  appendValue(value: BuilderValue): void {
    if (value === null || value === undefined) this.appendNull();
    else this.append(Number(value));
  }
  private grow(): void {
    const cap = grownCapacity(this.values.length, this.length + 1);
    this.values = growF64(this.values, cap);
    this.validity.ensure(cap);
  }
  finish(): Vector {
    return { type: this.type, length: this.length, values: this.values.slice(0, this.length), validity: this.validity.finish(this.length) };
  }
  byteSize(): number {
    return this.values.byteLength + (this.validity.bits?.byteLength ?? 0);
  }
}

export class BooleanBuilder implements VectorBuilder {
  readonly type = 'boolean' as const;
  length = 0;
  values: Uint8Array = new Uint8Array(64);
  private readonly validity = new Validity();

  append(v: boolean): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = v ? 1 : 0;
  }
  appendNull(): void {
    if (this.length === this.values.length) this.grow();
    this.validity.markNull(this.length, this.values.length);
    this.values[this.length++] = 0;
  }
  appendValue(value: BuilderValue): void {
    if (value === null || value === undefined) this.appendNull();
    else this.append(Boolean(value));
  }
  private grow(): void {
    const cap = grownCapacity(this.values.length, this.length + 1);
    this.values = growU8(this.values, cap);
    this.validity.ensure(cap);
  }
  finish(): Vector {
    return { type: 'boolean', length: this.length, values: this.values.slice(0, this.length), validity: this.validity.finish(this.length) };
  }
  byteSize(): number {
    return this.values.byteLength + (this.validity.bits?.byteLength ?? 0);
  }
}

export class TimestampBuilder implements VectorBuilder {
  readonly type = 'timestamp' as const;
  length = 0;
  ms: Float64Array = new Float64Array(64);
  nanos: Int32Array = new Int32Array(64);
  private readonly validity = new Validity();

  /** Appends a timestamp already split into (ms, nanos), see timestamp.ts. */
  appendSplit(ms: number, nanos: number): void {
    if (this.length === this.ms.length) this.grow();
    this.ms[this.length] = ms;
    this.nanos[this.length++] = nanos;
  }
  appendNs(ns: bigint): void {
    const [ms, nanos] = splitNs(ns);
    this.appendSplit(ms, nanos);
  }
  appendNull(): void {
    if (this.length === this.ms.length) this.grow();
    this.validity.markNull(this.length, this.ms.length);
    this.ms[this.length] = 0;
    this.nanos[this.length++] = 0;
  }
  appendValue(value: BuilderValue): void {
    if (value === null || value === undefined) this.appendNull();
    else if (typeof value === 'bigint') this.appendNs(value);
    else if (typeof value === 'number') this.appendNs(BigInt(Math.trunc(value)));
    else throw new TypeError(`cannot append ${typeof value} to a timestamp column`);
  }
  private grow(): void {
    const cap = grownCapacity(this.ms.length, this.length + 1);
    this.ms = growF64(this.ms, cap);
    this.nanos = growI32(this.nanos, cap);
    this.validity.ensure(cap);
  }
  finish(): Vector {
    return {
      type: 'timestamp',
      length: this.length,
      ms: this.ms.slice(0, this.length),
      nanos: this.nanos.slice(0, this.length),
      validity: this.validity.finish(this.length),
    };
  }
  byteSize(): number {
    return this.ms.byteLength + this.nanos.byteLength + (this.validity.bits?.byteLength ?? 0);
  }
}

/** Interns strings into a dictionary as they are appended. */
export class DictionaryBuilder implements VectorBuilder {
  length = 0;
  codes: Int32Array = new Int32Array(64);
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private dictBytes = 0;
  constructor(readonly type: 'string' | 'json') {}

  /** Returns the code of `s`, adding it to the dictionary if new. */
  intern(s: string): number {
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
      this.dictBytes += 2 * s.length + 48;
    }
    return code;
  }
  append(s: string): void {
    this.appendCode(this.intern(s));
  }
  /** Appends a code previously returned by `intern` (or -1 for null). */
  appendCode(code: number): void {
    if (this.length === this.codes.length) this.codes = growI32(this.codes, grownCapacity(this.codes.length, this.length + 1));
    this.codes[this.length++] = code;
  }
  appendNull(): void {
    this.appendCode(-1);
  }
  appendValue(value: BuilderValue): void {
    if (value === null || value === undefined) this.appendNull();
    else this.append(String(value));
  }
  finish(): Vector {
    return { type: this.type, length: this.length, codes: this.codes.slice(0, this.length), dict: this.dict.slice() };
  }
  byteSize(): number {
    return this.codes.byteLength + this.dictBytes;
  }
}

/** A builder for any logical type. */
export function createVectorBuilder(type: DataType): VectorBuilder {
  switch (type) {
    case 'boolean':
      return new BooleanBuilder();
    case 'int64':
    case 'float64':
      return new Float64Builder(type);
    case 'timestamp':
      return new TimestampBuilder();
    case 'string':
    case 'json':
      return new DictionaryBuilder(type);
  }
}

/** Builds a batch from row objects keyed by field name; missing keys are null. For tests and small inputs. */
export function batchFromRows(schema: Schema, rows: readonly Record<string, BuilderValue>[]): Batch {
  const builders = schema.fields.map((f) => createVectorBuilder(f.type));
  for (const row of rows) {
    schema.fields.forEach((f, i) => builders[i].appendValue(row[f.name]));
  }
  return makeBatch(schema, builders.map((b) => b.finish()));
}
