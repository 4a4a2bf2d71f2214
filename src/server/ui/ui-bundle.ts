/**
 * Produces the web UI's assets: from the pack embedded in the compiled binary, or, when
 * running from a source checkout, by bundling src/web/index.html in memory with Bun
 * (about 150 ms, once, at start-up).
 */
import { join } from 'node:path';
import { AppError } from '../../common/index.ts';
import { UI_PACK_FILE_NAME, unpackUi, type UiAsset } from './ui-pack.ts';

/** The UI could not be bundled (a broken src/web in a source checkout). */
export class UiBuildError extends AppError {
  constructor(message: string) {
    super('ui_build_failed', message);
  }
}

/** Path of the UI entry in a source checkout. */
export const UI_ENTRY = join(import.meta.dir, '../../web/index.html');

/** Bundles the UI with Bun (minified, absolute asset URLs so deep links work). */
export async function bundleUi(entry = UI_ENTRY): Promise<UiAsset[]> {
  // splitting: the editor and charts load on demand, so the first screen needs far less JS.
  const result = await Bun.build({ entrypoints: [entry], target: 'browser', minify: true, splitting: true, sourcemap: 'none', publicPath: '/' });
  if (!result.success) {
    throw new UiBuildError(`cannot bundle the web UI: ${result.logs.map((l) => String(l.message ?? l)).join('; ')}`);
  }
  return await Promise.all(
    result.outputs.map(async (o) => ({
      path: `/${o.path.replace(/^\.\//, '')}`,
      contentType: o.type,
      bytes: new Uint8Array(await o.arrayBuffer()),
    })),
  );
}

/** The embedded pack's assets, or null when this is not a compiled binary with a UI inside. */
export async function embeddedUi(): Promise<UiAsset[] | null> {
  // The compiler adds a content hash to embedded names: pharlux-ui-<hash>.pack.
  const [stem, ext] = UI_PACK_FILE_NAME.split('.');
  const pattern = new RegExp(`(^|/)${stem}(-[a-z0-9]+)?\\.${ext}$`);
  const file = Bun.embeddedFiles.find((f) => pattern.test((f as Blob & { name?: string }).name ?? ''));
  if (file === undefined) return null;
  return unpackUi(new Uint8Array(await file.arrayBuffer()));
}

/** The UI's assets from wherever this build keeps them. */
export async function loadUiAssets(): Promise<UiAsset[]> {
  return (await embeddedUi()) ?? (await bundleUi());
}
