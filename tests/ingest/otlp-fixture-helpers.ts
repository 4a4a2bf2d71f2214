/** Shared by the fixture tests: the recorded OTLP requests and how to read them. */
import { readFileSync } from 'node:fs';
import type { TableName } from '../../src/columnar/index.ts';
import type { WalEncoding } from '../../src/storage/index.ts';

export const FIXTURE_DIR = `${import.meta.dir}/../fixtures/otlp`;

/** Fixture receive time: one minute after the fixtures were recorded, so every timestamp is in the window. */
export const FIXTURE_RECEIVE_MS = 1796004426302 + 60_000;

export interface HttpFixture {
  readonly file: string;
  readonly table: TableName;
  readonly encoding: WalEncoding;
  readonly headers: Record<string, string>;
}

export interface GrpcFixture {
  readonly file: string;
  readonly table: TableName;
  readonly headers: Record<string, string>;
}

const TABLE_OF: Record<string, TableName> = { metrics: 'metrics', logs: 'logs', traces: 'spans' };

export function fixtureBytes(file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(`${FIXTURE_DIR}/${file}`));
}

/** Every HTTP fixture with the headers it was sent with. */
export function httpFixtures(): HttpFixture[] {
  const files = ['metrics.otlp.pb', 'metrics.otlp.pb.gz', 'metrics.otlp.json', 'logs.otlp.pb', 'logs.otlp.json', 'logs.otlp.json.gz', 'traces.otlp.pb', 'traces.otlp.json'];
  return files.map((file) => {
    const meta = JSON.parse(readFileSync(`${FIXTURE_DIR}/${file}.request.json`, 'utf8')) as { headers: Record<string, string> };
    return {
      file,
      table: TABLE_OF[file.split('.')[0]],
      encoding: file.includes('.json') ? 'json' : 'protobuf',
      headers: meta.headers,
    };
  });
}

/** The gRPC wire fixtures. */
export function grpcFixtures(): GrpcFixture[] {
  return ['metrics.grpc-wire.bin', 'traces.grpc-wire-gzip.bin'].map((file) => {
    const meta = JSON.parse(readFileSync(`${FIXTURE_DIR}/${file.replace('.bin', '.request.json')}`, 'utf8')) as { headers: Record<string, string> };
    return { file, table: TABLE_OF[file.split('.')[0]], headers: meta.headers };
  });
}

/** The decompressed request body of an HTTP fixture. */
export function httpFixtureBody(f: HttpFixture): Uint8Array {
  const raw = fixtureBytes(f.file);
  return f.headers['content-encoding'] === 'gzip' ? Bun.gunzipSync(raw as Uint8Array<ArrayBuffer>) : raw;
}

/** The protobuf message inside a gRPC wire body (5-byte prefix: flag, big-endian length). */
export function grpcFixtureMessage(f: GrpcFixture): Uint8Array {
  const wire = fixtureBytes(f.file);
  const len = new DataView(wire.buffer, wire.byteOffset).getUint32(1);
  const message = wire.subarray(5, 5 + len);
  return wire[0] === 1 ? Bun.gunzipSync(message as Uint8Array<ArrayBuffer>) : message;
}
