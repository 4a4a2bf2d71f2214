/**
 * Turns SQL text into tokens with positions. Unquoted identifiers and keywords are
 * folded to lower case (PostgreSQL); "quoted" identifiers keep their case. Comments
 * (`--` and `/* *\/`) and whitespace are skipped.
 */
import { SqlSyntaxError, type SourcePos } from '../errors.ts';

export type TokenKind = 'ident' | 'quoted_ident' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Lower-cased word for idents; content for strings and quoted idents; the symbol for ops. */
  readonly value: string;
  /** The token as written (for error messages). */
  readonly text: string;
  readonly pos: SourcePos;
}

const OPERATORS = ['->>', '::', '<>', '!=', '<=', '>=', '||', '->', '+', '-', '*', '/', '%', '=', '<', '>', '(', ')', ',', '.', ';', '[', ']', '~'];

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c > '\x7f';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '$';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Splits SQL text into tokens, ending with an `eof` token. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const posAt = (offset: number): SourcePos => ({ offset, line, column: offset - lineStart + 1 });
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const start = posAt(i);
      i += 2;
      while (i < n && !(sql[i] === '*' && sql[i + 1] === '/')) {
        if (sql[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= n) throw new SqlSyntaxError('unterminated /* comment', start);
      i += 2;
      continue;
    }
    const pos = posAt(i);
    if (c === "'" || ((c === 'e' || c === 'E') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      const start = i;
      i += escapes ? 2 : 1;
      let value = '';
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated quoted string', pos);
        const ch = sql[i];
        if (ch === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (escapes && ch === '\\' && i + 1 < n) {
          const e = sql[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          continue;
        }
        if (ch === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      tokens.push({ kind: 'string', value, text: sql.slice(start, i), pos });
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      let value = '';
      for (;;) {
        if (i >= n) throw new SqlSyntaxError('unterminated quoted identifier', pos);
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i++];
      }
      if (value.length === 0) throw new SqlSyntaxError('zero-length quoted identifier', pos);
      tokens.push({ kind: 'quoted_ident', value, text: sql.slice(start, i), pos });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(sql[i + 1] ?? ''))) {
      const start = i;
      while (i < n && isDigit(sql[i])) i++;
      if (sql[i] === '.' && sql[i + 1] !== '.') {
        i++;
        while (i < n && isDigit(sql[i])) i++;
      }
      if ((sql[i] === 'e' || sql[i] === 'E') && (isDigit(sql[i + 1] ?? '') || ((sql[i + 1] === '+' || sql[i + 1] === '-') && isDigit(sql[i + 2] ?? '')))) {
        i += 2;
        while (i < n && isDigit(sql[i])) i++;
      }
      if (i < n && isIdentStart(sql[i])) throw new SqlSyntaxError(`trailing junk after numeric literal "${sql.slice(start, i + 1)}"`, pos);
      const text = sql.slice(start, i);
      tokens.push({ kind: 'number', value: text, text, pos });
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(sql[i])) i++;
      const text = sql.slice(start, i);
      tokens.push({ kind: 'ident', value: text.toLowerCase(), text, pos });
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op === undefined) throw new SqlSyntaxError(`unexpected character "${c}"`, pos);
    i += op.length;
    tokens.push({ kind: 'op', value: op, text: op, pos });
  }
  tokens.push({ kind: 'eof', value: '', text: 'end of input', pos: posAt(n) });
  return tokens;
}
