/**
 * Picks the query output format from the `Accept` header (SPEC §8): JSON by default,
 * CSV, NDJSON or Arrow IPC stream when asked for. An Accept that allows none of them is
 * answered 406.
 */
import type { QueryOutputFormat } from '../../query-service.ts';

export const FORMAT_CONTENT_TYPES: Readonly<Record<QueryOutputFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
};

const MEDIA_TYPES: readonly [string, QueryOutputFormat][] = [
  ['application/json', 'json'],
  ['text/csv', 'csv'],
  ['application/x-ndjson', 'ndjson'],
  ['application/ndjson', 'ndjson'],
  ['application/jsonl', 'ndjson'],
  ['application/vnd.apache.arrow.stream', 'arrow'],
];

/** The best format for an Accept header, or null when it accepts none of ours. */
export function negotiateFormat(accept: string | null): QueryOutputFormat | null {
  if (accept === null || accept.trim() === '') return 'json';
  let best: { format: QueryOutputFormat; q: number; specificity: number } | null = null;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    let q = 1;
    for (const p of params) if (p.startsWith('q=')) q = Number(p.slice(2));
    if (!(q > 0)) continue;
    const candidates: [QueryOutputFormat, number][] =
      rawType === '*/*' ? [['json', 0]] : rawType === 'application/*' ? [['json', 1]] : rawType === 'text/*' ? [['csv', 1]] : MEDIA_TYPES.filter(([m]) => m === rawType).map(([, f]) => [f, 2]);
    for (const [format, specificity] of candidates) {
      if (best === null || q > best.q || (q === best.q && specificity > best.specificity)) best = { format, q, specificity };
    }
  }
  return best?.format ?? null;
}
