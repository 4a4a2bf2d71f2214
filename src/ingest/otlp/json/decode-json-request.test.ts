import { describe, expect, test } from 'bun:test';
import { quoteLongInt64Numbers } from './decode-json-request.ts';

const BIG = '1796018399123456789';

describe('quoteLongInt64Numbers', () => {
  test('quotes long integers of int64 fields, directly and inside their arrays', () => {
    expect(quoteLongInt64Numbers(`{"timeUnixNano":${BIG}}`)).toBe(`{"timeUnixNano":"${BIG}"}`);
    expect(quoteLongInt64Numbers(`{"intValue" :\n -${BIG} }`)).toBe(`{"intValue" :\n "-${BIG}" }`);
    expect(quoteLongInt64Numbers(`{"bucketCounts":[1,${BIG},[${BIG}]]}`)).toBe(`{"bucketCounts":[1,"${BIG}",["${BIG}"]]}`);
    expect(quoteLongInt64Numbers(`{"a":{"count":${BIG}},"flags":${BIG}}`)).toBe(`{"a":{"count":"${BIG}"},"flags":"${BIG}"}`);
    expect(JSON.parse(quoteLongInt64Numbers(`{"v":[{"intValue":9007199254740993},{"intValue":-9223372036854775808}]}`))).toEqual({
      v: [{ intValue: '9007199254740993' }, { intValue: '-9223372036854775808' }],
    });
  });

  test('leaves short integers, other fields, doubles and string contents alone', () => {
    const same = [
      `{"timeUnixNano":123456789012345}`,
      `{"asDouble":${BIG}}`,
      `{"timeUnixNano":${BIG}.5}`,
      `{"timeUnixNano":${BIG}e3}`,
      `{"timeUnixNano":1.${BIG}}`,
      `{"timeUnixNano":"${BIG}"}`,
      `{"s":"\\"timeUnixNano\\":${BIG}"}`,
      `{"s":"\\\\","x":${BIG}}`,
      `{"intValue":[{"a":${BIG}}]}`,
      `{"bucketCounts":[1],"b":${BIG}}`,
      `[${BIG}]`,
      BIG,
    ];
    for (const text of same) expect(quoteLongInt64Numbers(text)).toBe(text);
  });

  test('an escaped key still names its field', () => {
    expect(quoteLongInt64Numbers(`{"time\\u0055nixNano":${BIG}}`)).toBe(`{"time\\u0055nixNano":"${BIG}"}`);
  });

  test('never makes invalid JSON valid or valid JSON invalid', () => {
    // Deterministic fuzz: documents with long numbers in int64 fields, cut and mutated.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '-', '0', '.', 'e', BIG, `"timeUnixNano"`, `"bucketCounts"`, `"x"`, 'true'];
    const base = `{"resourceLogs":[{"logRecords":[{"timeUnixNano":${BIG},"body":{"stringValue":"a\\"b"},"flags":-${BIG},"x":[${BIG}]}]}]}`;
    const parses = (t: string): boolean => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    for (let k = 0; k < 3000; k++) {
      let text = base;
      for (let m = rand(4); m >= 0; m--) {
        const at = rand(text.length + 1);
        const op = rand(3);
        if (op === 0) text = text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + rand(3));
        else text = text.slice(0, at);
      }
      expect({ text, valid: parses(quoteLongInt64Numbers(text)) }).toEqual({ text, valid: parses(text) });
    }
  });

  test('absurd nesting is passed through unchanged', () => {
    const deep = '['.repeat(2000) + `{"intValue":${BIG}}` + ']'.repeat(2000);
    expect(quoteLongInt64Numbers(deep)).toBe(deep);
  });
});
