/**
 * Starts the real server (`bun main.ts serve`, or the compiled binary) as a child
 * process on random loopback ports with a temporary data directory, waits until it is
 * healthy, and stops it by PID. Used by every e2e test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Subprocess } from 'bun';

const ROOT = resolve(import.meta.dir, '../..');

export interface ServerProcess {
  readonly proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  readonly dataDir: string;
  readonly httpPort: number;
  readonly otlpHttpPort: number;
  readonly otlpGrpcPort: number;
  /** `http://127.0.0.1:<httpPort>` */
  readonly baseUrl: string;
  /** Everything the server wrote to stderr so far (JSON log lines). */
  logs(): string;
  /** SIGTERM, wait for exit; returns the exit code. Removes the data dir unless keepDataDir. */
  stop(options?: { keepDataDir?: boolean; signal?: NodeJS.Signals }): Promise<number>;
}

export interface StartServerOptions {
  readonly env?: Record<string, string>;
  readonly dataDir?: string;
  /** Run this executable instead of `bun main.ts` (e.g. dist/pharlux). */
  readonly binary?: string;
  readonly args?: readonly string[];
  readonly timeoutMs?: number;
}

/**
 * The environment test servers run with: loopback only, random ports, JSON logs, no
 * free-disk guard; `extra` overrides any of it.
 */
export function serverProcessEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    PHARLUX_SERVER_BIND_ADDRESS: '127.0.0.1',
    PHARLUX_SERVER_HTTP_PORT: '0',
    PHARLUX_SERVER_OTLP_HTTP_PORT: '0',
    PHARLUX_SERVER_OTLP_GRPC_PORT: '0',
    PHARLUX_TELEMETRY_LOG_FORMAT: 'json',
    PHARLUX_STORAGE_MIN_FREE_DISK_BYTES: '0',
    ...extra,
  };
}

/** Starts a server and resolves once `/api/v1/health` answers. */
export async function startServerProcess(options: StartServerOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pharlux-e2e-'));
  const cmd = options.binary
    ? [options.binary, 'serve', '--data-dir', dataDir, ...(options.args ?? [])]
    : [process.execPath, join(ROOT, 'main.ts'), 'serve', '--data-dir', dataDir, ...(options.args ?? [])];
  const proc = Bun.spawn(cmd, {
    cwd: ROOT,
    env: serverProcessEnv(options.env),
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let stderr = '';
  const decoder = new TextDecoder();
  const pump = (async () => {
    for await (const chunk of proc.stderr) stderr += decoder.decode(chunk, { stream: true });
  })();
  void (async () => {
    for await (const _ of proc.stdout) {
      // drain so the child never blocks on a full pipe
    }
  })();

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let started: Record<string, unknown> | null = null;
  while (started === null) {
    if (proc.exitCode !== null) {
      await pump;
      throw new Error(`server exited with ${proc.exitCode} before it was ready:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${stderr}`);
    }
    started = findStartedLine(stderr);
    if (started === null) await Bun.sleep(20);
  }
  const portOf = (field: string): number => {
    const value = started?.[field];
    return typeof value === 'string' ? Number(value.slice(value.lastIndexOf(':') + 1)) : 0;
  };
  const server: ServerProcess = {
    proc,
    dataDir,
    httpPort: portOf('http'),
    otlpHttpPort: portOf('otlp_http'),
    otlpGrpcPort: portOf('otlp_grpc'),
    baseUrl: `http://127.0.0.1:${portOf('http')}`,
    logs: () => stderr,
    stop: async (stopOptions) => {
      if (proc.exitCode === null) proc.kill(stopOptions?.signal ?? 'SIGTERM');
      const code = await proc.exited;
      await pump;
      if (!stopOptions?.keepDataDir && options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  const health = await fetch(`${server.baseUrl}/api/v1/health`);
  if (!health.ok) throw new Error(`health check failed: ${health.status}`);
  return server;
}

function findStartedLine(stderr: string): Record<string, unknown> | null {
  for (const line of stderr.split('\n')) {
    if (!line.includes('pharlux started')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      // a text-format line: not ours
    }
  }
  return null;
}
