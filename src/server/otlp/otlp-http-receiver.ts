/**
 * OTLP/HTTP on :4318 (SPEC §4) with Bun.serve: `POST /v1/metrics|logs|traces`, protobuf
 * or JSON, Content-Encoding gzip / zstd / identity, chunked or sized bodies. The response
 * uses the request's content type; errors carry a google.rpc.Status body and, when
 * retryable, `Retry-After`. CORS preflight is answered so browser exporters work.
 */
import type { Logger } from '../../common/index.ts';
import type { TableName } from '../../columnar/index.ts';
import {
  apiKeyFromHeaders,
  IngestTooLargeError,
  IngestUnauthenticatedError,
  loadOtlpProto,
  type IngestPipeline,
  type OtlpProto,
  type TenantResolver,
} from '../../ingest/index.ts';
import type { WalEncoding } from '../../storage/index.ts';
import { stopListener } from '../stop-listener.ts';
import { decompressBody, parseContentEncoding } from './body-decompression.ts';
import { OtlpResponses } from './otlp-responses.ts';
import { otlpFailureOf, OtlpHttpError } from './otlp-status.ts';

export interface OtlpReceiverOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly pipeline: IngestPipeline;
  readonly tenants: TenantResolver;
  readonly logger: Logger;
  /** Parsed OTLP schema; loaded when absent (share one between receivers). */
  readonly proto?: OtlpProto;
  /** Origins allowed to export from a browser; default any (`*`). */
  readonly corsAllowedOrigins?: readonly string[];
}

export interface RunningReceiver {
  readonly port: number;
  /** Stops listening; in-flight requests get LISTENER_GRACE_MS to finish, then are cut off. */
  stop(): Promise<void>;
}

const PATHS: Readonly<Record<string, TableName>> = { '/v1/metrics': 'metrics', '/v1/logs': 'logs', '/v1/traces': 'spans' };
const CONTENT_TYPES: Readonly<Record<WalEncoding, string>> = { protobuf: 'application/x-protobuf', json: 'application/json' };

/** Starts the OTLP/HTTP receiver. */
export async function startOtlpHttpReceiver(options: OtlpReceiverOptions): Promise<RunningReceiver> {
  const handler = new OtlpHttpHandler(options);
  const { maxRequestBytes } = options.pipeline.limits;
  const server = Bun.serve({
    hostname: options.host,
    port: options.port,
    // Bun 1.4.5 turns SO_REUSEPORT on when `development: false` is given; a second server
    // on the same port would then share it silently instead of failing. Say no explicitly.
    reusePort: false,
    // Our own check answers 413 with a proper body; this is only Bun's backstop.
    maxRequestBodySize: maxRequestBytes + 1024 * 1024,
    fetch: (req) => handler.handle(req),
    error: (err) => {
      options.logger.error('otlp/http request failed', { error: err.stack ?? err.message });
      return new Response('internal error', { status: 500 });
    },
  });
  const port = server.port ?? options.port;
  options.logger.info('otlp/http listening', { address: `${options.host}:${port}` });
  return {
    port,
    stop: () => stopListener(server),
  };
}

class OtlpHttpHandler {
  private readonly responses: OtlpResponses;
  private readonly allowAnyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(private readonly options: OtlpReceiverOptions) {
    this.responses = new OtlpResponses(options.proto ?? loadOtlpProto());
    const origins = options.corsAllowedOrigins ?? ['*'];
    this.allowAnyOrigin = origins.includes('*');
    this.origins = new Set(origins);
  }

  async handle(req: Request): Promise<Response> {
    const t0 = performance.now();
    const url = new URL(req.url);
    const table = PATHS[url.pathname];
    if (table === undefined) return new Response('not found: OTLP/HTTP paths are /v1/metrics, /v1/logs and /v1/traces\n', { status: 404 });
    const cors = this.corsHeaders(req);
    if (req.method === 'OPTIONS') return this.preflight(req, cors);
    const encoding = requestEncoding(req.headers.get('content-type'));
    let response: Response;
    try {
      if (req.method !== 'POST') throw new OtlpHttpError(405, `method ${req.method} not allowed; use POST`);
      if (encoding === null) throw new OtlpHttpError(415, `unsupported Content-Type "${req.headers.get('content-type') ?? ''}" (use application/x-protobuf or application/json)`);
      const tenant = await this.options.tenants.resolve(apiKeyFromHeaders(req.headers.get('authorization'), req.headers.get('x-api-key')));
      if (tenant === null) throw new IngestUnauthenticatedError('missing or unknown API key (send Authorization: Bearer <key> or x-api-key)');
      const coding = parseContentEncoding(req.headers.get('content-encoding'));
      const limits = this.options.pipeline.limits;
      const raw = await readBody(req, limits.maxRequestBytes);
      const body = decompressBody(raw, coding, limits.maxDecompressedBytes);
      const result = await this.options.pipeline.ingest({ table, tenant, encoding, body });
      const payload = encoding === 'protobuf' ? this.responses.exportProtobuf(table, result) : this.responses.exportJson(table, result);
      response = this.reply(req, 200, encoding, payload, cors);
    } catch (err) {
      response = this.failure(req, err, encoding ?? 'json', cors);
    }
    this.options.pipeline.metrics.recordRequest('http', table, String(response.status), (performance.now() - t0) / 1000);
    return response;
  }

  private failure(req: Request, err: unknown, encoding: WalEncoding, cors: Record<string, string>): Response {
    const f = otlpFailureOf(err);
    const log = this.options.logger;
    if (f.internal) log.error('otlp/http request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    else if (log.enabled('debug')) log.debug('otlp/http request refused', { status: f.httpStatus, reason: f.message });
    const payload =
      encoding === 'protobuf'
        ? this.responses.statusProtobuf(f.grpcCode, f.message, f.retryAfterSeconds)
        : this.responses.statusJson(f.grpcCode, f.message);
    const headers: Record<string, string> = { ...cors };
    if (f.retryAfterSeconds !== null) headers['retry-after'] = String(f.retryAfterSeconds);
    if (f.httpStatus === 405) headers.allow = 'POST, OPTIONS';
    return this.reply(req, f.httpStatus, encoding, payload, headers);
  }

  private reply(req: Request, status: number, encoding: WalEncoding, payload: Uint8Array, extra: Record<string, string>): Response {
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[encoding], ...extra };
    let body: Uint8Array = payload;
    // Compress only for clients that say they can read it (the JS SDK's HTTP exporter does not).
    if (payload.byteLength > 0 && /\bgzip\b/i.test(req.headers.get('accept-encoding') ?? '')) {
      body = Bun.gzipSync(payload as Uint8Array<ArrayBuffer>);
      headers['content-encoding'] = 'gzip';
    }
    return new Response(body as Uint8Array<ArrayBuffer>, { status, headers });
  }

  private corsHeaders(req: Request): Record<string, string> {
    const origin = req.headers.get('origin');
    if (origin === null) return {};
    if (!this.allowAnyOrigin && !this.origins.has(origin)) return {};
    return { 'access-control-allow-origin': this.allowAnyOrigin ? '*' : origin, vary: 'Origin' };
  }

  private preflight(req: Request, cors: Record<string, string>): Response {
    if (cors['access-control-allow-origin'] === undefined) return new Response(null, { status: 403 });
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers':
          req.headers.get('access-control-request-headers') ?? 'content-type, content-encoding, authorization, x-api-key',
        'access-control-max-age': '86400',
      },
    });
  }
}

/** protobuf / json from a Content-Type header (parameters ignored); null when neither. */
function requestEncoding(contentType: string | null): WalEncoding | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}

/** Reads the whole body (sized or chunked), refusing more than `maxBytes` with 413. */
async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new IngestTooLargeError(`request body exceeds ${maxBytes} bytes (ingest.max_request_bytes)`);
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (declared !== null) return await req.bytes();
  if (req.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
