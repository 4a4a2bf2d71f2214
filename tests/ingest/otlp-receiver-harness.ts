/** Starts both OTLP receivers on random loopback ports over an in-memory AppendTarget, for tests. */
import { silentLogger } from '../../src/common/index.ts';
import {
  DEFAULT_INGEST_LIMITS,
  defaultTenantResolver,
  IngestPipeline,
  loadOtlpProto,
  MemoryAppendTarget,
  type IngestLimits,
  type OtlpProto,
  type TenantResolver,
} from '../../src/ingest/index.ts';
import { startOtlpGrpcReceiver, startOtlpHttpReceiver, type RunningReceiver } from '../../src/server/otlp/index.ts';
import type { Clock } from '../../src/common/index.ts';

export interface ReceiverHarness {
  readonly target: MemoryAppendTarget;
  readonly pipeline: IngestPipeline;
  readonly http: RunningReceiver;
  readonly grpc: RunningReceiver;
  readonly proto: OtlpProto;
  readonly httpUrl: string;
  stop(): Promise<void>;
}

export async function startReceiverHarness(
  options: { limits?: Partial<IngestLimits>; tenants?: TenantResolver; clock?: Clock; corsAllowedOrigins?: string[] } = {},
): Promise<ReceiverHarness> {
  const proto = loadOtlpProto();
  const target = new MemoryAppendTarget();
  const logger = silentLogger();
  const pipeline = new IngestPipeline({ target, limits: { ...DEFAULT_INGEST_LIMITS, ...options.limits }, logger, clock: options.clock });
  const common = { host: '127.0.0.1', port: 0, pipeline, tenants: options.tenants ?? defaultTenantResolver, logger, proto, corsAllowedOrigins: options.corsAllowedOrigins };
  const http = await startOtlpHttpReceiver(common);
  const grpc = await startOtlpGrpcReceiver(common);
  return {
    target,
    pipeline,
    http,
    grpc,
    proto,
    httpUrl: `http://127.0.0.1:${http.port}`,
    stop: async () => {
      target.resume();
      await Promise.all([http.stop(), grpc.stop()]);
      await pipeline.stop();
    },
  };
}
