/**
 * The acceptance test: a 4 s 720p clip of real faces with a sound track goes in through the UI; the
 * downloaded MP4 must keep every frame, its timing and its audio, cover every detected face with a mosaic,
 * leave the rest of the picture alone, and the page must never talk to another origin.
 */
import { writeFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import type { Box, Redaction, ResultSummary } from './helpers/garim.ts';
import {
  assertDecodes,
  audioDurationSec,
  detailCorrelation,
  edgeEnergy,
  energyOffLines,
  grayFrames,
  innerPixels,
  padBox,
  patchesAwayFrom,
  probe,
  psnr,
  reencodeUnredacted,
  videoFrameTimes,
  type GrayFrame,
} from './helpers/media.ts';
import { APP_ORIGIN, ImportPage } from './pages/import-page.ts';

/**
 * A face counts as pixelated when its fine detail is gone: the correlation of input and output high-pass
 * images in the (unpadded) box stays under this. Measured: -0.06…0.05 on the app's output, 0.18…0.99
 * (median 0.92) on the unredacted control.
 */
const MAX_DETAIL_CORRELATION = 0.25;
/** The control's median correlation must reach this, or the measure could not tell. */
const MIN_CONTROL_CORRELATION = 0.5;
/**
 * High-frequency energy (mean |difference| of adjacent pixels). The faces here are smooth skin (energy
 * ≈ 3–4.5 of 255), so a mosaic's own cell edges, smeared by the codec, are much of what is left: per box the
 * energy fell by 1.9–4.4× (control: 1.0–1.9×); leaving the cell edges out, by 4.3–65× (median ≈ 16×).
 */
const MIN_BOX_ENERGY_DROP = 1.2;
const MIN_CELL_ENERGY_DROP = 4;
/** Boxes smaller than this on either side are too small to judge texture on. */
const MIN_BOX_SIDE = 24;
const SAMPLE_EVERY = 10;
const MIN_BACKGROUND_PSNR_DB = 30;
/** Share of high-frequency energy the most detailed background patch must keep (measured ≥ 0.77). */
const MIN_BACKGROUND_DETAIL_KEPT = 0.5;
/** A timestamp "matches" within this many seconds (well under a tick of either time base's rounding). */
const PTS_TOLERANCE_S = 1e-4;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let context: BrowserContext;
let page: Page;
let app: ImportPage;
let input: string;
let output: string;
let result: ResultSummary;
let redaction: Redaction;
let suggestedName: string;
const requests: string[] = [];

test.beforeAll(async ({ browser }, testInfo) => {
  input = makeFacesClip();
  output = testInfo.outputPath('faces-720p-4s.garim.mp4');
  context = await browser.newContext({ acceptDownloads: true });
  // Context-wide: also sees what the workers fetch (models, ORT and ffmpeg wasm).
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  app = new ImportPage(page);
  await app.goto();
  await app.process(input);
  suggestedName = (await app.download(output)).suggestedFilename();
  result = await app.lastResult();
  redaction = await app.redaction();
  writeFileSync(
    testInfo.outputPath('result.json'),
    JSON.stringify({ ...result, redaction }, null, 1),
  );
  console.log(
    `export: analyse ${result.analyseFps.toFixed(1)} fps, export ${result.exportFps.toFixed(1)} fps, ` +
      `${result.framesWithFaces}/${result.frames.length} frames with faces, engine ${result.info.engine}`,
  );
});

test.afterAll(async () => {
  await context?.close();
});

test('the page is cross-origin isolated and shows its detection backend', async () => {
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(app.backend).toHaveAttribute('data-backend', /^(wasm|webgpu)$/);
  await expect(app.backend).toContainText(/WASM|WEBGPU/);
});

test('the download is an MP4 named after the input that decodes cleanly', () => {
  expect(suggestedName).toBe('faces-720p-4s.garim.mp4');
  const info = probe(output);
  expect(info.formatName).toContain('mp4');
  expect(info.video?.codec_name).toBe('h264');
  expect([info.video?.width, info.video?.height]).toEqual([1280, 720]);
  assertDecodes(output);
});

test('every input frame is in the output with the same presentation timestamp', () => {
  const before = videoFrameTimes(input);
  const after = videoFrameTimes(output);
  expect(before).toHaveLength(120);
  expect(after).toHaveLength(before.length);
  const worst = Math.max(...before.map((t, i) => Math.abs(t - after[i]!)));
  console.log(`export: max |Δpts| = ${(worst * 1e6).toFixed(1)} µs over ${before.length} frames`);
  for (let i = 0; i < before.length; i++) {
    expect(after[i], `pts of frame ${i}`).toBeCloseTo(before[i]!, 4);
  }
  expect(worst).toBeLessThanOrEqual(PTS_TOLERANCE_S);
  // The app analysed exactly these frames, at these times.
  expect(result.info.frameCount).toBe(before.length);
  expect(result.frames.map((f) => f.frameIndex)).toEqual(before.map((_, i) => i));
  result.frames.forEach((f, i) => expect(f.timestampUs / 1e6).toBeCloseTo(before[i]!, 4));
});

test('the audio track is kept, with the input duration', () => {
  const inAudio = probe(input).audio;
  const outAudio = probe(output).audio;
  expect(outAudio, 'output audio stream').toBeDefined();
  expect(outAudio?.codec_name).toBe(inAudio?.codec_name);
  const before = audioDurationSec(input);
  const after = audioDurationSec(output);
  console.log(`export: audio ${before.toFixed(3)} s in, ${after.toFixed(3)} s out`);
  expect(Math.abs(after - before)).toBeLessThanOrEqual(0.05);
});

test('faces are found on at least 80% of the frames', () => {
  const withFaces = result.frames.filter((f) =>
    f.detections.some((d) => d.class === 'face' && !d.weak),
  );
  expect(result.framesWithFaces).toBe(withFaces.length);
  expect(withFaces.length / result.frames.length).toBeGreaterThanOrEqual(0.8);
});

test('weak face hits score below every sure one', () => {
  const faces = result.frames.flatMap((f) => f.detections.filter((d) => d.class === 'face'));
  const weak = faces.filter((d) => d.weak).map((d) => d.score);
  const sure = faces.filter((d) => !d.weak).map((d) => d.score);
  expect(sure.length).toBeGreaterThan(0);
  expect(Math.max(...weak, 0)).toBeLessThan(Math.min(...sure));
});

test('export covers every detected face (the covered boxes hold each detection)', () => {
  expect(result.covered).toHaveLength(result.frames.length);
  const inside = (d: Box, c: Box): boolean =>
    c.x <= d.x + 1e-6 &&
    c.y <= d.y + 1e-6 &&
    c.x + c.w >= d.x + d.w - 1e-6 &&
    c.y + c.h >= d.y + d.h - 1e-6;
  for (const frame of result.frames) {
    const covered = result.covered[frame.frameIndex]!;
    expect(covered.timestampUs).toBe(frame.timestampUs);
    // Weak hits (below the detector's threshold) only extend tracks; they need not be covered.
    for (const detection of frame.detections.filter((d) => !d.weak)) {
      expect(
        covered.boxes.some((c) => inside(detection.box, c)),
        `frame ${frame.frameIndex}: ${detection.class} ${JSON.stringify(detection.box)} is covered`,
      ).toBe(true);
    }
  }
});

/** Sampled frames of input and output, decoded once for the two picture tests below. */
function sampledFrames(): { inFrames: GrayFrame[]; outFrames: GrayFrame[] } {
  const indices = result.frames.map((f) => f.frameIndex).filter((i) => i % SAMPLE_EVERY === 0);
  return { inFrames: grayFrames(input, indices), outFrames: grayFrames(output, indices) };
}

test('every detected face is pixelated in the output', () => {
  const { inFrames, outFrames } = sampledFrames();
  // The control: the same input re-encoded at the output's bitrate without redaction.
  const bitrate = Number(probe(output).video?.bit_rate ?? 1_000_000);
  const control = reencodeUnredacted(input, test.info().outputPath('control.mp4'), bitrate);
  const controlFrames = grayFrames(
    control,
    inFrames.map((f) => f.index),
  );
  const seen = {
    correlation: [] as number[],
    control: [] as number[],
    cells: [] as number[],
    box: [] as number[],
  };
  for (const [i, before] of inFrames.entries()) {
    const after = outFrames[i]!;
    const faces = result.frames[before.index]!.detections.filter(
      (d) => d.class === 'face' && !d.weak,
    );
    for (const [k, detection] of faces.entries()) {
      const box = innerPixels(detection.box, before.width, before.height);
      if (box.w < MIN_BOX_SIDE || box.h < MIN_BOX_SIDE) continue;
      const where = `frame ${before.index} face ${k} at ${JSON.stringify(box)}`;
      // None of the face's fine detail is left...
      const correlation = detailCorrelation(before, after, box);
      seen.correlation.push(correlation);
      seen.control.push(detailCorrelation(before, controlFrames[i]!, box));
      expect(correlation, `${where}: detail correlation`).toBeLessThanOrEqual(
        MAX_DETAIL_CORRELATION,
      );
      // ...and the box holds less high-frequency energy than before, even with the cells' own edges.
      const energyIn = edgeEnergy(before, box);
      const energyOut = edgeEnergy(after, box);
      seen.box.push(energyIn / Math.max(energyOut, 1e-9));
      expect(
        energyOut,
        `${where}: energy ${energyIn.toFixed(2)} → ${energyOut.toFixed(2)}`,
      ).toBeLessThan(energyIn / MIN_BOX_ENERGY_DROP);
      const cells = energyOffLines(before, after, box);
      seen.cells.push(cells.before / Math.max(cells.after, 1e-9));
    }
  }
  const range = (values: number[], digits = 1): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): string => sorted[Math.floor(q * (sorted.length - 1))]!.toFixed(digits);
    return `min ${at(0)}, median ${at(0.5)}, max ${at(1)}`;
  };
  console.log(
    `export: ${seen.correlation.length} face boxes; detail correlation ${range(seen.correlation, 3)} ` +
      `(unredacted control at ${(bitrate / 1000).toFixed(0)} kb/s: ${range(seen.control, 2)}); ` +
      `energy drop inside cells ${range(seen.cells)}×, whole box ${range(seen.box)}×`,
  );
  expect(seen.correlation.length).toBeGreaterThanOrEqual(inFrames.length);
  // Typically the energy inside the cells falls by an order of magnitude.
  expect(median(seen.cells)).toBeGreaterThanOrEqual(MIN_CELL_ENERGY_DROP);
  // The measure does tell faces left alone apart: on the control most of their detail is still there.
  expect(median(seen.control)).toBeGreaterThanOrEqual(MIN_CONTROL_CORRELATION);
});

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

test('the background away from faces is left intact (PSNR ≥ 30 dB, detail kept)', () => {
  const { inFrames, outFrames } = sampledFrames();
  const notes: string[] = [];
  for (const [i, before] of inFrames.entries()) {
    const after = outFrames[i]!;
    // What export covers there: tracks (bridged across misses, extended a few frames past the first and
    // last detection), so a face seen on a neighbouring frame may be covered here too.
    const padded = result.covered[before.index]!.boxes.map((b) => padBox(b, redaction.padding));
    const candidates = patchesAwayFrom(padded, before.width, before.height, 128, 8);
    expect(
      candidates.length,
      `room for a 128×128 background patch on frame ${before.index}`,
    ).toBeGreaterThan(0);
    const ranked = candidates
      .map((rect) => ({ rect, energy: edgeEnergy(before, rect) }))
      .sort((a, b) => a.energy - b.energy);
    // Typical background (the candidate of median detail) must match the input closely...
    const typical = ranked[ranked.length >> 1]!;
    const db = psnr(before, after, typical.rect);
    expect(
      db,
      `frame ${before.index} patch ${JSON.stringify(typical.rect)}`,
    ).toBeGreaterThanOrEqual(MIN_BACKGROUND_PSNR_DB);
    // ...and the most detailed background must keep most of its detail: no mosaic or blur leaked there.
    // (Its PSNR is lower, ≈ 30–35 dB, from the H.264 re-encode of hair and such.)
    const detailed = ranked[ranked.length - 1]!;
    const kept = edgeEnergy(after, detailed.rect) / detailed.energy;
    expect(
      kept,
      `detail kept on frame ${before.index} in ${JSON.stringify(detailed.rect)}`,
    ).toBeGreaterThanOrEqual(MIN_BACKGROUND_DETAIL_KEPT);
    notes.push(`${before.index}: ${db.toFixed(1)} dB, kept ${kept.toFixed(2)}`);
  }
  console.log(`export: background ${notes.join('; ')}`);
});

test('the page only ever requested its own origin (or blob:/data:)', () => {
  const foreign = requests.filter(
    (url) =>
      !(url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('blob:') || url.startsWith('data:')),
  );
  console.log(
    `export: ${requests.length} requests, e.g. ${requests.filter((u) => /\.(onnx|wasm)/.test(u)).join(', ')}`,
  );
  expect(foreign).toEqual([]);
  // The recorder did see the heavy fetches (a model and a wasm binary), so an empty list means something.
  expect(requests.some((url) => url.endsWith('.onnx'))).toBe(true);
  expect(requests.some((url) => url.includes('.wasm'))).toBe(true);
});
