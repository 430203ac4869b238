// Starts the built app on a local port and opens it in headless Chromium (Debian's, via playwright-core).
// Shared by the `garim` command line, the e2e tests and the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** GARIM_DIST: the build folder to build into and serve (default dist/), as in playwright.config.ts. */
const DIST = process.env.GARIM_DIST ?? 'dist';

export function ensureBuilt({ rebuild = false } = {}) {
  if (!rebuild && existsSync(join(ROOT, DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** Serves the build folder (dist/ or GARIM_DIST) with COOP/COEP (vite preview) on a free loopback port. */
export async function startServer() {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: DIST },
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
