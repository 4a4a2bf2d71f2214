/**
 * server/: the composition root and the only code that knows HTTP and gRPC.
 * server.ts builds and starts every component from the configuration (config.ts,
 * keys declared in config-keys.ts) and stops them in reverse; http/ holds the route
 * table (routes.ts), handlers and the error → status map (error-response.ts).
 * Start reading at server.ts.
 */
export { startServer, type RunningServer } from './server.ts';
export { loadConfig, DEFAULT_CONFIG_PATH, type PharluxConfig, type LoadConfigOptions } from './config.ts';
export { CONFIG_KEYS, describeKind, type ConfigKeySpec } from './config-keys.ts';
export { readBuildInfo, isCompiled, type BuildInfo } from './build-info.ts';
export { DataDirError } from './data-dir.ts';
export { ListenError } from './listen-error.ts';
export { runLocalQuery, type LocalQueryOptions } from './local-query.ts';
