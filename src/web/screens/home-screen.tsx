/**
 * Home. On an install that has received nothing but its own telemetry, it explains how
 * to point an OpenTelemetry SDK or Collector here; below that, always, the live
 * "Pharlux itself" dashboard (self-observability), which admins can save as their own.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { IngestInfo } from '../api/types.ts';
import { canEdit, useApp } from '../app-context.ts';
import { copyText } from '../components/copy-text.ts';
import { keylessTenantNotice, otlpEndpoints } from '../components/otlp-endpoints.ts';
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
  const ingest = useIngestInfo(api);
  const endpoints = otlpEndpoints(location.hostname, ingest);
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
        {empty ? <GettingStarted endpoints={endpoints} ingest={ingest} tenant={user.tenant} /> : null}
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
            <button type="button" class="link" title={endpoints.http} data-testid="copy-otlp-endpoint" onClick={() => void copyText(endpoints.http).then(() => toast(`OTLP endpoint copied: ${endpoints.http}`))}>
              Copy OTLP endpoint
            </button>
          ) : null}
        </div>
        <DashboardGrid api={api} doc={doc} range={resolved} variables={{}} nonce={nonce} />
      </div>
    </>
  );
}

/** The server's OTLP ports and key requirement; null until known (the page then shows the defaults). */
function useIngestInfo(api: ApiClient): IngestInfo | null {
  const [info, setInfo] = useState<IngestInfo | null>(null);
  useEffect(() => {
    let live = true;
    // A failure leaves the SPEC defaults on screen; the dashboard below reports API trouble.
    api.ingestInfo().then((i) => live && setInfo(i), () => {});
    return () => {
      live = false;
    };
  }, [api]);
  return info;
}

function GettingStarted(props: { endpoints: { http: string; grpc: string }; ingest: IngestInfo | null; tenant: string | undefined }): JSX.Element {
  const { http, grpc } = props.endpoints;
  const notice = keylessTenantNotice(props.tenant, props.ingest);
  const keyRequired = props.ingest?.require_api_key === true;
  return (
    <section class="panel-box first-run" style={{ padding: '12px 16px' }} data-testid="first-run">
      <h2>Send your first telemetry</h2>
      <p>
        No application data has arrived yet. Pharlux speaks OTLP natively: point any OpenTelemetry SDK or Collector at this server, nothing else to install.
        Endpoints: OTLP/HTTP <code data-testid="otlp-http-endpoint">{http}</code>, OTLP/gRPC <code data-testid="otlp-grpc-endpoint">{grpc}</code>.
        {keyRequired ? ' This server requires an API key on every OTLP request (an admin creates one in Settings); it selects the tenant the data goes to.' : ''}
      </p>
      {notice ? (
        <div class="notice" data-testid="tenant-notice">
          {notice}
        </div>
      ) : null}
      <h3>Any OpenTelemetry SDK (environment variables)</h3>
      <pre>{`export OTEL_EXPORTER_OTLP_ENDPOINT=${http}
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_SERVICE_NAME=my-service${keyRequired ? '\n# this server requires an API key (an admin creates one in Settings):\nexport OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <api key>"' : ''}`}</pre>
      <h3>OpenTelemetry Collector</h3>
      <pre>{`exporters:
  otlphttp/pharlux:
    endpoint: ${http}${keyRequired ? '\n    headers: { Authorization: "Bearer <api key>" }' : ''}
service:
  pipelines:
    traces:  { receivers: [otlp], exporters: [otlphttp/pharlux] }
    metrics: { receivers: [otlp], exporters: [otlphttp/pharlux] }
    logs:    { receivers: [otlp], exporters: [otlphttp/pharlux] }`}</pre>
      <h3>Check it works</h3>
      <pre>{`curl -sS ${http}/v1/logs -H 'Content-Type: application/json'${keyRequired ? " -H 'Authorization: Bearer <api key>'" : ''} -d '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"hello"}}]},"scopeLogs":[{"logRecords":[{"severityText":"INFO","body":{"stringValue":"hello, Pharlux"}}]}]}]}'`}</pre>
      <p class="muted">Then open Logs: the record appears immediately.</p>
    </section>
  );
}
