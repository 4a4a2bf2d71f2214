/**
 * Builds every component from the configuration, starts them in dependency order and
 * stops them in reverse. This is the composition root: the only place where storage,
 * ingest, query, meta and auth meet.
 */
import { hostname } from 'node:os';
import { systemClock, type Logger } from '../common/index.ts';
import { createTenantResolver, createWalDecoder, IngestPipeline, loadOtlpProto } from '../ingest/index.ts';
import { Storage } from '../storage/index.ts';
import { openApiServices } from './api-services.ts';
import { createWorkerQueryService, queryLimitsFrom } from './engine-query-service.ts';
import type { BuildInfo } from './build-info.ts';
import type { PharluxConfig } from './config.ts';
import { prepareDataDir } from './data-dir.ts';
import { startHttpServer } from './http/http-server.ts';
import { ROUTES, type HttpServices } from './http/routes.ts';
import { explainListenFailure, explainListenFailureAsync } from './listen-error.ts';
import { ingestMetricsCollector, MetricRegistry, processMetricsCollector, SelfScraper, storageMetricsCollector } from './metrics/index.ts';
import { startOtlpGrpcReceiver, startOtlpHttpReceiver } from './otlp/index.ts';
import { storageOptionsFrom } from './storage-options.ts';
import { createUiHandler, loadUiAssets } from './ui/index.ts';

export interface RunningServer {
  readonly httpPort: number;
  readonly otlpHttpPort: number;
  readonly otlpGrpcPort: number;
  /** Stops the listeners together (bounded grace), then everything else in reverse start order; safe to call twice. */
  stop(): Promise<void>;
}

interface Stoppable {
  readonly name: string;
  /** Listeners (and the self-scraper) stop first and all at once; the rest one by one in reverse start order. */
  readonly front?: boolean;
  stop(): Promise<void> | void;
}

/**
 * Shutdown time slots (SPEC §6: exit 0 within 10 s; cli/serve.ts gives up after 9 s):
 * listeners get LISTENER_GRACE_MS together, the final head flush gets this much, and the
 * remaining ~1.5 s covers draining admitted appends, closing workers, the DB and the WAL.
 */
const STOP_FLUSH_BUDGET_MS = 6000;

/** Starts the server; on a start-up failure everything already started is stopped again. */
export async function startServer(config: PharluxConfig, logger: Logger, buildInfo: BuildInfo): Promise<RunningServer> {
  const started: Stoppable[] = [];
  const startedAtMs = Date.now();
  try {
    // First: it sets the umask every later file (meta.sqlite, WAL, parts) is created under.
    prepareDataDir(config.storage.dataDir, logger);

    // Storage first: it replays the WAL before any listener opens.
    const storage = await Storage.open({ ...storageOptionsFrom(config, logger, createWalDecoder(config.ingest)), stopFlushBudgetMs: STOP_FLUSH_BUDGET_MS });
    started.push({ name: 'storage', stop: () => storage.stop() });

    const pipeline = new IngestPipeline({ target: storage, limits: config.ingest, logger: logger.child({ component: 'ingest' }) });
    // Stopping the pipeline drains admitted appends before storage flushes and closes.
    started.push({ name: 'ingest', stop: () => pipeline.stop() });

    // API: metadata DB, auth, first-run admin, self-metrics (api-services.ts).
    const metrics = new MetricRegistry();
    metrics.addCollector(processMetricsCollector(buildInfo, startedAtMs, () => Date.now()));
    metrics.addCollector(ingestMetricsCollector(() => pipeline.metrics.snapshot()));
    metrics.addCollector(storageMetricsCollector(() => storage.stats()));
    // Queries run on worker threads: stopped after the API (which feeds them), before storage.
    const query = createWorkerQueryService(storage, queryLimitsFrom(config), logger);
    started.push({ name: 'query', stop: () => query.close() });
    const api = await openApiServices(config, logger, { clock: systemClock, metrics, query, adminPasswordFromEnv: process.env.PHARLUX_ADMIN_PASSWORD });
    started.push({ name: 'meta', stop: () => api.close() });
    if (config.telemetry.selfScrapeSeconds > 0) {
      const scraper = new SelfScraper({
        registry: metrics,
        intervalMs: config.telemetry.selfScrapeSeconds * 1000,
        submit: (body) => pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'json', body }),
        resource: { version: buildInfo.version, instance: `${hostname()}:${config.server.httpPort}` },
        startedAtMs,
        nowMs: () => Date.now(),
        logger: logger.child({ component: 'self-metrics' }),
      });
      scraper.start();
      started.push({ name: 'self-metrics', front: true, stop: () => scraper.stop() });
    }

    const ui = createUiHandler(await loadUiAssets());
    // The configured OTLP ports until the listeners are bound, then the bound ones (port 0 picks one).
    let otlpPorts = { http: config.server.otlpHttpPort, grpc: config.server.otlpGrpcPort };
    const ingestEndpoints = () => ({ otlpHttpPort: otlpPorts.http, otlpGrpcPort: otlpPorts.grpc, requireApiKey: config.ingest.requireApiKey });
    const services: HttpServices = { buildInfo, startedAtMs, logger: logger.child({ component: 'http' }), api: api.services, ingestEndpoints };
    const { bindAddress, httpPort } = config.server;
    const http = explainListenFailure('the API and UI', bindAddress, httpPort, 'server.http_port', () =>
      startHttpServer({ hostname: bindAddress, port: httpPort, routes: ROUTES, services, logger: services.logger, ui }),
    );
    started.push({ name: 'http', front: true, stop: () => http.stop() });

    // OTLP listeners last: once they answer, everything behind them is ready.
    const host = bindAddress;
    const tenants = createTenantResolver(config.ingest.requireApiKey, api.services.apiKeyResolver);
    api.services.apiKeyDeletions.subscribe((tenant) => tenants.forgetKeysOf(tenant));
    const proto = loadOtlpProto();
    const otlpLogger = logger.child({ component: 'otlp' });
    const receiverOptions = { host, pipeline, tenants, proto, logger: otlpLogger, corsAllowedOrigins: config.server.corsAllowedOrigins };
    const otlpHttp = await explainListenFailureAsync('OTLP/HTTP', host, config.server.otlpHttpPort, 'server.otlp_http_port', () =>
      startOtlpHttpReceiver({ ...receiverOptions, port: config.server.otlpHttpPort }),
    );
    started.push({ name: 'otlp-http', front: true, stop: () => otlpHttp.stop() });
    const otlpGrpc = await explainListenFailureAsync('OTLP/gRPC', host, config.server.otlpGrpcPort, 'server.otlp_grpc_port', () =>
      startOtlpGrpcReceiver({ ...receiverOptions, port: config.server.otlpGrpcPort }),
    );
    started.push({ name: 'otlp-grpc', front: true, stop: () => otlpGrpc.stop() });
    otlpPorts = { http: otlpHttp.port, grpc: otlpGrpc.port };

    logger.info('pharlux started', {
      version: buildInfo.version,
      data_dir: config.storage.dataDir,
      http: `${bindAddress}:${http.port}`,
      otlp_http: `${host}:${otlpHttp.port}`,
      otlp_grpc: `${host}:${otlpGrpc.port}`,
      config: config.sourceFile ?? '(defaults)',
      startup_ms: Date.now() - startedAtMs,
    });

    let stopping: Promise<void> | null = null;
    return {
      httpPort: http.port,
      otlpHttpPort: otlpHttp.port,
      otlpGrpcPort: otlpGrpc.port,
      stop: () => (stopping ??= stopAll(started, logger)),
    };
  } catch (err) {
    await stopAll(started, logger);
    throw err;
  }
}

async function stopAll(started: Stoppable[], logger: Logger): Promise<void> {
  // Listeners in parallel, so one slow client costs one grace period, not one per port.
  await Promise.all(started.filter((c) => c.front === true).map((c) => stopOne(c, logger)));
  for (const component of started.filter((c) => c.front !== true).reverse()) await stopOne(component, logger);
}

async function stopOne(component: Stoppable, logger: Logger): Promise<void> {
  const t0 = performance.now();
  try {
    await component.stop();
    logger.debug('stopped', { component: component.name, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    logger.error('stop failed', { component: component.name, error: err instanceof Error ? err.message : String(err) });
  }
}
