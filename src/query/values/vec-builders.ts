/**
 * Output helpers for kernels that know their row count up front: fixed-size typed
 * arrays plus lazily allocated validity, and a string builder that interns results into
 * a fresh dictionary (so a computed string column is still codes + dictionary).
 */
import { checkStringLength, stringBytes, type StringCharge } from './string-charge.ts';
import type { Vec } from './vec.ts';

/** StringOut charges its new strings in steps of about this many bytes (not per value). */
const CHARGE_STEP_BYTES = 1 << 20;

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

/**
 * A fixed-length string/json output that interns values into a new dictionary. Each new
 * entry is checked against MAX_STRING_CHARS, and the entries' bytes are charged to
 * `charge` in steps while the vector is built, so a runaway vector fails before it is
 * complete rather than after.
 */
export class StringOut {
  readonly codes: Int32Array;
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private unchargedBytes = 0;
  private chargedBytes = 0;
  constructor(
    readonly length: number,
    readonly type: 'string' | 'json' = 'string',
    private readonly charge: StringCharge | null = null,
  ) {
    this.codes = new Int32Array(length);
  }
  /** Bytes of the dictionary's strings charged so far (all of them once finished). */
  get bytes(): number {
    return this.chargedBytes + this.unchargedBytes;
  }
  set(i: number, s: string | null): void {
    if (s === null) {
      this.codes[i] = -1;
      return;
    }
    let c = this.index.get(s);
    if (c === undefined) {
      checkStringLength(s.length);
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
      this.unchargedBytes += stringBytes(s.length);
      if (this.unchargedBytes >= CHARGE_STEP_BYTES) this.flushCharge();
    }
    this.codes[i] = c;
  }
  finish(): Vec {
    this.flushCharge();
    return { type: this.type, length: this.length, codes: this.codes, dict: this.dict };
  }
  private flushCharge(): void {
    const bytes = this.unchargedBytes;
    this.unchargedBytes = 0;
    this.chargedBytes += bytes;
    if (bytes > 0) this.charge?.charge(bytes);
  }
}
