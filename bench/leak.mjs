#!/usr/bin/env node
// npm run bench:leak -- [VIDEO GT.json] [--mode balanced] [--clip default|hd]
// Runs the app end to end (headless Chromium, the real UI) on a video with per-frame truth and reports the
// leak rate: the share of labelled face-frames less than 80% covered by what the app covered (after
// padding); over-cover: the mean share of the frame covered outside every labelled (or ignored) face; and,
// where the app reports track ids, tracks per face. Without a video it builds a clip from the fixtures
// manifest first (bench/make-leak-clip.mjs; --clip picks which).
// JSON goes to bench/results/leak-<mode>.json (leak-<mode>-<clip>.json for a clip other than default).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, openApp, ROOT, startServer, TEST_MODE } from '../cli/browser.mjs';
import { writeReport } from './report.mjs';
import { redactInPage } from '../cli/redact-page.mjs';
import { LEAK_CLIPS } from './make-leak-clip.mjs';
import { scoreClip } from './scoring.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string', default: 'balanced' },
    clip: { type: 'string', default: 'default' },
    manifest: {
      type: 'string',
      default: resolve(ROOT, '..', 'shared', 'fixtures', 'manifest.json'),
    },
    rebuild: { type: 'boolean', default: false },
    // Also write the page's per-frame regions and covered boxes (the `--regions-out` shape), for diagnosis.
    'regions-out': { type: 'string' },
  },
});

const clip = LEAK_CLIPS[values.clip];
/** The build folder served, when GARIM_DIST names one other than dist/ (its name, e.g. `dist-before`). */
const BUILD =
  process.env.GARIM_DIST && process.env.GARIM_DIST !== 'dist'
    ? basename(process.env.GARIM_DIST)
    : undefined;
if (!clip) throw new Error(`--clip: one of ${Object.keys(LEAK_CLIPS).join(', ')}`);
let [video, gtPath] = positionals;
const generated = !video || !gtPath;
if (generated) {
  ({ clip: video, truth: gtPath } = await clip.make(
    resolve(values.manifest),
    join(ROOT, 'bench', '.generated', clip.file),
  ));
}
const truth = JSON.parse(readFileSync(gtPath, 'utf8'));

// A test build (dist-e2e/), as every benchmark measures: the same app, with the test hooks.
ensureBuilt({ rebuild: values.rebuild, mode: TEST_MODE });
const server = await startServer({ mode: TEST_MODE });
const app = await openApp(server.url);
let summary;
try {
  await app.page.evaluate((mode) => localStorage.setItem('garim.detail', mode), values.mode);
  await app.page.reload();
  await app.page.waitForFunction(() => '__garim' in window);
  summary = await redactInPage(
    app.page,
    resolve(video),
    join(ROOT, 'bench', '.generated', 'leak-out.mp4'),
    3_600_000,
  );
  summary.detector = await app.page.evaluate(() => window.__garim.detectorInfo());
  summary.covered = await app.page.evaluate(() =>
    window.__garim.lastResult().covered.map((f) => f.boxes.map((b) => [b.x, b.y, b.w, b.h])),
  );
  if (values['regions-out']) {
    // Every detection of every frame, weak hits included, as the tracker saw them.
    summary.detections = await app.page.evaluate(() =>
      window.__garim.lastResult().frames.map((f) => f.detections),
    );
  }
} finally {
  await app.close();
  await server.close();
}
if (values['regions-out']) writeFileSync(values['regions-out'], JSON.stringify(summary));

// Track ids of the covered boxes: a later, additive field of the page summary, parallel to each frame's
// `covered` (both are lastResult().covered[i].boxes, in order).
const trackIds = summary.frames.every((f) => Array.isArray(f.coveredTrackIds))
  ? summary.frames.map((f) => f.coveredTrackIds)
  : undefined;
const score = scoreClip({
  truth,
  covered: summary.covered,
  padding: summary.redaction.padding,
  trackIds,
});

// The detector alone, before tracks: each frame's sure face hits (no bridging, padding or weak hits).
const detectorOnly = scoreClip({
  truth,
  covered: summary.frames.map((f) => f.regions.filter((r) => r.class === 'face').map((r) => r.box)),
  padding: summary.redaction.padding,
});

const result = {
  benchmark: 'leak',
  date: new Date().toISOString(),
  video: resolve(video),
  clip: generated ? values.clip : basename(video),
  mode: values.mode,
  frames: truth.frames.length,
  faceFrames: score.faceFrames,
  leaks: score.leaks,
  leakRate: score.leakRate,
  leakedFrames: score.leakedFrames,
  overCover: score.overCover,
  overCoverMax: score.overCoverMax,
  tracksPerFace: score.tracksPerFace,
  facesTracked: score.facesTracked,
  analyseFps: summary.analyseFps,
  exportFps: summary.exportFps,
  detector: summary.detector,
  // The build measured, where it is not dist/ (GARIM_DIST: an older build, to sit beside today's).
  ...(BUILD ? { build: BUILD } : {}),
  detectorOnly: {
    leaks: detectorOnly.leaks,
    leakRate: detectorOnly.leakRate,
    overCover: detectorOnly.overCover,
  },
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const suffix = values.clip === 'default' ? '' : `-${values.clip}`;
// One file per model, mode, clip and build, so a run of an older build (GARIM_DIST) sits beside today's,
// also when both builds use the same model.
const model = summary.detector?.model ?? 'unknown';
const build = BUILD ? `-${BUILD}` : '';
const out = join(ROOT, 'bench', 'results', `leak-${model}-${values.mode}${suffix}${build}.json`);
writeFileSync(out, JSON.stringify(result, null, 2));
const tracks = result.tracksPerFace === null ? '–' : result.tracksPerFace.toFixed(2);
console.log(
  `leak (${values.mode}, ${result.clip}): ${result.leaks} of ${result.faceFrames} face-frames under 80% covered = ${(100 * (result.leakRate ?? 0)).toFixed(2)}% · over-cover ${(100 * (result.overCover ?? 0)).toFixed(2)}% of the frame · tracks per face ${tracks} · analysis ${summary.analyseFps.toFixed(1)} fps`,
);
console.log(
  `  detector alone (sure hits per frame, no tracks): leak ${(100 * (detectorOnly.leakRate ?? 0)).toFixed(2)}% · over-cover ${(100 * (detectorOnly.overCover ?? 0)).toFixed(2)}%`,
);
console.log(`wrote ${out}`);
writeReport();
