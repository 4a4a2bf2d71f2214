/**
 * Thrift compact protocol writer, just enough for Parquet metadata: structs with
 * increasing field ids, i32/i64 (zigzag varints), binary/string, bool, lists. Values
 * are written as they come; the struct helpers in parquet-metadata-writer.ts decide the
 * fields. i64 values are JS numbers (exact to 2^53, far beyond any offset or count).
 */

/** Compact-protocol type codes. */
export const enum CompactType {
  Stop = 0,
  True = 1,
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
}

const textEncoder = new TextEncoder();

/** An append-only byte buffer with Thrift compact primitives. */
export class CompactWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;
  private lastFieldId = 0;
  private readonly fieldStack: number[] = [];

  constructor(initialBytes = 256) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** The bytes written so far (a view; copy before writing more). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  /** Zigzag varint of a signed integer with |v| < 2^52. */
  zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Starts field `id` of type `type` in the current struct. */
  field(id: number, type: CompactType): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.lastFieldId = id;
  }

  i32Field(id: number, v: number): void {
    this.field(id, CompactType.I32);
    this.zigzag(v);
  }
  i64Field(id: number, v: number): void {
    this.field(id, CompactType.I64);
    this.zigzag(v);
  }
  boolField(id: number, v: boolean): void {
    this.field(id, v ? CompactType.True : CompactType.False);
  }
  binaryField(id: number, v: Uint8Array): void {
    this.field(id, CompactType.Binary);
    this.varint(v.length);
    this.raw(v);
  }
  stringField(id: number, v: string): void {
    this.binaryField(id, textEncoder.encode(v));
  }

  /** Opens a struct-valued field (or, with id 0, a struct element of a list). */
  beginStruct(id = 0): void {
    if (id !== 0) this.field(id, CompactType.Struct);
    this.fieldStack.push(this.lastFieldId);
    this.lastFieldId = 0;
  }
  endStruct(): void {
    this.byte(CompactType.Stop);
    this.lastFieldId = this.fieldStack.pop() ?? 0;
  }

  /** Starts a list field of `size` elements of `elementType`. */
  listField(id: number, elementType: CompactType, size: number): void {
    this.field(id, CompactType.List);
    this.listHeader(elementType, size);
  }
  listHeader(elementType: CompactType, size: number): void {
    if (size < 15) this.byte((size << 4) | elementType);
    else {
      this.byte(0xf0 | elementType);
      this.varint(size);
    }
  }
  /** A list element of bool type (compact lists store bools as one byte each). */
  boolElement(v: boolean): void {
    this.byte(v ? 1 : 2);
  }
  binaryElement(v: Uint8Array): void {
    this.varint(v.length);
    this.raw(v);
  }
}
