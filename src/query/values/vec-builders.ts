/**
 * Output helpers for kernels that know their row count up front: fixed-size typed
 * arrays plus lazily allocated validity, and a string builder that interns results into
 * a fresh dictionary (so a computed string column is still codes + dictionary).
 */
import type { Vec } from './vec.ts';

/** A fixed-length numeric (int64/float64) output. */
export class NumberOut {
  readonly values: Float64Array;
  private validity: Uint8Array | null = null;
  constructor(
    readonly type: 'int64' | 'float64',
    readonly length: number,
  ) {
    this.values = new Float64Array(length);
  }
  setNull(i: number): void {
    if (this.validity === null) this.validity = new Uint8Array(this.length).fill(1);
    this.validity[i] = 0;
  }
  finish(): Vec {
    return { type: this.type, length: this.length, values: this.values, validity: this.validity };
  }
}

/** A fixed-length boolean output. */
export class BoolOut {
  readonly values: Uint8Array;
  private validity: Uint8Array | null = null;
  constructor(readonly length: number) {
    this.values = new Uint8Array(length);
  }
  setNull(i: number): void {
    if (this.validity === null) this.validity = new Uint8Array(this.length).fill(1);
    this.validity[i] = 0;
  }
  finish(): Vec {
    return { type: 'boolean', length: this.length, values: this.values, validity: this.validity };
  }
}

/** A fixed-length timestamp output. */
export class TimestampOut {
  readonly ms: Float64Array;
  readonly nanos: Int32Array;
  private validity: Uint8Array | null = null;
  constructor(readonly length: number) {
    this.ms = new Float64Array(length);
    this.nanos = new Int32Array(length);
  }
  setNull(i: number): void {
    if (this.validity === null) this.validity = new Uint8Array(this.length).fill(1);
    this.validity[i] = 0;
  }
  finish(): Vec {
    return { type: 'timestamp', length: this.length, ms: this.ms, nanos: this.nanos, validity: this.validity };
  }
}

/** A fixed-length interval output. */
export class IntervalOut {
  readonly months: Float64Array;
  readonly ms: Float64Array;
  readonly nanos: Int32Array;
  private validity: Uint8Array | null = null;
  constructor(readonly length: number) {
    this.months = new Float64Array(length);
    this.ms = new Float64Array(length);
    this.nanos = new Int32Array(length);
  }
  setNull(i: number): void {
    if (this.validity === null) this.validity = new Uint8Array(this.length).fill(1);
    this.validity[i] = 0;
  }
  finish(): Vec {
    return { type: 'interval', length: this.length, months: this.months, ms: this.ms, nanos: this.nanos, validity: this.validity };
  }
}

/** A fixed-length string/json output that interns values into a new dictionary. */
export class StringOut {
  readonly codes: Int32Array;
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(
    readonly length: number,
    readonly type: 'string' | 'json' = 'string',
  ) {
    this.codes = new Int32Array(length);
  }
  set(i: number, s: string | null): void {
    if (s === null) {
      this.codes[i] = -1;
      return;
    }
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
    }
    this.codes[i] = c;
  }
  finish(): Vec {
    return { type: this.type, length: this.length, codes: this.codes, dict: this.dict };
  }
}
