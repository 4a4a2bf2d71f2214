/**
 * OTLP/gRPC on :4317 (SPEC §4) with @grpc/grpc-js: the three collector services' Export
 * methods, gzip message compression (grpc-js inflates, capped at max_decompressed_bytes).
 * Requests reach the pipeline as raw protobuf bytes (identity deserializer: the
 * hand-written decoder does the work); responses are encoded with protobufjs. Errors
 * become gRPC statuses with a google.rpc.Status (plus RetryInfo when retryable) in
 * `grpc-status-details-bin`.
 * grpc-js never compresses responses, so a gzip request gets an uncompressed (tiny) reply.
 */
import * as grpc from '@grpc/grpc-js';
import { TABLE_NAMES, type TableName } from '../../columnar/index.ts';
import { apiKeyFromHeaders, IngestUnauthenticatedError, loadOtlpProto } from '../../ingest/index.ts';
import type { OtlpReceiverOptions, RunningReceiver } from './otlp-http-receiver.ts';
import { OtlpResponses } from './otlp-responses.ts';
import { grpcCodeName, otlpFailureOf } from './otlp-status.ts';
import { LISTENER_GRACE_MS } from '../stop-listener.ts';

const SERVICE_NAMES: Readonly<Record<TableName, string>> = { metrics: 'MetricsService', logs: 'LogsService', spans: 'TraceService' };

/** Starts the OTLP/gRPC receiver. */
export async function startOtlpGrpcReceiver(options: OtlpReceiverOptions): Promise<RunningReceiver> {
  const proto = options.proto ?? loadOtlpProto();
  const responses = new OtlpResponses(proto);
  const { pipeline, tenants, logger } = options;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': pipeline.limits.maxDecompressedBytes,
    'grpc.max_send_message_length': 4 * 1024 * 1024,
  });

  for (const table of TABLE_NAMES) {
    const service = proto.services[table];
    const method: grpc.MethodDefinition<Uint8Array, Uint8Array> = {
      path: service.grpcPath,
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: Uint8Array) => Buffer.from(v),
      requestDeserialize: (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      responseSerialize: (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
      responseDeserialize: (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      originalName: 'export',
    };
    const handler = (call: grpc.ServerUnaryCall<Uint8Array, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>): void => {
      const t0 = performance.now();
      const done = (code: number): void => pipeline.metrics.recordRequest('grpc', table, grpcCodeName(code), (performance.now() - t0) / 1000);
      void (async () => {
        try {
          const md = call.metadata;
          const key = apiKeyFromHeaders(firstString(md.get('authorization')), firstString(md.get('x-api-key')));
          const tenant = await tenants.resolve(key);
          if (tenant === null) throw new IngestUnauthenticatedError('missing or unknown API key (send authorization: Bearer <key> or x-api-key metadata)');
          const result = await pipeline.ingest({ table, tenant, encoding: 'protobuf', body: call.request });
          callback(null, responses.exportProtobuf(table, result));
          done(grpc.status.OK);
        } catch (err) {
          const f = otlpFailureOf(err);
          if (f.internal) logger.error('otlp/grpc request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
          else if (logger.enabled('debug')) logger.debug('otlp/grpc request refused', { code: grpcCodeName(f.grpcCode), reason: f.message });
          const metadata = new grpc.Metadata();
          metadata.set('grpc-status-details-bin', Buffer.from(responses.statusProtobuf(f.grpcCode, f.message, f.retryAfterSeconds)));
          callback({ code: f.grpcCode, details: f.message, metadata });
          done(f.grpcCode);
        }
      })();
    };
    server.addService({ Export: method }, { Export: handler });
    logger.debug('otlp/grpc service registered', { service: SERVICE_NAMES[table] });
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
      if (err) reject(err);
      else resolve(bound);
    });
  });
  logger.info('otlp/grpc listening', { address: `${options.host}:${port}` });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        // Give in-flight calls a moment, then cut whatever is left.
        const timer = setTimeout(() => server.forceShutdown(), LISTENER_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

function firstString(values: grpc.MetadataValue[]): string | null {
  const v = values[0];
  return typeof v === 'string' ? v : null;
}
