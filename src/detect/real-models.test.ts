/**
 * Runs the shipped ONNX detectors in Node (onnxruntime-web's wasm backend) on a real photo and checks that
 * our preprocessing and decoders find the faces where they are. This is what validates the anchor layouts,
 * channel orders and regressor orders in postprocess.ts against the actual models.
 *
 * Needs public/models/*.onnx (copied by `npm install`) and a system ffmpeg/ffprobe to decode the JPEG;
 * each test is skipped, with the reason, when one of them is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as OrtModule from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { area, clipBox, intersectionArea, type VideoBox } from '../regions/geometry.ts';
import { fuseViews, type FusableHit } from './fusion.ts';
import { fillViewTensor } from './view-tensor.ts';
import { viewSize, viewsFor, viewToFrame } from './views.ts';
import { faceBoxFromLandmarks } from './yunet.ts';
import { MODELS, type ModelId } from './models.ts';
import { nms, type OutputTensors } from './postprocess.ts';
import { fillTensor, letterbox, modelToVideo } from './preprocess.ts';

// Loaded through Node's own resolver: Vite's transform of onnxruntime-web's ESM bundle breaks its
// dynamic `require('node:os')`, while the package's CommonJS "node" build works as is.
type Ort = typeof OrtModule;
const require = createRequire(import.meta.url);

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMAGE = `${root}node_modules/@vladmandic/face-api/demo/sample1.jpg`;
/**
 * The three faces of sample1.jpg (1920×1280): centres and rough sizes in image pixels, measured by eye and
 * rounded. Both models currently find all three (BlazeFace ≈0.94/0.85/0.84, RetinaFace ≈1.0/1.0/0.9).
 */
const FACES = [
  { cx: 510, cy: 485, size: 220 },
  { cx: 935, cy: 550, size: 210 },
  { cx: 1570, cy: 330, size: 220 },
];

function missingTool(): string | null {
  for (const tool of ['ffmpeg', 'ffprobe']) {
    try {
      execFileSync(tool, ['-version'], { stdio: 'ignore' });
    } catch {
      return `${tool} not found on PATH`;
    }
  }
  return existsSync(IMAGE) ? null : `${IMAGE} missing (devDependency @vladmandic/face-api)`;
}

function imageSize(path: string): { width: number; height: number } {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=width,height', '-of', 'csv=p=0', path],
  ]).toString();
  const [width, height] = out.trim().split(',').map(Number);
  return { width: width!, height: height! };
}

/** The image letterboxed into size×size RGBA exactly as the app does: scaled to fit, top-left, black pad. */
function letterboxedRgba(
  path: string,
  size: number,
  drawWidth: number,
  drawHeight: number,
): Uint8ClampedArray {
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-frames:v', '1'],
      ...['-vf', `scale=${drawWidth}:${drawHeight},pad=${size}:${size}:0:0:black`],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  expect(raw.length).toBe(size * size * 4);
  return new Uint8ClampedArray(raw.buffer, raw.byteOffset, raw.length);
}

async function detectFaces(id: ModelId) {
  const spec = MODELS[id];
  if (spec.kind !== 'square') throw new Error(`${id} is not a square-input model`);
  const ort = require('onnxruntime-web') as Ort;
  ort.env.logLevel = 'error';
  const { width, height } = imageSize(IMAGE);
  const lb = letterbox(width, height, spec.inputSize);
  const rgba = letterboxedRgba(IMAGE, spec.inputSize, lb.drawWidth, lb.drawHeight);
  const input = new Float32Array(3 * spec.inputSize * spec.inputSize);
  fillTensor(rgba, spec.inputSize, spec.layout, spec.pixelRange, input);
  const s = spec.inputSize;
  const dims = spec.layout === 'nhwc' ? [1, s, s, 3] : [1, 3, s, s];
  const session = await ort.InferenceSession.create(
    new Uint8Array(readFileSync(`${root}public/${spec.file}`)),
    {
      logSeverityLevel: 3,
    },
  );
  try {
    const results = await session.run({ [spec.inputName]: new ort.Tensor('float32', input, dims) });
    const outputs: OutputTensors = {};
    for (const [name, value] of Object.entries(results)) outputs[name] = value.data as Float32Array;
    const raw = spec.decode(outputs, s, spec.scoreThreshold);
    const kept = nms(raw, spec.nmsIou);
    return {
      width,
      height,
      raw,
      faces: kept.map(({ box, score }) => ({ box: modelToVideo(box, lb), score })),
    };
  } finally {
    await session.release();
  }
}

describe.each(['blazeface-back-256', 'retinaface-mnet025-640'] as const)('real model %s', (id) => {
  it('finds the faces of sample1.jpg where they are', { timeout: 60_000 }, async (ctx) => {
    const modelPath = `${root}public/${MODELS[id].file}`;
    if (!existsSync(modelPath)) {
      return ctx.skip(`${modelPath} missing: run npm install (scripts/copy-assets.mjs)`);
    }
    const missing = missingTool();
    if (missing) return ctx.skip(missing);

    const { width, height, raw, faces } = await detectFaces(id);
    const confident = faces.filter((f) => f.score >= 0.5);
    expect(confident.length).toBeGreaterThanOrEqual(2);
    // NMS merged the many raw anchor hits into few faces.
    expect(raw.length).toBeGreaterThan(faces.length);
    for (const { box } of confident) {
      // Boxes lie (essentially) inside the image and are face-sized, not slivers or the whole frame.
      expect(area(clipBox(box, width, height)) / area(box)).toBeGreaterThan(0.9);
      expect(box.w).toBeGreaterThan(50);
      expect(box.w).toBeLessThan(width / 3);
      expect(box.h / box.w).toBeGreaterThan(0.6);
      expect(box.h / box.w).toBeLessThan(1.7);
    }
    // Each confident detection sits on one of the known faces (centre within a third of the face size,
    // overlapping it), and at least two distinct faces are found.
    const hit = (face: (typeof FACES)[number], box: (typeof confident)[number]['box']) => {
      const dx = box.x + box.w / 2 - face.cx;
      const dy = box.y + box.h / 2 - face.cy;
      const known = {
        x: face.cx - face.size / 2,
        y: face.cy - face.size / 2,
        w: face.size,
        h: face.size,
      };
      return Math.hypot(dx, dy) < face.size / 3 && intersectionArea(box, known) / area(box) > 0.5;
    };
    for (const { box } of confident) expect(FACES.some((face) => hit(face, box))).toBe(true);
    const facesFound = FACES.filter((face) => confident.some(({ box }) => hit(face, box)));
    expect(facesFound.length).toBeGreaterThanOrEqual(2);
  });
});

/** The image scaled to `width`×`height` RGBA, as the app draws a view of a frame. */
function scaledRgba(path: string, width: number, height: number): Uint8ClampedArray {
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-frames:v', '1', '-vf', `scale=${width}:${height}`],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return new Uint8ClampedArray(raw.buffer, raw.byteOffset, raw.length);
}

describe('real model yunet-n (whole-frame views)', () => {
  it(
    'finds the three faces of sample1.jpg in several views, plain and mirrored, with boxes from forehead to chin',
    { timeout: 60_000 },
    async (ctx) => {
      const spec = MODELS['yunet-n'];
      const modelPath = `${root}public/${spec.file}`;
      if (!existsSync(modelPath)) {
        return ctx.skip(`${modelPath} missing: run npm install (scripts/copy-assets.mjs)`);
      }
      const missing = missingTool();
      if (missing) return ctx.skip(missing);
      const ort = require('onnxruntime-web') as Ort;
      const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(modelPath)), {
        logSeverityLevel: 3,
      });
      try {
        const { width, height } = imageSize(IMAGE);
        const hits: FusableHit<VideoBox>[] = [];
        for (const view of viewsFor('thorough', width, height).filter((v) => v.scale <= 1)) {
          const size = viewSize(view, width, height);
          const input = new Float32Array(3 * size.inputWidth * size.inputHeight);
          fillViewTensor(
            scaledRgba(IMAGE, size.drawWidth, size.drawHeight),
            size,
            view.flip,
            input,
          );
          const dims = [1, 3, size.inputHeight, size.inputWidth];
          const results = await session.run({ input: new ort.Tensor('float32', input, dims) });
          const outputs: OutputTensors = {};
          for (const [name, value] of Object.entries(results)) {
            outputs[name] = value.data as Float32Array;
          }
          const found = spec.decode(outputs, size.inputWidth, size.inputHeight, 0.3);
          const name = `${view.scale}${view.flip ? 'm' : ''}`;
          hits.push(...found.map((h) => ({ ...viewToFrame(h, view, width), view: name })));
        }
        const { sure } = fuseViews(hits, { iou: spec.nmsIou, sure: spec.scoreThreshold, weak: 1 });
        // The three faces, and at most one more box: a 0.64 hit on clutter in the ¼ view alone.
        expect(sure.length).toBeGreaterThanOrEqual(3);
        expect(sure.length).toBeLessThanOrEqual(4);
        for (const face of FACES) {
          const match = sure.find(
            (s) =>
              Math.hypot(s.box.x + s.box.w / 2 - face.cx, s.box.y + s.box.h / 2 - face.cy) <
              face.size / 3,
          );
          expect(match, `face at ${face.cx},${face.cy}`).toBeDefined();
          // Seen in the plain and the mirrored view alike: the mirroring maps back onto the same face.
          expect(match!.views).toBeGreaterThanOrEqual(2);
          const box = faceBoxFromLandmarks(match!.box, match!.landmarks);
          expect(box.y + box.h).toBeGreaterThanOrEqual(match!.box.y + match!.box.h);
          // Eyes, nose and mouth lie inside the box, and the chin below the mouth too.
          const ys = match!.landmarks.filter((_, i) => i % 2 === 1);
          expect(Math.min(...ys)).toBeGreaterThan(box.y);
          expect(box.y + box.h - Math.max(...ys)).toBeGreaterThan(0.1 * box.h);
          expect(box.w / face.size).toBeGreaterThan(0.6);
          expect(box.w / face.size).toBeLessThan(1.4);
        }
      } finally {
        await session.release();
      }
    },
  );
});
