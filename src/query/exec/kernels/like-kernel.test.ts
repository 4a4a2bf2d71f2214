import { describe, expect, test } from 'bun:test';
import { compileLike } from './like-kernel.ts';

const like = (s: string, pattern: string, escape: string | null = null, ci = false): boolean => compileLike(pattern, ci, escape)(s);

describe('compileLike', () => {
  test('wildcards', () => {
    expect(like('abc', 'a%')).toBe(true);
    expect(like('abc', '%c')).toBe(true);
    expect(like('abc', '%b%')).toBe(true);
    expect(like('abc', 'a_c')).toBe(true);
    expect(like('abc', '_')).toBe(false);
    expect(like('', '%')).toBe(true);
    expect(like('a\nb', 'a%b')).toBe(true);
  });

  test('an escaped % or _ is a literal, also when it is the whole literal run (PostgreSQL semantics)', () => {
    expect(like('abc', '%\\%%', '\\')).toBe(false);
    expect(like('50% off', '%\\%%', '\\')).toBe(true);
    expect(like('abc', '%\\%')).toBe(false);
    expect(like('100%', '%\\%')).toBe(true);
    expect(like('x', '\\_')).toBe(false);
    expect(like('_', '\\_')).toBe(true);
    expect(like('abc', '\\%%')).toBe(false);
    expect(like('%abc', '\\%%')).toBe(true);
    expect(like('a_b', '%\\_%', '\\')).toBe(true);
    expect(like('ab', '%\\_%', '\\')).toBe(false);
    expect(like('a%', 'a!%', '!')).toBe(true);
    expect(like('ab', 'a!%', '!')).toBe(false);
  });

  test('ILIKE folds case; regex metacharacters are literals', () => {
    expect(like('TimeOut', '%timeout%', null, true)).toBe(true);
    expect(like('a.c', 'a.c')).toBe(true);
    expect(like('abc', 'a.c')).toBe(false);
    expect(like('(x)', '(%)')).toBe(true);
  });
});
