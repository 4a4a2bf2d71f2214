/**
 * Thrift compact protocol reader for Parquet metadata. Every read is bounds-checked and
 * every length is checked against the bytes left, so corrupt input fails fast with a
 * PartCorruptError instead of allocating or recursing without limit.
 */
import { PartCorruptError } from '../part-corrupt-error.ts';
import { CompactType } from './compact-writer.ts';

const MAX_DEPTH = 32;
const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** The writable form of a readonly model type, for filling it field by field. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One field header: its type code and id (type Stop ends the struct). */
export interface FieldHeader {
  readonly type: number;
  readonly id: number;
}

/** A cursor over compact-protocol bytes. */
export class CompactReader {
  pos: number;
  private lastFieldId = 0;
  private readonly idStack: number[] = [];
  private depth = 0;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new PartCorruptError(`corrupt thrift metadata at byte ${this.pos}: ${what}`);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 up to 2^53 (longer varints are corrupt for Parquet metadata). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        if (result > Number.MAX_SAFE_INTEGER) this.fail('varint too large');
        return result;
      }
      mul *= 128;
    }
    return this.fail('varint too long');
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  i32(): number {
    const v = this.zigzag();
    if (v < -2147483648 || v > 2147483647) this.fail('i32 out of range');
    return v;
  }

  i64(): number {
    return this.zigzag();
  }

  double(): number {
    if (this.pos + 8 > this.end) this.fail('unexpected end in double');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  binary(): Uint8Array {
    const n = this.varint();
    if (n > this.end - this.pos) this.fail(`binary of ${n} bytes exceeds the ${this.end - this.pos} left`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    try {
      return textDecoder.decode(this.binary());
    } catch (err) {
      if (err instanceof PartCorruptError) throw err;
      return this.fail('string is not UTF-8');
    }
  }

  /** Enters a struct: field ids restart from 0. */
  beginStruct(): void {
    if (++this.depth > MAX_DEPTH) this.fail('structs nested too deeply');
    this.idStack.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  endStruct(): void {
    this.depth--;
    this.lastFieldId = this.idStack.pop() ?? 0;
  }

  /** Next field header; type Stop (0) means the struct ended. */
  fieldHeader(): FieldHeader {
    const b = this.byte();
    const type = b & 0x0f;
    if (type === CompactType.Stop) return { type, id: 0 };
    const delta = b >> 4;
    const id = delta === 0 ? this.i32() : this.lastFieldId + delta;
    this.lastFieldId = id;
    if (type > CompactType.Struct) this.fail(`unknown field type ${type}`);
    return { type, id };
  }

  /** Reads a list header; returns element type and size (checked against bytes left). */
  listHeader(): { elementType: number; size: number } {
    const b = this.byte();
    const size = b >> 4 === 15 ? this.varint() : b >> 4;
    const elementType = b & 0x0f;
    if (size > this.end - this.pos) this.fail(`list of ${size} elements exceeds the ${this.end - this.pos} bytes left`);
    return { elementType, size };
  }

  /** Value of a bool field (the type code carries it). */
  boolOf(header: FieldHeader): boolean {
    if (header.type === CompactType.True) return true;
    if (header.type === CompactType.False) return false;
    return this.fail(`field ${header.id} is not a bool`);
  }

  /** A bool list element. */
  boolElement(): boolean {
    return this.byte() === 1;
  }

  expect(header: FieldHeader, type: CompactType): void {
    if (header.type !== type) this.fail(`field ${header.id} has type ${header.type}, expected ${type}`);
  }

  /** Skips a value of `type` (unknown fields are allowed by Thrift). */
  skip(type: number): void {
    switch (type) {
      case CompactType.True:
      case CompactType.False:
        return;
      case CompactType.Byte:
        this.byte();
        return;
      case CompactType.I16:
      case CompactType.I32:
      case CompactType.I64:
        this.varint();
        return;
      case CompactType.Double:
        this.double();
        return;
      case CompactType.Binary:
        this.binary();
        return;
      case CompactType.List:
      case CompactType.Set: {
        const { elementType, size } = this.listHeader();
        if (++this.depth > MAX_DEPTH) this.fail('lists nested too deeply');
        for (let i = 0; i < size; i++) this.skipElement(elementType);
        this.depth--;
        return;
      }
      case CompactType.Map: {
        const size = this.varint();
        if (size === 0) return;
        if (size > this.end - this.pos) this.fail('map too large');
        const kv = this.byte();
        if (++this.depth > MAX_DEPTH) this.fail('maps nested too deeply');
        for (let i = 0; i < size; i++) {
          this.skipElement(kv >> 4);
          this.skipElement(kv & 0x0f);
        }
        this.depth--;
        return;
      }
      case CompactType.Struct:
        this.skipStruct();
        return;
      default:
        this.fail(`cannot skip type ${type}`);
    }
  }

  private skipElement(type: number): void {
    if (type === CompactType.True || type === CompactType.False) this.byte();
    else this.skip(type);
  }

  skipStruct(): void {
    this.beginStruct();
    for (;;) {
      const h = this.fieldHeader();
      if (h.type === CompactType.Stop) break;
      this.skip(h.type);
    }
    this.endStruct();
  }

  /** Reads a struct, calling `onField` for each field; `onField` must consume the value (or return false to skip it). */
  struct(onField: (h: FieldHeader) => boolean): void {
    this.beginStruct();
    for (;;) {
      const h = this.fieldHeader();
      if (h.type === CompactType.Stop) break;
      if (!onField(h)) this.skip(h.type);
    }
    this.endStruct();
  }

  /** `value`, or a failure naming the missing required field. */
  required<T>(value: T | undefined, what: string): T {
    if (value === undefined) this.fail(`missing required ${what}`);
    return value;
  }

  /** A list-valued field whose elements `readOne` reads. */
  listOf<T>(h: FieldHeader, elementType: CompactType, readOne: () => T): T[] {
    this.expect(h, CompactType.List);
    const { elementType: et, size } = this.listHeader();
    // Bool lists may declare either bool type code.
    const ok = et === elementType || (elementType === CompactType.True && et === CompactType.False);
    if (!ok && size > 0) this.fail(`list field ${h.id} has element type ${et}, expected ${elementType}`);
    const out: T[] = [];
    for (let i = 0; i < size; i++) out.push(readOne());
    return out;
  }

  /** An i32 (or narrower) field's value. */
  i32Of(h: FieldHeader): number {
    if (h.type !== CompactType.I32 && h.type !== CompactType.I16 && h.type !== CompactType.Byte) this.fail(`field ${h.id} is not an integer`);
    return h.type === CompactType.Byte ? this.byte() : this.i32();
  }

  /** An i64 (or i32) field's value. */
  i64Of(h: FieldHeader): number {
    if (h.type !== CompactType.I64 && h.type !== CompactType.I32) this.fail(`field ${h.id} is not an i64`);
    return this.i64();
  }

  binaryOf(h: FieldHeader): Uint8Array {
    this.expect(h, CompactType.Binary);
    return this.binary();
  }

  stringOf(h: FieldHeader): string {
    this.expect(h, CompactType.Binary);
    return this.string();
  }
}
