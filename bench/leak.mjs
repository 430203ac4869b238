#!/usr/bin/env node
// npm run bench:leak -- [VIDEO GT.json] [--mode balanced]
// Runs the app end to end (headless Chromium, the real UI) on a video with per-frame truth and reports the
// leak rate: the share of labelled face-frames less than 80% covered by what the app covered (after
// padding). Without arguments it builds the moving-face clip from the fixtures manifest first.
// JSON goes to bench/results/leak-<mode>.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, openApp, ROOT, startServer } from '../cli/browser.mjs';
import { writeReport } from './report.mjs';
import { redactInPage } from '../cli/redact-page.mjs';
import { makeLeakClip } from './make-leak-clip.mjs';
import { coverageMask, coveredFraction, padBox } from './scoring.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string', default: 'balanced' },
    manifest: {
      type: 'string',
      default: resolve(ROOT, '..', 'shared', 'fixtures', 'manifest.json'),
    },
    rebuild: { type: 'boolean', default: false },
  },
});

let [video, gtPath] = positionals;
if (!video || !gtPath) {
  ({ clip: video, truth: gtPath } = makeLeakClip(
    resolve(values.manifest),
    join(ROOT, 'bench', '.generated', 'leak-clip.mp4'),
  ));
}
const truth = JSON.parse(readFileSync(gtPath, 'utf8'));

ensureBuilt({ rebuild: values.rebuild });
const server = await startServer();
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
  summary.covered = await app.page.evaluate(() =>
    window.__garim.lastResult().covered.map((f) => f.boxes.map((b) => [b.x, b.y, b.w, b.h])),
  );
} finally {
  await app.close();
  await server.close();
}

let faceFrames = 0;
let leaks = 0;
const leakedFrames = [];
truth.frames.forEach((frame, i) => {
  const regions = (summary.covered[i] ?? []).map((b) => padBox(b, summary.redaction.padding));
  const mask = coverageMask(truth.width, truth.height, regions);
  for (const face of frame.faces) {
    faceFrames++;
    if (coveredFraction(mask, truth.width, truth.height, face) < 0.8) {
      leaks++;
      leakedFrames.push(i);
    }
  }
});

const result = {
  benchmark: 'leak',
  date: new Date().toISOString(),
  video: resolve(video),
  mode: values.mode,
  frames: truth.frames.length,
  faceFrames,
  leaks,
  leakRate: faceFrames ? leaks / faceFrames : null,
  leakedFrames: [...new Set(leakedFrames)],
  analyseFps: summary.analyseFps,
  exportFps: summary.exportFps,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const out = join(ROOT, 'bench', 'results', `leak-${values.mode}.json`);
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(
  `leak (${values.mode}): ${leaks} of ${faceFrames} face-frames under 80% covered = ${(100 * (result.leakRate ?? 0)).toFixed(2)}% · analysis ${summary.analyseFps.toFixed(1)} fps`,
);
console.log(`wrote ${out}`);
writeReport();
