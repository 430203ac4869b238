/**
 * A visual tracker: template matching by normalised cross-correlation (NCC) on small grayscale images, for
 * a region a person drew (a plate, a tattoo, a document, a screen; media/follow-region.ts) and for faces
 * between analysis key frames (detect/face-follower.ts). The template is the region's first appearance
 * sampled on a fixed grid (at most `templateSide` samples a side); on each next frame every candidate box
 * around the last one — shifted within a search radius, at a few scales — is sampled on the same grid and
 * scored by NCC. The search is coarse (every other grid cell) then fine (half a cell, at least a pixel)
 * around the best. The
 * template follows slow changes in appearance by a running average, only while matches are confident.
 *
 * Pure: images are plain arrays in "working pixels"; boxes here are in those pixels too. The editor scales
 * frames so the region is about TEMPLATE_SIDE pixels across (a grid cell is then one pixel); the face
 * follower samples faces of any size on a coarser grid.
 */
import { centreOf, type Rect } from './geometry.ts';

export type GrayImage = {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
};

export type VisualTrackerOptions = {
  /** Search this far around the last box, as a fraction of its larger side. */
  searchFraction: number;
  /** Relative size steps tried on each frame (1 = same size). */
  scales: readonly number[];
  /** NCC below this means the region is lost: tracking stops there. */
  minScore: number;
  /**
   * A fall of this much below the recent scores also means lost: a cut to another shot can still match
   * some texture at 0.6–0.7 while the region itself matched at 0.95–1.
   */
  maxDrop: number;
  /** Weight of the new appearance in the template after a confident match (0 = never update). */
  learningRate: number;
};

/** Template samples along the larger side; frames are scaled so the region is about this wide. */
export const TEMPLATE_SIDE = 32;

export const DEFAULT_VISUAL_TRACKER: VisualTrackerOptions = {
  searchFraction: 0.5,
  scales: [0.95, 1, 1.05],
  minScore: 0.5,
  maxDrop: 0.2,
  learningRate: 0.1,
};

export type VisualTrackerState = {
  /** Zero-mean, unit-norm samples, `cols` × `rows`, row-major. */
  template: Float32Array;
  cols: number;
  rows: number;
  box: Rect;
  /** Running mean of recent match scores (none before the first match). */
  recentScore?: number;
};

/** `lost`: the match is not trusted (state unchanged); tracking should stop. */
export type TrackStep = { state: VisualTrackerState; box: Rect; score: number; lost: boolean };

/** The scale that brings a box of this size to about TEMPLATE_SIDE pixels across (never above 1). */
export function workingScale(box: Rect): number {
  return Math.min(1, TEMPLATE_SIDE / Math.max(1, box.w, box.h));
}

/** Luma (BT.601) of an RGBA image. */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number) {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++) {
    data[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  }
  return { data, width, height };
}

function gridSize(box: Rect, templateSide: number): { cols: number; rows: number } {
  const side = Math.max(box.w, box.h, 1);
  const k = Math.min(1, templateSide / side);
  return { cols: Math.max(4, Math.round(box.w * k)), rows: Math.max(4, Math.round(box.h * k)) };
}

/** Bilinear sample with edge clamping. */
function sampleAt(image: GrayImage, x: number, y: number): number {
  const { width, height, data } = image;
  const cx = Math.min(Math.max(x - 0.5, 0), width - 1);
  const cy = Math.min(Math.max(y - 0.5, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const top = data[y0 * width + x0]! * (1 - fx) + data[y0 * width + x1]! * fx;
  const bottom = data[y1 * width + x0]! * (1 - fx) + data[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/** The box's pixels on a cols × rows grid, made zero-mean and unit-norm (null for a flat patch). */
function normalisedPatch(image: GrayImage, box: Rect, cols: number, rows: number) {
  const patch = new Float32Array(cols * rows);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    const y = box.y + ((r + 0.5) * box.h) / rows;
    for (let c = 0; c < cols; c++) {
      const v = sampleAt(image, box.x + ((c + 0.5) * box.w) / cols, y);
      patch[r * cols + c] = v;
      sum += v;
    }
  }
  const mean = sum / patch.length;
  let energy = 0;
  for (let i = 0; i < patch.length; i++) {
    const v = patch[i]! - mean;
    patch[i] = v;
    energy += v * v;
  }
  if (energy < 1e-6) return null;
  const norm = 1 / Math.sqrt(energy);
  for (let i = 0; i < patch.length; i++) patch[i] = patch[i]! * norm;
  return patch;
}

function ncc(template: Float32Array, patch: Float32Array | null): number {
  if (!patch) return -1;
  let dot = 0;
  for (let i = 0; i < template.length; i++) dot += template[i]! * patch[i]!;
  return dot;
}

/** `templateSide`: grid samples along the box's larger side (never more than its pixels). */
export function startVisualTracker(
  image: GrayImage,
  box: Rect,
  templateSide = TEMPLATE_SIDE,
): VisualTrackerState | null {
  const { cols, rows } = gridSize(box, templateSide);
  const template = normalisedPatch(image, box, cols, rows);
  return template ? { template, cols, rows, box } : null;
}

type Candidate = { box: Rect; score: number };

function score(state: VisualTrackerState, image: GrayImage, box: Rect): Candidate {
  return { box, score: ncc(state.template, normalisedPatch(image, box, state.cols, state.rows)) };
}

/** Best candidate over shifts (whole `step`s within ±radius) of each sized box, centred on `centre`. */
function search(
  state: VisualTrackerState,
  image: GrayImage,
  sizes: readonly { w: number; h: number }[],
  centre: { x: number; y: number },
  radius: number,
  step: number,
): Candidate {
  let best: Candidate = { box: state.box, score: -Infinity };
  // Shifts of whole steps either way, the box where it was (no shift) among them.
  const steps = Math.floor(radius / step);
  for (const { w, h } of sizes) {
    for (let sy = -steps; sy <= steps; sy++) {
      for (let sx = -steps; sx <= steps; sx++) {
        const box = { x: centre.x + sx * step - w / 2, y: centre.y + sy * step - h / 2, w, h };
        const candidate = score(state, image, box);
        if (candidate.score > best.score) best = candidate;
      }
    }
  }
  return best;
}

function blendTemplate(state: VisualTrackerState, image: GrayImage, box: Rect, rate: number) {
  const fresh = normalisedPatch(image, box, state.cols, state.rows);
  if (!fresh || rate <= 0) return state.template;
  const mixed = state.template.map((v, i) => v * (1 - rate) + fresh[i]! * rate);
  let energy = 0;
  for (const v of mixed) energy += v * v;
  const norm = 1 / Math.sqrt(Math.max(energy, 1e-12));
  return mixed.map((v) => v * norm);
}

/**
 * Finds the region on the next frame. It is lost (state unchanged) when the score is under `minScore` or
 * falls more than `maxDrop` below the recent scores.
 */
export function trackVisualStep(
  state: VisualTrackerState,
  image: GrayImage,
  options: VisualTrackerOptions = DEFAULT_VISUAL_TRACKER,
): TrackStep {
  const last = state.box;
  // One grid cell, in pixels (1 where the region is sampled pixel for pixel).
  const cell = Math.max(1, last.w / state.cols, last.h / state.rows);
  const radius = Math.max(2 * cell, Math.round(Math.max(last.w, last.h) * options.searchFraction));
  const sizes = options.scales.map((s) => ({ w: last.w * s, h: last.h * s }));
  const coarse = search(state, image, sizes, centreOf(last), radius, 2 * cell);
  const size = [{ w: coarse.box.w, h: coarse.box.h }];
  const fine = search(state, image, size, centreOf(coarse.box), cell, Math.max(1, cell / 2));
  const best = fine.score >= coarse.score ? fine : coarse;
  const recent = state.recentScore ?? best.score;
  if (best.score < options.minScore || best.score < recent - options.maxDrop) {
    return { state, box: best.box, score: best.score, lost: true };
  }
  const template = blendTemplate(state, image, best.box, options.learningRate);
  const recentScore = recent * 0.7 + best.score * 0.3;
  const next = { ...state, template, box: best.box, recentScore };
  return { state: next, box: best.box, score: best.score, lost: false };
}
