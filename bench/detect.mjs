#!/usr/bin/env node
// npm run bench:detect -- --manifest PATH [--model ID] [--out FILE]
// Runs the app's detector (headless Chromium, the real worker code) on every labelled image of a manifest
// (format: ../shared/fixtures/README.md) and reports coverage recall per class and size bucket, precision,
// over-cover (the share of the image area covered outside every labelled or ignored box) and ms per image.
// JSON goes to bench/results/detect-<model>-<mode>.json (or --out).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, openApp, ROOT, startServer, TEST_MODE } from '../cli/browser.mjs';
import { writeReport } from './report.mjs';
import { scoreImage, summarise } from './scoring.mjs';

const { values } = parseArgs({
  options: {
    manifest: {
      type: 'string',
      default: resolve(ROOT, '..', 'shared', 'fixtures', 'manifest.json'),
    },
    model: { type: 'string', default: 'yunet-n' },
    mode: { type: 'string', default: 'balanced' },
    out: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
  },
});

const manifestPath = resolve(values.manifest);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const base = dirname(manifestPath);

// A test build (dist-e2e/), as every benchmark measures: the same app, with the test hooks.
ensureBuilt({ rebuild: values.rebuild, mode: TEST_MODE });
const server = await startServer({ mode: TEST_MODE });
const app = await openApp(server.url);
const perClass = { faces: [], plates: [] };
let totalMs = 0;
let images = 0;
let detector;
try {
  detector = await app.page.evaluate((m) => window.__garim.detectorInfo(m), values.model);
  const padding = await app.page.evaluate(() => window.__garim.redaction.padding);
  for (const item of manifest.items) {
    const b64 = readFileSync(join(base, item.file)).toString('base64');
    const { detections, ms } = await app.page.evaluate(
      async ([data, model, mode]) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const start = performance.now();
        // Plates on, as in the app by default, in every mode.
        const found = await window.__garim.detectImage(bytes, model, { mode, plates: true });
        return { detections: found.detections, ms: performance.now() - start };
      },
      [b64, values.model, values.mode],
    );
    totalMs += ms;
    images++;
    const byClass = (cls) =>
      detections.filter((d) => d.class === cls).map((d) => [d.box.x, d.box.y, d.box.w, d.box.h]);
    const classes = { faces: 'face', plates: 'plate' };
    for (const annotated of item.annotated ?? []) {
      perClass[annotated].push(
        scoreImage({
          width: item.width,
          height: item.height,
          labelled: item[annotated] ?? [],
          ignore: annotated === 'faces' ? (item.ignore ?? []) : [],
          predicted: byClass(classes[annotated]),
          padding,
        }),
      );
    }
  }
} finally {
  await app.close();
  await server.close();
}

const result = {
  benchmark: 'detect',
  date: new Date().toISOString(),
  manifest: manifestPath,
  model: values.model,
  mode: values.mode,
  detector,
  images,
  msPerImage: totalMs / Math.max(1, images),
  classes: Object.fromEntries(
    Object.entries(perClass)
      .filter(([, scores]) => scores.length > 0)
      .map(([cls, scores]) => [cls, summarise(scores)]),
  ),
};
const out =
  values.out ?? join(ROOT, 'bench', 'results', `detect-${values.model}-${values.mode}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2));

const pct = (v, digits = 1) =>
  v === null || v === undefined ? '  -  ' : `${(v * 100).toFixed(digits)}%`;
console.log(
  `detector ${values.model} (${detector?.backend}), ${images} images, ${result.msPerImage.toFixed(1)} ms/image`,
);
for (const [cls, s] of Object.entries(result.classes)) {
  const buckets = Object.entries(s.buckets)
    .map(([k, v]) => `${k}: ${pct(v.recall)} (${v.labelled})`)
    .join('  ');
  console.log(
    `${cls}: protected ${pct(s.recall)} of ${s.labelled}, precision ${pct(s.precision)}, over-cover ${pct(s.overCover, 2)} of the image area | ${buckets}`,
  );
}
console.log(`wrote ${out}`);
writeReport();
