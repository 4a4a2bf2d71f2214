/**
 * SHA-256 as lowercase hex, via Web Crypto. Used for API keys and revoked session tokens:
 * both are long random strings, so a fast hash is enough to make a stolen database useless.
 */

/** Hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
