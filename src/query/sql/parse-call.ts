/**
 * The call half of the expression grammar: column references, function calls with their
 * DISTINCT / ORDER BY / WITHIN GROUP / FILTER / OVER clauses, ORDER BY items, and the
 * SQL-standard call forms (SUBSTRING ... FROM, TRIM ... FROM, POSITION ... IN).
 * ExpressionParser (parse-expression.ts) extends it with operators and literals.
 */
import { SqlSyntaxError, SqlUnsupportedError } from '../errors.ts';
import type { Expr, OrderItem, WindowSpec } from './ast.ts';
import type { TokenStream } from './token-stream.ts';

/** Base of ExpressionParser: everything that parses a call or a name. */
export abstract class CallGrammar {
  protected constructor(protected readonly ts: TokenStream) {}

  /** A whole expression (ExpressionParser). */
  abstract parseExpr(): Expr;

  /** An operand above the comparison level (the first argument of POSITION and SUBSTRING). */
  protected abstract parseOther(): Expr;

  /** A column reference (a.b.c), `t.*`, or a function call. */
  protected parseNameOrCall(): Expr {
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

  /** SUBSTRING(x FROM a FOR b), TRIM([LEADING|TRAILING|BOTH] [c] FROM x), POSITION(a IN b). */
  protected parseSpecialCall(name: string): Expr | null {
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
