// Editor seek latency and project storage, measured in the built app (issue 4 point 7, issue 5 "Done when").
// A clip is analysed through the UI (fast, plates off) and reviewed; then the scrubber is moved to seeded
// random frames one at a time, and the page's own clock times each seek from the scrubber's `input` event to
//   firstPicture  the next animation frame after the stage shows that frame's picture at all (its stored
//                 preview, `data-preview-frame`, or the full frame, `data-shown-frame`);
//   fullFrame     the stage shows the full-resolution frame (`data-shown-frame`), i.e. the latency before
//                 stored previews existed.
// The next seek starts once the previous full frame is on screen (isolated seeks, not a drag).
import { launchBrowser, openPage } from './pipeline-app.mjs';

/** Deterministic frame indices in [0, frameCount), no two in a row the same. */
export function seekTargets(frameCount, count, seed = 1) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const targets = [];
  let last = 0;
  while (targets.length < count) {
    const frame = Math.floor(next() * frameCount);
    if (frame === last) continue;
    targets.push(frame);
    last = frame;
  }
  return targets;
}

export function percentile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Runs in the page: the seeks, timed on the page's clock. */
async function seekInPage(targets) {
  const stage = document.querySelector('[data-testid=editor-stage]');
  const scrubber = document.querySelector('[data-testid=scrubber]');
  if (!stage || !scrubber) throw new Error('the editor is not on screen');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const waitFor = (holds, timeoutMs) =>
    new Promise((resolve, reject) => {
      if (holds()) return resolve(performance.now());
      const observer = new MutationObserver(() => {
        if (!holds()) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`seek: no picture within ${timeoutMs} ms`));
      }, timeoutMs);
      observer.observe(stage, { attributes: true });
    });
  const nextPaint = () =>
    new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const seeks = [];
  for (const frame of targets) {
    const wanted = String(frame);
    await waitFor(() => stage.dataset.loading === 'false', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    setValue.call(scrubber, wanted);
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(
      () => stage.dataset.previewFrame === wanted || stage.dataset.shownFrame === wanted,
      20_000,
    );
    const fromPreview = stage.dataset.previewFrame === wanted;
    const painted = await nextPaint();
    const full = await waitFor(() => stage.dataset.shownFrame === wanted, 20_000);
    seeks.push({ frame, firstPictureMs: painted - start, fullFrameMs: full - start, fromPreview });
  }
  return seeks;
}

/** What the stored project costs: bytes of its source, previews and regions (read from IndexedDB). */
async function storageInPage() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('garim');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const all = (store) =>
    new Promise((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const [project] = await all('projects');
  const frames = await all('frames');
  const tracks = await all('tracks');
  db.close();
  const json = (value) => new Blob([JSON.stringify(value)]).size;
  const regionBytes =
    frames.reduce((sum, f) => sum + json({ ...f, preview: undefined }), 0) + json(tracks);
  const { usage } = await navigator.storage.estimate();
  return {
    frames: frames.length,
    durationSec: project.media.durationSec,
    sourceBytes: project.sourceBytes,
    previewBytes: project.previewBytes,
    regionBytes,
    usageBytes: usage ?? null,
  };
}

const round = (value, digits = 1) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

function summarise(seeks) {
  const first = seeks.map((s) => s.firstPictureMs);
  const full = seeks.map((s) => s.fullFrameMs);
  return {
    seeks: seeks.length,
    firstPictureMs: { p50: round(percentile(first, 0.5)), p95: round(percentile(first, 0.95)) },
    fullFrameMs: { p50: round(percentile(full, 0.5)), p95: round(percentile(full, 0.95)) },
    fromPreview: seeks.filter((s) => s.fromPreview).length,
  };
}

function perMinute(storage) {
  const minutes = storage.durationSec / 60;
  const mb = (bytes) => round(bytes / 1e6 / minutes, 2);
  return {
    sourceMB: mb(storage.sourceBytes),
    previewsMB: mb(storage.previewBytes),
    regionsMB: mb(storage.regionBytes),
    totalMB: mb(storage.sourceBytes + storage.previewBytes + storage.regionBytes),
  };
}

/**
 * Analyses `clip` in a fresh profile, then times `count` seeks. Returns the latencies (ms, page clock) and the
 * project's storage, per minute of video.
 */
export async function measureSeeks(url, clip, { count = 40, log = () => undefined } = {}) {
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser.context, url);
    const usageBefore = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    await page.locator('input[name="detail"][value="fast"]').check();
    await page.getByTestId('cover-plates').setChecked(false);
    await page.getByTestId('file-input').setInputFiles(clip);
    await page.locator('.app[data-state=review]').waitFor({ timeout: 15 * 60_000 });
    await page.getByTestId('editor-stage').waitFor();
    log('analysed; seeking');
    const storage = await page.evaluate(storageInPage);
    const targets = seekTargets(storage.frames, count);
    const seeks = await page.evaluate(seekInPage, targets);
    return {
      ...summarise(seeks),
      storage: {
        ...storage,
        usageDeltaBytes: storage.usageBytes === null ? null : storage.usageBytes - usageBefore,
        perMinute: perMinute(storage),
      },
      raw: seeks.map((s) => [s.frame, round(s.firstPictureMs), round(s.fullFrameMs)]),
    };
  } finally {
    await browser.close();
  }
}
