/**
 * The UI's session cookie (SPEC §8): the same JWT as the bearer token, HttpOnly (no
 * script can read it), SameSite=Strict (never sent on cross-site requests, which is the
 * CSRF defence), Secure when the client came over https.
 */

export const SESSION_COOKIE = 'pharlux_session';

/** `Set-Cookie` value that stores `token` for `maxAgeSeconds`. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` value that deletes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The token a request presents: bearer header first, then the session cookie; `malformed` for a non-bearer Authorization. */
export function presentedToken(request: Request): { kind: 'token'; token: string; via: 'bearer' | 'cookie' } | { kind: 'none' } | { kind: 'malformed' } {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return m === null ? { kind: 'malformed' } : { kind: 'token', token: m[1], via: 'bearer' };
  }
  const cookie = request.headers.get('cookie');
  if (cookie !== null) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() === SESSION_COOKIE) {
        const value = part.slice(eq + 1).trim();
        if (value !== '') return { kind: 'token', token: value, via: 'cookie' };
      }
    }
  }
  return { kind: 'none' };
}
