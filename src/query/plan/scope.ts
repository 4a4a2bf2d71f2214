/**
 * Name resolution for one FROM clause: the columns visible to expressions, each with
 * the table alias that qualifies it. Unknown names get a "did you mean"; names that
 * exist only in an enclosing query are reported as unsupported correlation.
 */
import { SqlTypeError, SqlUnsupportedError, UnknownColumnError, type SourcePos } from '../errors.ts';
import type { SqlType } from '../values/sql-type.ts';
import { closestName } from '../../common/index.ts';

export interface ScopeColumn {
  readonly qualifier: string | null;
  readonly name: string;
  readonly type: SqlType;
  /** Right-hand USING columns: not expanded by `*`, not found by unqualified names. */
  readonly hidden?: boolean;
}

export class Scope {
  constructor(
    readonly columns: readonly ScopeColumn[],
    /** The enclosing query's scope, only for error messages. */
    readonly outer: Scope | null = null,
  ) {}

  /** Resolves `name` or `qualifier.name` to a column index. */
  resolve(parts: readonly string[], pos: SourcePos): number {
    if (parts.length > 2) throw new SqlUnsupportedError(`cannot resolve "${parts.join('.')}" (at most table.column)`, pos);
    const [qualifier, name] = parts.length === 2 ? [parts[0], parts[1]] : [null, parts[0]];
    const matches: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.name !== name) return;
      if (qualifier === null ? c.hidden === true : c.qualifier !== qualifier) return;
      matches.push(i);
    });
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new SqlTypeError(`column reference "${parts.join('.')}" is ambiguous`, pos);
    if (this.outer !== null && this.outer.has(parts)) {
      throw new SqlUnsupportedError(`correlated subqueries are not supported (column "${parts.join('.')}" belongs to the outer query)`, pos);
    }
    if (qualifier !== null && !this.columns.some((c) => c.qualifier === qualifier)) {
      const q = closestName(qualifier, new Set(this.columns.map((c) => c.qualifier).filter((x): x is string => x !== null)));
      throw new UnknownColumnError(parts.join('.'), pos, q === null ? null : `${q}.${name}`);
    }
    const candidates = this.columns.filter((c) => qualifier === null || c.qualifier === qualifier).map((c) => c.name);
    throw new UnknownColumnError(parts.join('.'), pos, closestName(name, candidates));
  }

  /** True when the name resolves (unambiguously or not) in this scope. */
  has(parts: readonly string[]): boolean {
    const [qualifier, name] = parts.length === 2 ? [parts[0], parts[1]] : [null, parts[0]];
    return this.columns.some((c) => c.name === name && (qualifier === null || c.qualifier === qualifier));
  }

  /** Indexes of the columns `*` (or `qualifier.*`) expands to. */
  starColumns(qualifier: string | null, pos: SourcePos): number[] {
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.hidden === true && qualifier === null) return;
      if (qualifier !== null && c.qualifier !== qualifier) return;
      out.push(i);
    });
    if (qualifier !== null && out.length === 0) throw new UnknownColumnError(`${qualifier}.*`, pos, null);
    return out;
  }
}
