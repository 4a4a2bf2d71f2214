/**
 * A cursor over tokens with the small vocabulary the recursive-descent parser needs:
 * peek, keyword tests, expect-or-throw with a positioned syntax error.
 */
import { SqlSyntaxError } from '../errors.ts';
import type { Token } from './lexer.ts';

/** Words that can never be a bare alias or column name (quote them to use them). */
export const RESERVED = new Set([
  'all', 'and', 'any', 'as', 'asc', 'between', 'both', 'by', 'case', 'cast', 'cross', 'desc', 'distinct', 'else', 'end',
  'escape', 'except', 'exists', 'extract', 'false', 'fetch', 'filter', 'for', 'from', 'full', 'group', 'having', 'ilike', 'in', 'inner',
  'intersect', 'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'natural', 'not', 'notnull', 'null',
  'nulls', 'offset', 'on', 'or', 'order', 'outer', 'over', 'qualify', 'right', 'select', 'similar', 'some', 'then', 'trailing',
  'true', 'union', 'using', 'when', 'where', 'window', 'with', 'within',
]);

export class TokenStream {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  /** True when the token `ahead` is the unquoted keyword `word`. */
  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.value === word;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.value === op;
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.error(`expected ${word.toUpperCase()}`);
    return this.next();
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.error(`expected "${op}"`);
    return this.next();
  }

  /** An identifier (quoted, or unquoted and not reserved); returns its name. */
  expectIdentifier(what = 'identifier'): string {
    const t = this.peek();
    if (t.kind === 'quoted_ident' || (t.kind === 'ident' && !RESERVED.has(t.value))) {
      this.next();
      return t.value;
    }
    throw this.error(`expected ${what}`);
  }

  /** True when the next token can start an identifier. */
  atIdentifier(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'quoted_ident' || (t.kind === 'ident' && !RESERVED.has(t.value));
  }

  /** A syntax error at the current token. */
  error(message: string): SqlSyntaxError {
    const t = this.peek();
    const near = t.kind === 'eof' ? 'at end of input' : `at or near "${t.text}"`;
    return new SqlSyntaxError(`syntax error ${near}: ${message}`, t.pos);
  }
}
