/**
 * The web UI as one embeddable file: `npm run build` bundles src/web into a few assets
 * and packs them into `dist/pharlux-ui.pack`, which `bun build --compile` embeds. Layout:
 *   "PXUI" | u32 LE manifest length | manifest JSON | asset bytes, concatenated
 * The manifest lists each asset's path, content type, offset and length.
 */
export interface UiAsset {
  /** URL path, e.g. `/index.html` or `/chunk-abc123.js`. */
  readonly path: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

interface ManifestEntry {
  readonly path: string;
  readonly contentType: string;
  readonly offset: number;
  readonly length: number;
}

const MAGIC = 'PXUI';
export const UI_PACK_FILE_NAME = 'pharlux-ui.pack';

/** Packs assets into one buffer. */
export function packUi(assets: readonly UiAsset[]): Uint8Array {
  let offset = 0;
  const manifest: ManifestEntry[] = assets.map((a) => {
    const entry = { path: a.path, contentType: a.contentType, offset, length: a.bytes.byteLength };
    offset += a.bytes.byteLength;
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify(manifest));
  const out = new Uint8Array(8 + header.byteLength + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, header.byteLength, true);
  out.set(header, 8);
  let at = 8 + header.byteLength;
  for (const a of assets) {
    out.set(a.bytes, at);
    at += a.bytes.byteLength;
  }
  return out;
}

/** Unpacks what packUi wrote; throws on anything else. */
export function unpackUi(pack: Uint8Array): UiAsset[] {
  if (pack.byteLength < 8 || new TextDecoder().decode(pack.subarray(0, 4)) !== MAGIC) throw new Error('not a Pharlux UI pack');
  const headerLength = new DataView(pack.buffer, pack.byteOffset).getUint32(4, true);
  const manifest = JSON.parse(new TextDecoder().decode(pack.subarray(8, 8 + headerLength))) as ManifestEntry[];
  const base = 8 + headerLength;
  return manifest.map((m) => ({ path: m.path, contentType: m.contentType, bytes: pack.subarray(base + m.offset, base + m.offset + m.length) }));
}
