/**
 * What the first-run page tells a sender: the OTLP endpoints of this server (the host the
 * browser reached, the ports the server reports) and which tenant keyless data lands in.
 */
import type { IngestInfo } from '../api/types.ts';

/** SPEC §3 defaults, shown only while the server has not said (or says 0: not bound yet). */
const DEFAULT_HTTP_PORT = 4318;
const DEFAULT_GRPC_PORT = 4317;

/** The OTLP/HTTP and OTLP/gRPC endpoint URLs for `hostname`. */
export function otlpEndpoints(hostname: string, info: IngestInfo | null): { readonly http: string; readonly grpc: string } {
  // An IPv6 literal needs brackets in a URL; location.hostname already has them, but be safe.
  const host = hostname === '' ? 'localhost' : hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  const httpPort = info && info.otlp_http_port > 0 ? info.otlp_http_port : DEFAULT_HTTP_PORT;
  const grpcPort = info && info.otlp_grpc_port > 0 ? info.otlp_grpc_port : DEFAULT_GRPC_PORT;
  return { http: `http://${host}:${httpPort}`, grpc: `http://${host}:${grpcPort}` };
}

/**
 * The warning a user of another tenant needs. With `ingest.require_api_key` off the server
 * puts every OTLP request in tenant `default` and ignores any key it carries (see
 * src/ingest/tenant-resolver.ts), so this tenant cannot receive OTLP data until keys are
 * required. Null when it does not apply (tenant `default`, keys required, or not known).
 */
export function keylessTenantNotice(tenant: string | undefined, info: IngestInfo | null): string | null {
  if (!info || info.require_api_key || tenant === undefined || tenant === 'default') return null;
  return `This server does not require API keys (ingest.require_api_key = false), so all OTLP data goes to tenant "default", even data sent with an API key. Your tenant "${tenant}" receives OTLP data only after the server's operator sets ingest.require_api_key = true; then send it with one of this tenant's API keys (an admin of this tenant creates them in Settings).`;
}
