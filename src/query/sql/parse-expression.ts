/**
 * Expression grammar with PostgreSQL precedence, lowest first:
 * OR < AND < NOT < IS < comparison < BETWEEN/IN/LIKE < (|| -> ->>) < + - < * / % <
 * unary minus < postfix (:: and [ ]).
 */
import { SqlSyntaxError, SqlUnsupportedError } from '../errors.ts';
import type { BinaryOp, Expr, OrderItem, Query, WindowSpec } from './ast.ts';
import { RESERVED, type TokenStream } from './token-stream.ts';

const COMPARISON = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/**
 * Deepest expression the parser builds: nested parentheses, calls, NOTs, unary signs,
 * subqueries and chains of binary operators (a + b + c is 3 deep) all count. Later
 * stages walk expressions recursively, so a deeper one would overflow the stack; AND and
 * OR chains do not count (the binder flattens them without recursion).
 */
export const MAX_EXPRESSION_DEPTH = 256;

export class ExpressionParser {
  private depth = 0;

  constructor(
    private readonly ts: TokenStream,
    private readonly parseQuery: () => Query,
  ) {}

  parseExpr(): Expr {
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

  private parseOther(): Expr {
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

  private parseNameOrCall(): Expr {
    const first = this.ts.next();
    const pos = first.pos;
    if (this.ts.isOp('(')) return this.parseCall(first.value, pos);
    const parts = [first.value];
    while (this.ts.isOp('.')) {
      this.ts.next();
      if (this.ts.isOp('*')) {
        this.ts.next();
        return { kind: 'star', qualifier: parts.join('.'), pos };
      }
      const t = this.ts.next();
      if (t.kind !== 'ident' && t.kind !== 'quoted_ident') throw new SqlSyntaxError(`syntax error at or near "${t.text}": expected a column name`, t.pos);
      parts.push(t.value);
    }
    return { kind: 'column', parts, pos };
  }

  private parseCall(name: string, pos: Expr['pos']): Expr {
    this.ts.expectOp('(');
    let distinct = false;
    let star = false;
    const args: Expr[] = [];
    let orderBy: OrderItem[] = [];
    if (this.ts.isOp('*') && this.ts.isOp(')', 1)) {
      this.ts.next();
      star = true;
    } else if (!this.ts.isOp(')')) {
      distinct = this.ts.acceptKeyword('distinct');
      if (!distinct) this.ts.acceptKeyword('all');
      args.push(this.parseExpr());
      while (this.ts.acceptOp(',')) args.push(this.parseExpr());
      if (this.ts.acceptKeyword('order')) {
        this.ts.expectKeyword('by');
        orderBy = this.parseOrderItems();
      }
    }
    this.ts.expectOp(')');
    let withinGroup: OrderItem[] = [];
    if (this.ts.isKeyword('within')) {
      this.ts.next();
      this.ts.expectKeyword('group');
      this.ts.expectOp('(');
      this.ts.expectKeyword('order');
      this.ts.expectKeyword('by');
      withinGroup = this.parseOrderItems();
      this.ts.expectOp(')');
    }
    let filter: Expr | null = null;
    if (this.ts.isKeyword('filter')) {
      this.ts.next();
      this.ts.expectOp('(');
      this.ts.expectKeyword('where');
      filter = this.parseExpr();
      this.ts.expectOp(')');
    }
    let over: WindowSpec | null = null;
    if (this.ts.acceptKeyword('over')) over = this.parseWindowSpec();
    return { kind: 'function', name, args, distinct, star, orderBy, withinGroup, filter, over, pos };
  }

  private parseWindowSpec(): WindowSpec {
    if (this.ts.atIdentifier()) throw new SqlUnsupportedError('named windows are not supported', this.ts.peek().pos);
    this.ts.expectOp('(');
    const partitionBy: Expr[] = [];
    let orderBy: OrderItem[] = [];
    if (this.ts.acceptKeyword('partition')) {
      this.ts.expectKeyword('by');
      partitionBy.push(this.parseExpr());
      while (this.ts.acceptOp(',')) partitionBy.push(this.parseExpr());
    }
    if (this.ts.acceptKeyword('order')) {
      this.ts.expectKeyword('by');
      orderBy = this.parseOrderItems();
    }
    if (this.ts.isKeyword('rows') || this.ts.isKeyword('range') || this.ts.isKeyword('groups')) {
      throw new SqlUnsupportedError('window frame clauses are not supported', this.ts.peek().pos);
    }
    this.ts.expectOp(')');
    return { partitionBy, orderBy };
  }

  /** `expr [ASC|DESC] [NULLS FIRST|LAST]` items separated by commas. */
  parseOrderItems(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const expr = this.parseExpr();
      let descending = false;
      if (this.ts.acceptKeyword('desc')) descending = true;
      else this.ts.acceptKeyword('asc');
      let nullsFirst: boolean | null = null;
      if (this.ts.acceptKeyword('nulls')) {
        if (this.ts.acceptKeyword('first')) nullsFirst = true;
        else if (this.ts.acceptKeyword('last')) nullsFirst = false;
        else throw this.ts.error('expected FIRST or LAST after NULLS');
      }
      items.push({ expr, descending, nullsFirst });
    } while (this.ts.acceptOp(','));
    return items;
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

  /** SUBSTRING(x FROM a FOR b), TRIM([LEADING|TRAILING|BOTH] [c] FROM x), POSITION(a IN b). */
  private parseSpecialCall(name: string): Expr | null {
    const pos = this.ts.next().pos;
    this.ts.expectOp('(');
    const call = (fn: string, args: Expr[]): Expr => ({
      kind: 'function',
      name: fn,
      args,
      distinct: false,
      star: false,
      orderBy: [],
      withinGroup: [],
      filter: null,
      over: null,
      pos,
    });
    if (name === 'trim') {
      let fn = 'trim';
      if (this.ts.acceptKeyword('leading')) fn = 'ltrim';
      else if (this.ts.acceptKeyword('trailing')) fn = 'rtrim';
      else this.ts.acceptKeyword('both');
      if (this.ts.acceptKeyword('from')) {
        const x = this.parseExpr();
        this.ts.expectOp(')');
        return call(fn, [x]);
      }
      const first = this.parseExpr();
      if (this.ts.acceptKeyword('from')) {
        const x = this.parseExpr();
        this.ts.expectOp(')');
        return call(fn, [x, first]);
      }
      const args = [first];
      while (this.ts.acceptOp(',')) args.push(this.parseExpr());
      this.ts.expectOp(')');
      return call(fn, args);
    }
    const first = this.parseOther();
    if (name === 'position' && this.ts.acceptKeyword('in')) {
      const hay = this.parseExpr();
      this.ts.expectOp(')');
      return call('strpos', [hay, first]);
    }
    if (name === 'substring' && (this.ts.isKeyword('from') || this.ts.isKeyword('for'))) {
      let from: Expr = { kind: 'number', text: '1', pos };
      let len: Expr | null = null;
      if (this.ts.acceptKeyword('from')) from = this.parseExpr();
      if (this.ts.acceptKeyword('for')) len = this.parseExpr();
      this.ts.expectOp(')');
      return call('substr', len === null ? [first, from] : [first, from, len]);
    }
    const args = [first];
    while (this.ts.acceptOp(',')) args.push(this.parseExpr());
    this.ts.expectOp(')');
    return call(name, args);
  }
}

const INTERVAL_UNITS = new Set([
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'millisecond', 'milliseconds', 'microsecond', 'microseconds',
]);
