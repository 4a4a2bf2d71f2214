/**
 * Who is on the other end of a request: the client address (for login rate limiting)
 * and whether it arrived over https (for the cookie's Secure flag). Forwarding headers
 * (`X-Forwarded-For`, `X-Forwarded-Proto`, `Forwarded`) are trusted only from a proxy on
 * the same machine (a loopback peer), the usual nginx/Caddy-in-front set-up; from
 * anywhere else they could be forged.
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

/** Client info from the TCP peer address and, when the peer is a local proxy, its headers. */
export function clientInfo(request: Request, url: URL, peerAddress: string | null): ClientInfo {
  const peer = peerAddress ?? 'unknown';
  const direct: ClientInfo = { address: peer, secure: url.protocol === 'https:' };
  if (!isLoopback(peer)) return direct;
  const forwardedFor = request.headers.get('x-forwarded-for');
  const forwardedProto = request.headers.get('x-forwarded-proto');
  const forwarded = request.headers.get('forwarded');
  let address = forwardedFor?.split(',')[0]?.trim() || undefined;
  let proto = forwardedProto?.split(',')[0]?.trim().toLowerCase() || undefined;
  if (forwarded !== null) {
    // RFC 7239: the first element describes the original client.
    const first = forwarded.split(',')[0];
    for (const pair of first.split(';')) {
      const [k, v] = pair.split('=').map((s) => s?.trim());
      if (v === undefined) continue;
      const value = v.replace(/^"|"$/g, '');
      if (k.toLowerCase() === 'for') address ??= value.replace(/^\[|\]$/g, '');
      if (k.toLowerCase() === 'proto') proto ??= value.toLowerCase();
    }
  }
  return { address: address ?? peer, secure: direct.secure || proto === 'https' };
}
