/**
 * Stops a Bun HTTP listener within a bounded time. SPEC §6 gives shutdown 10 s in all, so
 * a client trickling a body must not be waited for: in-flight requests get a short grace
 * period, then their connections are cut (review finding 5).
 */
import type { Server } from 'bun';

/** How long in-flight HTTP/gRPC requests may still finish once shutdown starts. */
export const LISTENER_GRACE_MS = 1500;

/** Stops accepting at once, lets in-flight requests finish for up to `graceMs`, then closes what is left. */
export async function stopListener(server: Server<unknown>, graceMs: number = LISTENER_GRACE_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  try {
    const outcome = await Promise.race([server.stop(false).then(() => 'drained' as const), late]);
    if (outcome === 'late') await server.stop(true);
  } finally {
    clearTimeout(timer);
  }
}
