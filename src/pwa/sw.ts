/**
 * Garim's service worker (built by vite-plugin-pwa, injectManifest): the app shell is precached, the heavy
 * assets (detector models, ORT wasm, ffmpeg core) are cached on first use, and every same-origin response
 * gets the cross-origin isolation headers, so SharedArrayBuffer works even on static hosts that cannot set
 * headers (see docs/DEPLOY.md). It never talks to another origin and never reloads the page by itself: a new
 * version waits until the page asks it to take over (the "Update available" prompt).
 */
/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute, setDefaultHandler } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { HEAVY_ASSET_CACHE, ISOLATION_HEADERS } from './constants.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string })[] };

/** Adds COOP/COEP/CORP to a response that lacks them (status 0 / opaque responses cannot be changed). */
function withIsolation(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque') return response;
  if (response.headers.get('Cross-Origin-Embedder-Policy') === 'require-corp') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

const isolation: WorkboxPlugin = {
  handlerWillRespond: ({ response }) => Promise.resolve(withIsolation(response)),
};

addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page of the app is the one precached index.html (offline too).
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// Models, ORT wasm and the ffmpeg core: tens of MB, fetched only when first needed, then kept. Paths are
// relative to the scope, so a deployment under a sub-path (e.g. GitHub Pages) works too.
const scopePath = new URL(self.registration.scope).pathname;
const HEAVY = ['models/', 'ort/', 'ffmpeg/'].map((folder) => scopePath + folder);
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && HEAVY.some((prefix) => url.pathname.startsWith(prefix)),
  new CacheFirst({
    cacheName: HEAVY_ASSET_CACHE,
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), isolation],
  }),
);

// Anything else on this origin goes to the network, with the isolation headers added.
setDefaultHandler(new NetworkOnly({ plugins: [isolation] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes the open page over at once (nothing to replace, so no reload is needed).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
