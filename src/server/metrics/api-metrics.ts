/** The API's own self-metrics: requests by route and status, query durations and rows, failed logins. */
import type { Counter, Histogram, MetricRegistry } from './metric-registry.ts';

const DURATION_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ApiMetrics {
  readonly httpRequests: Counter;
  readonly httpDuration: Histogram;
  readonly queries: Counter;
  readonly queryDuration: Histogram;
  readonly queryRows: Counter;
  readonly loginFailures: Counter;
}

/** Registers the API metrics in `registry`. */
export function createApiMetrics(registry: MetricRegistry): ApiMetrics {
  return {
    httpRequests: registry.counter('pharlux_http_requests_total', 'API requests by route pattern, method and status'),
    httpDuration: registry.histogram('pharlux_http_request_duration_seconds', 'API request handling time until the response starts', DURATION_BUCKETS_SECONDS),
    queries: registry.counter('pharlux_queries_total', 'SQL queries by output format and outcome (ok, error, cancelled)'),
    queryDuration: registry.histogram('pharlux_query_duration_seconds', 'SQL query time including streaming the result', DURATION_BUCKETS_SECONDS),
    queryRows: registry.counter('pharlux_query_result_rows_total', 'rows returned by SQL queries'),
    loginFailures: registry.counter('pharlux_login_failures_total', 'failed logins, including rate-limited attempts'),
  };
}
