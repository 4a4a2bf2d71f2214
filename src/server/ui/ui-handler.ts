/**
 * Serves the web UI for every non-API path: hashed assets with long-lived caching (and
 * gzip for clients that accept it), everything else the SPA's index.html so that deep
 * links (`/traces/<id>?span=…`) load the app. Security headers are added by the HTTP
 * server for every UI response.
 */
import type { UiAsset } from './ui-pack.ts';

interface ServedAsset {
  readonly contentType: string;
  readonly identity: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer> | null;
  readonly etag: string;
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg)/;

/** Builds the request handler over a set of assets (compressing once, up front). */
export function createUiHandler(assets: readonly UiAsset[]): (request: Request) => Response {
  const byPath = new Map<string, ServedAsset>();
  for (const a of assets) {
    const identity = new Uint8Array(a.bytes); // own copy: detached from the pack's buffer
    const gzip = COMPRESSIBLE.test(a.contentType) && identity.byteLength > 1024 ? Bun.gzipSync(identity, { level: 9 }) : null;
    byPath.set(a.path, { contentType: a.contentType, identity, gzip, etag: `"${Bun.hash(identity).toString(36)}"` });
  }
  const index = byPath.get('/index.html');
  if (index === undefined) throw new Error('the UI bundle has no index.html');

  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const path = new URL(request.url).pathname;
    const asset = path !== '/index.html' ? byPath.get(path) : undefined;
    if (asset === undefined && /\.[a-z0-9]+$/i.test(path) && path !== '/index.html') {
      return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    const served = asset ?? index;
    const headers: Record<string, string> = {
      'content-type': served.contentType,
      // Hashed asset names never change content; the page itself must always be revalidated.
      'cache-control': asset ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: served.etag,
      vary: 'Accept-Encoding',
    };
    if (request.headers.get('if-none-match') === served.etag) return new Response(null, { status: 304, headers });
    const gzip = served.gzip !== null && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
    if (gzip) headers['content-encoding'] = 'gzip';
    const body = gzip ? served.gzip : served.identity;
    return new Response(request.method === 'HEAD' ? null : body, { headers });
  };
}
