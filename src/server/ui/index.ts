/**
 * server/ui/: serves the web UI (src/web) on the API port. ui-bundle.ts gets the assets
 * (embedded pack in the binary, or an in-memory Bun bundle from source), ui-handler.ts
 * answers requests, ui-pack.ts is the embedded file format. Start at ui-handler.ts.
 */
export { createUiHandler } from './ui-handler.ts';
export { loadUiAssets, bundleUi, UiBuildError, UI_ENTRY } from './ui-bundle.ts';
export { packUi, unpackUi, UI_PACK_FILE_NAME, type UiAsset } from './ui-pack.ts';
