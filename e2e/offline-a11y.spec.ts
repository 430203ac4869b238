/**
 * Issue 7: the app works offline once visited, never talks to another origin, can be driven by keyboard
 * alone, and every screen passes axe (no serious or critical violations) in Korean and English. Screenshots
 * of every screen in both languages are saved under test-results for review.
 */
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { makeEmptyFile, makeFacesClip } from './fixtures/make-clips.mjs';
import { serveStatic } from './helpers/static-server.ts';
import { APP_ORIGIN, ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });
// The installed, offline app: its service worker is what these specs are about.
test.use({ serviceWorkers: 'allow' });

const CLIP_1S = () => makeFacesClip('faces-720p-1s.mp4', 1);
/** 4 s: the analysing screen lasts long enough for axe and screenshots in both schemes. */
const FACES_4S = () => makeFacesClip();

/** Every request the context made that is not this origin (blob: and data: are local). */
function foreign(requests: string[]): string[] {
  return requests.filter(
    (url) =>
      !(url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('blob:') || url.startsWith('data:')),
  );
}

type AxeSummary = { screen: string; violations: { id: string; impact: string; nodes: number }[] };

/** Runs axe on the page and fails on serious or critical violations; returns all of them for the log. */
async function scan(page: Page, screen: string): Promise<AxeSummary> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `${screen}: serious/critical axe violations`).toEqual([]);
  return { screen, violations: violations.map(({ id, impact, nodes }) => ({ id, impact, nodes })) };
}

/** Where the screenshots for review go: `<output folder>/screenshots/` (see docs/ACCESSIBILITY.md). */
function screenshotPath(testInfo: TestInfo, name: string): string {
  return join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
}

const SCHEMES = ['light', 'dark'] as const;

/** axe and a screenshot of what the person sees, in the light and then the dark colour scheme. */
async function scanBothSchemes(
  page: Page,
  testInfo: TestInfo,
  lang: string,
  screen: string,
): Promise<AxeSummary[]> {
  const summaries: AxeSummary[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    summaries.push(await scan(page, `${screen}-${colorScheme}`));
    await page.screenshot({ path: screenshotPath(testInfo, `${lang}-${screen}-${colorScheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return summaries;
}

type LayoutLog = {
  garimShifts: number[][];
  /** [time of the change, time its screen had been painted, state] */
  garimStates: [number, number, string][];
  /** Where the progress box and the preview box were when the working screen was first painted. */
  garimWorkingLayout: string;
};

/**
 * Records every layout shift and every change of the app's state (the swap of one screen for the next is
 * not a jump: shifts count from two animation frames after the change until the next change).
 */
function recordLayoutShifts(): void {
  const w = window as unknown as LayoutLog;
  w.garimShifts = [];
  w.garimStates = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) {
      w.garimShifts.push([e.startTime, e.value]);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const boxes = () =>
    JSON.stringify(
      ['.job', '.preview'].map((selector) => {
        const r = document.querySelector(selector)?.getBoundingClientRect();
        return r ? [r.top, r.height].map(Math.round) : null;
      }),
    );
  let last = '';
  new MutationObserver(() => {
    const state = document.querySelector('.app')?.getAttribute('data-state') ?? '';
    if (state === last) return;
    last = state;
    const changed = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        w.garimStates.push([changed, performance.now(), state]);
        if (state === 'working') w.garimWorkingLayout = boxes();
      }),
    );
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

/** The layout shifts of the last 'working' phase, once its screen was painted: [ms after that, score]. */
async function shiftsWhileWorking(page: Page): Promise<number[][]> {
  return page.evaluate(() => {
    const w = window as unknown as LayoutLog;
    const i = w.garimStates.findLastIndex(([, , state]) => state === 'working');
    const from = w.garimStates[i]?.[1] ?? Infinity;
    const to = w.garimStates[i + 1]?.[0] ?? Infinity;
    return w.garimShifts
      .filter(([t]) => (t ?? 0) > from && (t ?? 0) < to)
      .map(([t, v]) => [Math.round((t ?? 0) - from), v ?? 0]);
  });
}

/** The progress box and the preview box are where they were when the working screen was first painted. */
async function expectWorkingLayoutKept(page: Page): Promise<void> {
  const [first, now] = await page.evaluate(() => {
    const w = window as unknown as LayoutLog;
    const boxes = ['.job', '.preview'].map((selector) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? [r.top, r.height].map(Math.round) : null;
    });
    return [w.garimWorkingLayout, JSON.stringify(boxes)];
  });
  expect(now, 'progress and preview boxes [top, height] now vs. when the screen appeared').toBe(
    first,
  );
}

/** Fails when the page jumped while working (layout-shift score ≥ 0.01); the shifts are in the message. */
async function expectNoJumps(page: Page, phase: string): Promise<void> {
  const shifts = await shiftsWhileWorking(page);
  const score = shifts.reduce((sum, [, v]) => sum + (v ?? 0), 0);
  expect(score, `layout shifts while ${phase}: ${JSON.stringify(shifts)}`).toBeLessThan(0.01);
}

test.describe('offline', () => {
  let context: BrowserContext;
  const requests: string[] = [];

  test.afterAll(async () => context?.close());

  test('after one online job, the app reloads and processes a clip with the network off', async ({
    browser,
  }) => {
    context = await browser.newContext({ acceptDownloads: true });
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const app = new ImportPage(page);
    await app.goto();
    // The service worker installs on the first visit; a reload puts the page (and its workers) under it.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect(page.getByTestId('pwa-offline-ready')).toBeVisible();
    await app.goto();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // Online once: the models and ORT's wasm are fetched, and kept by the service worker.
    await app.setOptions(QUICK);
    await app.process(CLIP_1S());
    const cached = await page.evaluate(async () => {
      const cache = await caches.open('garim-assets');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached.some((p) => p.endsWith('.onnx'))).toBe(true);
    expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);

    await context.setOffline(true);
    await app.goto();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(app.backend).toHaveAttribute('data-backend', /^(wasm|webgpu)$/);
    await app.setOptions(QUICK);
    await app.process(CLIP_1S());
    const download = await app.download(test.info().outputPath('offline.garim.mp4'));
    expect(download.suggestedFilename()).toBe('faces-720p-1s.garim.mp4');
    await context.setOffline(false);
    // The CSP still holds with the service worker in the way, and nothing tripped it.
    expect(cspErrors).toEqual([]);
    expect(
      await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
    ).toContain("default-src 'self'");
  });

  test('no request of the whole session went to another origin', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(foreign(requests)).toEqual([]);
  });
});

for (const lang of ['ko', 'en'] as const) {
  test(`every screen passes axe in ${lang}, light and dark, without layout jumps while working`, async ({
    browser,
  }, testInfo) => {
    // Eight screens, each scanned and photographed twice, and two jobs: slow on a loaded machine.
    test.setTimeout(360_000);
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 720 },
    });
    await context.addInitScript(recordLayoutShifts);
    const page = await context.newPage();
    const app = new ImportPage(page);
    const summaries: AxeSummary[] = [];
    const both = async (screen: string) =>
      summaries.push(...(await scanBothSchemes(page, testInfo, lang, screen)));
    try {
      await app.goto();
      await page.getByTestId('lang').selectOption(lang);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await app.setOptions(QUICK);
      await expect(page.getByTestId('pwa-offline-ready')).toBeVisible();
      await expect(page.getByTestId('first-run')).toBeVisible();
      // The offline note sits in the page's flow above the content (it covers nothing)...
      const note = await page.getByTestId('pwa-prompt').boundingBox();
      const content = await page.locator('main').boundingBox();
      expect(note && content && note.y + note.height <= content.y).toBe(true);
      await both('start');
      // ...and goes by itself (OFFLINE_NOTE_MS, 10 s), or at once when dismissed.
      await expect(page.getByTestId('pwa-offline-ready')).toHaveCount(0, { timeout: 20_000 });

      await page.getByTestId('privacy-open').click();
      const dialog = page.getByTestId('privacy-dialog');
      await expect(dialog).toBeVisible();
      await expect(page.getByTestId('privacy-close')).toBeFocused();
      await both('privacy');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('privacy-open')).toBeFocused();

      await app.choose(FACES_4S());
      await expect(app.app).toHaveAttribute('data-state', 'working');
      await expect(page.getByTestId('announcer')).not.toBeEmpty();
      await expect(page.locator('.job')).toHaveAttribute('data-stage', 'analyse');
      await expect(page.getByTestId('preview')).toBeVisible();
      await expectWorkingLayoutKept(page);
      await both('analysing');
      expect(await app.state(), 'the analysing screenshots show the analysing screen').toBe(
        'working',
      );

      expect(await app.waitForEnd()).toBe('review');
      await expectNoJumps(page, 'analysing');
      await expect(page.locator('.editor')).toBeVisible();
      await expect(page.getByTestId('editor-stage')).toHaveAttribute('data-loading', 'false');
      await both('review');
      // A large screen uses the room.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: screenshotPath(testInfo, `${lang}-review-light-1920`) });
      await page.setViewportSize({ width: 1280, height: 720 });

      // The shortcut help: focus moves in, Tab stays in, Esc closes and focus returns.
      const exportButton = page.getByTestId('export');
      await exportButton.focus();
      await page.keyboard.press('?');
      await expect(page.getByTestId('help-close')).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('help-close')).toBeFocused();
      await both('help');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('help-close')).toBeHidden();
      await expect(exportButton).toBeFocused();

      expect(await app.exportReviewed()).toBe('done');
      await expectNoJumps(page, 'exporting');
      await expect(page.getByTestId('announcer')).not.toBeEmpty();
      await both('result');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: screenshotPath(testInfo, `${lang}-result-light-1920`) });
      await page.setViewportSize({ width: 1280, height: 720 });

      await page
        .getByRole('button', { name: lang === 'ko' ? /다른 영상/ : /another video/ })
        .click();
      // Back at the start, the project just made is listed (with its localised size and date).
      await expect(page.getByTestId('projects').locator('li')).not.toHaveCount(0);
      await both('start-with-project');
      await app.choose(makeEmptyFile());
      expect(await app.waitForEnd()).toBe('error');
      await expect(page.locator('[role=alert]')).not.toBeEmpty();
      await both('error');
    } finally {
      await testInfo.attach(`axe-${lang}.json`, {
        body: JSON.stringify(summaries, null, 1),
        contentType: 'application/json',
      });
      console.log(`axe ${lang}: ${JSON.stringify(summaries)}`);
      await context.close();
    }
  });
}

test('the whole job can be done with the keyboard alone (Tab, Enter, Space)', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  // The detail setting is a radio group (arrow keys); it is preset as a stored setting instead.
  await context.addInitScript(() => localStorage.setItem('garim.detail', 'fast'));
  const page = await context.newPage();
  // Listening from the start turns on file-chooser interception before any key is pressed (no race).
  const chosen: string[] = [];
  page.on('filechooser', (chooser) => chosen.push(chooser.isMultiple() ? 'many' : 'one'));
  const app = new ImportPage(page);
  try {
    await app.goto();

    /** Presses Tab until the element matching `selector` has focus, and checks its focus is visible. */
    const tabTo = async (selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press(key);
        const outline = await page.evaluate((s) => {
          const el = document.activeElement;
          return el?.matches(s) ? getComputedStyle(el).outlineStyle : null;
        }, selector);
        if (outline !== null) {
          expect(outline, `${selector} shows its focus`).not.toBe('none');
          return;
        }
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    const byTestId = (id: string) => `[data-testid="${id}"]`;

    await tabTo(byTestId('cover-plates'));
    await page.keyboard.press('Space');
    await expect(page.getByTestId('cover-plates')).not.toBeChecked();

    // "Choose a video…" opens the browser's file chooser; the test answers it with the clip.
    await tabTo('.dropzone button');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(CLIP_1S());
    // The chooser takes several videos at once (they are analysed one after another: a queue).
    expect(chosen).toEqual(['many']);
    expect(await app.waitForEnd()).toBe('review');

    // The boxes on the canvas are also a list: select one, keep it visible and cover it again by keyboard.
    const row = page.getByTestId('frame-regions').locator('li').first();
    await expect(row).toBeVisible();
    const trackId = await row.getAttribute('data-track');
    await tabTo(byTestId('frame-region-select'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('editor-stage')).toHaveAttribute('data-selected', trackId ?? '');
    await expect(row.getByTestId('frame-region-select')).toHaveAttribute('aria-pressed', 'true');
    const keep = row.getByRole('checkbox');
    await tabTo('.frame-regions input[type="checkbox"]');
    await page.keyboard.press('Space');
    await expect(keep).toBeChecked();
    await expect(page.locator(`.tracks [data-track="${trackId}"] input`)).toBeChecked();
    await page.keyboard.press('Space');
    await expect(keep).not.toBeChecked();

    await tabTo(byTestId('export'), 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await app.waitForEnd()).toBe('done');

    await tabTo(byTestId('download'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe('faces-720p-1s.garim.mp4');

    // About privacy → delete everything (confirmed): the project and the settings are gone after the reload.
    await expect(page.getByTestId('projects').locator('li')).not.toHaveCount(0);
    await page.evaluate(() => localStorage.setItem('garim.lang', 'en'));
    await tabTo(byTestId('privacy-open'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('privacy-close')).toBeFocused();
    await tabTo(byTestId('privacy-clear'));
    page.once('dialog', (dialog) => void dialog.accept());
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;
    await expect(app.app).toHaveAttribute('data-state', 'idle');
    expect(await page.evaluate(() => localStorage.getItem('garim.lang'))).toBeNull();
    await expect(page.getByTestId('projects').locator('li')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('on a static host without COOP/COEP headers, the service worker makes the page isolated', async ({
  browser,
}) => {
  const { server, origin } = await serveStatic(resolve(process.env.GARIM_DIST ?? 'dist'));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'idle');
    // First visit: the host sent no headers, so no isolation yet.
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'idle');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|webgpu)$/);
  } finally {
    await context.close();
    server.close();
  }
});
