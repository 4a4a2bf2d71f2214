/**
 * `POST /api/v1/query {sql, limit?}`: runs SQL in the caller's tenant and streams the
 * result as JSON, CSV, NDJSON or Arrow IPC (by `Accept`). The first batch is awaited
 * before the status line is sent, so planning and most execution errors are proper
 * JSON errors; a failure after that cuts the stream (and is logged). Rows beyond
 * `limit` (at most `query.max_result_rows`) are dropped and the JSON says `truncated`;
 * the other formats carry the limit in `X-Pharlux-Row-Limit`.
 */
import { HttpError } from '../error-response.ts';
import {
  arrowResultBytes,
  byteStream,
  csvResultText,
  FORMAT_CONTENT_TYPES,
  jsonResultText,
  ndjsonResultText,
  negotiateFormat,
  prefetchFirst,
  RowLimiter,
  textByteStream,
} from '../query-output/index.ts';
import { optionalInteger, readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';

export async function handleQuery(ctx: RouteContext): Promise<Response> {
  const startedMs = performance.now();
  const { api, logger } = ctx.services;
  const tenant = principalOf(ctx).tenant;
  const format = negotiateFormat(ctx.request.headers.get('accept'));
  if (format === null) {
    throw new HttpError(406, 'not_acceptable', 'Accept must allow application/json, text/csv, application/x-ndjson or application/vnd.apache.arrow.stream');
  }
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const sql = requiredString(body, 'sql');
  if (sql.trim() === '') throw new HttpError(400, 'invalid_argument', 'sql must not be empty');
  const requested = optionalInteger(body, 'limit');
  if (requested !== undefined && requested < 0) throw new HttpError(400, 'invalid_argument', 'limit must not be negative');
  const limit = Math.min(requested ?? api.settings.maxResultRows, api.settings.maxResultRows);
  if (api.query === null) throw new HttpError(503, 'query_unavailable', 'the SQL engine is not available on this server');

  const controller = new AbortController();
  const timeout = setTimeout(
    () => controller.abort(new HttpError(504, 'query_timeout', `query exceeded its ${api.settings.queryTimeoutMs / 1000} s timeout (query.timeout_seconds)`)),
    api.settings.queryTimeoutMs,
  );
  const onClientGone = (): void => controller.abort(new HttpError(499, 'query_cancelled', 'the client went away'));
  ctx.request.signal.addEventListener('abort', onClientGone, { once: true });
  const limiter = new RowLimiter(limit);
  const finish = (outcome: 'ok' | 'error' | 'cancelled', err?: unknown): void => {
    clearTimeout(timeout);
    ctx.request.signal.removeEventListener('abort', onClientGone);
    if (outcome !== 'ok') controller.abort();
    api.apiMetrics.queries.inc({ format, outcome });
    api.apiMetrics.queryDuration.observe((performance.now() - startedMs) / 1000, { format });
    api.apiMetrics.queryRows.inc({}, limiter.rowCount);
    // Only a failure after the response started is logged here: the client saw a cut
    // stream. Errors before it (bad SQL, limits) are the client's answer, not the server's problem.
    if (outcome === 'error' && err !== undefined) logger.warn('query failed while streaming', { tenant, error: err instanceof Error ? err.message : String(err) });
  };

  let batches;
  let columns;
  try {
    const result = await api.query.run(sql, { tenant, limit, signal: controller.signal, format });
    columns = result.columns;
    batches = await prefetchFirst(limiter.take(result.batches));
  } catch (err) {
    // A timeout or a vanished client shows up as whatever the engine throws on abort; answer with the cause.
    const cause: unknown = controller.signal.aborted && controller.signal.reason instanceof HttpError ? controller.signal.reason : err;
    finish(controller.signal.aborted ? 'cancelled' : 'error');
    throw cause;
  }
  const onDone = (outcome: 'complete' | 'error' | 'cancelled', err?: unknown): void => {
    finish(outcome === 'complete' ? 'ok' : outcome, err);
    if (outcome !== 'complete') void batches.close();
  };
  const headers = { 'content-type': FORMAT_CONTENT_TYPES[format], 'x-pharlux-row-limit': String(limit), 'cache-control': 'no-store' };
  switch (format) {
    case 'json': {
      const summary = { rowCount: () => limiter.rowCount, truncated: () => limiter.truncated, elapsedMs: () => performance.now() - startedMs };
      return new Response(textByteStream(jsonResultText(columns, batches, summary), onDone), { headers });
    }
    case 'ndjson':
      return new Response(textByteStream(ndjsonResultText(columns, batches), onDone), { headers });
    case 'csv':
      return new Response(textByteStream(csvResultText(columns, batches), onDone), { headers });
    case 'arrow':
      return new Response(byteStream(arrowResultBytes(columns, batches), onDone), { headers });
  }
}
