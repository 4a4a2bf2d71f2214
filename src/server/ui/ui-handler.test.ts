import { describe, expect, test } from 'bun:test';
import { createUiHandler } from './ui-handler.ts';
import { packUi, unpackUi, type UiAsset } from './ui-pack.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const assets: UiAsset[] = [
  { path: '/index.html', contentType: 'text/html;charset=utf-8', bytes: enc('<html><script src="/chunk-1.js"></script></html>') },
  { path: '/chunk-1.js', contentType: 'text/javascript;charset=utf-8', bytes: enc('console.log(1);'.repeat(200)) },
];

describe('ui pack', () => {
  test('round-trips assets', () => {
    const back = unpackUi(packUi(assets));
    expect(back.map((a) => [a.path, a.contentType, new TextDecoder().decode(a.bytes)])).toEqual(
      assets.map((a) => [a.path, a.contentType, new TextDecoder().decode(a.bytes)]),
    );
  });
  test('rejects other files', () => {
    expect(() => unpackUi(enc('not a pack at all'))).toThrow('not a Pharlux UI pack');
  });
});

describe('ui handler', () => {
  const handle = createUiHandler(assets);
  test('deep links get index.html, never cached', async () => {
    const res = handle(new Request('http://x/traces/abc?span=1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<script src="/chunk-1.js">');
  });
  test('hashed assets are immutable and gzipped for clients that accept it', async () => {
    const plain = handle(new Request('http://x/chunk-1.js'));
    expect(plain.headers.get('cache-control')).toContain('immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gz = handle(new Request('http://x/chunk-1.js', { headers: { 'accept-encoding': 'gzip, br' } }));
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await gz.arrayBuffer())))).toBe('console.log(1);'.repeat(200));
  });
  test('etag revalidation answers 304', () => {
    const etag = handle(new Request('http://x/chunk-1.js')).headers.get('etag') ?? '';
    expect(handle(new Request('http://x/chunk-1.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
  test('a missing asset is 404, not the app', () => {
    expect(handle(new Request('http://x/chunk-missing.js')).status).toBe(404);
  });
  test('only GET and HEAD', () => {
    expect(handle(new Request('http://x/', { method: 'POST' })).status).toBe(405);
  });
});
