// The app side of the pipeline benchmark: the built app in headless Chromium (the same Chromium, flags and
// fresh profile as cli/browser.mjs openApp) with timing probes, driven through its UI like a person would.
// The probes timestamp what the person sees (file input shown, detector badge filled, job stages, progress,
// done) on the page's own clock, so waiting from here adds no latency to the figures.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import {
  buildApp,
  CHROMIUM_ARGS,
  chromiumPath,
  ensureBuilt,
  ROOT,
  TEST_MODE,
} from '../cli/browser.mjs';
import { redactInPage } from '../cli/redact-page.mjs';
import { probe } from './clips.mjs';
import { descendants, sampleMemory, sampleThreads, threadProfile } from './pipeline-proc.mjs';
import { exportProfilePerFrame, profilePerFrame, stageFps, timeline } from './pipeline-report.mjs';

/**
 * Runs in every page before the app's scripts. All times are `performance.now()`, i.e. ms since the
 * navigation started. `window.__bench`:
 *   marks.interactive    the file input exists (the app has rendered; a file can be chosen)
 *   marks.detectorReady  the detector badge has a backend (`data-backend` non-empty)
 *   marks.fileChosen     a file input fired `change` (the person chose a file)
 *   states / stages      every change of `.app[data-state]` and `.job[data-stage]`
 *   progress             the job's progress bar every 100 ms when it moved: {t, stage, done, total}
 */
function probes() {
  const bench = { marks: {}, states: [], stages: [], progress: [] };
  window.__bench = bench;
  let state;
  let stage;
  const check = () => {
    const now = performance.now();
    if (
      bench.marks.interactive === undefined &&
      document.querySelector('[data-testid=file-input]')
    ) {
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
  setInterval(() => {
    const job = document.querySelector('.job');
    const bar = job?.querySelector('progress');
    if (!job || !bar) return;
    const now = { stage: job.getAttribute('data-stage'), done: bar.value, total: bar.max };
    const last = bench.progress.at(-1);
    if (last && last.stage === now.stage && last.done === now.done) return;
    bench.progress.push({ t: performance.now(), ...now });
  }, 100);
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

/** True when every asset that the build's HTML and scripts name is there (the copy is not torn). */
function complete(dir) {
  if (!existsSync(join(dir, 'index.html'))) return false;
  const assets = join(dir, 'assets');
  const texts = [readFileSync(join(dir, 'index.html'), 'utf8')];
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    if (name.endsWith('.js')) texts.push(readFileSync(join(assets, name), 'utf8'));
  }
  const named = texts.flatMap((t) => [...t.matchAll(/assets\/([\w.-]+\.(?:js|css|wasm))/g)]);
  return named.every((m) => existsSync(join(assets, m[1])));
}

/**
 * The app the bench serves, a test build (`--mode e2e`: the profiles and injected detections it reads
 * through `window.__garim`), in a temporary folder of its own (outside the repository, so no linter or
 * formatter walks it): a copy of dist-e2e/ or GARIM_DIST (built first if missing or a production build),
 * taken again while it is caught mid-rebuild; or with `rebuild`, a build of the working tree made straight
 * into it (no build folder is touched). Someone rebuilding the build folder during the run then cannot break
 * a job (a rebuild swaps the hashed worker files a running job still has to load). Returns the folder and
 * `remove()`.
 */
export async function prepareApp({ rebuild }) {
  const dir = mkdtempSync(join(tmpdir(), 'garim-bench-app-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (rebuild) {
      buildApp(dir, TEST_MODE);
      return { dir, remove };
    }
    const dist = ensureBuilt({ mode: TEST_MODE });
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        cpSync(resolve(ROOT, dist), dir, { recursive: true, preserveTimestamps: true });
        if (complete(dir)) return { dir, remove };
      } catch {
        // The build folder changed under the copy: try again.
      }
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      await sleep(3000);
    }
    throw new Error(`${dist}/ kept changing while it was copied`);
  } catch (error) {
    remove();
    throw error;
  }
}

/** Serves `dir` with the app's COOP/COEP headers (vite preview, like cli/browser.mjs) on a free port. */
export async function startAppServer(dir) {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Preview server did not report a URL');
  return { url, close: () => server.close() };
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
  const page = previous
    ? await context.newPage()
    : (context.pages()[0] ?? (await context.newPage()));
  if (previous) await previous.close();
  await page.goto(url);
  const ready = () => '__garim' in window && window.__bench.marks.detectorReady;
  await page.waitForFunction(ready, null, { timeout: timeoutMs });
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

/** Cold: a fresh profile's first load. Warm: a second load in the same profile (HTTP and code caches). */
export async function measureStartup(url, runs) {
  const cold = [];
  const warm = [];
  let detector = null;
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      const first = await openPage(browser.context, url);
      cold.push(await startupTimes(first));
      detector ??= await first.evaluate(() => window.__garim.detectorInfo());
      const second = await openPage(browser.context, url, { previous: first });
      warm.push(await startupTimes(second));
    } finally {
      await browser.close();
    }
  }
  return { cold, warm, detector };
}

/**
 * A fresh browser with the app open and the detector ready; the detail mode and the plates option set
 * through the UI (left alone where `run` does not say). Returns what the UI then shows as chosen.
 */
async function prepare(url, run) {
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser.context, url);
    if (run.mode) await page.locator(`input[name=detail][value="${run.mode}"]`).check();
    if (run.plates !== undefined) await page.getByTestId('cover-plates').setChecked(run.plates);
    const mode = await page.locator('input[name=detail]:checked').getAttribute('value');
    const plates = await page.getByTestId('cover-plates').isChecked();
    return { browser, page, mode, plates };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A job whose progress bar has not moved for this long is taken as hung and fails. */
export const STALL_MS = 120_000;

/**
 * Rejects when the job on `page` shows no progress for STALL_MS (a hung job would otherwise hold the bench
 * until its timeout). Checks every 5 s on the page's probes.
 */
function stallGuard(page) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setInterval(() => {
      page
        .evaluate((stallMs) => {
          const probes = window.__bench;
          const state = document.querySelector('.app')?.getAttribute('data-state');
          const moved = Math.max(probes.marks.fileChosen ?? 0, probes.progress.at(-1)?.t ?? 0);
          const idleMs = performance.now() - moved;
          return state === 'working' && idleMs > stallMs ? idleMs : 0;
        }, STALL_MS)
        .then((idleMs) => {
          if (!idleMs) return;
          reject(new Error(`job stalled: no progress for ${Math.round(idleMs / 1000)} s`));
        })
        .catch(() => undefined);
    }, 5000);
  });
  promise.catch(() => undefined);
  return { promise, stop: () => clearInterval(timer) };
}

/** The browser's processes: everything this Node process started (the preview server runs in-process). */
const browserProcesses = () => descendants(process.pid);

/**
 * One whole job through the real UI: choose the file, wait for the download link, save the download
 * (cli/redact-page.mjs). Memory of the browser's processes is sampled all along.
 */
export async function fullJob(url, run, output) {
  const { browser, page, mode, plates } = await prepare(url, run);
  try {
    const idleMemory = sampleMemory(browserProcesses).stop();
    const memory = sampleMemory(browserProcesses);
    const threads = sampleThreads(browserProcesses);
    const start = performance.now();
    const stall = stallGuard(page);
    const job = redactInPage(page, run.clip.path, output, run.timeoutMs);
    job.catch(() => undefined); // if the guard wins, closing the browser rejects it
    let summary;
    let peak;
    let threadSamples;
    try {
      summary = await Promise.race([job, stall.promise]);
    } finally {
      stall.stop();
      peak = memory.stop();
      threadSamples = threads.stop();
    }
    const nodeWallSec = (performance.now() - start) / 1000;
    const probes = await page.evaluate(() => ({
      ...window.__bench,
      timeOrigin: performance.timeOrigin,
    }));
    const profile = profilePerFrame(await page.evaluate(() => window.__garim.analysisProfile()));
    const exportProfile = exportProfilePerFrame(
      await page.evaluate(() => window.__garim.exportProfile?.() ?? null),
    );
    const boxes = await page.evaluate(() => {
      const covered = window.__garim.lastResult()?.covered ?? [];
      const all = covered.flatMap((f) => f.boxes);
      const mean = (pick) => all.reduce((sum, b) => sum + pick(b), 0) / Math.max(1, all.length);
      return {
        perFrame: all.length / Math.max(1, covered.length),
        meanW: mean((b) => b.w),
        meanH: mean((b) => b.h),
      };
    });
    const out = probe(output);
    rmSync(output, { force: true });
    return {
      mode,
      plates,
      engine: summary.info.engine,
      analyseFps: summary.analyseFps,
      exportFps: summary.exportFps,
      analyseFpsFromProgress: stageFps(probes.progress, 'analyse')?.fps ?? null,
      ...timeline(probes),
      nodeWallSec,
      memory: peak,
      idleMemory,
      boxes,
      padding: summary.redaction.padding,
      selfCheckFindings: summary.selfCheck?.length ?? null,
      profile,
      exportProfile,
      threads: {
        analyse: stageThreads(threadSamples, probes, 'analyse'),
        export: stageThreads(threadSamples, probes, 'export'),
      },
      output: { frames: out.frames, audioCodec: out.audioCodec, bytes: out.bytes },
    };
  } finally {
    await browser.close();
  }
}

/** Where the CPU went (per thread, bench/pipeline-proc.mjs) while the page showed `stage` the first time. */
function stageThreads(samples, probes, stage) {
  const i = probes.stages.findIndex((s) => s.stage === stage);
  const next = probes.stages[i + 1] ?? probes.states.find((s) => s.state === 'done');
  if (i < 0 || !next) return null;
  const epoch = (t) => probes.timeOrigin + t;
  return threadProfile(samples, epoch(probes.stages[i].t), epoch(next.t));
}

/** An analysis-only job measures at least this many frames (unless the clip is shorter) … */
export const MIN_FRAMES = 10;
/** … but never runs longer than this many times its cap. */
export const MAX_CAP_FACTOR = 4;

/**
 * The analysis pass alone: choose the file, let analysis run to the end of the clip or for `capSeconds`
 * (longer if it has not yet done MIN_FRAMES frames, up to MAX_CAP_FACTOR × `capSeconds`), then press
 * Cancel. Frames per second come from the progress bar's samples.
 */
/**
 * Cancels a job that is still working. An analysis that reached the clip's end before the cap goes on to
 * the review by itself, and its Cancel button may be gone by the time it is clicked: that is an end too.
 */
async function cancelUnlessFinished(page) {
  const ended = '[data-state="cancelled"], [data-state="done"], [data-state="review"]';
  try {
    await page.getByTestId('cancel').click({ timeout: 5_000 });
  } catch (error) {
    if (!(await page.locator(ended).count())) throw error;
  }
  await page.locator(ended).waitFor();
}

export async function analysisOnly(url, run, capSeconds) {
  const { browser, page, mode, plates } = await prepare(url, run);
  const threads = sampleThreads(browserProcesses);
  try {
    await page.getByTestId('file-input').setInputFiles(run.clip.path);
    const ended = await page.waitForFunction(
      ([capMs, stallMs, minFrames, maxFactor]) => {
        const probes = window.__bench;
        const state = document.querySelector('.app')?.getAttribute('data-state');
        if (state === 'error' || state === 'done' || state === 'cancelled') return state;
        const moved = Math.max(probes.marks.fileChosen ?? 0, probes.progress.at(-1)?.t ?? 0);
        if (performance.now() - moved > stallMs) return 'stalled';
        const analysing = probes.progress.filter((p) => p.stage === 'analyse');
        if (analysing.length === 0) return false;
        const last = probes.progress[probes.progress.length - 1];
        const elapsed = performance.now() - analysing[0].t;
        const measured = last.done - analysing[0].done;
        const over =
          last.stage !== 'analyse' ||
          last.done >= last.total ||
          (elapsed >= capMs && measured >= minFrames) ||
          elapsed >= capMs * maxFactor;
        return over && 'analysed';
      },
      [capSeconds * 1000, STALL_MS, MIN_FRAMES, MAX_CAP_FACTOR],
      { timeout: run.timeoutMs, polling: 100 },
    );
    if ((await ended.jsonValue()) === 'stalled') {
      throw new Error(`job stalled: no progress for ${STALL_MS / 1000} s`);
    }
    const state = await page.locator('.app').getAttribute('data-state');
    if (state === 'error') {
      throw new Error(`job failed: ${await page.locator('[role=alert]').textContent()}`);
    }
    // Read before Cancel, which ends the workers that hold it.
    const profile = profilePerFrame(await page.evaluate(() => window.__garim.analysisProfile()));
    if (state === 'working') await cancelUnlessFinished(page);
    const probes = await page.evaluate(() => ({
      ...window.__bench,
      timeOrigin: performance.timeOrigin,
    }));
    const fps = stageFps(probes.progress, 'analyse');
    if (!fps) throw new Error('no analysis progress was seen');
    const analysing = probes.progress.filter((p) => p.stage === 'analyse');
    const epoch = (t) => probes.timeOrigin + t;
    const cpu = threadProfile(
      threads.stop(),
      epoch(analysing[0].t),
      epoch(analysing[analysing.length - 1].t),
    );
    return { mode, plates, ...fps, stagesSec: timeline(probes).stagesSec, profile, threads: cpu };
  } finally {
    threads.stop();
    await browser.close();
  }
}
