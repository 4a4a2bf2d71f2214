/**
 * Review finding 8: OTLP/JSON accepts 64-bit integers as strings *or* numbers (SPEC §4),
 * and a bare JSON number of 16+ digits must keep every digit (JSON.parse alone rounds it
 * to a double: 1796018399123456789 ns became …:59.123456768Z). Each request is decoded
 * as protobuf and as OTLP/JSON with its int64 fields written as bare numbers; the rows
 * must be identical, and the exact values must be there.
 */
import { describe, expect, test } from 'bun:test';
import { batchToRows, type TableName } from '../../src/columnar/index.ts';
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, IngestRejectedError, makeDecodeContext } from '../../src/ingest/index.ts';
import { encodeBoth, int, kv, logsRequest, metricsRequest, ns, RECEIVE_MS, spansRequest, str, type Obj } from './otlp-request-builders.ts';
import { loadCamelCaseProto } from './otlp-reference-rows.ts';

const root = loadCamelCaseProto();
const decoders = createOtlpDecoders();
const ctx = makeDecodeContext(RECEIVE_MS, DEFAULT_INGEST_LIMITS);

const INT64_KEYS = 'timeUnixNano|startTimeUnixNano|endTimeUnixNano|observedTimeUnixNano|intValue|asInt|count|zeroCount|flags|droppedAttributesCount';
const QUOTED_INT64 = new RegExp(`"(${INT64_KEYS})":"(-?[0-9]+)"`, 'g');
const QUOTED_COUNTS = /"bucketCounts":\[([^\]]*)\]/g;

/** OTLP/JSON text of `request` with every int64 field as a bare JSON number. */
function withBareNumbers(json: Uint8Array): string {
  const text = new TextDecoder()
    .decode(json)
    .replace(QUOTED_INT64, '"$1":$2')
    .replace(QUOTED_COUNTS, (_, list: string) => `"bucketCounts":[${list.replaceAll('"', '')}]`);
  expect(text).not.toMatch(QUOTED_INT64);
  return text;
}

const decodeJsonText = (table: TableName, text: string) => decoders[table].decode('json', new TextEncoder().encode(text), 'default', ctx);

/** Rows of `request` decoded from protobuf, checked equal to its bare-number JSON rows. */
function rowsBothWays(table: TableName, request: Obj): Record<string, unknown>[] {
  const bodies = encodeBoth(root, table, request);
  const proto = decoders[table].decode('protobuf', bodies.protobuf, 'default', ctx);
  expect(proto.rejected).toBe(0);
  const protoRows = batchToRows(proto.batch);
  const text = withBareNumbers(bodies.json);
  const json = decodeJsonText(table, text);
  expect(json.rejected).toBe(0);
  expect(batchToRows(json.batch)).toEqual(protoRows);
  return protoRows;
}

/** A nanosecond timestamp text no double can hold (odd, 19 digits). */
const T = ns(-1000, 123_457);
const T_START = ns(-60_000, 987_655);
const bigInts: Obj[] = [
  kv('above53', int('9007199254740993')),
  kv('max64', int('9223372036854775807')),
  kv('min64', int('-9223372036854775808')),
  kv('neg', int('-9007199254740995')),
  kv('small', int('-42')),
  kv('nested', { arrayValue: { values: [int('1234567890123456789'), { kvlistValue: { values: [kv('deep', int('-1234567890123456789'))] } }] } }),
];

describe('int64 as bare JSON numbers is exact', () => {
  test('metrics: timestamps, AnyValue ints, bucket counts', () => {
    const rows = rowsBothWays(
      'metrics',
      metricsRequest([
        { name: 'g', gauge: { dataPoints: [{ startTimeUnixNano: T_START, timeUnixNano: T, asInt: '-7', attributes: bigInts }] } },
        {
          name: 'h',
          histogram: {
            aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA',
            dataPoints: [{ timeUnixNano: T, count: '12', sum: 1, bucketCounts: ['18446744073709551615', '9007199254740993', '3'], explicitBounds: [1, 2] }],
          },
        },
        {
          name: 'e',
          exponentialHistogram: {
            aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE',
            dataPoints: [{ timeUnixNano: T, count: '7', zeroCount: '9007199254740995', positive: { offset: 1, bucketCounts: ['9007199254740997'] } }],
          },
        },
      ]),
    );
    expect(rows).toHaveLength(3);
    const attributes = String(rows[0].attributes);
    expect(attributes).toContain('"above53":9007199254740993');
    expect(attributes).toContain('"max64":9223372036854775807');
    expect(attributes).toContain('"min64":-9223372036854775808');
    expect(attributes).toContain('"neg":-9007199254740995');
    expect(attributes).toContain('"nested":[1234567890123456789,{"deep":-1234567890123456789}]');
    expect(rows[1].buckets).toBe('{"bounds":[1,2],"counts":[18446744073709551615,9007199254740993,3]}');
    expect(String(rows[2].buckets)).toContain('"zero_count":9007199254740995');
    expect(String(rows[2].buckets)).toContain('"counts":[9007199254740997]');
  });

  test('the exact nanosecond timestamp reaches the row', () => {
    const text = `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"timeUnixNano":${T},"startTimeUnixNano":${T_START},"asDouble":1}]}}]}]}]}`;
    const viaNumber = batchToRows(decodeJsonText('metrics', text).batch);
    const viaString = batchToRows(decodeJsonText('metrics', text.replace(T, `"${T}"`).replace(T_START, `"${T_START}"`)).batch);
    expect(viaNumber).toEqual(viaString);
    expect(viaNumber).toHaveLength(1);
    // The last digits are the ones a double loses.
    expect(viaNumber[0].timestamp).toBe(BigInt(T));
    expect(viaNumber[0].start_timestamp).toBe(BigInt(T_START));
    expect(String(T)).toEndWith('123457');
  });

  test('logs: time, observed time, body and attributes', () => {
    const rows = rowsBothWays(
      'logs',
      logsRequest([{ timeUnixNano: T, observedTimeUnixNano: ns(0, 1), severityNumber: 9, body: int('-9007199254740993'), attributes: bigInts, flags: 1 }]),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].body).toBe('-9007199254740993');
    expect(String(rows[0].attributes)).toContain('"above53":9007199254740993');
  });

  test('spans: start, end, event times, link and event attributes', () => {
    const rows = rowsBothWays(
      'spans',
      spansRequest([
        {
          traceId: Buffer.alloc(16, 1).toString('base64'),
          spanId: Buffer.alloc(8, 2).toString('base64'),
          name: 'op',
          kind: 2,
          startTimeUnixNano: T_START,
          endTimeUnixNano: T,
          attributes: bigInts,
          events: [{ timeUnixNano: ns(-30_000, 999_999), name: 'e', attributes: [kv('n', int('9007199254740993'))] }],
          links: [{ traceId: Buffer.alloc(16, 3).toString('base64'), spanId: Buffer.alloc(8, 4).toString('base64'), attributes: [kv('l', int('-9007199254740993'))] }],
        },
      ]),
    );
    expect(rows).toHaveLength(1);
    expect(String(rows[0].attributes)).toContain('"min64":-9223372036854775808');
    expect(String(rows[0].events)).toContain('9007199254740993');
    expect(String(rows[0].links)).toContain('-9007199254740993');
  });
});

describe('only int64 number tokens change', () => {
  const metric = (point: string) => `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[${point}]}}]}]}]}`;

  test('digits inside strings, keys and escapes stay as sent', () => {
    const tricky = [
      `{"key":"s1","value":{"stringValue":"timeUnixNano\\":12345678901234567890"}}`,
      `{"key":"s2","value":{"stringValue":"back\\\\","intValue":null}}`,
      `{"key":"s3","value":{"stringValue":"a\\"b:1234567890123456789,[1234567890123456789"}}`,
      `{"key":"1234567890123456789","value":{"intValue":1234567890123456789}}`,
    ].join(',');
    const rows = batchToRows(decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asDouble":1,"attributes":[${tricky}]}`)).batch);
    expect(JSON.parse(String(rows[0].attributes))).toEqual({
      s1: 'timeUnixNano":12345678901234567890',
      s2: 'back\\',
      s3: 'a"b:1234567890123456789,[1234567890123456789',
      '1234567890123456789': 1234567890123456789,
    });
    expect(String(rows[0].attributes)).toContain('{"1234567890123456789":1234567890123456789,');
  });

  test('doubles keep their double value, and string fields still refuse numbers', () => {
    const rows = batchToRows(decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asDouble":12345678901234567890}`)).batch);
    expect(rows[0].value).toBe(12345678901234567890);
    expect(() => decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asDouble":1,"attributes":[{"key":"k","value":{"stringValue":12345678901234567890}}]}`))).toThrow(
      IngestRejectedError,
    );
  });

  test('invalid JSON numbers stay invalid', () => {
    for (const bad of ['01234567890123456789', '-01234567890123456789', '12345678901234567890.', '1234567890123456789a', '--1234567890123456789']) {
      expect(() => decodeJsonText('metrics', metric(`{"timeUnixNano":${bad},"asDouble":1}`))).toThrow(IngestRejectedError);
    }
  });

  test('fractions and exponents are not integers', () => {
    expect(() => decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asInt":1234567890123456.5}`))).toThrow('must be an integer');
    const rows = batchToRows(decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asInt":1.2345678901234567e18}`)).batch);
    expect(rows[0].value).toBe(1.2345678901234567e18);
  });
});

describe('the exact second parse', () => {
  const metric = (points: string) => `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[${points}]}}]}]}]}`;

  test('starts rows and rejections over: nothing is counted twice', () => {
    const tooOld = `{"timeUnixNano":"1000","asDouble":1}`;
    const plain = `{"timeUnixNano":"${T}","asDouble":2}`;
    const bare = `{"timeUnixNano":${T},"asDouble":3,"attributes":[{"key":"n","value":{"intValue":9007199254740993}}]}`;
    const result = decodeJsonText('metrics', metric([tooOld, plain, bare, tooOld].join(',')));
    expect(result.rejected).toBe(2);
    expect(result.rejectedByReason).toEqual({ timestamp_out_of_window: 2 });
    const rows = batchToRows(result.batch);
    expect(rows.map((r) => r.value)).toEqual([2, 3]);
    expect(rows[1]).toMatchObject({ timestamp: BigInt(T), attributes: '{"n":9007199254740993}' });
  });

  test('an int64 number beyond 64 bits is malformed, as the same digits in a string are', () => {
    for (const v of ['99999999999999999999', '"99999999999999999999"', '-9223372036854775809']) {
      expect(() => decodeJsonText('metrics', metric(`{"timeUnixNano":${T},"asDouble":1,"attributes":[{"key":"k","value":{"intValue":${v}}}]}`))).toThrow('out of the 64-bit range');
    }
  });

  test('rounded numbers in fields that are no int64 are read as before, once', () => {
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":${T},"severityNumber":12345678901234567890,"body":{"intValue":1e300}}]}]}]}`;
    const result = decodeJsonText('logs', text);
    expect(result.rejected).toBe(0);
    expect(batchToRows(result.batch)).toHaveLength(1);
  });
});
