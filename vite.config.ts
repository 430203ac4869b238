import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

/** Cross-origin isolation: needed for SharedArrayBuffer, i.e. ORT wasm threads. Sent on every response. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Privacy as a property of the page: nothing may be fetched from or sent to another origin. Added to the
 * built page only (the dev server's React refresh needs an inline script).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy: Plugin = {
  name: 'garim-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * `garim-build.json` beside index.html: the mode the build was made in (`production`, or `e2e` for a test
 * build with the `window.__garim` test hooks, src/lib/test-build.ts), so that cli/browser.mjs can tell
 * whether a build folder it would reuse has the hooks the benchmarks need.
 */
function buildModeFile(mode: string): Plugin {
  return {
    name: 'garim-build-mode',
    apply: 'build',
    generateBundle() {
      const source = `${JSON.stringify({ mode })}\n`;
      this.emitFile({ type: 'asset', fileName: 'garim-build.json', source });
    },
  };
}

/**
 * Installable and offline: the service worker (src/pwa/sw.ts) precaches the app shell; models, ORT wasm and
 * the ffmpeg core are cached on first use instead (tens of MB the first screen does not need). Registered
 * only from src/pwa/ with a prompt, never with a surprise reload.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/pwa',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Garim · 가림',
    short_name: 'Garim',
    description: 'Cover faces in a video — everything stays on this device.',
    lang: 'ko',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#1f3b57',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      {
        src: 'icons/icon-maskable-512.png',
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
    ],
  },
  injectManifest: {
    globPatterns: ['**/*.{js,mjs,css,html,png,svg,webmanifest}'],
    // The heavy assets are runtime-cached (CacheFirst in sw.ts), never precached.
    globIgnores: ['models/**', 'ort/**', 'ffmpeg/**'],
    // Raised on purpose from Workbox's 2 MiB, which would silently leave a grown chunk (the workers carry ORT's
    // and mediabunny's JS) out of the shell and break offline start. The big wasm and models are kept out by
    // globIgnores above, not by this limit.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});

function ortDist(file: string): string {
  return fileURLToPath(new URL(`./node_modules/onnxruntime-web/dist/${file}`, import.meta.url));
}

// `vite build --mode e2e`: a test build (src/lib/test-build.ts); any other mode builds the app as shipped.
export default defineConfig(({ mode }) => ({
  plugins: [react(), contentSecurityPolicy, buildModeFile(mode), pwa],
  resolve: {
    // ORT's builds without an embedded wasm reference: their wasm and loader come from public/ort/
    // (wasmPaths), copied there by scripts/copy-assets.mjs, so the bundle does not carry a second copy. The
    // WebGPU build for WebGPU, the plain WASM build otherwise (detect/session.ts).
    alias: [
      { find: /^onnxruntime-web$/, replacement: ortDist('ort.min.mjs') },
      { find: /^onnxruntime-web\/wasm$/, replacement: ortDist('ort.wasm.min.mjs') },
    ],
  },
  server: { headers: isolationHeaders, host: '127.0.0.1' },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util', 'onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'bench/**/*.test.mjs'],
  },
}));
