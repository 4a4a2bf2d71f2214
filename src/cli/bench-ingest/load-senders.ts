/**
 * How `pharlux bench ingest` sends one pre-encoded request: OTLP/HTTP with fetch
 * (keep-alive) or OTLP/gRPC with @grpc/grpc-js (one channel, concurrent streams). A
 * sender resolves to a status label ('200', 'OK', '429', 'RESOURCE_EXHAUSTED', ...) and
 * never rejects, so one failed request does not stop a worker.
 */
import * as grpc from '@grpc/grpc-js';
import type { OtlpService } from '../../ingest/index.ts';

export interface SendOutcome {
  readonly ok: boolean;
  /** HTTP status or gRPC status name; `error` for transport failures. */
  readonly status: string;
}

export interface LoadSender {
  send(body: Uint8Array): Promise<SendOutcome>;
  close(): void;
}

/** OTLP/HTTP protobuf sender. */
export function createHttpSender(url: string, options: { gzip: boolean; apiKey: string | null }): LoadSender {
  const headers: Record<string, string> = { 'content-type': 'application/x-protobuf' };
  if (options.gzip) headers['content-encoding'] = 'gzip';
  if (options.apiKey !== null) headers.authorization = `Bearer ${options.apiKey}`;
  return {
    async send(body) {
      try {
        const res = await fetch(url, { method: 'POST', body: body as Uint8Array<ArrayBuffer>, headers });
        await res.arrayBuffer();
        return { ok: res.status === 200, status: String(res.status) };
      } catch {
        return { ok: false, status: 'error' };
      }
    },
    close() {},
  };
}

/** OTLP/gRPC sender (bodies are raw protobuf; gzip is negotiated by grpc-js per message). */
export function createGrpcSender(target: string, service: OtlpService, options: { gzip: boolean; apiKey: string | null }): LoadSender {
  const channelOptions: grpc.ChannelOptions = { 'grpc.max_send_message_length': 64 * 1024 * 1024 };
  if (options.gzip) channelOptions['grpc.default_compression_algorithm'] = 2; // gzip
  const client = new grpc.Client(target, grpc.credentials.createInsecure(), channelOptions);
  const metadata = new grpc.Metadata();
  if (options.apiKey !== null) metadata.set('authorization', `Bearer ${options.apiKey}`);
  const identity = (b: Buffer): Buffer => b;
  return {
    send(body) {
      return new Promise((resolve) => {
        client.makeUnaryRequest(service.grpcPath, identity, identity, Buffer.from(body.buffer, body.byteOffset, body.byteLength), metadata, (err) => {
          if (err === null) resolve({ ok: true, status: 'OK' });
          else resolve({ ok: false, status: grpc.status[err.code] ?? String(err.code) });
        });
      });
    },
    close() {
      client.close();
    },
  };
}
