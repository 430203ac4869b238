// The memory jobs of the pipeline benchmark (`--long`): does a 10-minute 1080p input need more memory than a
// 1-minute one? The whole job runs through the UI as in `fullJob` (analysis → review → export → self-check
// → download), but with the detector REPLACED by fixed detections (window.__garim.injectDetections, a test
// hook: one face box on every frame, no model runs), so that 18,000 frames of 1080p fit a bench run on two
// cores. Everything else is the real pipeline: decode, stored previews and regions written to IndexedDB,
// the tracker, the review editor, export (decode → mosaic → encode → mux → OPFS file), the self-check pass
// and the download. Memory is sampled as in `fullJob` and split by the stage the progress screen showed.
import { rmSync } from 'node:fs';
import { redactInPage } from '../cli/redact-page.mjs';
import { probe } from './clips.mjs';
import { launchBrowser, openPage } from './pipeline-app.mjs';
import { descendants, sampleMemory } from './pipeline-proc.mjs';
import { timeline } from './pipeline-report.mjs';

const KIB_PER_MIB = 1024;

/** The injected face: a fixed box a little left of the middle, a tenth of the picture wide. */
export function fixedFace(width, height) {
  const w = Math.round(width / 10);
  const h = Math.round(w * 1.25);
  return { x: Math.round(width * 0.4), y: Math.round(height * 0.3), w, h };
}

/**
 * Peak RSS/PSS (MiB) per stage: each sample (`at`, epoch ms) counts for the stage the page showed then.
 * `changes` are the page's stage changes ({stage, at}: epoch ms, stage null between stages, e.g. review) in
 * time order; samples before the first count as `idle`, `null` stages as `between`, and samples after
 * `doneAt` (the download link shown) as `done`.
 */
export function stagePeaks(samples, changes, doneAt = Infinity) {
  const peaks = {};
  for (const sample of samples) {
    let stage = 'idle';
    for (const change of changes) {
      if (change.at > sample.at) break;
      stage = change.stage ?? 'between';
    }
    if (sample.at >= doneAt) stage = 'done';
    const peak = (peaks[stage] ??= { rssMiB: 0, pssMiB: null, samples: 0 });
    peak.samples++;
    peak.rssMiB = Math.max(peak.rssMiB, sample.rssKiB / KIB_PER_MIB);
    if (sample.pssKiB !== null && sample.pssKiB !== undefined) {
      peak.pssMiB = Math.max(peak.pssMiB ?? 0, sample.pssKiB / KIB_PER_MIB);
    }
  }
  return peaks;
}

/** The browser's processes: everything this Node process started (the preview server runs in-process). */
const browserProcesses = () => descendants(process.pid);

/**
 * One whole job on `run.clip` with injected detections (fast mode, plates off, as chosen in the UI), memory
 * sampled all along. Returns the peaks over the job and per stage, the app's fps and the output's frames.
 */
export async function memoryJob(url, run, output) {
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser.context, url);
    await page.locator('input[name=detail][value="fast"]').check();
    await page.getByTestId('cover-plates').setChecked(false);
    const face = fixedFace(run.clip.width, run.clip.height);
    await page.evaluate(
      ([frames, box]) => {
        const byFrame = {};
        for (let i = 0; i < frames; i++) byFrame[i] = [{ box, score: 0.9, class: 'face' }];
        return window.__garim.injectDetections(byFrame);
      },
      [run.clip.frames, face],
    );
    const idleMemory = sampleMemory(browserProcesses).stop();
    const samples = [];
    const memory = sampleMemory(browserProcesses, { onSample: (s) => samples.push(s) });
    let summary;
    let peak;
    try {
      summary = await redactInPage(page, run.clip.path, output, run.timeoutMs);
    } finally {
      peak = memory.stop();
    }
    const probes = await page.evaluate(() => ({
      ...window.__bench,
      timeOrigin: performance.timeOrigin,
    }));
    const epoch = (t) => probes.timeOrigin + t;
    const changes = probes.stages.map((s) => ({ stage: s.stage, at: epoch(s.t) }));
    const done = probes.states.find((s) => s.state === 'done');
    const out = probe(output);
    rmSync(output, { force: true });
    return {
      mode: 'fast',
      plates: false,
      engine: summary.info.engine,
      injectedFace: face,
      analyseFps: summary.analyseFps,
      exportFps: summary.exportFps,
      ...timeline(probes),
      memory: peak,
      idleMemory,
      stagePeaks: stagePeaks(samples, changes, done ? epoch(done.t) : Infinity),
      output: { frames: out.frames, audioCodec: out.audioCodec, bytes: out.bytes },
    };
  } finally {
    await browser.close();
  }
}
