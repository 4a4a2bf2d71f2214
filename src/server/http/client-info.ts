/**
 * Who is on the other end of a request: the client address (for login rate limiting)
 * and whether it arrived over https (for the cookie's Secure flag). Forwarding headers
 * (`X-Forwarded-For`, `X-Forwarded-Proto`, `Forwarded`) are trusted only from a proxy on
 * the same machine (a loopback peer), the usual nginx/Caddy-in-front set-up; from
 * anywhere else they could be forged.
 *
 * Only the rightmost entry of a forwarding list is believed: a proxy appends the peer it
 * saw (nginx's `$proxy_add_x_forwarded_for`) after whatever the client sent, so every
 * entry to its left is the client's own choice. A value that is not an IP address
 * (`unknown`, an obfuscated `_name`, junk) is ignored and the peer is used instead, which
 * also keeps the rate limiter's keys short.
 */

export interface ClientInfo {
  /** The client's IP address (the proxy's client when a trusted proxy forwarded it). */
  readonly address: string;
  /** True when the client's connection was https. */
  readonly secure: boolean;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/** The IP address in a forwarded value (`198.51.100.7`, `198.51.100.7:4711`, `[2001:db8::1]:80`), or undefined. */
function forwardedAddress(value: string): string | undefined {
  let v = value.trim();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(v);
  if (bracketed !== null) v = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  if (IPV4.test(v)) return v;
  return IPV6.test(v) && v.includes(':') ? v : undefined;
}

/** The last comma-separated entry of a header, trimmed; undefined when empty. */
function lastEntry(header: string | null): string | undefined {
  if (header === null) return undefined;
  const entry = header.slice(header.lastIndexOf(',') + 1).trim();
  return entry === '' ? undefined : entry;
}

/** Client info from the TCP peer address and, when the peer is a local proxy, its headers. */
export function clientInfo(request: Request, url: URL, peerAddress: string | null): ClientInfo {
  const peer = peerAddress ?? 'unknown';
  const direct: ClientInfo = { address: peer, secure: url.protocol === 'https:' };
  if (!isLoopback(peer)) return direct;
  const forwardedFor = lastEntry(request.headers.get('x-forwarded-for'));
  let address = forwardedFor === undefined ? undefined : forwardedAddress(forwardedFor);
  let proto = lastEntry(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const forwarded = lastEntry(request.headers.get('forwarded'));
  if (forwarded !== undefined) {
    // RFC 7239: each proxy appends an element; the last one is from the proxy nearest to us.
    for (const pair of forwarded.split(';')) {
      const [k, v] = pair.split('=').map((s) => s?.trim());
      if (v === undefined) continue;
      const value = v.replace(/^"|"$/g, '');
      if (k.toLowerCase() === 'for' && forwardedFor === undefined) address = forwardedAddress(value);
      if (k.toLowerCase() === 'proto') proto ??= value.toLowerCase();
    }
  }
  return { address: address ?? peer, secure: direct.secure || proto === 'https' };
}
