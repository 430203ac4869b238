// Starts the built app on a local port and opens it in headless Chromium (Debian's, via playwright-core).
// Shared by the `garim` command line, the e2e tests and the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  }
}

/**
 * The mode of a test build: `window.__garim` with its test hooks (fault injection, replaced detections, the
 * bench profiles; docs/CLI.md). The benchmarks need one; the command line uses the production build.
 */
export const TEST_MODE = 'e2e';

/**
 * The build folder for `mode`: GARIM_DIST when set (as in playwright.config.ts), else dist/ for the
 * production build and dist-e2e/ for a test build, so neither overwrites the other.
 */
export function distFor(mode = 'production') {
  return process.env.GARIM_DIST ?? (mode === TEST_MODE ? 'dist-e2e' : 'dist');
}

/** Builds the working tree in `mode` into `outDir` (relative to the repository, or absolute). */
export function buildApp(outDir, mode = 'production') {
  const args = ['vite', 'build', '--mode', mode, '--logLevel', 'warn', '--outDir', outDir];
  execFileSync('npx', [...args, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * The mode a build folder was made in (its garim-build.json, see vite.config.ts); null for a build from
 * before that file, when every build still carried the test hooks.
 */
export function builtMode(dir) {
  const file = resolve(ROOT, dir, 'garim-build.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).mode : null;
}

/** Whether the build in `dir` can be reused for `mode`: a test build must not be given a production one. */
function reusable(dir, mode) {
  if (!existsSync(resolve(ROOT, dir, 'index.html'))) return false;
  return mode !== TEST_MODE || builtMode(dir) !== 'production';
}

/** Builds `distFor(mode)` unless it holds a build fit for `mode` (or always, with `rebuild`); returns it. */
export function ensureBuilt({ rebuild = false, mode = 'production' } = {}) {
  const dist = distFor(mode);
  if (!rebuild && reusable(dist, mode)) return dist;
  if (!rebuild && existsSync(resolve(ROOT, dist, 'index.html'))) {
    console.warn(`${dist}/ holds a production build: building a test build (--mode ${mode}) there`);
  }
  buildApp(dist, mode);
  return dist;
}

/**
 * Serves `distFor(mode)` (dist/, dist-e2e/ or GARIM_DIST) with COOP/COEP (vite preview) on a free loopback
 * port.
 */
export async function startServer({ mode = 'production' } = {}) {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: distFor(mode) },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Preview server did not report a URL');
  return { url, close: () => server.close() };
}

/** Opens the app in a fresh Chromium profile. `close()` ends browser and profile. */
export async function openApp(url, { lang = 'en', onRequest } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'garim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    locale: lang,
    viewport: { width: 1280, height: 900 },
  });
  if (onRequest) context.on('request', onRequest);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => 'crossOriginIsolated' in window && '__garim' in window);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
