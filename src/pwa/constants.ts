/** Shared by the service worker and the page (the privacy panel clears these caches). */
export const HEAVY_ASSET_CACHE = 'garim-assets';

/** Cross-origin isolation (SharedArrayBuffer for ORT's wasm threads); the same as vite.config.ts sends. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
