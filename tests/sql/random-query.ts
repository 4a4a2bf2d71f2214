/**
 * Seeded generator of random SQL queries that PostgreSQL-flavoured Pharlux and DuckDB
 * must answer identically over the same rows: filters (comparisons, IN, BETWEEN, LIKE,
 * ILIKE, IS NULL, AND/OR/NOT), expressions, GROUP BY with aggregates and HAVING,
 * DISTINCT, ORDER BY with explicit NULLS placement and LIMIT, inner/left joins on
 * trace_id, UNION ALL, IN (subquery) and rank() windows. Constructs whose semantics
 * differ between the two (integer division, rounding, default NULL order) are avoided.
 */
import { BODIES, DIFF_BASE_MS, KINDS, METRIC_NAMES, SERVICES, SEVERITIES, SPAN_NAMES, STATUSES } from './random-data.ts';

type ColType = 'text' | 'int' | 'double' | 'ts' | 'bool';
interface Col {
  readonly name: string;
  readonly type: ColType;
  readonly pool?: readonly string[];
}

const TABLES: Record<'spans' | 'logs' | 'metrics', readonly Col[]> = {
  spans: [
    { name: 'service_name', type: 'text', pool: SERVICES },
    { name: 'name', type: 'text', pool: SPAN_NAMES },
    { name: 'kind', type: 'text', pool: KINDS },
    { name: 'status_code', type: 'text', pool: STATUSES },
    { name: 'status_message', type: 'text', pool: ['boom', 'reset', 'Bad input'] },
    { name: 'trace_id', type: 'text', pool: ['t0001', 't0042', 't0100', 't0149'] },
    { name: 'scope_name', type: 'text', pool: ['lib'] },
    { name: 'duration_ns', type: 'int' },
    { name: 'flags', type: 'int' },
    { name: 'timestamp', type: 'ts' },
    { name: 'end_timestamp', type: 'ts' },
  ],
  logs: [
    { name: 'service_name', type: 'text', pool: SERVICES },
    { name: 'severity_text', type: 'text', pool: SEVERITIES },
    { name: 'body', type: 'text', pool: BODIES },
    { name: 'trace_id', type: 'text', pool: ['t0001', 't0042', 't0100'] },
    { name: 'severity_number', type: 'int' },
    { name: 'flags', type: 'int' },
    { name: 'timestamp', type: 'ts' },
    { name: 'observed_timestamp', type: 'ts' },
  ],
  metrics: [
    { name: 'name', type: 'text', pool: METRIC_NAMES },
    { name: 'service_name', type: 'text', pool: SERVICES },
    { name: 'count', type: 'int' },
    { name: 'value', type: 'double' },
    { name: 'is_monotonic', type: 'bool' },
    { name: 'timestamp', type: 'ts' },
  ],
};

export interface GeneratedQuery {
  readonly sql: string;
  /** True when row order is fully determined by ORDER BY (compare in order). */
  readonly ordered: boolean;
}

export class QueryGenerator {
  constructor(private readonly rand: () => number) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  private chance(p: number): boolean {
    return this.rand() < p;
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  private q(prefix: string, c: Col): string {
    return prefix === '' ? c.name : `${prefix}.${c.name}`;
  }

  private textLiteral(c: Col): string {
    const v = this.chance(0.1) ? 'zzz' : this.pick(c.pool ?? ['x']);
    return `'${v.replace(/'/g, "''")}'`;
  }

  private numLiteral(c: Col): string {
    switch (c.name) {
      case 'duration_ns':
        return String(this.int(0, 50) * 100_000);
      case 'severity_number':
        return String(this.int(0, 24));
      case 'count':
        return String(this.int(-100, 900));
      case 'value':
        return (this.int(-2000, 8000) / 100).toFixed(2);
      default:
        return String(this.int(0, 2));
    }
  }

  private tsLiteral(): string {
    const ms = DIFF_BASE_MS + this.int(0, 7200) * 1000;
    return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)}'`;
  }

  private literalFor(c: Col): string {
    switch (c.type) {
      case 'text':
        return this.textLiteral(c);
      case 'int':
      case 'double':
        return this.numLiteral(c);
      case 'ts':
        return this.tsLiteral();
      case 'bool':
        return this.chance(0.5) ? 'true' : 'false';
    }
  }

  private likePattern(c: Col): string {
    const v = this.pick(c.pool ?? ['x']).replace(/%|_/g, '');
    if (v.length < 2) return "'%'";
    const a = this.int(0, v.length - 2);
    const piece = v.slice(a, a + this.int(1, 3));
    const shapes = [`%${piece}%`, `${v.slice(0, 2)}%`, `%${v.slice(-2)}`, `_${v.slice(1, 3)}%`, v];
    return `'${this.pick(shapes).replace(/'/g, "''")}'`;
  }

  /** A random boolean condition over the columns of one table. */
  predicate(cols: readonly Col[], prefix = '', depth = 0): string {
    if (depth < 2 && this.chance(0.3)) {
      const op = this.pick(['AND', 'OR']);
      const p = `(${this.predicate(cols, prefix, depth + 1)} ${op} ${this.predicate(cols, prefix, depth + 1)})`;
      return this.chance(0.15) ? `NOT ${p}` : p;
    }
    const c = this.pick(cols);
    const col = this.q(prefix, c);
    const r = this.rand();
    if (r < 0.12) return `${col} IS ${this.chance(0.5) ? 'NOT ' : ''}NULL`;
    if (c.type === 'bool') return this.chance(0.5) ? col : `${col} = ${this.literalFor(c)}`;
    if (c.type === 'text') {
      if (r < 0.3) return `${col} ${this.pick(['LIKE', 'NOT LIKE', 'ILIKE'])} ${this.likePattern(c)}`;
      if (r < 0.45) return `${col} ${this.chance(0.2) ? 'NOT ' : ''}IN (${Array.from({ length: this.int(1, 3) }, () => this.textLiteral(c)).join(', ')})`;
      if (r < 0.55) return `length(${col}) ${this.pick(['>', '<=', '='])} ${this.int(0, 12)}`;
      return `${col} ${this.pick(['=', '<>', '<', '>=', '>', '<='])} ${this.textLiteral(c)}`;
    }
    if (r < 0.3) return `${col} ${this.chance(0.2) ? 'NOT ' : ''}BETWEEN ${this.literalFor(c)} AND ${this.literalFor(c)}`;
    if (r < 0.4 && c.type !== 'ts') return `${col} IN (${this.literalFor(c)}, ${this.literalFor(c)})`;
    if (r < 0.5 && c.type === 'int') return `${col} + ${this.int(1, 9)} ${this.pick(['>', '<'])} ${this.literalFor(c)}`;
    return `${col} ${this.pick(['=', '<>', '<', '>=', '>', '<='])} ${this.literalFor(c)}`;
  }

  /** A random scalar expression; returns [sql, type]. */
  expression(cols: readonly Col[], prefix = ''): [string, ColType] {
    const c = this.pick(cols);
    const col = this.q(prefix, c);
    const r = this.rand();
    if (r < 0.55) return [col, c.type];
    switch (c.type) {
      case 'text':
        return this.pick<[string, ColType]>([
          [`lower(${col})`, 'text'],
          [`upper(${col})`, 'text'],
          [`length(${col})`, 'int'],
          [`substr(${col}, 1, 3)`, 'text'],
          [`coalesce(${col}, 'none')`, 'text'],
          [`${col} || '!'`, 'text'],
          [`CASE WHEN ${this.predicate(cols, prefix)} THEN ${col} ELSE 'other' END`, 'text'],
        ]);
      case 'int':
        return this.pick<[string, ColType]>([
          [`${col} + ${this.int(1, 100)}`, 'int'],
          [`${col} * ${this.int(2, 5)}`, 'int'],
          [`${col} - ${this.int(1, 100)}`, 'int'],
          [`abs(${col} - ${this.numLiteral(c)})`, 'int'],
          [`coalesce(${col}, -1)`, 'int'],
          [`CASE WHEN ${this.predicate(cols, prefix)} THEN ${col} ELSE 0 END`, 'int'],
        ]);
      case 'double':
        return this.pick<[string, ColType]>([
          [`${col} * 2`, 'double'],
          [`${col} + 0.5`, 'double'],
          [`abs(${col})`, 'double'],
        ]);
      case 'bool':
        return [`coalesce(${col}, false)`, 'bool'];
      case 'ts':
        return [col, 'ts'];
    }
  }

  private orderBy(n: number): string {
    return Array.from({ length: n }, (_, i) => `${i + 1} ${this.pick(['ASC', 'DESC'])} NULLS ${this.pick(['FIRST', 'LAST'])}`).join(', ');
  }

  private aggregate(cols: readonly Col[], prefix = ''): string {
    const c = this.pick(cols);
    const col = this.q(prefix, c);
    const numeric = c.type === 'int' || c.type === 'double';
    const options = ['count(*)', `count(${col})`, `count(DISTINCT ${col})`];
    if (c.type !== 'bool') options.push(`min(${col})`, `max(${col})`);
    if (numeric) options.push(`sum(${col})`, `avg(${col})`);
    return this.pick(options);
  }

  /** One random query with its ordering contract. */
  next(): GeneratedQuery {
    const shape = this.rand();
    const table = this.pick(['spans', 'logs', 'metrics'] as const);
    const cols = TABLES[table];
    const where = this.chance(0.85) ? ` WHERE ${this.predicate(cols)}` : '';
    if (shape < 0.25) {
      const n = this.int(1, 3);
      const exprs = Array.from({ length: n }, (_, i) => `${this.expression(cols)[0]} AS c${i}`);
      return { sql: `SELECT ${exprs.join(', ')} FROM ${table}${where} ORDER BY ${this.orderBy(n)} LIMIT ${this.int(1, 40)}`, ordered: true };
    }
    if (shape < 0.55) {
      const g = this.int(0, 2);
      const groups = Array.from({ length: g }, () => this.expression(cols.filter((c) => c.type !== 'double'))[0]);
      const aggs = Array.from({ length: this.int(1, 3) }, () => this.aggregate(cols));
      const select = [...groups.map((x, i) => `${x} AS g${i}`), ...aggs.map((a, i) => `${a} AS a${i}`)];
      const groupBy = g === 0 ? '' : ` GROUP BY ${groups.map((_, i) => i + 1).join(', ')}`;
      const having = g > 0 && this.chance(0.3) ? ` HAVING count(*) > ${this.int(1, 20)}` : '';
      return { sql: `SELECT ${select.join(', ')} FROM ${table}${where}${groupBy}${having}`, ordered: false };
    }
    if (shape < 0.65) {
      const exprs = Array.from({ length: this.int(1, 2) }, (_, i) => `${this.expression(cols.filter((c) => c.type !== 'ts'))[0]} AS d${i}`);
      return { sql: `SELECT DISTINCT ${exprs.join(', ')} FROM ${table}${where}`, ordered: false };
    }
    if (shape < 0.8) {
      const kind = this.pick(['JOIN', 'LEFT JOIN']);
      const s = TABLES.spans;
      const l = TABLES.logs;
      const extra = this.chance(0.3) ? ` AND ${this.predicate(l, 'b')}` : '';
      const w = this.chance(0.8) ? ` WHERE ${this.predicate(s, 'a')}` : '';
      if (this.chance(0.7)) {
        const g = this.expression(s.filter((c) => c.type === 'text'), 'a')[0];
        return { sql: `SELECT ${g} AS g, count(*) AS n, count(b.body) AS nb, max(b.severity_number) AS ms FROM spans a ${kind} logs b ON a.trace_id = b.trace_id${extra}${w} GROUP BY 1`, ordered: false };
      }
      return { sql: `SELECT a.span_id, a.name, b.body, b.timestamp FROM spans a ${kind} logs b ON a.trace_id = b.trace_id${extra}${w}`, ordered: false };
    }
    if (shape < 0.87) {
      return {
        sql: `SELECT service_name, trace_id FROM spans WHERE ${this.predicate(TABLES.spans)} UNION ALL SELECT service_name, trace_id FROM logs WHERE ${this.predicate(TABLES.logs)}`,
        ordered: false,
      };
    }
    if (shape < 0.94) {
      const neg = this.chance(0.3) ? 'NOT ' : '';
      return { sql: `SELECT count(*) AS n, count(DISTINCT service_name) AS s FROM logs WHERE trace_id ${neg}IN (SELECT trace_id FROM spans WHERE ${this.predicate(TABLES.spans)})`, ordered: false };
    }
    const part = this.pick(cols.filter((c) => c.type === 'text')).name;
    const ord = this.pick(cols.filter((c) => c.type === 'int' || c.type === 'ts' || c.type === 'double')).name;
    return { sql: `SELECT ${part}, ${ord}, rank() OVER (PARTITION BY ${part} ORDER BY ${ord} ${this.pick(['ASC', 'DESC'])} NULLS LAST) AS r FROM ${table}${where}`, ordered: false };
  }
}
