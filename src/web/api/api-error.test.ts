import { describe, expect, test } from 'bun:test';
import { parseSqlErrorPosition, positionToOffset } from './api-error.ts';

describe('SQL error positions', () => {
  test('parses the SPEC §7 phrase', () => {
    expect(parseSqlErrorPosition('column "nme" does not exist at line 1, column 8; did you mean "name"?')).toEqual({ line: 1, column: 8 });
    expect(parseSqlErrorPosition('syntax error At Line 3, Column 12')).toEqual({ line: 3, column: 12 });
    expect(parseSqlErrorPosition('query exceeded its memory budget')).toBeNull();
    expect(parseSqlErrorPosition('at line 0, column 0')).toBeNull();
  });
  test('converts to an offset, clamped to the line', () => {
    const sql = 'SELECT a\nFROM logs\nWHERE nme = 1';
    expect(positionToOffset(sql, { line: 1, column: 8 })).toBe(7);
    expect(sql.slice(positionToOffset(sql, { line: 3, column: 7 }))).toStartWith('nme');
    expect(positionToOffset(sql, { line: 2, column: 99 })).toBe(sql.indexOf('\nWHERE'));
    expect(positionToOffset(sql, { line: 9, column: 1 })).toBe(sql.length);
  });
});
