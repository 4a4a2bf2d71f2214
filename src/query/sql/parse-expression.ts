/**
 * Expression grammar with PostgreSQL precedence, lowest first:
 * OR < AND < NOT < IS < comparison < BETWEEN/IN/LIKE < (|| -> ->>) < + - < * / % <
 * unary minus < postfix (:: and [ ]).
 */
import { SqlSyntaxError, SqlUnsupportedError } from '../errors.ts';
import type { BinaryOp, Expr, Query } from './ast.ts';
import { CallGrammar } from './parse-call.ts';
import { RESERVED, type TokenStream } from './token-stream.ts';

const COMPARISON = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/**
 * Deepest expression the parser builds: nested parentheses, calls, NOTs, unary signs,
 * subqueries and chains of binary operators (a + b + c is 3 deep) all count. Later
 * stages walk expressions recursively, so a deeper one would overflow the stack; AND and
 * OR chains do not count (the binder flattens them without recursion).
 */
export const MAX_EXPRESSION_DEPTH = 256;

export class ExpressionParser extends CallGrammar {
  private depth = 0;

  constructor(
    ts: TokenStream,
    private readonly parseQuery: () => Query,
  ) {
    super(ts);
  }

  override parseExpr(): Expr {
    this.enter(1);
    try {
      return this.parseOr();
    } finally {
      this.depth--;
    }
  }

  /** Runs `parse` one level deeper (the statement parser nests subqueries through this). */
  nested<T>(parse: () => T): T {
    this.enter(1);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** Goes `levels` deeper; throws SqlSyntaxError at the current token past MAX_EXPRESSION_DEPTH. */
  private enter(levels: number): void {
    this.depth += levels;
    if (this.depth > MAX_EXPRESSION_DEPTH) {
      this.depth -= levels;
      throw new SqlSyntaxError(`expression is nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels)`, this.ts.peek().pos);
    }
  }

  /** Runs a left-associative operator loop, counting each operator as one level. */
  private chain(parse: (levels: { n: number }) => Expr): Expr {
    const levels = { n: 0 };
    try {
      return parse(levels);
    } finally {
      this.depth -= levels.n;
    }
  }

  private deeper(levels: { n: number }): void {
    this.enter(1);
    levels.n++;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.ts.isKeyword('or')) {
      const pos = this.ts.next().pos;
      left = { kind: 'binary', op: 'or', left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.ts.isKeyword('and')) {
      const pos = this.ts.next().pos;
      left = { kind: 'binary', op: 'and', left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.ts.isKeyword('not')) {
      this.enter(1);
      try {
        const pos = this.ts.next().pos;
        return { kind: 'unary', op: 'not', operand: this.parseNot(), pos };
      } finally {
        this.depth--;
      }
    }
    return this.parseIs();
  }

  private parseIs(): Expr {
    let left = this.parseComparison();
    for (;;) {
      if (this.ts.isKeyword('isnull') || this.ts.isKeyword('notnull')) {
        const t = this.ts.next();
        left = { kind: 'is_null', expr: left, negated: t.value === 'notnull', pos: t.pos };
        continue;
      }
      if (!this.ts.isKeyword('is')) return left;
      const pos = this.ts.next().pos;
      const negated = this.ts.acceptKeyword('not');
      if (this.ts.acceptKeyword('null')) left = { kind: 'is_null', expr: left, negated, pos };
      else if (this.ts.acceptKeyword('true')) left = { kind: 'is_bool', expr: left, value: true, negated, pos };
      else if (this.ts.acceptKeyword('false')) left = { kind: 'is_bool', expr: left, value: false, negated, pos };
      else if (this.ts.acceptKeyword('unknown')) left = { kind: 'is_null', expr: left, negated, pos };
      else if (this.ts.acceptKeyword('distinct')) {
        this.ts.expectKeyword('from');
        left = { kind: 'is_distinct', left, right: this.parseComparison(), negated, pos };
      } else throw this.ts.error('expected NULL, TRUE, FALSE or DISTINCT FROM after IS');
    }
  }

  private parseComparison(): Expr {
    return this.chain((levels) => {
      let left = this.parsePredicate();
      for (;;) {
        const t = this.ts.peek();
        if (t.kind !== 'op' || !COMPARISON.has(t.value)) return left;
        this.deeper(levels);
        this.ts.next();
      const op = (t.value === '!=' ? '<>' : t.value) as BinaryOp;
        left = { kind: 'binary', op, left, right: this.parsePredicate(), pos: t.pos };
      }
    });
  }

  private parsePredicate(): Expr {
    const left = this.parseOther();
    const save = this.ts.peek();
    const negated = this.ts.isKeyword('not') && (this.ts.isKeyword('between', 1) || this.ts.isKeyword('in', 1) || this.ts.isKeyword('like', 1) || this.ts.isKeyword('ilike', 1));
    if (negated) this.ts.next();
    if (this.ts.acceptKeyword('between')) {
      const symmetric = this.ts.acceptKeyword('symmetric');
      if (!symmetric) this.ts.acceptKeyword('asymmetric');
      const low = this.parseOther();
      this.ts.expectKeyword('and');
      const high = this.parseOther();
      return { kind: 'between', expr: left, low, high, negated, symmetric, pos: save.pos };
    }
    if (this.ts.acceptKeyword('in')) {
      this.ts.expectOp('(');
      if (this.ts.isKeyword('select') || this.ts.isKeyword('with')) {
        const query = this.parseQuery();
        this.ts.expectOp(')');
        return { kind: 'in_subquery', expr: left, query, negated, pos: save.pos };
      }
      const list: Expr[] = [this.parseExpr()];
      while (this.ts.acceptOp(',')) list.push(this.parseExpr());
      this.ts.expectOp(')');
      return { kind: 'in_list', expr: left, list, negated, pos: save.pos };
    }
    if (this.ts.isKeyword('like') || this.ts.isKeyword('ilike')) {
      const caseInsensitive = this.ts.next().value === 'ilike';
      const pattern = this.parseOther();
      const escape = this.ts.acceptKeyword('escape') ? this.parseOther() : null;
      return { kind: 'like', expr: left, pattern, escape, caseInsensitive, negated, pos: save.pos };
    }
    if (this.ts.isKeyword('similar')) throw new SqlUnsupportedError('SIMILAR TO is not supported; use regexp_like', save.pos);
    return left;
  }

  protected parseOther(): Expr {
    return this.chain((levels) => {
      let left = this.parseAdditive();
      for (;;) {
        const t = this.ts.peek();
        if (t.kind !== 'op' || (t.value !== '||' && t.value !== '->' && t.value !== '->>')) return left;
        this.deeper(levels);
        this.ts.next();
        left = { kind: 'binary', op: t.value as BinaryOp, left, right: this.parseAdditive(), pos: t.pos };
      }
    });
  }

  private parseAdditive(): Expr {
    return this.chain((levels) => {
      let left = this.parseMultiplicative();
      for (;;) {
        const t = this.ts.peek();
        if (t.kind !== 'op' || (t.value !== '+' && t.value !== '-')) return left;
        this.deeper(levels);
        this.ts.next();
        left = { kind: 'binary', op: t.value, left, right: this.parseMultiplicative(), pos: t.pos };
      }
    });
  }

  private parseMultiplicative(): Expr {
    return this.chain((levels) => {
      let left = this.parseUnary();
      for (;;) {
        const t = this.ts.peek();
        if (t.kind !== 'op' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return left;
        this.deeper(levels);
        this.ts.next();
        left = { kind: 'binary', op: t.value, left, right: this.parseUnary(), pos: t.pos };
      }
    });
  }

  private parseUnary(): Expr {
    const t = this.ts.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
      this.ts.next();
      this.enter(1);
      let operand: Expr;
      try {
        operand = this.parseUnary();
      } finally {
        this.depth--;
      }
      if (t.value === '-' && operand.kind === 'number' && !operand.text.startsWith('-')) return { kind: 'number', text: '-' + operand.text, pos: t.pos };
      return { kind: 'unary', op: t.value, operand, pos: t.pos };
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    return this.chain((levels) => {
      let e = this.parsePrimary();
      for (;;) {
        if (this.ts.isOp('::')) {
          this.deeper(levels);
          const pos = this.ts.next().pos;
          e = { kind: 'cast', expr: e, typeName: this.parseTypeName(), pos };
        } else if (this.ts.isOp('[')) {
          this.deeper(levels);
          const pos = this.ts.next().pos;
          const index = this.parseExpr();
          this.ts.expectOp(']');
          e = { kind: 'subscript', expr: e, index, pos };
        } else return e;
      }
    });
  }

  /** A type name as written after CAST ... AS or ::, e.g. `double precision`, `varchar(20)`. */
  parseTypeName(): string {
    const t = this.ts.peek();
    if (t.kind !== 'ident' && t.kind !== 'quoted_ident') throw this.ts.error('expected a type name');
    this.ts.next();
    let name = t.value;
    if (name === 'double' && this.ts.acceptKeyword('precision')) name = 'double precision';
    else if (name === 'character' && this.ts.acceptKeyword('varying')) name = 'character varying';
    else if ((name === 'timestamp' || name === 'time') && (this.ts.isKeyword('with') || this.ts.isKeyword('without'))) {
      name += ' ' + this.ts.next().value;
      this.ts.expectKeyword('time');
      this.ts.expectKeyword('zone');
      name += ' time zone';
    }
    if (this.ts.acceptOp('(')) {
      while (!this.ts.isOp(')')) {
        if (this.ts.peek().kind === 'eof') throw this.ts.error('expected ")"');
        this.ts.next();
      }
      this.ts.next();
    }
    if (this.ts.isOp('[')) throw new SqlUnsupportedError('array types are not supported', t.pos);
    return name;
  }

  private parsePrimary(): Expr {
    const t = this.ts.peek();
    const pos = t.pos;
    switch (t.kind) {
      case 'number':
        this.ts.next();
        return { kind: 'number', text: t.value, pos };
      case 'string':
        this.ts.next();
        return { kind: 'string', value: t.value, pos };
      case 'quoted_ident':
        return this.parseNameOrCall();
      case 'op':
        if (t.value === '(') {
          this.ts.next();
          if (this.ts.isKeyword('select') || this.ts.isKeyword('with')) {
            const query = this.parseQuery();
            this.ts.expectOp(')');
            return { kind: 'subquery', query, pos };
          }
          const e = this.parseExpr();
          if (this.ts.isOp(',')) throw new SqlUnsupportedError('row values are not supported', this.ts.peek().pos);
          this.ts.expectOp(')');
          return e;
        }
        if (t.value === '*') {
          this.ts.next();
          return { kind: 'star', qualifier: null, pos };
        }
        throw this.ts.error('expected an expression');
      case 'eof':
        throw this.ts.error('expected an expression');
      case 'ident':
        return this.parseWord();
    }
  }

  private parseWord(): Expr {
    const t = this.ts.peek();
    const pos = t.pos;
    const next = this.ts.peek(1);
    switch (t.value) {
      case 'null':
        this.ts.next();
        return { kind: 'null', pos };
      case 'true':
      case 'false':
        this.ts.next();
        return { kind: 'boolean', value: t.value === 'true', pos };
      case 'case':
        return this.parseCase();
      case 'cast': {
        this.ts.next();
        this.ts.expectOp('(');
        const expr = this.parseExpr();
        this.ts.expectKeyword('as');
        const typeName = this.parseTypeName();
        this.ts.expectOp(')');
        return { kind: 'cast', expr, typeName, pos };
      }
      case 'extract': {
        this.ts.next();
        this.ts.expectOp('(');
        const f = this.ts.next();
        if (f.kind !== 'ident' && f.kind !== 'string') throw new SqlSyntaxError('expected a field name in EXTRACT', f.pos);
        this.ts.expectKeyword('from');
        const expr = this.parseExpr();
        this.ts.expectOp(')');
        return { kind: 'extract', field: f.value.toLowerCase(), expr, pos };
      }
      case 'exists': {
        this.ts.next();
        this.ts.expectOp('(');
        const query = this.parseQuery();
        this.ts.expectOp(')');
        return { kind: 'exists', query, negated: false, pos };
      }
      case 'timestamp':
      case 'timestamptz':
      case 'date':
      case 'interval':
        if (next.kind === 'string') {
          this.ts.next();
          this.ts.next();
          let value = next.value;
          if (t.value === 'interval' && this.ts.peek().kind === 'ident' && INTERVAL_UNITS.has(this.ts.peek().value)) {
            value = `${value} ${this.ts.next().value}`;
          }
          return { kind: 'typed_string', typeName: t.value, value, pos };
        }
        break;
      default:
        break;
    }
    if (next.kind === 'op' && next.value === '(') {
      if (t.value === 'substring' || t.value === 'trim' || t.value === 'position' || t.value === 'overlay') {
        const special = this.parseSpecialCall(t.value);
        if (special !== null) return special;
      }
    }
    if (RESERVED.has(t.value) && !(next.kind === 'op' && next.value === '(' && (t.value === 'left' || t.value === 'right'))) {
      throw this.ts.error('expected an expression');
    }
    return this.parseNameOrCall();
  }

  private parseCase(): Expr {
    const pos = this.ts.next().pos;
    const operand = this.ts.isKeyword('when') ? null : this.parseExpr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.ts.acceptKeyword('when')) {
      const when = this.parseExpr();
      this.ts.expectKeyword('then');
      whens.push({ when, then: this.parseExpr() });
    }
    if (whens.length === 0) throw this.ts.error('expected WHEN');
    const elseExpr = this.ts.acceptKeyword('else') ? this.parseExpr() : null;
    this.ts.expectKeyword('end');
    return { kind: 'case', operand, whens, else: elseExpr, pos };
  }

}

const INTERVAL_UNITS = new Set([
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'millisecond', 'milliseconds', 'microsecond', 'microseconds',
]);
