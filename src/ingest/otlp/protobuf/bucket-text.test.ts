import { describe, expect, test } from 'bun:test';
import { batchToRows } from '../../../columnar/index.ts';
import { DEFAULT_INGEST_LIMITS } from '../../ingest-limits.ts';
import { exponentialBucketsJson, exponentialSideJson, histogramBucketsJson, quantileJson, summaryBucketsJson } from '../bucket-json.ts';
import { formatPlainDouble } from '../canonical-json.ts';
import { makeDecodeContext } from '../decode-context.ts';
import { OtlpDecoder } from '../otlp-decoder.ts';
import { AsciiTextArena, uint64DecimalFromHalves } from '../wire/index.ts';
import { F64Scratch, U64Scratch, writeExponentialText, writeHistogramText, writeSummaryText } from './bucket-text.ts';

const U64_SAMPLES: [number, number][] = [
  [0, 0],
  [7, 0],
  [0x7fffffff, 0],
  [0x80000000, 0],
  [0xffffffff, 0],
  [5, 1],
  [0xffffffff, 0x1fffff],
  [0, 0x200000],
  [0xffffffff, -1],
];
const DOUBLES = [0, -0, 0.005, 1, 2.5, -3.25, 1e21, 1e-7, NaN, Infinity, -Infinity];

function u64(samples: [number, number][]): U64Scratch {
  const s = new U64Scratch();
  for (const [lo, hi] of samples) s.push(lo | 0, hi);
  return s;
}

describe('bucket text writers give the text of bucket-json.ts', () => {
  test('histogram, exponential histogram and summary, with extreme values', () => {
    const arena = new AsciiTextArena();
    arena.begin();
    const countsText = U64_SAMPLES.map(([lo, hi]) => uint64DecimalFromHalves(lo, hi)).join(',');
    const bounds = new F64Scratch();
    for (const d of DOUBLES) bounds.push(d);
    const boundsText = DOUBLES.map(formatPlainDouble).join(',');
    const expected = [
      histogramBucketsJson(boundsText, countsText),
      histogramBucketsJson('1,2', countsText),
      histogramBucketsJson('', ''),
      exponentialBucketsJson(-3, uint64DecimalFromHalves(0xffffffff, -1), 1e-9, exponentialSideJson(-2147483648, countsText), exponentialSideJson(12, '')),
      summaryBucketsJson(DOUBLES.map((d, i) => quantileJson(i / 10, d)).join(',')),
      summaryBucketsJson(''),
    ];
    const codes = [
      writeHistogramText(arena, null, bounds, u64(U64_SAMPLES)),
      writeHistogramText(arena, '1,2', new F64Scratch(), u64(U64_SAMPLES)),
      writeHistogramText(arena, null, new F64Scratch(), new U64Scratch()),
      writeExponentialText(arena, -3, 0xffffffff, -1, 1e-9, { offset: -2147483648, counts: u64(U64_SAMPLES) }, { offset: 12, counts: new U64Scratch() }),
      (() => {
        const pairs = new F64Scratch();
        DOUBLES.forEach((d, i) => {
          pairs.push(i / 10);
          pairs.push(d);
        });
        return writeSummaryText(arena, pairs);
      })(),
      writeSummaryText(arena, new F64Scratch()),
    ];
    expect(codes).toEqual([0, 1, 2, 3, 4, 5]);
    expect(arena.finish()).toEqual(expected);
  });

  test('the arena grows, restarts per batch and refuses non-ASCII text', () => {
    const arena = new AsciiTextArena();
    arena.begin();
    const long = 'x'.repeat(70_000);
    for (let i = 0; i < 3000; i++) arena.add(i % 1000 === 0 ? long : `{"n":${i}}`);
    const all = arena.finish();
    expect(all.length).toBe(3000);
    expect(all[0]).toBe(long);
    expect(all[2999]).toBe('{"n":2999}');
    arena.begin();
    expect(arena.finish()).toEqual([]);
    expect(() => arena.add('é')).toThrow(/non-ASCII/);
  });
});

describe('histogram bounds in any field layout', () => {
  // Minimal protobuf writers for one histogram data point.
  const varint = (v: number): number[] => {
    const out: number[] = [];
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    return out;
  };
  const field = (n: number, wire: number, payload: number[]): number[] =>
    wire === 2 ? [...varint((n << 3) | 2), ...varint(payload.length), ...payload] : [...varint((n << 3) | wire), ...payload];
  const fixed64 = (v: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
  const doubles = (...xs: number[]): number[] => xs.flatMap((x) => [...new Uint8Array(Float64Array.of(x).buffer)]);
  const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
  const nowMs = 1_764_504_000_000;
  const ctx = makeDecodeContext(nowMs, DEFAULT_INGEST_LIMITS);

  function bucketsOf(...boundFields: number[][]): string {
    const point = [...field(3, 1, fixed64(BigInt(nowMs) * 1_000_000n)), ...field(6, 2, [...fixed64(1n), ...fixed64(2n)]), ...boundFields.flat()];
    const metric = [...field(1, 2, utf8('h')), ...field(9, 2, field(1, 2, point))];
    const body = new Uint8Array(field(1, 2, field(2, 2, field(2, 2, metric))));
    const rows = batchToRows(new OtlpDecoder('metrics').decode('protobuf', body, 'default', ctx).batch);
    return rows[0].buckets as string;
  }

  test('one packed field, several packed fields, unpacked values and mixtures keep their order', () => {
    const want = '{"bounds":[1,2.5,10,20],"counts":[1,2]}';
    expect(bucketsOf(field(7, 2, doubles(1, 2.5, 10, 20)))).toBe(want);
    expect(bucketsOf(field(7, 2, doubles(1, 2.5)), field(7, 2, doubles(10, 20)))).toBe(want);
    expect(bucketsOf(field(7, 1, doubles(1)), field(7, 1, doubles(2.5)), field(7, 1, doubles(10)), field(7, 1, doubles(20)))).toBe(want);
    expect(bucketsOf(field(7, 2, doubles(1, 2.5)), field(7, 1, doubles(10)), field(7, 2, doubles(20)))).toBe(want);
    expect(bucketsOf(field(7, 1, doubles(1)), field(7, 2, doubles(2.5, 10, 20)))).toBe(want);
    expect(bucketsOf(field(7, 2, []), field(7, 2, doubles(1, 2.5, 10, 20)))).toBe(want);
  });
});
