/**
 * Builds every component from the configuration, starts them in dependency order and
 * stops them in reverse. This is the composition root: the only place where storage,
 * ingest, query, meta and auth meet.
 */
import type { Logger } from '../common/index.ts';
import type { BuildInfo } from './build-info.ts';
import type { PharluxConfig } from './config.ts';
import { prepareDataDir } from './data-dir.ts';
import { startHttpServer } from './http/http-server.ts';
import { ROUTES, type HttpServices } from './http/routes.ts';
import { explainListenFailure } from './listen-error.ts';

export interface RunningServer {
  readonly httpPort: number;
  /** Stops everything in reverse start order; safe to call twice. */
  stop(): Promise<void>;
}

interface Stoppable {
  readonly name: string;
  stop(): Promise<void> | void;
}

/** Starts the server; on a start-up failure everything already started is stopped again. */
export async function startServer(config: PharluxConfig, logger: Logger, buildInfo: BuildInfo): Promise<RunningServer> {
  const started: Stoppable[] = [];
  const startedAtMs = Date.now();
  try {
    prepareDataDir(config.storage.dataDir);

    const services: HttpServices = { buildInfo, startedAtMs, logger: logger.child({ component: 'http' }) };
    const { bindAddress, httpPort } = config.server;
    const http = explainListenFailure('the API and UI', bindAddress, httpPort, 'server.http_port', () =>
      startHttpServer({ hostname: bindAddress, port: httpPort, routes: ROUTES, services, logger: services.logger }),
    );
    started.push({ name: 'http', stop: () => http.stop() });

    logger.info('pharlux started', {
      version: buildInfo.version,
      data_dir: config.storage.dataDir,
      http: `${bindAddress}:${http.port}`,
      config: config.sourceFile ?? '(defaults)',
      startup_ms: Date.now() - startedAtMs,
    });

    let stopping: Promise<void> | null = null;
    return {
      httpPort: http.port,
      stop: () => (stopping ??= stopAll(started, logger)),
    };
  } catch (err) {
    await stopAll(started, logger);
    throw err;
  }
}

async function stopAll(started: Stoppable[], logger: Logger): Promise<void> {
  for (const component of [...started].reverse()) {
    const t0 = performance.now();
    try {
      await component.stop();
      logger.debug('stopped', { component: component.name, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      logger.error('stop failed', { component: component.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
