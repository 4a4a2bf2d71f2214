/** Turns listen failures into one clear sentence naming the address and the fix. */
import { AppError } from '../common/index.ts';

/** A listener could not bind (address in use, permission denied). */
export class ListenError extends AppError {
  constructor(message: string, cause: unknown) {
    super('listen_failed', message, { cause });
  }
}

/** Wraps `start()` so that bind errors become ListenError with a helpful message. */
export function explainListenFailure<T>(what: string, host: string, port: number, configKey: string, start: () => T): T {
  try {
    return start();
  } catch (err) {
    throw explain(what, host, port, configKey, err);
  }
}

/** The same for listeners that start asynchronously. */
export async function explainListenFailureAsync<T>(what: string, host: string, port: number, configKey: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    throw explain(what, host, port, configKey, err);
  }
}

function explain(what: string, host: string, port: number, configKey: string, err: unknown): ListenError {
  const code = (err as { code?: string }).code ?? '';
  const text = err instanceof Error ? err.message : String(err);
  const envVar = `PHARLUX_${configKey.replace('.', '_').toUpperCase()}`;
  if (code === 'EADDRINUSE' || /in use/i.test(text)) {
    return new ListenError(`cannot listen for ${what} on ${host}:${port}: address already in use (another pharlux running? set ${configKey} or ${envVar})`, err);
  }
  if (code === 'EACCES' || /permission denied|EACCES/i.test(text)) {
    return new ListenError(`cannot listen for ${what} on ${host}:${port}: permission denied (ports below 1024 need privileges; set ${configKey} or ${envVar})`, err);
  }
  if (code === 'EADDRNOTAVAIL' || /not available|EADDRNOTAVAIL/i.test(text)) {
    return new ListenError(`cannot listen for ${what} on ${host}:${port}: address not available on this machine (check server.bind_address)`, err);
  }
  return new ListenError(`cannot listen for ${what} on ${host}:${port}: ${text}`, err);
}
