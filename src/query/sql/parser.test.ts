import { describe, expect, test } from 'bun:test';
import { ReadOnlyError, SqlSyntaxError } from '../errors.ts';
import { tokenize } from './lexer.ts';
import { parseSql } from './parser.ts';

describe('lexer', () => {
  test('tokens carry 1-based line and column', () => {
    const t = tokenize("SELECT a,\n  'x''y' -- c\n FROM \"T\"");
    expect(t.map((x) => [x.kind, x.value, x.pos.line, x.pos.column])).toEqual([
      ['ident', 'select', 1, 1],
      ['ident', 'a', 1, 8],
      ['op', ',', 1, 9],
      ['string', "x'y", 2, 3],
      ['ident', 'from', 3, 2],
      ['quoted_ident', 'T', 3, 7],
      ['eof', '', 3, 10],
    ]);
  });

  test('numbers, operators and escape strings', () => {
    expect(tokenize("1.5e3 .5 ->> :: <> E'a\\nb'").map((x) => x.value)).toEqual(['1.5e3', '.5', '->>', '::', '<>', 'a\nb', '']);
  });

  test('reports unterminated strings and comments with their position', () => {
    expect(() => tokenize("SELECT 'abc")).toThrow('unterminated quoted string at line 1, column 8');
    expect(() => tokenize('SELECT /* x')).toThrow('unterminated /* comment at line 1, column 8');
  });
});

describe('parser', () => {
  test('operator precedence follows PostgreSQL', () => {
    const s = parseSql('SELECT 1 + 2 * 3 = 7 AND NOT a OR b');
    if (s.kind !== 'query' || s.query.body.kind !== 'select') throw new Error('not a select');
    const e = s.query.body.items[0].expr;
    expect(e.kind).toBe('binary');
    if (e.kind !== 'binary') return;
    expect(e.op).toBe('or');
    expect(e.left.kind === 'binary' && e.left.op).toBe('and');
  });

  test('parses a full query shape', () => {
    const s = parseSql(
      "WITH x AS (SELECT 1) SELECT DISTINCT a.b AS c, count(*) FILTER (WHERE d) FROM t a LEFT JOIN u ON a.k = u.k WHERE e BETWEEN 1 AND 2 GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC NULLS LAST LIMIT 10 OFFSET 5",
    );
    expect(s.kind).toBe('query');
    if (s.kind !== 'query') return;
    expect(s.query.with.map((c) => c.name)).toEqual(['x']);
    expect(s.query.orderBy[0]).toMatchObject({ descending: true, nullsFirst: false });
    expect(s.query.limit).toMatchObject({ kind: 'number', text: '10' });
  });

  test('special call syntaxes become ordinary calls', () => {
    const s = parseSql("SELECT substring(x FROM 2 FOR 3), trim(LEADING 'a' FROM y), position('b' IN z), extract(hour FROM ts)");
    if (s.kind !== 'query' || s.query.body.kind !== 'select') throw new Error('not a select');
    expect(s.query.body.items.map((i) => (i.expr.kind === 'function' ? i.expr.name : i.expr.kind))).toEqual(['substr', 'ltrim', 'strpos', 'extract']);
  });

  test('EXPLAIN ANALYZE, DESCRIBE and SHOW TABLES', () => {
    expect(parseSql('EXPLAIN ANALYZE SELECT 1')).toMatchObject({ kind: 'explain', analyze: true });
    expect(parseSql('DESCRIBE logs')).toMatchObject({ kind: 'describe', table: 'logs' });
    expect(parseSql('show tables;')).toMatchObject({ kind: 'show_tables' });
  });

  test('write statements are rejected as read-only, wherever they hide', () => {
    for (const sql of ['INSERT INTO t VALUES (1)', 'update t set a = 1', 'WITH x AS (SELECT 1) DELETE FROM t', 'SELECT 1; DROP TABLE t', 'CREATE TABLE t (a int)']) {
      expect(() => parseSql(sql)).toThrow(ReadOnlyError);
    }
  });

  test('syntax errors name the token and position', () => {
    const err = (() => {
      try {
        parseSql('SELECT a FROM t WHERE');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SqlSyntaxError);
    expect((err as SqlSyntaxError).line).toBe(1);
    expect((err as SqlSyntaxError).column).toBe(22);
    expect((err as Error).message).toBe('syntax error at end of input: expected an expression at line 1, column 22');
  });
});

describe('nesting depth (review finding 13)', () => {
  const depthError = (sql: string): SqlSyntaxError => {
    try {
      parseSql(sql);
    } catch (err) {
      if (err instanceof SqlSyntaxError) return err;
      throw err;
    }
    throw new Error(`parsed: ${sql.slice(0, 40)}`);
  };

  test('50k parentheses, 100k NOTs, deep calls, unary signs, subqueries and operator chains are a SqlSyntaxError with a position', () => {
    const cases = [
      `SELECT ${'('.repeat(50_000)}1${')'.repeat(50_000)}`,
      `SELECT 1 WHERE ${'NOT '.repeat(100_000)}true`,
      `SELECT ${'abs('.repeat(300)}1${')'.repeat(300)}`,
      `SELECT ${'- '.repeat(300)}1`,
      `SELECT ${Array(300).fill('1').join(' + ')}`,
      `SELECT ${'(SELECT '.repeat(300)}1${')'.repeat(300)}`,
      `SELECT * FROM ${'(SELECT * FROM '.repeat(300)}spans${') s'.repeat(300)}`,
      `${'EXPLAIN '.repeat(300)}SELECT 1`,
      `SELECT 1${'::text'.repeat(300)}`,
    ];
    for (const sql of cases) {
      const err = depthError(sql);
      expect(err.message).toContain('nested too deeply (more than 256 levels) at line 1, column');
      expect(err.column).toBeGreaterThan(1);
    }
  });

  test('expressions within the limit still parse', () => {
    expect(() => parseSql(`SELECT ${'('.repeat(200)}1${')'.repeat(200)}`)).not.toThrow();
    expect(() => parseSql(`SELECT ${Array(200).fill('1').join(' + ')}`)).not.toThrow();
  });

  test('an 80k-term OR chain parses (AND/OR chains do not count towards the depth)', () => {
    const sql = `SELECT 1 WHERE ${Array.from({ length: 80_000 }, (_, i) => `x = ${i}`).join(' OR ')}`;
    expect(() => parseSql(sql)).not.toThrow();
  });
});
