/**
 * Issue 7: a new version never reloads the page by itself. The app is served from a copy of the build; a
 * second version is made by changing that copy on disk (index.html gets a marker, the service worker a new
 * revision for it), as a redeploy would. The "Update available" prompt must appear, nothing may reload
 * until the person clicks "Reload", and the click must bring up the new version.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from './helpers/static-server.ts';

// An update of the installed app: its service worker is what this spec is about.
test.use({ serviceWorkers: 'allow' });

const DIST = resolve(process.env.GARIM_DIST ?? 'dist');
/** Tens of MB the shell does not hold: linked, not copied. */
const HEAVY = new Set(['models', 'ort', 'ffmpeg']);
const MARKER = '<meta name="garim-test-build" content="v2">';

function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'garim-pwa-'));
  for (const entry of readdirSync(DIST)) {
    if (HEAVY.has(entry)) symlinkSync(join(DIST, entry), join(dir, entry));
    else cpSync(join(DIST, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** What a redeploy does: a changed index.html, and a service worker whose precache lists its new revision. */
function deploySecondVersion(dir: string): void {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  writeFileSync(join(dir, 'index.html'), html.replace('<head>', `<head>${MARKER}`));
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const entry = /\{"revision":"[0-9a-f]+","url":"index\.html"\}/;
  expect(sw).toMatch(entry);
  writeFileSync(
    join(dir, 'sw.js'),
    sw.replace(entry, '{"revision":"garim-test-v2","url":"index.html"}'),
  );
}

const build = (page: Page) =>
  page.evaluate(
    () => document.querySelector('meta[name="garim-test-build"]')?.getAttribute('content') ?? 'v1',
  );

test('a new version waits for "Reload": no reload before the click, the new version after it', async ({
  browser,
}) => {
  const dir = copyOfBuild();
  const { server, origin } = await serveStatic(dir);
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${origin}/`);
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'idle');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect(page.getByTestId('pwa-offline-ready')).toBeVisible();
    await expect(page.getByTestId('pwa-update')).toHaveCount(0);

    deploySecondVersion(dir);
    // The browser looks for a new service worker when the app is opened again.
    await page.reload();
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'idle');
    const prompt = page.getByTestId('pwa-update');
    await expect(prompt).toBeVisible();
    await expect(prompt).toHaveText(/Update available/);
    expect(await build(page)).toBe('v1');

    // Nothing happens on its own: the same document stays, still the old version, the new worker waiting.
    const loadsBefore = loads;
    await page.evaluate(() => {
      (window as unknown as { garimSameDocument: boolean }).garimSameDocument = true;
    });
    await page.waitForTimeout(4_000);
    expect(loads).toBe(loadsBefore);
    expect(await page.evaluate(() => 'garimSameDocument' in window)).toBe(true);
    expect(await build(page)).toBe('v1');
    expect(
      await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
    ).toBe(true);

    // The person chooses: one reload, into the new version, with no prompt left.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'idle');
    expect(await page.evaluate(() => 'garimSameDocument' in window)).toBe(false);
    expect(await build(page)).toBe('v2');
    await expect(page.getByTestId('pwa-update')).toHaveCount(0);
    expect(
      await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
    ).toBe(false);
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
