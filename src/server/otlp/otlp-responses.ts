/**
 * Bodies of OTLP responses, encoded with protobufjs from the embedded .proto files:
 * Export responses (empty, or with `partial_success` carrying the rejected count and the
 * first reason) and google.rpc.Status error bodies, in protobuf or OTLP/JSON.
 */
import type { TableName } from '../../columnar/index.ts';
import type { IngestResult, OtlpProto } from '../../ingest/index.ts';

const EMPTY = new Uint8Array(0);
const EMPTY_JSON = new TextEncoder().encode('{}');

const JSON_REJECTED_FIELD: Readonly<Record<TableName, string>> = {
  metrics: 'rejectedDataPoints',
  logs: 'rejectedLogRecords',
  spans: 'rejectedSpans',
};

export class OtlpResponses {
  constructor(private readonly proto: OtlpProto) {}

  /** The Export response for a handled request (protobuf). */
  exportProtobuf(table: TableName, result: IngestResult): Uint8Array {
    if (result.rejected === 0) return EMPTY;
    const service = this.proto.services[table];
    const message = service.response.fromObject({
      partial_success: { [service.rejectedField]: result.rejected, error_message: result.firstRejection ?? '' },
    });
    return service.response.encode(message).finish();
  }

  /** The Export response for a handled request (OTLP/JSON; int64 as a string per proto3 JSON). */
  exportJson(table: TableName, result: IngestResult): Uint8Array {
    if (result.rejected === 0) return EMPTY_JSON;
    const body = { partialSuccess: { [JSON_REJECTED_FIELD[table]]: String(result.rejected), errorMessage: result.firstRejection ?? '' } };
    return new TextEncoder().encode(JSON.stringify(body));
  }

  /** google.rpc.Status, optionally with RetryInfo (protobuf). */
  statusProtobuf(grpcCode: number, message: string, retryAfterSeconds: number | null): Uint8Array {
    const { status, retryInfo } = this.proto;
    const details =
      retryAfterSeconds === null
        ? []
        : [
            {
              type_url: 'type.googleapis.com/google.rpc.RetryInfo',
              value: retryInfo.encode(retryInfo.fromObject({ retry_delay: { seconds: retryAfterSeconds, nanos: 0 } })).finish(),
            },
          ];
    return status.encode(status.fromObject({ code: grpcCode, message, details })).finish();
  }

  /** google.rpc.Status as JSON (`{"code":8,"message":"..."}`). */
  statusJson(grpcCode: number, message: string): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ code: grpcCode, message }));
  }
}
