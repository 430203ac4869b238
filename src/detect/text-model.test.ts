/**
 * The text (plate) detector: its input tensor, and the real PP-OCRv4 model run in Node (onnxruntime-web's
 * wasm backend) on the labelled plate photos of the shared dev set, scored as the app would cover them.
 *
 * The real-model tests need public/models/ppocr-v4-det.onnx (copied by `npm install`), and the recall test
 * also ../shared/fixtures (not part of the repository) and a system ffmpeg; each is skipped, with the
 * reason, when what it needs is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as OrtModule from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { clipBox, padBox, type Rect } from '../regions/geometry.ts';
import { DEFAULT_REDACTION, type Detection } from '../regions/types.ts';
import { letterbox, type Letterbox } from './preprocess.ts';
import {
  DEFAULT_TEXT_MODEL,
  decodeTextOutput,
  fillTextTensor,
  TEXT_MODELS,
  textInputShape,
} from './text-models.ts';

// Loaded through Node's own resolver (see real-models.test.ts): vite.config.ts aliases 'onnxruntime-web'
// to the browser build.
type Ort = typeof OrtModule;
const require = createRequire(import.meta.url);

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${root}../shared/fixtures/`;
const MANIFEST = `${FIXTURES}manifest.json`;
const spec = TEXT_MODELS[DEFAULT_TEXT_MODEL];
const MODEL = `${root}public/${spec.file}`;

/**
 * Plates at least 80% inside the union of the padded boxes, of 15. Measured: 15 at the shipped settings
 * (640, BGR, unclip 2.0); the closest call is ≈0.85 covered. 13 leaves room for ORT version drift.
 */
const MIN_PLATES_COVERED = 13;

type ManifestItem = {
  file: string;
  width: number;
  height: number;
  plates?: [number, number, number, number][];
};

describe('text model input', () => {
  it('runs on the drawn part of the canvas, rounded up to 32 px', () => {
    expect(textInputShape(letterbox(1280, 720, 640), spec)).toEqual({ width: 640, height: 384 });
    expect(textInputShape(letterbox(720, 1280, 640), spec)).toEqual({ width: 384, height: 640 });
    expect(textInputShape(letterbox(640, 640, 640), spec)).toEqual({ width: 640, height: 640 });
    expect(textInputShape(letterbox(4000, 10, 640), spec)).toEqual({ width: 640, height: 32 });
  });

  it('fills NCHW planes in the model channel order with (v/255 − mean)/std', () => {
    // A 2×1 crop of a 3-pixel-wide RGBA image.
    const rgba = new Uint8ClampedArray([255, 0, 51, 255, 0, 255, 102, 255, 9, 9, 9, 255]);
    const out = new Float32Array(6);
    const norm = { mean: [0.5, 0.25, 0] as const, std: [0.5, 0.25, 1] as const };
    fillTextTensor(rgba, 3, { width: 2, height: 1 }, { channelOrder: 'rgb', ...norm }, out);
    expect([...out].map((v) => +v.toFixed(4))).toEqual([1, -1, -1, 3, 0.2, 0.4]);
    fillTextTensor(rgba, 3, { width: 2, height: 1 }, { channelOrder: 'bgr', ...norm }, out);
    expect([...out].map((v) => +v.toFixed(4))).toEqual([-0.6, -0.2, -1, 3, 1, 0]);
  });
});

function missingFor(needsFixtures: boolean): string | null {
  if (!existsSync(MODEL)) return `${MODEL} missing: run npm install (scripts/copy-assets.mjs)`;
  if (!needsFixtures) return null;
  if (!existsSync(MANIFEST)) {
    return `${MANIFEST} missing: the shared dev set is not on this machine`;
  }
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'ffmpeg not found on PATH';
  }
  return null;
}

/** The image letterboxed into size×size RGBA exactly as the app does: scaled to fit, top-left, black pad. */
function letterboxedRgba(path: string, size: number, lb: Letterbox): Uint8ClampedArray {
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-frames:v', '1'],
      ...['-vf', `scale=${lb.drawWidth}:${lb.drawHeight},pad=${size}:${size}:0:0:black`],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  expect(raw.length).toBe(size * size * 4);
  return new Uint8ClampedArray(raw.buffer, raw.byteOffset, raw.length);
}

/** Fraction of `target` inside the union of `boxes`, sampled at pixel centres. */
function coveredFraction(target: Rect, boxes: readonly Rect[]): number {
  let inside = 0;
  let total = 0;
  for (let y = target.y + 0.5; y < target.y + target.h; y++) {
    for (let x = target.x + 0.5; x < target.x + target.w; x++) {
      total++;
      if (boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h)) inside++;
    }
  }
  return total > 0 ? inside / total : 0;
}

describe('real text model (PP-OCRv4 det)', () => {
  let session: OrtModule.InferenceSession | undefined;
  let ort: Ort | undefined;

  async function detect(
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
  ): Promise<Detection[]> {
    ort ??= require('onnxruntime-web') as Ort;
    ort.env.logLevel = 'error';
    session ??= await ort.InferenceSession.create(new Uint8Array(readFileSync(MODEL)), {
      logSeverityLevel: 3,
    });
    const lb = letterbox(width, height, spec.inputSize);
    const shape = textInputShape(lb, spec);
    const input = new Float32Array(3 * shape.width * shape.height);
    fillTextTensor(rgba, spec.inputSize, shape, spec, input);
    const tensor = new ort.Tensor('float32', input, [1, 3, shape.height, shape.width]);
    const results = await session.run({ [spec.inputName]: tensor });
    const map = results[spec.outputName];
    expect(map?.dims).toEqual([1, 1, shape.height, shape.width]);
    return decodeTextOutput(map!.data as Float32Array, shape, lb, width, height, spec.decode);
  }

  afterAll(async () => {
    await session?.release();
  });

  it('covers the labelled plates of the dev set', { timeout: 120_000 }, async (ctx) => {
    const missing = missingFor(true);
    if (missing) return ctx.skip(missing);
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { items: ManifestItem[] };
    const items = manifest.items.filter((i) => i.file.includes('alpr_') && i.plates?.length);
    expect(items.length).toBeGreaterThanOrEqual(15);

    let plates = 0;
    let covered = 0;
    const misses: string[] = [];
    for (const item of items) {
      const lb = letterbox(item.width, item.height, spec.inputSize);
      const rgba = letterboxedRgba(`${FIXTURES}${item.file}`, spec.inputSize, lb);
      const found = await detect(rgba, item.width, item.height);
      const regions = found.map((d) =>
        clipBox(padBox(d.box, DEFAULT_REDACTION.padding), item.width, item.height),
      );
      for (const [x, y, w, h] of item.plates!) {
        plates++;
        const fraction = coveredFraction({ x, y, w, h }, regions);
        if (fraction >= 0.8) covered++;
        else misses.push(`${item.file}: ${(fraction * 100).toFixed(0)}%`);
      }
      for (const d of found) {
        expect(d.class).toBe('plate');
        expect(d.box.x).toBeGreaterThanOrEqual(0);
        expect(d.box.y).toBeGreaterThanOrEqual(0);
        expect(d.box.x + d.box.w).toBeLessThanOrEqual(item.width);
        expect(d.box.y + d.box.h).toBeLessThanOrEqual(item.height);
      }
    }
    expect(plates).toBe(items.length);
    expect(
      covered,
      `plates covered ${covered}/${plates}; missed ${misses.join(', ')}`,
    ).toBeGreaterThanOrEqual(MIN_PLATES_COVERED);
  });

  it('finds no text on a plain gradient', { timeout: 60_000 }, async (ctx) => {
    const missing = missingFor(false);
    if (missing) return ctx.skip(missing);
    // A 1280×720 frame letterboxed to 640×360: a smooth diagonal colour gradient, black below.
    const size = spec.inputSize;
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = (y * size + x) * 4;
        if (y < 360) {
          rgba[i] = 40 + (x * 180) / size;
          rgba[i + 1] = 60 + (y * 150) / 360;
          rgba[i + 2] = 200 - ((x + y) * 120) / (size + 360);
        }
        rgba[i + 3] = 255;
      }
    }
    expect(await detect(rgba, 1280, 720)).toEqual([]);
  });
});
