/**
 * Recursive-descent parser for Pharlux SQL: SELECT queries (WITH, UNION ALL, joins,
 * subqueries), EXPLAIN [ANALYZE], DESCRIBE and SHOW TABLES. Write statements are
 * recognised only to be rejected with ReadOnlyError. Expressions are in
 * parse-expression.ts.
 */
import { ReadOnlyError, SqlUnsupportedError } from '../errors.ts';
import type { Cte, Expr, FromItem, JoinType, OrderItem, Query, SelectCore, SelectItem, SetExpr, Statement } from './ast.ts';
import { tokenize } from './lexer.ts';
import { ExpressionParser } from './parse-expression.ts';
import { TokenStream } from './token-stream.ts';

const WRITE_STATEMENTS = new Set([
  'insert', 'update', 'delete', 'merge', 'upsert', 'replace', 'create', 'drop', 'alter', 'truncate', 'grant', 'revoke', 'copy',
  'attach', 'detach', 'install', 'load', 'pragma', 'set', 'reset', 'call', 'vacuum', 'analyze', 'comment', 'begin', 'commit',
  'rollback', 'checkpoint', 'export', 'import', 'use',
]);

/** Parses one SQL statement (an optional trailing semicolon is allowed). */
export function parseSql(sql: string): Statement {
  const ts = new TokenStream(tokenize(sql));
  const parser = new StatementParser(ts);
  const stmt = parser.parseStatement();
  while (ts.acceptOp(';')) {
    /* trailing semicolons */
  }
  if (ts.peek().kind !== 'eof') {
    if (ts.peek().kind === 'ident' && WRITE_STATEMENTS.has(ts.peek().value)) throw new ReadOnlyError(ts.peek().value.toUpperCase());
    throw ts.error('expected end of statement (only one statement is allowed)');
  }
  return stmt;
}

class StatementParser {
  private readonly expr: ExpressionParser;

  constructor(private readonly ts: TokenStream) {
    this.expr = new ExpressionParser(ts, () => this.parseQuery());
  }

  /** A query nested anywhere (FROM, IN, scalar subquery, parentheses) counts towards MAX_EXPRESSION_DEPTH. */
  parseQuery(): Query {
    return this.expr.nested(() => this.parseQueryBody());
  }

  parseStatement(): Statement {
    const t = this.ts.peek();
    if (t.kind === 'ident') {
      if (t.value === 'analyze' && (this.ts.isKeyword('select', 1) || this.ts.isKeyword('with', 1))) {
        throw this.ts.error('did you mean EXPLAIN ANALYZE?');
      }
      if (WRITE_STATEMENTS.has(t.value)) throw new ReadOnlyError(t.value.toUpperCase());
      if (t.value === 'explain') {
        this.ts.next();
        const analyze = this.ts.acceptKeyword('analyze');
        this.ts.acceptKeyword('verbose');
        return { kind: 'explain', analyze, statement: this.expr.nested(() => this.parseStatement()), pos: t.pos };
      }
      if (t.value === 'describe' || t.value === 'desc') {
        this.ts.next();
        this.ts.acceptKeyword('table');
        const name = this.ts.expectIdentifier('a table name');
        return { kind: 'describe', table: name, pos: t.pos };
      }
      if (t.value === 'show') {
        this.ts.next();
        if (this.ts.acceptKeyword('tables')) return { kind: 'show_tables', pos: t.pos };
        if (this.ts.acceptKeyword('columns')) {
          if (!this.ts.acceptKeyword('from')) this.ts.expectKeyword('in');
          return { kind: 'describe', table: this.ts.expectIdentifier('a table name'), pos: t.pos };
        }
        throw this.ts.error('expected TABLES or COLUMNS FROM <table>');
      }
    }
    if (this.ts.isKeyword('select') || this.ts.isKeyword('with') || this.ts.isOp('(')) {
      return { kind: 'query', query: this.parseQuery() };
    }
    throw this.ts.error('expected SELECT, WITH, EXPLAIN, DESCRIBE or SHOW TABLES');
  }

  private parseQueryBody(): Query {
    const pos = this.ts.peek().pos;
    const ctes: Cte[] = [];
    if (this.ts.acceptKeyword('with')) {
      if (this.ts.isKeyword('recursive')) throw new SqlUnsupportedError('WITH RECURSIVE is not supported', this.ts.peek().pos);
      do {
        const ctePos = this.ts.peek().pos;
        const name = this.ts.expectIdentifier('a CTE name');
        const columns: string[] = [];
        if (this.ts.acceptOp('(')) {
          do columns.push(this.ts.expectIdentifier('a column name'));
          while (this.ts.acceptOp(','));
          this.ts.expectOp(')');
        }
        this.ts.expectKeyword('as');
        this.ts.acceptKeyword('materialized');
        this.ts.expectOp('(');
        const query = this.parseQuery();
        this.ts.expectOp(')');
        ctes.push({ name, columns, query, pos: ctePos });
      } while (this.ts.acceptOp(','));
      const t = this.ts.peek();
      if (t.kind === 'ident' && WRITE_STATEMENTS.has(t.value)) throw new ReadOnlyError(t.value.toUpperCase());
    }
    const body = this.parseSetExpr();
    let orderBy: OrderItem[] = [];
    if (this.ts.acceptKeyword('order')) {
      this.ts.expectKeyword('by');
      orderBy = this.expr.parseOrderItems();
    }
    let limit: Expr | null = null;
    let offset: Expr | null = null;
    for (;;) {
      if (limit === null && this.ts.acceptKeyword('limit')) {
        if (this.ts.acceptKeyword('all')) limit = null;
        else limit = this.expr.parseExpr();
      } else if (offset === null && this.ts.acceptKeyword('offset')) {
        offset = this.expr.parseExpr();
        if (!this.ts.acceptKeyword('rows')) this.ts.acceptKeyword('row');
      } else if (limit === null && this.ts.acceptKeyword('fetch')) {
        if (!this.ts.acceptKeyword('first')) this.ts.expectKeyword('next');
        limit = this.ts.isKeyword('row') || this.ts.isKeyword('rows') ? { kind: 'number', text: '1', pos: this.ts.peek().pos } : this.expr.parseExpr();
        if (!this.ts.acceptKeyword('rows')) this.ts.expectKeyword('row');
        this.ts.expectKeyword('only');
      } else break;
    }
    return { with: ctes, body, orderBy, limit, offset, pos };
  }

  private parseSetExpr(): SetExpr {
    let left = this.parseSetTerm();
    for (;;) {
      const t = this.ts.peek();
      if (this.ts.isKeyword('intersect') || this.ts.isKeyword('except')) {
        throw new SqlUnsupportedError(`${t.value.toUpperCase()} is not supported`, t.pos);
      }
      if (!this.ts.acceptKeyword('union')) return left;
      const all = this.ts.acceptKeyword('all');
      if (!all) this.ts.acceptKeyword('distinct');
      left = { kind: 'union', all, left, right: this.parseSetTerm(), pos: t.pos };
    }
  }

  private parseSetTerm(): SetExpr {
    const pos = this.ts.peek().pos;
    if (this.ts.acceptOp('(')) {
      const query = this.parseQuery();
      this.ts.expectOp(')');
      return { kind: 'nested', query, pos };
    }
    return this.parseSelectCore();
  }

  private parseSelectCore(): SelectCore {
    const pos = this.ts.expectKeyword('select').pos;
    let distinct = false;
    if (this.ts.acceptKeyword('distinct')) {
      distinct = true;
      if (this.ts.isKeyword('on')) throw new SqlUnsupportedError('DISTINCT ON is not supported', this.ts.peek().pos);
    } else this.ts.acceptKeyword('all');
    const items: SelectItem[] = [];
    do items.push(this.parseSelectItem());
    while (this.ts.acceptOp(','));
    if (this.ts.isKeyword('into')) throw new ReadOnlyError('SELECT INTO');
    const from = this.ts.acceptKeyword('from') ? this.parseFrom() : null;
    const where = this.ts.acceptKeyword('where') ? this.expr.parseExpr() : null;
    const groupBy: Expr[] = [];
    let groupByAll = false;
    if (this.ts.acceptKeyword('group')) {
      this.ts.expectKeyword('by');
      if (this.ts.acceptKeyword('all')) groupByAll = true;
      else {
        do groupBy.push(this.expr.parseExpr());
        while (this.ts.acceptOp(','));
      }
    }
    const having = this.ts.acceptKeyword('having') ? this.expr.parseExpr() : null;
    if (this.ts.isKeyword('window') || this.ts.isKeyword('qualify')) {
      throw new SqlUnsupportedError(`${this.ts.peek().value.toUpperCase()} is not supported`, this.ts.peek().pos);
    }
    return { kind: 'select', distinct, items, from, where, groupBy, groupByAll, having, pos };
  }

  private parseSelectItem(): SelectItem {
    const pos = this.ts.peek().pos;
    const expr = this.expr.parseExpr();
    let alias: string | null = null;
    if (this.ts.acceptKeyword('as')) alias = this.parseAlias();
    else if (this.ts.atIdentifier()) alias = this.ts.expectIdentifier();
    else if (this.ts.peek().kind === 'string' && expr.kind !== 'star') alias = this.ts.next().value;
    return { expr, alias, pos };
  }

  /** After AS any word is allowed, even a reserved one (PostgreSQL). */
  private parseAlias(): string {
    const t = this.ts.peek();
    if (t.kind === 'ident' || t.kind === 'quoted_ident' || t.kind === 'string') {
      this.ts.next();
      return t.value;
    }
    throw this.ts.error('expected an alias');
  }

  private parseFrom(): FromItem {
    let left = this.parseJoinedFrom();
    while (this.ts.isOp(',')) {
      const pos = this.ts.next().pos;
      left = { kind: 'join', joinType: 'cross', left, right: this.parseJoinedFrom(), on: null, using: [], pos };
    }
    return left;
  }

  private parseJoinedFrom(): FromItem {
    let left = this.parseFromPrimary();
    for (;;) {
      const pos = this.ts.peek().pos;
      let joinType: JoinType | null = null;
      if (this.ts.isKeyword('natural')) throw new SqlUnsupportedError('NATURAL JOIN is not supported', pos);
      if (this.ts.acceptKeyword('join')) joinType = 'inner';
      else if (this.ts.acceptKeyword('inner')) {
        this.ts.expectKeyword('join');
        joinType = 'inner';
      } else if (this.ts.isKeyword('left') || this.ts.isKeyword('right') || this.ts.isKeyword('full')) {
        joinType = this.ts.next().value as JoinType;
        this.ts.acceptKeyword('outer');
        this.ts.expectKeyword('join');
      } else if (this.ts.acceptKeyword('cross')) {
        this.ts.expectKeyword('join');
        joinType = 'cross';
      }
      if (joinType === null) return left;
      const right = this.parseFromPrimary();
      let on: Expr | null = null;
      const using: string[] = [];
      if (joinType !== 'cross') {
        if (this.ts.acceptKeyword('on')) on = this.expr.parseExpr();
        else if (this.ts.acceptKeyword('using')) {
          this.ts.expectOp('(');
          do using.push(this.ts.expectIdentifier('a column name'));
          while (this.ts.acceptOp(','));
          this.ts.expectOp(')');
        } else throw this.ts.error('expected ON or USING');
      }
      left = { kind: 'join', joinType, left, right, on, using, pos };
    }
  }

  private parseFromPrimary(): FromItem {
    const pos = this.ts.peek().pos;
    if (this.ts.isKeyword('lateral')) throw new SqlUnsupportedError('LATERAL is not supported', pos);
    if (this.ts.acceptOp('(')) {
      if (this.ts.isKeyword('select') || this.ts.isKeyword('with') || this.ts.isOp('(')) {
        const query = this.parseQuery();
        this.ts.expectOp(')');
        return { kind: 'subquery', query, alias: this.parseTableAlias(), pos };
      }
      const inner = this.parseFrom();
      this.ts.expectOp(')');
      return inner;
    }
    let name = this.ts.expectIdentifier('a table name');
    while (this.ts.acceptOp('.')) name = this.ts.expectIdentifier('a table name'); // schema-qualified: keep the last part
    if (this.ts.isOp('(')) throw new SqlUnsupportedError('table functions are not supported', pos);
    return { kind: 'table', name, alias: this.parseTableAlias(), pos };
  }

  private parseTableAlias(): string | null {
    if (this.ts.acceptKeyword('as')) return this.ts.expectIdentifier('an alias');
    if (this.ts.atIdentifier()) return this.ts.expectIdentifier();
    return null;
  }
}
