/**
 * Per-point validation (SPEC §4) and data-model fidelity, each case sent both as protobuf
 * and as OTLP/JSON: the two encodings must give identical rows and identical rejection
 * counts, and accepted rows must match the reference model.
 */
import { describe, expect, test } from 'bun:test';
import { batchToRows, type TableName } from '../../src/columnar/index.ts';
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, IngestRejectedError, makeDecodeContext, type DecodeResult } from '../../src/ingest/index.ts';
import {
  bool,
  dbl,
  encodeBoth,
  idB64,
  int,
  kv,
  logsRequest,
  metricsRequest,
  ns,
  RECEIVE_MS,
  resourceAttrs,
  spansRequest,
  str,
  type Obj,
} from './otlp-request-builders.ts';
import { loadCamelCaseProto, referenceRows } from './otlp-reference-rows.ts';

const root = loadCamelCaseProto();
const decoders = createOtlpDecoders();
const ctx = makeDecodeContext(RECEIVE_MS, DEFAULT_INGEST_LIMITS);

/** Decodes the request in both encodings, checks they agree, returns the protobuf result. */
function decodeBoth(table: TableName, request: Obj): DecodeResult {
  const bodies = encodeBoth(root, table, request);
  const viaProto = decoders[table].decode('protobuf', bodies.protobuf, 'default', ctx);
  const protoRows = batchToRows(viaProto.batch);
  const viaJson = decoders[table].decode('json', bodies.json, 'default', ctx);
  expect(batchToRows(viaJson.batch)).toEqual(protoRows);
  expect(viaJson.rejected).toBe(viaProto.rejected);
  expect(viaJson.rejectedByReason).toEqual(viaProto.rejectedByReason);
  return viaProto;
}

function expectReference(table: TableName, request: Obj): Record<string, unknown>[] {
  const result = decodeBoth(table, request);
  expect(result.rejected).toBe(0);
  const rows = batchToRows(result.batch);
  expect(rows).toEqual(referenceRows(table, request, BigInt(RECEIVE_MS) * 1_000_000n));
  return rows;
}

const everyValueType: Obj[] = [
  kv('s', str('text "quoted" \u00e9')),
  kv('b', bool(true)),
  kv('i', int(-42)),
  kv('big', int('9007199254740993')),
  kv('min64', int('-9223372036854775808')),
  kv('d', dbl(1)),
  kv('d2', dbl(0.1)),
  kv('nan', dbl(NaN)),
  kv('inf', dbl(-Infinity)),
  kv('bytes', { bytesValue: Buffer.from([0, 1, 254, 255]).toString('base64') }),
  kv('arr', { arrayValue: { values: [str('a'), int(1), { arrayValue: { values: [] } }, {}] } }),
  kv('map', { kvlistValue: { values: [kv('z', int(1)), kv('a', { kvlistValue: { values: [kv('deep', bool(false))] } })] } }),
  kv('empty', {}),
  kv('dup', str('first')),
  kv('dup', str('last')),
];

describe('metrics', () => {
  test('every metric type and AnyValue type is kept', () => {
    const point = (extra: Obj) => ({ startTimeUnixNano: ns(-60_000), timeUnixNano: ns(-1000, 123), attributes: [kv('k', str('v'))], ...extra });
    const rows = expectReference(
      'metrics',
      metricsRequest([
        { name: 'g.double', unit: 'ms', gauge: { dataPoints: [point({ asDouble: 2.5, attributes: everyValueType }), point({ asDouble: NaN }), point({ asDouble: Infinity })] } },
        { name: 'g.int', gauge: { dataPoints: [point({ asInt: '-7', flags: 1 }), point({})] } },
        { name: 's.delta', sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA', isMonotonic: true, dataPoints: [point({ asInt: '12' })] } },
        { name: 's.cum', sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE', dataPoints: [point({ asDouble: -1 })] } },
        {
          name: 'h',
          histogram: {
            aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA',
            dataPoints: [
              point({ count: '6', sum: 12.5, min: 0.5, max: 9, bucketCounts: ['1', '2', '3'], explicitBounds: [1, 5] }),
              point({ count: '0', bucketCounts: [], explicitBounds: [] }),
            ],
          },
        },
        {
          name: 'e',
          exponentialHistogram: {
            aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE',
            dataPoints: [
              point({
                count: '7',
                sum: 3,
                scale: -2,
                zeroCount: '1',
                zeroThreshold: 0.001,
                positive: { offset: 3, bucketCounts: ['1', '2'] },
                negative: { offset: -4, bucketCounts: ['3'] },
                min: -5,
                max: 5,
              }),
            ],
          },
        },
        { name: 'q', summary: { dataPoints: [point({ count: '10', sum: 55, quantileValues: [{ quantile: 0.5, value: 5 }, { quantile: 0.99, value: 9.9 }] })] } },
      ]),
    );
    expect(rows).toHaveLength(11);
    expect(JSON.parse(rows[0].attributes as string)).toMatchObject({ s: 'text "quoted" é', b: true, i: -42, dup: 'last', nan: 'NaN', inf: '-Infinity', bytes: 'AAH+/w==' });
    expect(rows[0].attributes).toContain('"big":9007199254740993,');
    expect(rows[0].attributes).toContain('"d":1.0,');
    expect(rows[0].attributes).toContain('"arr":["a",1,[],null]');
    expect(rows[0].attributes).toContain('"map":{"a":{"deep":false},"z":1}');
    expect(rows[1].value).toBeNaN();
    expect(rows[4].value).toBeNull();
    expect(rows[5]).toMatchObject({ temporality: 'delta', is_monotonic: true, value: 12 });
    expect(rows[6]).toMatchObject({ temporality: 'cumulative', is_monotonic: false });
    expect(rows[7]).toMatchObject({ type: 'histogram', count: 6, sum: 12.5, min: 0.5, max: 9, buckets: '{"bounds":[1,5],"counts":[1,2,3]}' });
    expect(rows[8]).toMatchObject({ sum: null, min: null, max: null });
    expect(JSON.parse(rows[9].buckets as string)).toEqual({ scale: -2, zero_count: 1, zero_threshold: 0.001, positive: { offset: 3, counts: [1, 2] }, negative: { offset: -4, counts: [3] } });
    expect(rows[10]).toMatchObject({ type: 'summary', count: 10, sum: 55, temporality: null, buckets: '{"quantiles":[{"quantile":0.5,"value":5},{"quantile":0.99,"value":9.9}]}' });
    expect(rows[0]).toMatchObject({ service_name: 'svc', scope_name: 'test-scope', scope_version: '1.0', unit: 'ms' });
  });

  test('timestamp window: inclusive bounds, points outside rejected individually', () => {
    const late = DEFAULT_INGEST_LIMITS.lateArrivalSeconds * 1000;
    const future = DEFAULT_INGEST_LIMITS.futureSeconds * 1000;
    const times = [ns(-late), ns(-late - 1), ns(future), ns(future + 1), ns(0), '0'];
    const result = decodeBoth('metrics', metricsRequest([{ name: 'm', gauge: { dataPoints: times.map((t) => ({ timeUnixNano: t, asDouble: 1 })) } }]));
    expect(result.batch.length).toBe(3);
    expect(result.rejected).toBe(3);
    expect(result.rejectedByReason).toEqual({ timestamp_out_of_window: 3 });
    expect(result.firstRejection).toContain('outside the accepted window');
  });

  test('a metric without a name has all its points rejected', () => {
    const result = decodeBoth('metrics', metricsRequest([{ name: '', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 1 }, { timeUnixNano: ns(0), asDouble: 2 }] } }, { name: 'ok', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 3 }] } }]));
    expect(result.batch.length).toBe(1);
    expect(result.rejectedByReason).toEqual({ missing_metric_name: 2 });
  });

  test('attribute caps: 128 attributes and 4 KiB per key+value', () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => kv(`k${i}`, int(i)));
    // canonical JSON of a string value is its quoted text: key "k" (1 byte) + quotes (2) + payload
    const sized = (total: number) => [kv('k', str('x'.repeat(total - 3)))];
    const points = [attrs(128), attrs(129), sized(4096), sized(4097)].map((a) => ({ timeUnixNano: ns(0), asDouble: 1, attributes: a }));
    const result = decodeBoth('metrics', metricsRequest([{ name: 'm', gauge: { dataPoints: points } }]));
    expect(result.batch.length).toBe(2);
    expect(result.rejectedByReason).toEqual({ too_many_attributes: 1, attribute_too_large: 1 });
    const resourceTooBig = decodeBoth('metrics', metricsRequest([{ name: 'm', gauge: { dataPoints: [points[0], points[2]] } }], attrs(129)));
    expect(resourceTooBig.batch.length).toBe(0);
    expect(resourceTooBig.rejectedByReason).toEqual({ too_many_attributes: 2 });
    expect(resourceTooBig.firstRejection).toContain('resource');
  });

  test('no service.name → unknown_service; several resources and scopes keep their own columns', () => {
    const request = {
      resourceMetrics: [
        { resource: { attributes: [kv('host.name', str('a'))] }, scopeMetrics: [{ metrics: [{ name: 'm1', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 1 }] } }] }] },
        {
          resource: { attributes: resourceAttrs('svc-b') },
          scopeMetrics: [
            { scope: { name: 's1' }, metrics: [{ name: 'm2', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 2 }] } }] },
            { scope: { name: 's2', version: 'v' }, metrics: [{ name: 'm3', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 3 }] } }] },
          ],
        },
      ],
    };
    const rows = expectReference('metrics', request);
    expect(rows.map((r) => [r.name, r.service_name, r.scope_name, r.scope_version])).toEqual([
      ['m1', 'unknown_service', null, null],
      ['m2', 'svc-b', 's1', null],
      ['m3', 'svc-b', 's2', 'v'],
    ]);
  });
});

describe('logs', () => {
  test('bodies of every type, time fallbacks, ids and severities', () => {
    const rows = expectReference(
      'logs',
      logsRequest([
        { timeUnixNano: ns(-5), observedTimeUnixNano: ns(-1), severityNumber: 'SEVERITY_NUMBER_WARN', severityText: 'WARN', body: str('plain'), attributes: everyValueType, traceId: idB64(16, 0xab), spanId: idB64(8, 0xcd), flags: 1, eventName: 'ev' },
        { observedTimeUnixNano: ns(-2), body: { kvlistValue: { values: [kv('b', int(2)), kv('a', dbl(1.5))] } } },
        { body: int(7), traceId: idB64(16, 0), spanId: idB64(8, 0) },
        { body: { arrayValue: { values: [bool(false)] } } },
        { body: { bytesValue: 'AQI=' } },
        { body: {} },
        {},
      ]),
    );
    expect(rows.map((r) => r.body)).toEqual(['plain', '{"a":1.5,"b":2}', '7', '[false]', 'AQI=', null, null]);
    expect(rows[0]).toMatchObject({ severity_number: 13, severity_text: 'WARN', trace_id: 'ab'.repeat(16), span_id: 'cd'.repeat(8), flags: 1, event_name: 'ev' });
    expect(rows[1].timestamp).toBe(BigInt(ns(-2)));
    expect(rows[2]).toMatchObject({ trace_id: null, span_id: null, observed_timestamp: null });
    expect(rows[6].timestamp).toBe(BigInt(RECEIVE_MS) * 1_000_000n);
  });

  test('bodies over 64 KiB are truncated at a character boundary and marked', () => {
    const long = 'é'.repeat(40_000); // 80,000 UTF-8 bytes
    const structured = { kvlistValue: { values: [kv('blob', str('x'.repeat(70_000)))] } };
    const result = decodeBoth('logs', logsRequest([{ timeUnixNano: ns(0), body: str(long), attributes: [kv('a', int(1))] }, { timeUnixNano: ns(0), body: structured }]));
    const rows = batchToRows(result.batch);
    expect(result.rejected).toBe(0);
    expect(rows[0].body).toBe('é'.repeat(32_768));
    expect(rows[0].attributes).toBe('{"a":1,"pharlux.body_truncated_bytes":80000}');
    expect(new TextEncoder().encode(rows[1].body as string).length).toBe(65_536);
    expect(rows[1].attributes).toBe('{"pharlux.body_truncated_bytes":70011}');
  });

  test('ids of the wrong length reject the record', () => {
    const result = decodeBoth('logs', logsRequest([{ timeUnixNano: ns(0), traceId: idB64(15, 1) }, { timeUnixNano: ns(0), spanId: idB64(9, 1) }, { timeUnixNano: ns(0) }]));
    expect(result.batch.length).toBe(1);
    expect(result.rejectedByReason).toEqual({ invalid_id: 2 });
  });
});

describe('spans', () => {
  const span = (extra: Obj): Obj => ({
    traceId: idB64(16, 1),
    spanId: idB64(8, 2),
    name: 'op',
    kind: 'SPAN_KIND_SERVER',
    startTimeUnixNano: ns(-10),
    endTimeUnixNano: ns(-5, 7),
    ...extra,
  });

  test('events, links, status, kinds and parent ids', () => {
    const rows = expectReference(
      'spans',
      spansRequest([
        span({
          parentSpanId: idB64(8, 3),
          traceState: 'a=b',
          attributes: everyValueType,
          status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
          events: [{ timeUnixNano: ns(-7, 5), name: 'e1', attributes: [kv('x', int(1))] }, { timeUnixNano: ns(-6), name: 'e2' }],
          links: [{ traceId: idB64(16, 9), spanId: idB64(8, 8), traceState: 't=1', attributes: [kv('l', bool(true))], flags: 1 }, { traceId: idB64(16, 7), spanId: idB64(8, 6) }],
          flags: 257,
        }),
        span({ spanId: idB64(8, 4), parentSpanId: idB64(8, 0), kind: 'SPAN_KIND_CONSUMER', status: { code: 'STATUS_CODE_OK' } }),
        span({ spanId: idB64(8, 5), kind: 'SPAN_KIND_UNSPECIFIED' }),
      ]),
    );
    expect(rows[0]).toMatchObject({ parent_span_id: '03'.repeat(8), trace_state: 'a=b', status_code: 'ERROR', status_message: 'boom', kind: 'SERVER', duration_ns: 5_000_007, flags: 257 });
    expect(JSON.parse(rows[0].events as string)[0]).toEqual({ time: '2026-11-30T11:59:59.993000005Z', name: 'e1', attributes: { x: 1 } });
    expect(JSON.parse(rows[0].links as string)[0]).toEqual({ trace_id: '09'.repeat(16), span_id: '08'.repeat(8), trace_state: 't=1', attributes: { l: true }, flags: 1 });
    expect(rows[1]).toMatchObject({ parent_span_id: null, kind: 'CONSUMER', status_code: 'OK', events: '[]', links: '[]' });
    expect(rows[2].kind).toBe('UNSPECIFIED');
  });

  test('invalid ids, start outside the window and end before start reject the span', () => {
    const result = decodeBoth(
      'spans',
      spansRequest([
        span({ traceId: idB64(15, 1) }),
        span({ traceId: idB64(16, 0) }),
        span({ spanId: idB64(8, 0) }),
        span({ spanId: '' }),
        span({ parentSpanId: idB64(4, 1) }),
        span({ startTimeUnixNano: ns(-100 * 3_600_000) }),
        span({ endTimeUnixNano: ns(-11) }),
        span({}),
      ]),
    );
    expect(result.batch.length).toBe(1);
    expect(result.rejectedByReason).toEqual({ invalid_id: 5, timestamp_out_of_window: 1, span_end_before_start: 1 });
  });
});

describe('malformed input is a 400, never a partial write', () => {
  test('JSON of the wrong shape or types', () => {
    const bad = [
      '[]',
      '"x"',
      '{"resourceMetrics": {}}',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": 5}]}]}]}',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "m", "gauge": {"dataPoints": [{"timeUnixNano": "abc"}]}}]}]}]}',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "m", "gauge": {"dataPoints": [{"timeUnixNano": "1", "asInt": 1.5}]}}]}]}]}',
      '{"resourceMetrics": [{"resource": {"attributes": [{"key": "k", "value": {"boolValue": "yes"}}]}}]}',
      '{"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "m", "sum": {"aggregationTemporality": "SIDEWAYS"}}]}]}]}',
      '{"resourceMetrics": [',
    ];
    for (const text of bad) {
      expect(() => decoders.metrics.decode('json', new TextEncoder().encode(text), 'default', ctx)).toThrow(IngestRejectedError);
    }
    // Messages say where.
    expect(() => decoders.metrics.decode('json', new TextEncoder().encode(bad[3]), 'default', ctx)).toThrow(
      'malformed OTLP/JSON: resourceMetrics[0].scopeMetrics[0].metrics[0].name must be a string',
    );
    expect(() => decoders.metrics.decode('json', new TextEncoder().encode(bad[6]), 'default', ctx)).toThrow(
      'malformed OTLP/JSON: resourceMetrics[0].resource.attributes[0].value must be true or false',
    );
  });

  test('protobuf with invalid UTF-8, bad lengths or wrong nesting', () => {
    const valid = encodeBoth(root, 'metrics', metricsRequest([{ name: 'ab', gauge: { dataPoints: [{ timeUnixNano: ns(0), asDouble: 1 }] } }])).protobuf;
    const nameAt = Buffer.from(valid).indexOf(Buffer.from('ab'));
    const badUtf8 = valid.slice();
    badUtf8[nameAt] = 0xff;
    expect(() => decoders.metrics.decode('protobuf', badUtf8, 'default', ctx)).toThrow(/UTF-8/);
    expect(() => decoders.metrics.decode('protobuf', valid.slice(0, valid.length - 3), 'default', ctx)).toThrow(IngestRejectedError);
    const longer = valid.slice();
    longer[1] += 1; // outer length one past the end
    expect(() => decoders.metrics.decode('protobuf', longer, 'default', ctx)).toThrow(IngestRejectedError);
  });
});

describe('protobuf leniency', () => {
  /** Encodes a field: tag + payload (LEN payloads get their length prefix). */
  function field(num: number, wireType: number, payload: number[]): number[] {
    const out = [...varint((num << 3) | wireType)];
    return wireType === 2 ? [...out, ...varint(payload.length), ...payload] : [...out, ...payload];
  }
  function varint(n: number): number[] {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return out;
  }
  const utf8 = (s: string) => [...new TextEncoder().encode(s)];
  const fixed64 = (v: bigint) => [...new Uint8Array(new BigUint64Array([v]).buffer)];
  const double = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];
  const keyValue = (k: string, v: string) => field(7, 2, [...field(1, 2, utf8(k)), ...field(2, 2, field(1, 2, utf8(v)))]);

  test('fields in any order, unknown fields and interleaved attributes give the same rows', () => {
    const time = BigInt(ns(0));
    const canonicalPoint = [...field(3, 1, fixed64(time)), ...field(4, 1, double(4.5)), ...keyValue('a', '1'), ...keyValue('b', '2')];
    const shuffledPoint = [...keyValue('b', '2'), ...field(99, 0, [5]), ...field(4, 1, double(4.5)), ...keyValue('a', '1'), ...field(3, 1, fixed64(time))];
    const request = (point: number[], nameLast: boolean) => {
      const gauge = field(5, 2, field(1, 2, point));
      const name = field(1, 2, utf8('m'));
      const metric = nameLast ? [...gauge, ...field(12, 2, []), ...name] : [...name, ...gauge];
      return new Uint8Array(field(1, 2, field(2, 2, field(2, 2, metric))));
    };
    const a = batchToRows(decoders.metrics.decode('protobuf', request(canonicalPoint, false), 'default', ctx).batch);
    const b = batchToRows(decoders.metrics.decode('protobuf', request(shuffledPoint, true), 'default', ctx).batch);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ name: 'm', value: 4.5, attributes: '{"a":"1","b":"2"}', service_name: 'unknown_service', resource: '{}' });
    expect(b).toEqual(a);
  });

  test('packed and unpacked repeated fields are both accepted', () => {
    const time = BigInt(ns(0));
    const histogram = (packed: boolean) => {
      const counts = packed ? field(6, 2, [...fixed64(1n), ...fixed64(2n)]) : [...field(6, 1, fixed64(1n)), ...field(6, 1, fixed64(2n))];
      const bounds = packed ? field(7, 2, double(10)) : field(7, 1, double(10));
      const point = [...field(3, 1, fixed64(time)), ...field(4, 1, fixed64(3n)), ...counts, ...bounds];
      return new Uint8Array(field(1, 2, field(2, 2, field(2, 2, [...field(1, 2, utf8('h')), ...field(9, 2, field(1, 2, point))]))));
    };
    const packed = batchToRows(decoders.metrics.decode('protobuf', histogram(true), 'default', ctx).batch);
    const unpacked = batchToRows(decoders.metrics.decode('protobuf', histogram(false), 'default', ctx).batch);
    expect(packed[0].buckets).toBe('{"bounds":[10],"counts":[1,2]}');
    expect(unpacked).toEqual(packed);
  });
});
