/**
 * The one error type of the UI's HTTP layer. src/web may not import src/common (DESIGN §3),
 * so this mirrors AppError's envelope (`code`, `message`) instead of extending it.
 */
export class ApiRequestError extends Error {
  /** Stable code from the `{"error": {"code", "message"}}` envelope, or `network`/`http_<status>`. */
  readonly code: string;
  /** HTTP status, 0 when the request never got an answer. */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
  }
}

/** A 1-based position inside the SQL text, parsed from an error message. */
export interface SqlErrorPosition {
  readonly line: number;
  readonly column: number;
}

const POSITION_RE = /at line (\d+), column (\d+)/i;

/** Finds `at line L, column C` in a query error message (SPEC §7), or null. */
export function parseSqlErrorPosition(message: string): SqlErrorPosition | null {
  const m = POSITION_RE.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const column = Number(m[2]);
  if (!(line >= 1) || !(column >= 1)) return null;
  return { line, column };
}

/** Converts a 1-based line/column to a 0-based offset in `text`, clamped to its length. */
export function positionToOffset(text: string, pos: SqlErrorPosition): number {
  let offset = 0;
  let line = 1;
  while (line < pos.line) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + pos.column - 1, end);
}
