/**
 * Headers every response gets: security headers (SPEC: CSP for the UI, nosniff,
 * frame-ancestors none) and CORS for the origins in `server.cors_allowed_origins`.
 */

/** The UI may load only its own scripts; inline styles are allowed because CodeMirror and uPlot set them. */
const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API responses are data, never a document: nothing may run or be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Adds the security headers to a response (in place) and returns it. */
export function addSecurityHeaders(response: Response, kind: 'api' | 'ui', secure: boolean): Response {
  const h = response.headers;
  h.set('x-content-type-options', 'nosniff');
  h.set('x-frame-options', 'DENY');
  h.set('referrer-policy', 'no-referrer');
  h.set('cross-origin-opener-policy', 'same-origin');
  if (!h.has('content-security-policy')) h.set('content-security-policy', kind === 'ui' ? UI_CSP : API_CSP);
  if (kind === 'api' && !h.has('cache-control')) h.set('cache-control', 'no-store');
  if (secure) h.set('strict-transport-security', 'max-age=31536000');
  return response;
}

/** Whether `origin` may call the API from a browser (`*` in the list allows every origin). */
export function corsAllowed(origin: string | null, allowed: readonly string[]): origin is string {
  return origin !== null && (allowed.includes('*') || allowed.includes(origin));
}

/** Adds CORS headers for an allowed origin (in place). */
export function addCorsHeaders(response: Response, origin: string): Response {
  response.headers.set('access-control-allow-origin', origin);
  response.headers.set('access-control-expose-headers', 'content-type, retry-after, x-pharlux-row-limit');
  response.headers.append('vary', 'Origin');
  return response;
}

/** The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflightResponse(origin: string | null, allowed: readonly string[]): Response {
  const response = new Response(null, { status: 204 });
  if (corsAllowed(origin, allowed)) {
    addCorsHeaders(response, origin);
    response.headers.set('access-control-allow-methods', 'GET, POST, PUT, DELETE');
    response.headers.set('access-control-allow-headers', 'authorization, content-type, accept');
    response.headers.set('access-control-max-age', '600');
  }
  return response;
}
