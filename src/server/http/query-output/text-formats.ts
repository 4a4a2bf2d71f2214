/**
 * The text encodings of a query result: JSON (`{columns, rows, row_count, truncated,
 * elapsed_ms}`, SPEC §8), NDJSON (one row object a line) and CSV (header line, RFC 4180
 * quoting). Each is a generator of text chunks of at most SLICE_ROWS rows, so no format
 * ever holds more than a slice of rows as text.
 */
import type { Batch } from '../../../columnar/index.ts';
import type { QueryColumn } from '../../query-service.ts';
import { csvCellEncoder, csvField, jsonCellEncoder, type CellEncoder } from './value-encoders.ts';

const SLICE_ROWS = 2048;

/** Facts known only once every row has been written (the JSON trailer). */
export interface ResultSummary {
  readonly rowCount: () => number;
  readonly truncated: () => boolean;
  readonly elapsedMs: () => number;
}

function* rowSlices(batch: Batch, encode: (start: number, end: number) => string): Generator<string> {
  for (let start = 0; start < batch.length; start += SLICE_ROWS) yield encode(start, Math.min(batch.length, start + SLICE_ROWS));
}

function objectRowEncoder(columns: readonly QueryColumn[], batch: Batch): (row: number) => string {
  const keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
  const cells: CellEncoder[] = batch.columns.map(jsonCellEncoder);
  return (row) => {
    if (cells.length === 0) return '{}';
    let s = '';
    for (let c = 0; c < cells.length; c++) s += keys[c] + cells[c](row);
    return s + '}';
  };
}

/** The JSON response body. */
export async function* jsonResultText(columns: readonly QueryColumn[], batches: AsyncIterable<Batch>, summary: ResultSummary): AsyncGenerator<string> {
  yield `{"columns":${JSON.stringify(columns.map((c) => ({ name: c.name, type: c.type })))},"rows":[`;
  let first = true;
  for await (const batch of batches) {
    const encodeRow = objectRowEncoder(columns, batch);
    yield* rowSlices(batch, (start, end) => {
      let s = '';
      for (let r = start; r < end; r++) {
        s += (first ? '\n' : ',\n') + encodeRow(r);
        first = false;
      }
      return s;
    });
  }
  yield `\n],"row_count":${summary.rowCount()},"truncated":${summary.truncated()},"elapsed_ms":${Math.round(summary.elapsedMs() * 1000) / 1000}}\n`;
}

/** The NDJSON response body: one JSON object per row. */
export async function* ndjsonResultText(columns: readonly QueryColumn[], batches: AsyncIterable<Batch>): AsyncGenerator<string> {
  for await (const batch of batches) {
    const encodeRow = objectRowEncoder(columns, batch);
    yield* rowSlices(batch, (start, end) => {
      let s = '';
      for (let r = start; r < end; r++) s += encodeRow(r) + '\n';
      return s;
    });
  }
}

/** The CSV response body: a header line of column names, then one line per row. */
export async function* csvResultText(columns: readonly QueryColumn[], batches: AsyncIterable<Batch>): AsyncGenerator<string> {
  yield columns.map((c) => csvField(c.name)).join(',') + '\r\n';
  for await (const batch of batches) {
    const cells = batch.columns.map(csvCellEncoder);
    yield* rowSlices(batch, (start, end) => {
      let s = '';
      for (let r = start; r < end; r++) {
        for (let c = 0; c < cells.length; c++) s += (c === 0 ? '' : ',') + cells[c](r);
        s += '\r\n';
      }
      return s;
    });
  }
}
