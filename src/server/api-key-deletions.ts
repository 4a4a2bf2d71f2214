/**
 * The hook between the API-key handlers and ingest's tenant cache (review finding 15): the
 * handlers announce a deleted key's tenant, server.ts subscribes the tenant resolver, so a
 * deleted key is refused on the very next OTLP request instead of after the cache TTL.
 * One instance per server, built with the API services (no module state).
 */

/** Called with the tenant whose API key was just deleted. */
export type ApiKeyDeletionListener = (tenant: string) => void;

/** Fan-out of "an API key of this tenant was deleted" to whoever caches key answers. */
export class ApiKeyDeletions {
  private readonly listeners: ApiKeyDeletionListener[] = [];

  /** Registers a listener for every later deletion. */
  subscribe(listener: ApiKeyDeletionListener): void {
    this.listeners.push(listener);
  }

  /** Tells every listener that a key of `tenant` is gone; call after the store deleted it. */
  announce(tenant: string): void {
    for (const listener of this.listeners) listener(tenant);
  }
}
