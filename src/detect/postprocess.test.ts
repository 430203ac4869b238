import { describe, expect, it } from 'vitest';
import { modelBox } from '../regions/geometry.ts';
import { MODELS } from './models.ts';
import {
  decodeBlazeFace,
  decodeRetinaFace,
  mergeOverlapping,
  nms,
  splitSureAndWeak,
  type OutputTensors,
} from './postprocess.ts';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

// The BlazeFace "back" 256 layout: 16×16 cells × 2 anchors = 512, 8×8 cells × 6 anchors = 384.
const BLAZE_LAYERS = [
  { scores: 'Identity:0', boxes: 'Identity_2:0', cells: 16, anchorsPerCell: 2 },
  { scores: 'Identity_1:0', boxes: 'Identity_3:0', cells: 8, anchorsPerCell: 6 },
] as const;

type BlazeHit = { anchor: number; logit: number; dx: number; dy: number; w: number; h: number };

function blazeOutputs(hits0: BlazeHit[], hits1: BlazeHit[]): OutputTensors {
  const make = (n: number, hits: BlazeHit[]): [Float32Array, Float32Array] => {
    const scores = new Float32Array(n).fill(-100);
    const boxes = new Float32Array(n * 16);
    // Noise in the regressors of non-hits must not matter.
    for (let i = 0; i < boxes.length; i++) boxes[i] = ((i * 7919) % 13) - 6;
    for (const h of hits) {
      scores[h.anchor] = h.logit;
      boxes.set([h.dx, h.dy, h.w, h.h], h.anchor * 16);
    }
    return [scores, boxes];
  };
  const [s0, b0] = make(512, hits0);
  const [s1, b1] = make(384, hits1);
  return { 'Identity:0': s0, 'Identity_1:0': s1, 'Identity_2:0': b0, 'Identity_3:0': b1 };
}

/** Expected box from the anchor layout, written independently of the decoder. */
function expectedBlaze(hit: BlazeHit, cells: number, perCell: number, inputSize = 256) {
  const cell = Math.floor(hit.anchor / perCell);
  const step = inputSize / cells;
  const cx = ((cell % cells) + 0.5) * step + hit.dx;
  const cy = (Math.floor(cell / cells) + 0.5) * step + hit.dy;
  return { x: cx - hit.w / 2, y: cy - hit.h / 2, w: hit.w, h: hit.h };
}

describe('decodeBlazeFace', () => {
  // Layer 0: anchor 2·(3·16 + 5) + 1 = 107 → cell 53 → col 5, row 3, step 16.
  const hit0: BlazeHit = { anchor: 107, logit: 2, dx: 3, dy: -4, w: 30, h: 36 };
  // Layer 1: anchor 6·(6·8 + 2) + 4 = 304 → cell 50 → col 2, row 6, step 32.
  const hit1: BlazeHit = { anchor: 304, logit: 0.5, dx: -7, dy: 5, w: 80, h: 90 };

  it('decodes one anchor per layer to centre + offset, size, and sigmoid score', () => {
    const found = decodeBlazeFace(blazeOutputs([hit0], [hit1]), BLAZE_LAYERS, 256, 0.5);
    expect(found).toHaveLength(2);
    const [a, b] = found;
    // Hand-computed: centre (5.5·16 + 3, 3.5·16 − 4) = (91, 52)
    expect(a!.box.x + a!.box.w / 2).toBeCloseTo(91, 4);
    expect(a!.box.y + a!.box.h / 2).toBeCloseTo(52, 4);
    expect(a!.box).toMatchObject({ w: 30, h: 36 });
    expect(a!.box.x).toBeCloseTo(expectedBlaze(hit0, 16, 2).x, 4);
    expect(a!.box.y).toBeCloseTo(expectedBlaze(hit0, 16, 2).y, 4);
    expect(a!.score).toBeCloseTo(sigmoid(2), 6);
    // Hand-computed: centre (2.5·32 − 7, 6.5·32 + 5) = (73, 213)
    expect(b!.box.x + b!.box.w / 2).toBeCloseTo(73, 4);
    expect(b!.box.y + b!.box.h / 2).toBeCloseTo(213, 4);
    expect(b!.box).toMatchObject({ w: 80, h: 90 });
    expect(b!.score).toBeCloseTo(sigmoid(0.5), 6);
  });

  it('uses the given input size for the anchor grid', () => {
    const found = decodeBlazeFace(blazeOutputs([hit0], []), BLAZE_LAYERS, 128, 0.5);
    const e = expectedBlaze(hit0, 16, 2, 128);
    expect(found).toHaveLength(1);
    expect(found[0]!.box.x).toBeCloseTo(e.x, 4);
    expect(found[0]!.box.y).toBeCloseTo(e.y, 4);
  });

  it('drops anchors below the threshold', () => {
    const outputs = blazeOutputs([hit0], [hit1]); // scores sigmoid(2) ≈ 0.88, sigmoid(0.5) ≈ 0.62
    expect(decodeBlazeFace(outputs, BLAZE_LAYERS, 256, 0.7)).toHaveLength(1);
    expect(decodeBlazeFace(outputs, BLAZE_LAYERS, 256, 0.7)[0]!.score).toBeCloseTo(sigmoid(2), 6);
    expect(decodeBlazeFace(outputs, BLAZE_LAYERS, 256, 0.9)).toHaveLength(0);
    expect(decodeBlazeFace(outputs, BLAZE_LAYERS, 256, 0.1)).toHaveLength(2);
  });

  it('returns nothing when every logit is very negative', () => {
    expect(decodeBlazeFace(blazeOutputs([], []), BLAZE_LAYERS, 256, 0.5)).toEqual([]);
  });

  it('does not overflow on huge logits', () => {
    const found = decodeBlazeFace(
      blazeOutputs([{ ...hit0, logit: 1e6 }], [{ ...hit1, logit: -1e6 }]),
      BLAZE_LAYERS,
      256,
      0.5,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.score).toBeGreaterThan(0.999);
    expect(Number.isFinite(found[0]!.score)).toBe(true);
  });

  it('skips boxes with non-positive size', () => {
    const found = decodeBlazeFace(
      blazeOutputs([{ ...hit0, w: 0 }], [{ ...hit1, h: -3 }]),
      BLAZE_LAYERS,
      256,
      0.5,
    );
    expect(found).toEqual([]);
  });

  it('throws when an output is missing', () => {
    const outputs = blazeOutputs([hit0], [hit1]);
    delete outputs['Identity_3:0'];
    expect(() => decodeBlazeFace(outputs, BLAZE_LAYERS, 256, 0.5)).toThrow(/Identity_3:0/);
  });

  it('is what the registered BlazeFace model decodes with', () => {
    const spec = MODELS['blazeface-back-256'];
    const found = spec.decode(blazeOutputs([hit0], [hit1]), spec.inputSize, spec.scoreThreshold);
    expect(found.map((f) => f.box)).toEqual([
      expect.objectContaining(expectedBlaze(hit0, 16, 2)),
      expect.objectContaining(expectedBlaze(hit1, 8, 6)),
    ]);
  });
});

// RetinaFace mnet0.25 at 640: strides 32/16/8 → 20/40/80 cells, 2 anchors each; NCHW maps.
const RETINA_STRIDES = [
  { stride: 32, scales: [32, 16] },
  { stride: 16, scales: [8, 4] },
  { stride: 8, scales: [2, 1] },
] as const;

type RetinaHit = {
  stride: number;
  anchor: number;
  row: number;
  col: number;
  score: number;
  deltas: [number, number, number, number];
};

function retinaOutputs(hits: RetinaHit[], inputSize = 640): OutputTensors {
  const out: OutputTensors = {};
  for (const { stride } of RETINA_STRIDES) {
    const cells = Math.ceil(inputSize / stride);
    const plane = cells * cells;
    const scores = new Float32Array(4 * plane);
    // Background channels (0, 1) are high everywhere; face channels (2, 3) low.
    scores.fill(0.99, 0, 2 * plane);
    scores.fill(0.01, 2 * plane);
    const deltas = new Float32Array(8 * plane);
    for (let i = 0; i < deltas.length; i++) deltas[i] = (((i * 31) % 7) - 3) / 10;
    for (const h of hits.filter((h) => h.stride === stride)) {
      const i = h.row * cells + h.col;
      scores[(h.anchor + 2) * plane + i] = h.score;
      scores[h.anchor * plane + i] = 1 - h.score;
      h.deltas.forEach((d, k) => (deltas[(h.anchor * 4 + k) * plane + i] = d));
    }
    out[`face_rpn_cls_prob_reshape_stride${stride}`] = scores;
    out[`face_rpn_bbox_pred_stride${stride}`] = deltas;
  }
  return out;
}

describe('decodeRetinaFace', () => {
  it('decodes zero deltas to the square anchor of 16·scale centred on the cell', () => {
    const hits: RetinaHit[] = [
      { stride: 32, anchor: 0, row: 4, col: 7, score: 0.9, deltas: [0, 0, 0, 0] },
      { stride: 16, anchor: 1, row: 10, col: 3, score: 0.8, deltas: [0, 0, 0, 0] },
      { stride: 8, anchor: 0, row: 79, col: 0, score: 0.7, deltas: [0, 0, 0, 0] },
    ];
    const found = decodeRetinaFace(retinaOutputs(hits), RETINA_STRIDES, 640, 0.5);
    expect(found).toHaveLength(3);
    // stride 32, scale 32 → 512 px anchor centred at (8 + 7·32, 8 + 4·32) = (232, 136)
    expect(found[0]!.score).toBeCloseTo(0.9, 6);
    expect(found[0]!.box.w).toBeCloseTo(512, 4);
    expect(found[0]!.box.h).toBeCloseTo(512, 4);
    expect(found[0]!.box.x).toBeCloseTo(232 - 256, 4);
    expect(found[0]!.box.y).toBeCloseTo(136 - 256, 4);
    // stride 16, scale 4 → 64 px centred at (8 + 3·16, 8 + 10·16) = (56, 168)
    expect(found[1]!.score).toBeCloseTo(0.8, 6);
    expect(found[1]!.box.w).toBeCloseTo(64, 4);
    expect(found[1]!.box.x).toBeCloseTo(56 - 32, 4);
    expect(found[1]!.box.y).toBeCloseTo(168 - 32, 4);
    // stride 8, scale 2 → 32 px centred at (8, 8 + 79·8) = (8, 640)
    expect(found[2]!.box.w).toBeCloseTo(32, 4);
    expect(found[2]!.box.x).toBeCloseTo(8 - 16, 4);
    expect(found[2]!.box.y).toBeCloseTo(640 - 16, 4);
  });

  it('applies deltas relative to the anchor size (dx·a, dy·a, a·e^dw, a·e^dh)', () => {
    const hit: RetinaHit = {
      stride: 8,
      anchor: 1, // scale 1 → 16 px
      row: 20,
      col: 30,
      score: 0.95,
      deltas: [0.25, -0.5, Math.log(2), Math.log(1.5)],
    };
    const [box] = decodeRetinaFace(retinaOutputs([hit]), RETINA_STRIDES, 640, 0.5).map(
      (f) => f.box,
    );
    // centre (8 + 240 + 4, 8 + 160 − 8) = (252, 160); size (32, 24)
    expect(box!.w).toBeCloseTo(32, 4);
    expect(box!.h).toBeCloseTo(24, 4);
    expect(box!.x).toBeCloseTo(252 - 16, 4);
    expect(box!.y).toBeCloseTo(160 - 12, 4);
  });

  it('reads the face channels, not the background ones, and filters by threshold', () => {
    const hits: RetinaHit[] = [
      { stride: 16, anchor: 0, row: 1, col: 1, score: 0.6, deltas: [0, 0, 0, 0] },
      { stride: 8, anchor: 1, row: 2, col: 2, score: 0.3, deltas: [0, 0, 0, 0] },
    ];
    const outputs = retinaOutputs(hits);
    expect(decodeRetinaFace(outputs, RETINA_STRIDES, 640, 0.5).map((f) => f.score)).toEqual([
      expect.closeTo(0.6, 6),
    ]);
    expect(decodeRetinaFace(outputs, RETINA_STRIDES, 640, 0.25)).toHaveLength(2);
    expect(decodeRetinaFace(retinaOutputs([]), RETINA_STRIDES, 640, 0.5)).toEqual([]);
  });

  it('throws when a stride is missing', () => {
    const outputs = retinaOutputs([]);
    delete outputs.face_rpn_bbox_pred_stride16;
    expect(() => decodeRetinaFace(outputs, RETINA_STRIDES, 640, 0.5)).toThrow(/16/);
  });

  it('is what the registered RetinaFace model decodes with', () => {
    const spec = MODELS['retinaface-mnet025-640'];
    const hit: RetinaHit = {
      stride: 32,
      anchor: 1,
      row: 0,
      col: 19,
      score: 0.9,
      deltas: [0, 0, 0, 0],
    };
    const found = spec.decode(retinaOutputs([hit]), spec.inputSize, spec.scoreThreshold);
    expect(found).toHaveLength(1);
    // scale 16 → 256 px centred at (8 + 19·32, 8)
    expect(found[0]!.box.w).toBeCloseTo(256, 4);
    expect(found[0]!.box.x + 128).toBeCloseTo(616, 4);
  });
});

describe('nms', () => {
  const b = (x: number, y: number, w: number, h: number, score: number) => ({
    box: modelBox(x, y, w, h),
    score,
  });

  it('keeps the higher-scoring of two overlapping boxes', () => {
    const low = b(0, 0, 10, 10, 0.6);
    const high = b(1, 1, 10, 10, 0.9);
    expect(nms([low, high], 0.3)).toEqual([high]);
  });

  it('keeps both of two non-overlapping boxes, best first', () => {
    const first = b(0, 0, 10, 10, 0.6);
    const second = b(50, 50, 10, 10, 0.9);
    expect(nms([first, second], 0.3)).toEqual([second, first]);
  });

  it('keeps boxes whose overlap is at or below the threshold', () => {
    // iou = 25/175 ≈ 0.143
    const a = b(0, 0, 10, 10, 0.9);
    const c = b(5, 5, 10, 10, 0.8);
    expect(nms([a, c], 0.2)).toHaveLength(2);
    expect(nms([a, c], 0.1)).toEqual([a]);
  });

  it('suppresses only overlaps strictly above the threshold', () => {
    // iou = 8 / 16 = 0.5 exactly
    const a = b(0, 0, 4, 4, 0.9);
    const c = b(2, 0, 2, 4, 0.8);
    expect(nms([a, c], 0.5)).toEqual([a, c]);
    expect(nms([a, c], 0.49)).toEqual([a]);
  });

  it('sorts by score and suppresses only against kept boxes', () => {
    // A (0.9) suppresses B (0.8); C (0.7) overlaps B but not A, so it survives.
    const A = b(0, 0, 10, 10, 0.9);
    const B = b(2, 0, 10, 10, 0.8);
    const C = b(10, 0, 10, 10, 0.7);
    const D = b(100, 100, 5, 5, 0.95);
    expect(nms([C, B, A, D], 0.3)).toEqual([D, A, C]);
  });

  it('does not mutate its input and handles empty input', () => {
    const input = [b(0, 0, 10, 10, 0.1), b(0, 0, 10, 10, 0.9)];
    const copy = [...input];
    nms(input, 0.5);
    expect(input).toEqual(copy);
    expect(nms([], 0.5)).toEqual([]);
  });
});

describe('mergeOverlapping', () => {
  const box = (x: number, y: number, w: number, h: number, score: number) => ({
    box: modelBox(x, y, w, h),
    score,
  });

  it('keeps one box per overlapping group, grown to cover every box it suppressed', () => {
    // A face seen whole (0.9) and cut by a tile edge (0.6, shifted down): one region covering both.
    const merged = mergeOverlapping([box(10, 10, 20, 20, 0.6), box(10, 16, 20, 20, 0.9)], 0.3);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.score).toBe(0.9);
    expect(merged[0]!.box).toMatchObject({ x: 10, y: 10, w: 20, h: 26 });
  });

  it('keeps separate faces separate, like nms', () => {
    const boxes = [box(0, 0, 10, 10, 0.9), box(50, 50, 10, 10, 0.8), box(1, 1, 10, 10, 0.7)];
    const merged = mergeOverlapping(boxes, 0.3);
    expect(merged.map((m) => m.score)).toEqual(nms(boxes, 0.3).map((m) => m.score));
    expect(merged[0]!.box).toMatchObject({ x: 0, y: 0, w: 11, h: 11 });
    expect(merged[1]!.box).toMatchObject({ x: 50, y: 50, w: 10, h: 10 });
  });

  it('groups by overlap with the detected box, so a chain of boxes does not grow without end', () => {
    // Each box overlaps its neighbour (IoU 0.6) but the third does not overlap the first enough.
    const boxes = [box(0, 0, 10, 10, 0.9), box(2.5, 0, 10, 10, 0.8), box(5, 0, 10, 10, 0.7)];
    const merged = mergeOverlapping(boxes, 0.4);
    expect(merged).toHaveLength(2);
    expect(merged[0]!.box).toMatchObject({ x: 0, w: 12.5 });
  });
});

describe('splitSureAndWeak', () => {
  const hit = (x: number, score: number, sureAt = 0.45) => ({
    box: modelBox(x, 10, 20, 20),
    score,
    sureAt,
  });

  it('merges sure hits exactly as without weak ones; a weak hit never grows a sure box', () => {
    const sureOnly = [hit(10, 0.9), hit(14, 0.5)];
    const { sure, weak } = splitSureAndWeak([...sureOnly, hit(4, 0.3)], 0.25, 0.45, 0.3);
    expect(sure).toEqual(mergeOverlapping(sureOnly, 0.3).map(({ box, score }) => ({ box, score })));
    expect(sure[0]!.box).toMatchObject({ x: 10, w: 24 });
    expect(weak).toEqual([]); // it overlaps the sure box: nothing to add
  });

  it('returns a lone hit between the weak and the sure threshold as weak', () => {
    const { sure, weak } = splitSureAndWeak([hit(10, 0.9), hit(200, 0.3)], 0.25, 0.45, 0.3);
    expect(sure.map((s) => s.score)).toEqual([0.9]);
    expect(weak).toEqual([{ box: modelBox(200, 10, 20, 20), score: 0.3 }]);
  });

  it('drops hits under the weak threshold, and every weak hit when it is infinite (not asked for)', () => {
    const hits = [hit(10, 0.2), hit(100, 0.4)];
    expect(splitSureAndWeak(hits, 0.25, 0.45, 0.3).weak.map((w) => w.score)).toEqual([0.4]);
    expect(splitSureAndWeak(hits, Infinity, 0.45, 0.3)).toEqual({ sure: [], weak: [] });
  });

  it('an upscaled view (which needs a higher score) gives no weak hits', () => {
    const { sure, weak } = splitSureAndWeak(
      [hit(10, 0.5, 0.6), hit(100, 0.3, 0.6)],
      0.25,
      0.45,
      0.3,
    );
    expect(sure).toEqual([]);
    expect(weak).toEqual([]);
  });
});
