/**
 * The built-in "Pharlux itself" dashboard shown on the home screen. It relies on
 * self-observability: the server records its own metrics (the `pharlux_*` families of
 * `/metrics`) with resource `service.name = "pharlux"` every
 * `telemetry.self_scrape_seconds`, so even an empty install has something live to show.
 */
import type { DashboardDoc, Panel } from './dashboard-model.ts';

/** Service name under which the server records its own telemetry. */
export const SELF_SERVICE = 'pharlux';

const range = 'timestamp >= ${__from} AND timestamp < ${__to}';
const self = `service_name = '${SELF_SERVICE}' AND ${range}`;
const bucket = "date_bin(${__interval}, timestamp, TIMESTAMP '1970-01-01 00:00:00')";

/** Latest value of one self-metric (summed over its series), for a stat panel. */
const latest = (name: string, scale: number, alias: string): string =>
  `SELECT timestamp AS t, sum(value) / ${scale} AS ${alias} FROM metrics WHERE name = '${name}' AND ${self} GROUP BY 1 ORDER BY 1 DESC LIMIT 1`;

/** Cumulative counter summed over its series per bucket (the panel draws its rate). */
const counter = (name: string): string =>
  `SELECT t, sum(v) AS ${name.replace(/^pharlux_|_total$/g, '')} FROM (SELECT ${bucket} AS t, attributes, max(value) AS v FROM metrics WHERE name = '${name}' AND ${self} GROUP BY 1, 2) AS s GROUP BY 1 ORDER BY 1`;

interface PanelSpec {
  id: string;
  title: string;
  type: Panel['type'];
  sql: string;
  x: number;
  y: number;
  w: number;
  h: number;
  options?: Record<string, unknown>;
}
const panel = (p: PanelSpec): Panel => ({ ...p, options: p.options ?? {} });

/** The document (not stored; admins may save a copy). */
export function selfDashboard(): DashboardDoc {
  return {
    version: 1,
    time_range: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    variables: [],
    panels: [
      panel({
        id: 'records',
        title: 'Records received in range',
        type: 'stat',
        sql: `SELECT sum(n) AS records FROM (SELECT count(*) AS n FROM logs WHERE ${range} UNION ALL SELECT count(*) AS n FROM spans WHERE ${range} UNION ALL SELECT count(*) AS n FROM metrics WHERE ${range} AND service_name <> '${SELF_SERVICE}') AS c`,
        x: 0,
        y: 0,
        w: 3,
        h: 4,
      }),
      panel({ id: 'rss', title: 'Resident memory', type: 'stat', sql: latest('pharlux_process_resident_memory_bytes', 1048576, 'rss'), x: 3, y: 0, w: 2, h: 4, options: { unit: 'MiB', decimals: 0 } }),
      panel({ id: 'disk', title: 'Free disk', type: 'stat', sql: latest('pharlux_disk_free_bytes', 1073741824, 'free'), x: 5, y: 0, w: 2, h: 4, options: { unit: 'GiB', decimals: 1 } }),
      panel({ id: 'uptime', title: 'Uptime', type: 'stat', sql: latest('pharlux_uptime_seconds', 1, 'uptime'), x: 7, y: 0, w: 2, h: 4, options: { unit: 's' } }),
      panel({
        id: 'logs_by_service',
        title: 'Log records by service',
        type: 'bar',
        sql: `SELECT service_name, count(*) AS records FROM logs WHERE ${range} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
        x: 9,
        y: 0,
        w: 3,
        h: 4,
      }),
      panel({ id: 'ingest_rate', title: 'Rows ingested per second', type: 'timeseries', sql: counter('pharlux_ingest_rows_accepted_total'), x: 0, y: 4, w: 6, h: 6, options: { rate: true } }),
      panel({
        id: 'memory',
        title: 'Memory, head and WAL (MiB)',
        type: 'timeseries',
        sql: `SELECT ${bucket} AS t, name, avg(value) / 1048576 AS mib FROM metrics WHERE name IN ('pharlux_process_resident_memory_bytes', 'pharlux_process_heap_used_bytes', 'pharlux_head_bytes', 'pharlux_wal_bytes') AND ${self} GROUP BY 1, 2 ORDER BY 1`,
        x: 6,
        y: 4,
        w: 6,
        h: 6,
      }),
      panel({ id: 'http_rate', title: 'API requests per second', type: 'timeseries', sql: counter('pharlux_http_requests_total'), x: 0, y: 10, w: 6, h: 6, options: { rate: true } }),
      panel({
        id: 'queue',
        title: 'Ingest queue (requests waiting)',
        type: 'timeseries',
        sql: `SELECT ${bucket} AS t, name, max(value) AS v FROM metrics WHERE name IN ('pharlux_ingest_queue_requests', 'pharlux_ingest_queue_waiting') AND ${self} GROUP BY 1, 2 ORDER BY 1`,
        x: 6,
        y: 10,
        w: 6,
        h: 6,
      }),
      panel({
        id: 'self_table',
        title: 'All self-metrics',
        type: 'table',
        sql: `SELECT name, type, count(*) AS points, min(value) AS min, max(value) AS max FROM metrics WHERE ${self} GROUP BY 1, 2 ORDER BY 1`,
        x: 0,
        y: 16,
        w: 12,
        h: 7,
      }),
    ],
  };
}
