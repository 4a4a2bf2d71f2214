/** `pharlux serve`: runs the server until SIGTERM/SIGINT, then stops it in order. */
import { createLogger, describeError } from '../common/index.ts';
import { CONFIG_KEYS, describeKind, isCompiled, loadConfig, readBuildInfo, startServer } from '../server/index.ts';
import type { CliCommand, CliIo } from './command.ts';
import { booleanFlag, parseFlags, stringFlag } from './flags.ts';

const FLAGS = { config: { type: 'string', short: 'c' }, 'data-dir': { type: 'string', short: 'd' } } as const;

/** Seconds after the first signal before a forced exit. */
const STOP_DEADLINE_MS = 9_000;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the server (the default command)',
  help: `Usage: pharlux serve [--config FILE] [--data-dir DIR]

Runs the Pharlux server: OTLP receivers (gRPC 4317, HTTP 4318), the API and web UI
(3100), storage and background work. Stops cleanly on SIGTERM or SIGINT.

Flags:
  -c, --config FILE     TOML configuration (default: /etc/pharlux/pharlux.toml if it
                        exists; none when run from source)
  -d, --data-dir DIR    data directory (beats storage.data_dir; default
                        /var/lib/pharlux, or ./data when run from source)
      --debug           print stack traces on errors

Every configuration key can be set as PHARLUX_<SECTION>_<KEY>, e.g.
PHARLUX_SERVER_HTTP_PORT=3200. Keys (section.key = default):
${CONFIG_KEYS.map((k) => `  ${`${k.section}.${k.key}`.padEnd(36)} ${JSON.stringify(k.defaultValue) ?? ''}  (${describeKind(k.kind)})`).join('\n')}
`,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    if (parsed.positionals.length > 0) {
      io.stderr(`pharlux serve: unexpected argument "${parsed.positionals[0]}" (see pharlux serve --help)\n`);
      return 2;
    }
    const config = loadConfig({
      configPath: stringFlag(parsed, 'config'),
      dataDir: stringFlag(parsed, 'data-dir'),
      env: io.env,
      fromSource: !isCompiled(),
    });
    const logger = createLogger({ level: config.telemetry.logLevel, format: config.telemetry.logFormat });
    const server = await startServer(config, logger, readBuildInfo());
    return await waitForSignal(io, async () => {
      const t0 = performance.now();
      await server.stop();
      logger.info('pharlux stopped', { ms: Math.round(performance.now() - t0) });
    }, booleanFlag(parsed, 'debug'));
  },
};

/** Resolves with the exit code once a signal has stopped the server (1 if stopping failed or a second signal forced it). */
function waitForSignal(io: CliIo, stop: () => Promise<void>, debug: boolean): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        io.stderr(`pharlux: second ${signal}, exiting without finishing shutdown\n`);
        resolve(1);
        return;
      }
      stopping = true;
      const deadline = setTimeout(() => {
        io.stderr('pharlux: shutdown took too long, exiting\n');
        resolve(1);
      }, STOP_DEADLINE_MS);
      stop().then(
        () => {
          clearTimeout(deadline);
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          resolve(0);
        },
        (err: unknown) => {
          clearTimeout(deadline);
          io.stderr(`pharlux: shutdown failed: ${debug && err instanceof Error ? err.stack : describeError(err)}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
