/**
 * Expands the placeholders the UI offers inside SQL before it is sent (the server never
 * substitutes; see src/meta/FORMAT-dashboards.md): the time range as TIMESTAMP literals
 * (`${__from}`/`${__to}`, also spelled `$__timeFrom`/`$__timeTo`), `${__interval}` as an
 * INTERVAL sized for about 200 points, and variables (`${name}` or `$name`). A single
 * value is inserted with single quotes doubled, so `'${service}'` is always a well-formed
 * literal; a multi-value variable becomes `'a', 'b'` for `IN (...)`. The server's
 * read-only, tenant-bound engine is the security boundary, not this quoting.
 */
import { bucketSeconds, sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';

export interface MacroContext {
  readonly range: ResolvedRange;
  /** Variable name → current value (an array for multi-value variables). */
  readonly variables?: Readonly<Record<string, string | readonly string[]>>;
  /** Points a chart wants across the range; decides `$__interval`. */
  readonly maxPoints?: number;
}

/** Replaces every macro and variable reference in `sql`. Unknown `$names` are left alone. */
export function expandMacros(sql: string, ctx: MacroContext): string {
  return expandMacrosWithMap(sql, ctx).sql;
}

/**
 * Like expandMacros, and also maps an offset in the expanded text back to the original,
 * so a server error position lands on what the user typed.
 */
export function expandMacrosWithMap(sql: string, ctx: MacroContext): { sql: string; toOriginal: (offset: number) => number } {
  const intervalS = bucketSeconds(ctx.range, ctx.maxPoints ?? 200);
  const builtins: Record<string, string> = {
    __from: sqlTimestampLiteral(ctx.range.fromMs),
    __to: sqlTimestampLiteral(ctx.range.toMs, true),
    __timeFrom: sqlTimestampLiteral(ctx.range.fromMs),
    __timeTo: sqlTimestampLiteral(ctx.range.toMs, true),
    __interval: `INTERVAL '${intervalS} seconds'`,
    __interval_s: String(intervalS),
  };
  const vars = ctx.variables ?? {};
  // Each replacement: where it starts in the output, its lengths before and after.
  const edits: { outStart: number; inStart: number; inLen: number; outLen: number }[] = [];
  let out = '';
  let last = 0;
  for (const m of sql.matchAll(/\$\{(\w+)\}|\$(\w+)/g)) {
    const name = m[1] ?? m[2];
    let rep: string | null = null;
    if (Object.hasOwn(builtins, name)) rep = builtins[name];
    else if (Object.hasOwn(vars, name)) rep = variableText(vars[name]);
    if (rep === null) continue;
    const at = m.index ?? 0;
    out += sql.slice(last, at);
    edits.push({ outStart: out.length, inStart: at, inLen: m[0].length, outLen: rep.length });
    out += rep;
    last = at + m[0].length;
  }
  out += sql.slice(last);
  const toOriginal = (offset: number): number => {
    let shift = 0;
    for (const e of edits) {
      if (offset < e.outStart) break;
      if (offset < e.outStart + e.outLen) return e.inStart;
      shift = e.inStart + e.inLen - (e.outStart + e.outLen);
    }
    return Math.max(0, Math.min(sql.length, offset + shift));
  };
  return { sql: out, toOriginal };
}

function variableText(v: string | readonly string[]): string {
  if (typeof v === 'string') return v.replaceAll("'", "''");
  // An empty multi-selection must still be valid SQL inside IN (...).
  return v.length === 0 ? 'NULL' : v.map(sqlString).join(', ');
}

const RANGE_MACROS = new Set(['__from', '__to', '__timeFrom', '__timeTo']);

/** Whether `sql` is limited by the picked time range (uses `${__from}`/`${__to}`/`$__timeFrom`/`$__timeTo`), so its chart spans that range. */
export function usesTimeRange(sql: string): boolean {
  for (const m of sql.matchAll(/\$\{(\w+)\}|\$(\w+)/g)) if (RANGE_MACROS.has(m[1] ?? m[2])) return true;
  return false;
}

/** Variable names referenced by `sql` (without the `$`), built-ins excluded. */
export function referencedVariables(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(/\$\{(\w+)\}|\$(\w+)/g)) {
    const name = m[1] ?? m[2];
    if (!name.startsWith('__')) out.add(name);
  }
  return [...out];
}

/** A single-quoted SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A condition true when `column` contains `text` literally, ignoring case: an ILIKE
 * whose `%`, `_` and escape character (backslash, named by the ESCAPE clause) are
 * escaped, so a search for `50%`, `a_b` or `C:\temp` finds exactly those characters.
 */
export function sqlContainsCondition(column: string, text: string): string {
  return `${column} ILIKE ${sqlString(`%${text.replace(/[\\%_]/g, '\\$&')}%`)} ESCAPE '\\'`;
}
