import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** Debian's Chromium (never `npx playwright install`): CHROMIUM_PATH, else `chromium` on PATH. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

/** GARIM_E2E_PORT lets two runs share a machine (set GARIM_ORIGIN to match for the page objects). */
const PORT = Number(process.env.GARIM_E2E_PORT ?? 4319);
/**
 * GARIM_DIST: the build folder this run serves (default dist-e2e/, beside the production dist/), so parallel
 * runs do not overwrite each other. Set here when unset, so that the specs reading the build (pwa-update,
 * offline-a11y) and the `garim` runs of cli.spec.ts take this run's build too.
 */
const DIST = (process.env.GARIM_DIST ??= 'dist-e2e');

export default defineConfig({
  testDir: 'e2e',
  /** GARIM_E2E_OUT: this run's artefact folder (Playwright empties it at start; parallel runs need their own). */
  outputDir: process.env.GARIM_E2E_OUT ?? 'test-results',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    acceptDownloads: true,
    // No service worker unless a spec asks for one (offline-a11y, pwa-update: the installed, offline app):
    // it copies every model and wasm file each page fetches into a fresh cache, 2–4 s of CPU per test.
    serviceWorkers: 'block',
    trace: 'on-first-retry',
    video: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // Always a fresh build, and a test build (`--mode e2e`: window.__garim with its test hooks, which the
    // specs use; src/lib/test-build.ts): the tests must see the code in the tree, never a stale build.
    command: `npx vite build --mode e2e --logLevel warn --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
