/**
 * OTLP/JSON AnyValue / KeyValue lists to canonical JSON (see ../canonical-json.ts), so a
 * value sent as JSON stores exactly the text the same value sent as protobuf stores.
 */
import { summarizeAttributes, type AttributeSummary } from '../attribute-summary.ts';
import { canonicalObjectJson, formatTypedDouble, quoteJson, type JsonEntry } from '../canonical-json.ts';
import { arrayOf, boolOf, doubleOf, integerText, malformed, objectOrNull, stringOf } from './json-values.ts';

const MAX_DEPTH = 64;

/** Canonical JSON of an AnyValue object (`null` when absent or empty). */
export function anyValueJsonOf(v: unknown, path: string, depth = 0): string {
  if (depth > MAX_DEPTH) malformed(path, 'is nested too deeply');
  const o = objectOrNull(v, path);
  if (o === null) return 'null';
  if (o.stringValue !== undefined && o.stringValue !== null) return quoteJson(stringOf(o.stringValue, `${path}.stringValue`));
  if (o.boolValue !== undefined && o.boolValue !== null) return boolOf(o.boolValue, `${path}.boolValue`) ? 'true' : 'false';
  if (o.intValue !== undefined && o.intValue !== null) return integerText(o.intValue, `${path}.intValue`);
  if (o.doubleValue !== undefined && o.doubleValue !== null) return formatTypedDouble(doubleOf(o.doubleValue, `${path}.doubleValue`));
  if (o.arrayValue !== undefined && o.arrayValue !== null) {
    const values = arrayOf(objectOrNull(o.arrayValue, `${path}.arrayValue`)?.values, `${path}.arrayValue.values`);
    let out = '[';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) out += ',';
      out += anyValueJsonOf(values[i], `${path}.arrayValue.values[${i}]`, depth + 1);
    }
    return out + ']';
  }
  if (o.kvlistValue !== undefined && o.kvlistValue !== null) {
    const values = objectOrNull(o.kvlistValue, `${path}.kvlistValue`)?.values;
    return canonicalObjectJson(keyValueEntriesOf(values, `${path}.kvlistValue.values`, depth + 1));
  }
  if (o.bytesValue !== undefined && o.bytesValue !== null) {
    const text = stringOf(o.bytesValue, `${path}.bytesValue`);
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.fromBase64(text);
    } catch {
      malformed(`${path}.bytesValue`, 'must be base64');
    }
    return '"' + bytes.toBase64() + '"';
  }
  return 'null';
}

/** Entries of a KeyValue array. */
export function keyValueEntriesOf(v: unknown, path: string, depth = 0): JsonEntry[] {
  const list = arrayOf(v, path);
  const entries: JsonEntry[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const kv = objectOrNull(list[i], `${path}[${i}]`);
    if (kv === null) malformed(`${path}[${i}]`, 'must be a KeyValue object');
    entries[i] = { key: stringOf(kv.key, `${path}[${i}].key`), json: anyValueJsonOf(kv.value, `${path}[${i}].value`, depth + 1) };
  }
  return entries;
}

/** Canonical JSON, cap check and service name of an attributes array. */
export function attributesOf(v: unknown, path: string): AttributeSummary {
  return summarizeAttributes(keyValueEntriesOf(v, path));
}
