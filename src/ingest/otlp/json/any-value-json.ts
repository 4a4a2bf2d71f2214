/**
 * OTLP/JSON AnyValue / KeyValue lists to canonical JSON (see ../canonical-json.ts), so a
 * value sent as JSON stores exactly the text the same value sent as protobuf stores.
 */
import { summarizeAttributes, type AttributeSummary } from '../attribute-summary.ts';
import { canonicalObjectJson, formatTypedDouble, quoteJson, type JsonEntry } from '../canonical-json.ts';
import { arrayOf, boolOf, doubleOf, integerText, malformed, objectOrNull, stringOf, type JsonPath } from './json-values.ts';

const MAX_DEPTH = 64;

const present = (v: unknown): boolean => v !== undefined && v !== null;

/** Canonical JSON of the AnyValue object at `path`.`key` (`null` when absent or empty). */
export function anyValueJsonOf(v: unknown, path: JsonPath, key: string | number, depth = 0): string {
  if (depth > MAX_DEPTH) malformed(path, key, 'is nested too deeply');
  const o = objectOrNull(v, path, key);
  if (o === null) return 'null';
  if (present(o.stringValue)) return quoteJson(stringOf(o.stringValue, path, key));
  if (present(o.boolValue)) return boolOf(o.boolValue, path, key) ? 'true' : 'false';
  if (present(o.intValue)) return integerText(o.intValue, path, key);
  if (present(o.doubleValue)) return formatTypedDouble(doubleOf(o.doubleValue, path, key));
  if (present(o.arrayValue)) {
    path.in(key);
    const values = arrayOf(objectOrNull(o.arrayValue, path, 'arrayValue')?.values, path, 'arrayValue');
    path.in('arrayValue');
    let out = '[';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) out += ',';
      out += anyValueJsonOf(values[i], path, i, depth + 1);
    }
    path.out();
    path.out();
    return out + ']';
  }
  if (present(o.kvlistValue)) {
    path.in(key);
    const values = objectOrNull(o.kvlistValue, path, 'kvlistValue')?.values;
    path.in('kvlistValue');
    const json = canonicalObjectJson(keyValueEntriesOf(values, path, 'values', depth + 1));
    path.out();
    path.out();
    return json;
  }
  if (present(o.bytesValue)) {
    const text = stringOf(o.bytesValue, path, key);
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.fromBase64(text);
    } catch {
      malformed(path, key, 'bytesValue must be base64');
    }
    return '"' + bytes.toBase64() + '"';
  }
  return 'null';
}

/** Entries of the KeyValue array at `path`.`key`. */
export function keyValueEntriesOf(v: unknown, path: JsonPath, key: string, depth = 0): JsonEntry[] {
  const list = arrayOf(v, path, key);
  if (list.length === 0) return [];
  path.in(key);
  const entries: JsonEntry[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const kv = objectOrNull(list[i], path, i);
    if (kv === null) malformed(path, i, 'must be a KeyValue object');
    path.in(i);
    entries[i] = { key: stringOf(kv.key, path, 'key'), json: anyValueJsonOf(kv.value, path, 'value', depth + 1) };
    path.out();
  }
  path.out();
  return entries;
}

/** Canonical JSON, cap check and service name of the attributes array at `path`.`key`. */
export function attributesOf(v: unknown, path: JsonPath, key = 'attributes'): AttributeSummary {
  return summarizeAttributes(keyValueEntriesOf(v, path, key));
}
