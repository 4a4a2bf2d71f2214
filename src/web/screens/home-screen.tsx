/**
 * Home. On an install that has received nothing but its own telemetry, it explains how
 * to point an OpenTelemetry SDK or Collector here; below that, always, the live
 * "Pharlux itself" dashboard (self-observability), which admins can save as their own.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { canEdit, useApp } from '../app-context.ts';
import { copyText } from '../components/copy-text.ts';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useInterval, useQuery } from '../components/use-query.ts';
import { DashboardGrid } from '../dashboards/dashboard-grid.tsx';
import { refreshMs } from '../dashboards/dashboard-model.ts';
import { SELF_SERVICE, selfDashboard } from '../dashboards/self-dashboard.ts';
import { toNumber } from '../results/result-series.ts';
import { resolveRange } from '../state/time-range.ts';
import { navigate, rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';

const USER_DATA_SQL = `SELECT sum(n) AS n FROM (SELECT count(*) AS n FROM logs UNION ALL SELECT count(*) AS n FROM spans UNION ALL SELECT count(*) AS n FROM metrics WHERE service_name <> '${SELF_SERVICE}') AS c`;

export function HomeScreen(): JSX.Element {
  const { api, user, toast } = useApp();
  const url = useUrl();
  const doc = useMemo(selfDashboard, []);
  const range = rangeFromParams(url.params);
  const [nonce, setNonce] = useState(0);
  useInterval(() => setNonce((n) => n + 1), refreshMs(doc.refresh));
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to, nonce]);
  const data = useQuery(api, USER_DATA_SQL);
  const empty = data.result ? (toNumber(data.result.rows[0]?.n) ?? 0) === 0 : false;
  const saveCopy = async (): Promise<void> => {
    try {
      const d = await api.createDashboard({ name: `Pharlux itself ${new Date().toISOString().slice(0, 16)}`, description: 'Self-observability of this Pharlux server', layout_json: doc });
      navigate(`/dashboards/${encodeURIComponent(String(d.id))}`);
    } catch (err) {
      toast(`Save failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <>
      <div class="toolbar">
        <h1>Home</h1>
        <span class="spacer" />
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
      </div>
      <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '12px' }}>
        {data.error ? <div class="error-box">{data.error.message}</div> : null}
        {empty ? <GettingStarted /> : null}
        <div class="row">
          <h2 style={{ margin: 0 }}>Pharlux itself</h2>
          <span class="muted">Live from self-observability (service "{SELF_SERVICE}"), refreshed every 30 s.</span>
          <span class="spacer" />
          {canEdit(user) ? (
            <button type="button" onClick={saveCopy}>
              Save as dashboard
            </button>
          ) : null}
          {!empty && data.result ? (
            <button type="button" class="link" onClick={() => void copyText(`${location.origin.replace(/:\d+$/, '')}:4318`).then(() => toast('OTLP endpoint copied'))}>
              Copy OTLP endpoint
            </button>
          ) : null}
        </div>
        <DashboardGrid api={api} doc={doc} range={resolved} variables={{}} nonce={nonce} />
      </div>
    </>
  );
}

function GettingStarted(): JSX.Element {
  const host = location.hostname || 'localhost';
  const http = `http://${host}:4318`;
  const grpc = `http://${host}:4317`;
  return (
    <section class="panel-box first-run" style={{ padding: '12px 16px' }} data-testid="first-run">
      <h2>Send your first telemetry</h2>
      <p>
        No application data has arrived yet. Pharlux speaks OTLP natively: point any OpenTelemetry SDK or Collector at this server, nothing else to install.
        Endpoints (default ports): OTLP/HTTP <code>{http}</code>, OTLP/gRPC <code>{grpc}</code>.
      </p>
      <h3>Any OpenTelemetry SDK (environment variables)</h3>
      <pre>{`export OTEL_EXPORTER_OTLP_ENDPOINT=${http}
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_SERVICE_NAME=my-service
# only when ingest.require_api_key = true (create a key in Settings):
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <api key>"`}</pre>
      <h3>OpenTelemetry Collector</h3>
      <pre>{`exporters:
  otlphttp/pharlux:
    endpoint: ${http}
service:
  pipelines:
    traces:  { receivers: [otlp], exporters: [otlphttp/pharlux] }
    metrics: { receivers: [otlp], exporters: [otlphttp/pharlux] }
    logs:    { receivers: [otlp], exporters: [otlphttp/pharlux] }`}</pre>
      <h3>Check it works</h3>
      <pre>{`curl -sS ${http}/v1/logs -H 'Content-Type: application/json' -d '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"hello"}}]},"scopeLogs":[{"logRecords":[{"severityText":"INFO","body":{"stringValue":"hello, Pharlux"}}]}]}]}'`}</pre>
      <p class="muted">Then open Logs: the record appears immediately.</p>
    </section>
  );
}
