import { expect, test } from 'bun:test';
import { canonicalObjectJson, formatPlainDouble, formatTypedDouble, quoteJson, utf8Length } from './canonical-json.ts';

test('doubles always look like doubles; non-finite values become strings', () => {
  expect(formatTypedDouble(1)).toBe('1.0');
  expect(formatTypedDouble(-3)).toBe('-3.0');
  expect(formatTypedDouble(0)).toBe('0.0');
  expect(formatTypedDouble(-0)).toBe('-0.0');
  expect(formatTypedDouble(0.5)).toBe('0.5');
  expect(formatTypedDouble(1e21)).toBe('1e+21');
  expect(formatTypedDouble(1.5e-7)).toBe('1.5e-7');
  expect(formatTypedDouble(NaN)).toBe('"NaN"');
  expect(formatTypedDouble(-Infinity)).toBe('"-Infinity"');
  expect(formatPlainDouble(5)).toBe('5');
  expect(formatPlainDouble(Infinity)).toBe('"Infinity"');
  for (const x of [1, 0.1, 1e21, -2.5e-300]) expect(JSON.parse(formatTypedDouble(x))).toBe(x);
});

test('objects sort keys and keep the last duplicate', () => {
  expect(canonicalObjectJson([])).toBe('{}');
  expect(
    canonicalObjectJson([
      { key: 'b', json: '1' },
      { key: 'a', json: '"x"' },
      { key: 'b', json: '2' },
      { key: 'é', json: 'true' },
      { key: 'Z', json: 'null' },
    ]),
  ).toBe('{"Z":null,"a":"x","b":2,"é":true}');
});

test('utf8Length agrees with TextEncoder', () => {
  for (const s of ['', 'abc', 'héllo', '日本語', '🎉x', 'a\u{10ffff}b', '\ud800', 'x\udc00y']) {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  }
});

test('quoteJson matches JSON.stringify', () => {
  for (const s of ['', 'plain', 'é ü 日本', 'q"uote', 'back\\slash', 'nl\n', '\u0001', '🎉', '\ud800x', 'x\udc00']) {
    expect(quoteJson(s)).toBe(JSON.stringify(s));
  }
});
