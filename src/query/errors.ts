/**
 * Errors of the SQL engine, one class per phase, each with a stable `code` for the API
 * envelope. Messages follow SPEC §7: they name the problem, its position and, for
 * unknown names, the closest known one.
 */
import { AppError } from '../common/index.ts';

/** A place in the SQL text (1-based line and column). */
export interface SourcePos {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

function at(pos: SourcePos | undefined): string {
  return pos === undefined ? '' : ` at line ${pos.line}, column ${pos.column}`;
}

function suggest(suggestion: string | null): string {
  return suggestion === null ? '' : `; did you mean "${suggestion}"?`;
}

/** The SQL text does not parse. */
export class SqlSyntaxError extends AppError {
  readonly line: number;
  readonly column: number;
  constructor(message: string, pos: SourcePos) {
    super('sql_syntax', `${message}${at(pos)}`);
    this.line = pos.line;
    this.column = pos.column;
  }
}

/** A column name that resolves to nothing in scope. */
export class UnknownColumnError extends AppError {
  constructor(name: string, pos: SourcePos | undefined, suggestion: string | null) {
    super('sql_unknown_column', `column "${name}" does not exist${at(pos)}${suggest(suggestion)}`);
  }
}

/** A table (or CTE) name that resolves to nothing. */
export class UnknownTableError extends AppError {
  constructor(name: string, pos: SourcePos | undefined, suggestion: string | null) {
    super('sql_unknown_table', `table "${name}" does not exist${at(pos)}${suggest(suggestion)}`);
  }
}

/** A function name the engine does not know. */
export class UnknownFunctionError extends AppError {
  constructor(name: string, pos: SourcePos | undefined, suggestion: string | null) {
    super('sql_unknown_function', `function ${name}() does not exist${at(pos)}${suggest(suggestion)}`);
  }
}

/** Well-formed SQL that is wrong about types, arity, grouping or scope. */
export class SqlTypeError extends AppError {
  constructor(message: string, pos?: SourcePos) {
    super('sql_type', `${message}${at(pos)}`);
  }
}

/** Valid SQL the engine does not implement (e.g. a RIGHT JOIN). */
export class SqlUnsupportedError extends AppError {
  constructor(message: string, pos?: SourcePos) {
    super('sql_unsupported', `${message}${at(pos)}`);
  }
}

/** A value-dependent failure while running: division by zero, integer overflow, bad cast input. */
export class QueryRuntimeError extends AppError {
  constructor(code: 'division_by_zero' | 'numeric_out_of_range' | 'invalid_input' | 'invalid_argument' | 'program_limit_exceeded', message: string) {
    super(code, message);
  }
}

/**
 * The query needed more memory than `query.memory_mb` allows or, with `poolMb`, than was
 * left of the memory all running queries share (retryable: it may fit once others end).
 */
export class QueryMemoryExceededError extends AppError {
  constructor(budgetMb: number, poolMb?: number) {
    super(
      'query_memory_exceeded',
      poolMb === undefined
        ? `query exceeded its ${budgetMb} MB memory budget (query.memory_mb); narrow the time range or add a LIMIT`
        : `queries running at the same time reached the ${poolMb} MB they may hold together (2 × query.memory_mb); retry shortly, or narrow the time range`,
      { retryable: poolMb !== undefined },
    );
  }
}

/** The query ran longer than `query.timeout_seconds`. */
export class QueryTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super('query_timeout', `query exceeded its ${formatSeconds(timeoutMs)} s timeout (query.timeout_seconds)`);
  }
}

/** The caller cancelled the query (client went away, server stopping). */
export class QueryCancelledError extends AppError {
  constructor() {
    super('query_cancelled', 'query was cancelled');
  }
}

/** INSERT/UPDATE/DELETE/DDL: the SQL surface is read-only for everyone. */
export class ReadOnlyError extends AppError {
  constructor(statement: string) {
    super('sql_read_only', `${statement} is not allowed: Pharlux SQL is read-only (data arrives over OTLP)`);
  }
}

/**
 * More queries are waiting than `query.max_concurrent` allows to queue, in all or (with
 * `perTenant`) from the caller's tenant, whose share is half of each; retry later.
 */
export class QueueFullError extends AppError {
  constructor(maxConcurrent: number, maxQueued: number, perTenant = false) {
    super(
      'query_queue_full',
      perTenant
        ? `too many queries from this tenant: ${maxConcurrent} running and ${maxQueued} queued (one tenant may fill at most three quarters of the queue); retry later`
        : `too many queries: ${maxConcurrent} running and ${maxQueued} queued; retry later`,
      { retryable: true },
    );
  }
}

function formatSeconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(3);
}
