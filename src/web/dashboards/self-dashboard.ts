/**
 * The built-in "Pharlux itself" dashboard shown on the home screen. It relies on
 * self-observability: the server records its own metrics with resource
 * `service.name = "pharlux"` every `telemetry.self_scrape_seconds`, so even an empty
 * install has something live to look at.
 */
import type { DashboardDoc } from './dashboard-model.ts';

/** Service name under which the server records its own telemetry. */
export const SELF_SERVICE = 'pharlux';

const range = 'timestamp >= ${__from} AND timestamp < ${__to}';
const bucket = "date_bin(${__interval}, timestamp, TIMESTAMP '1970-01-01 00:00:00')";

/** The document (not stored; admins may save a copy). */
export function selfDashboard(): DashboardDoc {
  return {
    version: 1,
    time_range: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    variables: [],
    panels: [
      {
        id: 'records',
        title: 'Records stored in range',
        type: 'stat',
        sql: `SELECT sum(n) AS records FROM (SELECT count(*) AS n FROM logs WHERE ${range} UNION ALL SELECT count(*) AS n FROM spans WHERE ${range} UNION ALL SELECT count(*) AS n FROM metrics WHERE ${range}) AS c`,
        x: 0,
        y: 0,
        w: 3,
        h: 4,
        options: {},
      },
      {
        id: 'services',
        title: 'Services sending data',
        type: 'stat',
        sql: `SELECT count(DISTINCT service_name) AS services FROM metrics WHERE ${range} AND service_name <> '${SELF_SERVICE}'`,
        x: 3,
        y: 0,
        w: 3,
        h: 4,
        options: {},
      },
      {
        id: 'self_series',
        title: 'Pharlux self-metrics',
        type: 'stat',
        sql: `SELECT count(DISTINCT name) AS metrics FROM metrics WHERE service_name = '${SELF_SERVICE}' AND ${range}`,
        x: 6,
        y: 0,
        w: 3,
        h: 4,
        options: {},
      },
      {
        id: 'logs_by_service',
        title: 'Log records by service',
        type: 'bar',
        sql: `SELECT service_name, count(*) AS records FROM logs WHERE ${range} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
        x: 9,
        y: 0,
        w: 3,
        h: 4,
        options: {},
      },
      {
        id: 'self_gauges',
        title: 'Pharlux gauges (memory, queue, WAL, head…)',
        type: 'timeseries',
        sql: `SELECT ${bucket} AS t, name, avg(value) AS v FROM metrics WHERE service_name = '${SELF_SERVICE}' AND type = 'gauge' AND ${range} GROUP BY 1, 2 ORDER BY 1`,
        x: 0,
        y: 4,
        w: 6,
        h: 7,
        options: {},
      },
      {
        id: 'self_counters',
        title: 'Pharlux counters (cumulative)',
        type: 'timeseries',
        sql: `SELECT ${bucket} AS t, name, max(value) AS v FROM metrics WHERE service_name = '${SELF_SERVICE}' AND type = 'sum' AND ${range} GROUP BY 1, 2 ORDER BY 1`,
        x: 6,
        y: 4,
        w: 6,
        h: 7,
        options: {},
      },
      {
        id: 'self_table',
        title: 'All self-metrics',
        type: 'table',
        sql: `SELECT name, type, unit, count(*) AS points, min(value) AS min, max(value) AS max FROM metrics WHERE service_name = '${SELF_SERVICE}' AND ${range} GROUP BY 1, 2, 3 ORDER BY 1`,
        x: 0,
        y: 11,
        w: 12,
        h: 6,
        options: {},
      },
    ],
  };
}
