/**
 * query/sql/: text → syntax tree. lexer.ts (tokens with positions), parser.ts
 * (statements and queries), parse-expression.ts (operator precedence), ast.ts (the
 * tree). Start reading at ast.ts, then parser.ts.
 */
export { parseSql } from './parser.ts';
export { tokenize, type Token } from './lexer.ts';
export type * from './ast.ts';
