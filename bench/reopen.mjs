#!/usr/bin/env node
// npm run bench:reopen [-- --minutes 5] [--runs 3] [--dist FOLDER]
// Time to reopen a long project (issue 5 "Done when"). Analysing 5 minutes of 720p here would take most of an
// hour, so the project is made the way the app makes it, then completed in place:
//   1. the app analyses the first 10 s of a generated 720p clip (the bench's 10 s unit repeated `minutes`
//      times by stream copy), fast mode, plates off, storing frames with their previews as usual;
//   2. the page is reloaded (the analysis stops, the project stays "analysing"), and the stored records of
//      those 300 frames are copied onto every later repeat of the unit (same pictures, same detections,
//      the clip's own timestamps): the frame records a full analysis would have stored;
//   3. "resume": the project is opened; the app finds every frame stored, analyses nothing, builds the
//      tracks over all frames and opens the review editor;
//   4. "reopen" (`--runs` times): reload, open the project from the list: until the review editor shows
//      its first frame.
// Times are on the page's clock, from the click on the project's Open/Resume button.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '../cli/browser.mjs';
import { makeClip } from './clips.mjs';
import { launchBrowser, openPage, prepareApp, startAppServer } from './pipeline-app.mjs';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    dist: { type: 'string' },
  },
});
const UNIT_FRAMES = 300;
const began = performance.now();
const log = (message) =>
  console.error(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** Runs in the page: how many frames the only project has stored. */
function storedFrames() {
  return new Promise((resolve) => {
    const open = indexedDB.open('garim');
    open.onerror = () => resolve(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('projects')) return resolve((db.close(), 0));
      const request = db.transaction('projects').objectStore('projects').getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result[0]?.analysedFrames ?? 0);
      };
    };
  });
}

/** Runs in the page: copies the first `unit` frame records onto every later repeat of the unit. */
async function completeProject({ unit, repeats, unitUs }) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('garim');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const done = (tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const read = db.transaction(['projects', 'frames', 'previews']);
  const projectRequest = read.objectStore('projects').getAll();
  const framesRequest = read.objectStore('frames').getAll();
  const previewsRequest = read.objectStore('previews').getAll();
  await done(read);
  const project = projectRequest.result[0];
  const first = framesRequest.result.filter((f) => f.frameIndex < unit);
  const pictures = previewsRequest.result.filter((p) => p.frameIndex < unit);
  if (first.length !== unit) throw new Error(`only ${first.length} of ${unit} frames stored`);
  let previewBytes = 0;
  const write = db.transaction(['projects', 'frames', 'previews'], 'readwrite');
  const frames = write.objectStore('frames');
  const previews = write.objectStore('previews');
  for (let r = 0; r < repeats; r++) {
    for (const p of pictures) {
      previewBytes += p.blob.size;
      if (r > 0) previews.put({ ...p, frameIndex: p.frameIndex + r * unit });
    }
    if (r === 0) continue;
    for (const f of first) {
      frames.put({
        ...f,
        frameIndex: f.frameIndex + r * unit,
        timestampUs: f.timestampUs + r * unitUs,
      });
    }
  }
  write.objectStore('projects').put({
    ...project,
    analysedFrames: unit * repeats,
    previewBytes,
    state: 'analysing',
  });
  await done(write);
  db.close();
  return { frames: unit * repeats, previewBytes, sourceBytes: project.sourceBytes };
}

/** Runs in the page: clicks the project's open button; ms until review, and until its first frame shows. */
async function openTimed() {
  const stateOf = () => document.querySelector('.app')?.getAttribute('data-state');
  const shown = () =>
    document.querySelector('[data-testid=editor-stage]')?.getAttribute('data-shown-frame');
  const until = (holds) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (stateOf() === 'error') {
          observer.disconnect();
          reject(new Error(document.querySelector('[role=alert]')?.textContent ?? 'error'));
        } else if (holds()) {
          observer.disconnect();
          resolve(performance.now());
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, attributes: true, childList: true });
      check();
    });
  const button = document.querySelector('[data-testid=open-project]');
  if (!button) throw new Error('no project listed');
  const start = performance.now();
  button.click();
  const review = await until(() => stateOf() === 'review');
  const frame = await until(() => shown() !== undefined && shown() !== null && shown() !== '-1');
  // The app's own steps (performance marks named garim:…, each first one after the click), ms after it.
  const steps = {};
  for (const m of performance.getEntriesByType('mark')) {
    const name = m.name.slice('garim:'.length);
    if (m.name.startsWith('garim:') && m.startTime >= start && !(name in steps)) {
      steps[name] = Math.round(m.startTime - start);
    }
  }
  return { reviewMs: review - start, firstFrameMs: frame - start, steps };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value);

async function main() {
  const minutes = Number(options.minutes);
  const clip = makeClip(720, minutes * 60);
  const repeats = (minutes * 60) / 10;
  const app = options.dist
    ? { dir: resolve(ROOT, options.dist), remove: () => undefined }
    : await prepareApp({ rebuild: true });
  const server = await startAppServer(app.dir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser.context, server.url);
    await page.locator('input[name="detail"][value="fast"]').check();
    await page.getByTestId('cover-plates').setChecked(false);
    await page.getByTestId('file-input').setInputFiles(clip);
    log(`analysing the first ${UNIT_FRAMES} frames of ${clip}`);
    const deadline = Date.now() + 30 * 60_000;
    while ((await page.evaluate(storedFrames)) < UNIT_FRAMES) {
      if (Date.now() > deadline) throw new Error('the first 10 s were not analysed in 30 minutes');
      await sleep(1000);
    }
    await page.reload();
    await page.locator('[data-project-state=analysing]').waitFor();
    const stored = await page.evaluate(completeProject, {
      unit: UNIT_FRAMES,
      repeats,
      unitUs: 10_000_000,
    });
    log(`project completed in place: ${stored.frames} frames`);
    await page.reload();
    await page.locator('[data-project-state=analysing]').waitFor();
    const resume = await page.evaluate(openTimed);
    log(`resume: ${round(resume.reviewMs)} ms`);
    const reopen = [];
    for (let run = 0; run < Number(options.runs); run++) {
      await page.reload();
      await page.locator('[data-project-state=needs-review]').waitFor();
      await page.waitForFunction(() => window.__bench.marks.detectorReady);
      reopen.push(await page.evaluate(openTimed));
      log(`reopen ${run + 1}: ${round(reopen.at(-1).firstFrameMs)} ms`);
    }
    const doc = {
      benchmark: 'garim-reopen',
      version: 1,
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAvg1: Math.round(os.loadavg()[0] * 10) / 10 },
      clip: { file: clip, height: 720, minutes, fps: 30 },
      project: stored,
      resumeAllStoredMs: { review: round(resume.reviewMs), firstFrame: round(resume.firstFrameMs) },
      reopenMs: {
        runs: reopen.map((r) => [round(r.reviewMs), round(r.firstFrameMs)]),
        review: round(median(reopen.map((r) => r.reviewMs))),
        firstFrame: round(median(reopen.map((r) => r.firstFrameMs))),
        steps: reopen.map((r) => r.steps),
      },
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reopen-latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
    console.log(JSON.stringify(doc, null, 2));
  } finally {
    await browser.close();
    await server.close();
    app.remove();
  }
}

await main();
