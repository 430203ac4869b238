// The app in headless Chromium with timing probes: like cli/browser.mjs openApp (same Chromium, flags and
// fresh profile), plus an init script that timestamps what the person sees (file input shown, detector
// badge filled, job stages, done) on the page's own clock, so polling from here adds no latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../cli/browser.mjs';

/**
 * Runs in every page before the app's scripts. All times are `performance.now()`, i.e. ms since the
 * navigation started. `window.__bench`:
 *   marks.interactive    the file input exists (the app has rendered; a file can be chosen)
 *   marks.detectorReady  the detector badge has a backend (`data-backend` non-empty)
 *   marks.fileChosen     a file input fired `change` (the person chose a file)
 *   states / stages      every change of `.app[data-state]` and `.job[data-stage]`
 */
function probes() {
  const bench = { marks: {}, states: [], stages: [] };
  window.__bench = bench;
  let state;
  let stage;
  const check = () => {
    const now = performance.now();
    if (bench.marks.interactive === undefined && document.querySelector('[data-testid=file-input]')) {
      bench.marks.interactive = now;
    }
    if (
      bench.marks.detectorReady === undefined &&
      document.querySelector('[data-testid=backend]')?.getAttribute('data-backend')
    ) {
      bench.marks.detectorReady = now;
    }
    const nextState = document.querySelector('.app')?.getAttribute('data-state') ?? undefined;
    if (nextState !== state) {
      state = nextState;
      bench.states.push({ state, t: now });
    }
    const nextStage = document.querySelector('.job')?.getAttribute('data-stage') ?? undefined;
    if (nextStage !== stage) {
      stage = nextStage;
      bench.stages.push({ stage: stage ?? null, t: now });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-stage', 'data-backend'],
  });
  document.addEventListener(
    'change',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.type === 'file') {
        bench.marks.fileChosen = performance.now();
      }
    },
    true,
  );
}

/** A fresh Chromium profile with the probes installed; no page is opened yet. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'garim-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    locale: 'en',
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(probes);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the app in a new page of `context` (closing `previous`), waiting until its detector is ready. */
export async function openPage(context, url, { previous, timeoutMs = 120_000 } = {}) {
  const page = previous ? await context.newPage() : (context.pages()[0] ?? (await context.newPage()));
  if (previous) await previous.close();
  await page.goto(url);
  await page.waitForFunction(() => '__garim' in window && window.__bench.marks.detectorReady, null, {
    timeout: timeoutMs,
  });
  return page;
}

/** The page's load figures (ms from navigation start). */
export function startupTimes(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      load: nav?.loadEventEnd ?? null,
      interactive: window.__bench.marks.interactive ?? null,
      detectorReady: window.__bench.marks.detectorReady ?? null,
    };
  });
}
