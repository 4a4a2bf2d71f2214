/**
 * The OTLP schema (proto/) loaded into protobufjs, for the places where speed does not
 * matter: encoding Export responses and google.rpc.Status error bodies, generating
 * benchmark requests, and tests. The .proto text is imported as text so that
 * `bun build --compile` embeds it. Decoding requests never goes through here (see otlp/).
 */
import protobuf from 'protobufjs';
import type { TableName } from '../columnar/index.ts';
import commonProto from '../../proto/opentelemetry/proto/common/v1/common.proto' with { type: 'text' };
import resourceProto from '../../proto/opentelemetry/proto/resource/v1/resource.proto' with { type: 'text' };
import metricsProto from '../../proto/opentelemetry/proto/metrics/v1/metrics.proto' with { type: 'text' };
import logsProto from '../../proto/opentelemetry/proto/logs/v1/logs.proto' with { type: 'text' };
import traceProto from '../../proto/opentelemetry/proto/trace/v1/trace.proto' with { type: 'text' };
import metricsServiceProto from '../../proto/opentelemetry/proto/collector/metrics/v1/metrics_service.proto' with { type: 'text' };
import logsServiceProto from '../../proto/opentelemetry/proto/collector/logs/v1/logs_service.proto' with { type: 'text' };
import traceServiceProto from '../../proto/opentelemetry/proto/collector/trace/v1/trace_service.proto' with { type: 'text' };
import anyProto from '../../proto/google/protobuf/any.proto' with { type: 'text' };
import statusProto from '../../proto/google/rpc/status.proto' with { type: 'text' };

/** Per table: the collector service, its Export request and response messages. */
export interface OtlpService {
  /** gRPC path, e.g. `/opentelemetry.proto.collector.metrics.v1.MetricsService/Export`. */
  readonly grpcPath: string;
  /** HTTP path, e.g. `/v1/metrics`. */
  readonly httpPath: string;
  readonly request: protobuf.Type;
  readonly response: protobuf.Type;
  /** Field of `partial_success` that counts rejected rows (`rejected_data_points`, ...). */
  readonly rejectedField: string;
}

export interface OtlpProto {
  readonly root: protobuf.Root;
  readonly services: Readonly<Record<TableName, OtlpService>>;
  /** google.rpc.Status */
  readonly status: protobuf.Type;
  /** google.rpc.RetryInfo */
  readonly retryInfo: protobuf.Type;
}

/**
 * Parses the embedded .proto files (tens of ms; call once and keep the result). Field
 * names are as in the .proto files (snake_case), or lowerCamelCase with `camelCase`.
 */
export function loadOtlpProto(options: { camelCase?: boolean } = {}): OtlpProto {
  const root = new protobuf.Root();
  for (const text of [
    commonProto,
    resourceProto,
    metricsProto,
    logsProto,
    traceProto,
    metricsServiceProto,
    logsServiceProto,
    traceServiceProto,
    anyProto,
    statusProto,
  ]) {
    protobuf.parse(text, root, { keepCase: options.camelCase !== true });
  }
  root.resolveAll();
  const service = (pkg: string, name: string, httpPath: string, rejectedField: string): OtlpService => ({
    grpcPath: `/opentelemetry.proto.collector.${pkg}.v1.${name}Service/Export`,
    httpPath,
    request: root.lookupType(`opentelemetry.proto.collector.${pkg}.v1.Export${name}ServiceRequest`),
    response: root.lookupType(`opentelemetry.proto.collector.${pkg}.v1.Export${name}ServiceResponse`),
    rejectedField: options.camelCase === true ? rejectedField.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : rejectedField,
  });
  return {
    root,
    services: {
      metrics: service('metrics', 'Metrics', '/v1/metrics', 'rejected_data_points'),
      logs: service('logs', 'Logs', '/v1/logs', 'rejected_log_records'),
      spans: service('trace', 'Trace', '/v1/traces', 'rejected_spans'),
    },
    status: root.lookupType('google.rpc.Status'),
    retryInfo: root.lookupType('google.rpc.RetryInfo'),
  };
}
