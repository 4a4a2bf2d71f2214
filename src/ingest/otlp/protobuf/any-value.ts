/**
 * AnyValue / KeyValue / attribute runs from protobuf bytes to canonical JSON
 * (see ../canonical-json.ts). This is the slow, allocating path: the decoders call it
 * only for attribute runs and bodies they have not seen before.
 */
import { canonicalObjectJson, formatTypedDouble, quoteJson, type JsonEntry } from '../canonical-json.ts';
import { decodeUtf8, int64DecimalFromHalves, WIRE_I64, WIRE_LEN, WIRE_VARINT, WireReader } from '../wire/index.ts';

/** Deeper AnyValue nesting than this is treated as malformed (protects the stack). */
const MAX_DEPTH = 64;

/** Canonical JSON of the AnyValue message in [r.pos, end). */
export function anyValueJson(r: WireReader, end: number, depth = 0): string {
  if (depth > MAX_DEPTH) r.fail('AnyValue nested too deeply');
  let json = 'null';
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1: {
        r.expect(wt, WIRE_LEN, 'AnyValue.string_value');
        const e = r.lengthEnd(end);
        json = quoteJson(decodeUtf8(r.buf, r.pos, e));
        r.pos = e;
        break;
      }
      case 2:
        r.expect(wt, WIRE_VARINT, 'AnyValue.bool_value');
        r.varint64();
        json = r.lo !== 0 || r.hi !== 0 ? 'true' : 'false';
        break;
      case 3:
        r.expect(wt, WIRE_VARINT, 'AnyValue.int_value');
        r.varint64();
        json = int64DecimalFromHalves(r.lo, r.hi);
        break;
      case 4:
        r.expect(wt, WIRE_I64, 'AnyValue.double_value');
        json = formatTypedDouble(r.double());
        break;
      case 5: {
        r.expect(wt, WIRE_LEN, 'AnyValue.array_value');
        json = arrayValueJson(r, r.lengthEnd(end), depth + 1);
        break;
      }
      case 6: {
        r.expect(wt, WIRE_LEN, 'AnyValue.kvlist_value');
        json = canonicalObjectJson(keyValueListEntries(r, r.lengthEnd(end), depth + 1));
        break;
      }
      case 7: {
        r.expect(wt, WIRE_LEN, 'AnyValue.bytes_value');
        const e = r.lengthEnd(end);
        json = '"' + r.buf.subarray(r.pos, e).toBase64() + '"';
        r.pos = e;
        break;
      }
      default:
        r.skip(wt, end, field);
    }
  }
  r.finishMessage(end);
  return json;
}

function arrayValueJson(r: WireReader, end: number, depth: number): string {
  let json = '[';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) {
      r.expect(tag & 7, WIRE_LEN, 'ArrayValue.values');
      if (json.length > 1) json += ',';
      json += anyValueJson(r, r.lengthEnd(end), depth);
    } else r.skip(tag & 7, end, tag >>> 3);
  }
  r.finishMessage(end);
  return json + ']';
}

function keyValueListEntries(r: WireReader, end: number, depth: number): JsonEntry[] {
  const entries: JsonEntry[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) {
      r.expect(tag & 7, WIRE_LEN, 'KeyValueList.values');
      entries.push(keyValueEntry(r, r.lengthEnd(end), depth));
    } else r.skip(tag & 7, end, tag >>> 3);
  }
  r.finishMessage(end);
  return entries;
}

/** One KeyValue message in [r.pos, end). */
export function keyValueEntry(r: WireReader, end: number, depth: number): JsonEntry {
  let key = '';
  let json = 'null';
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      r.expect(tag & 7, WIRE_LEN, 'KeyValue.key');
      const e = r.lengthEnd(end);
      key = decodeUtf8(r.buf, r.pos, e);
      r.pos = e;
    } else if (field === 2) {
      r.expect(tag & 7, WIRE_LEN, 'KeyValue.value');
      json = anyValueJson(r, r.lengthEnd(end), depth + 1);
    } else r.skip(tag & 7, end, field);
  }
  r.finishMessage(end);
  return { key, json };
}

/**
 * Entries of an attribute run: consecutive `[tag][length][KeyValue]` fields in
 * `buf[start, end)` (the field number is whatever the enclosing message uses).
 */
export function attributeRunEntries(buf: Uint8Array, start: number, end: number): JsonEntry[] {
  const r = new WireReader(buf);
  r.pos = start;
  const entries: JsonEntry[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    r.expect(tag & 7, WIRE_LEN, 'attributes');
    entries.push(keyValueEntry(r, r.lengthEnd(end), 0));
  }
  return entries;
}
