/**
 * DB (differentiable binarization) text-detector output → scored boxes in the model's input pixels. Pure.
 *
 * The model gives one text probability per input pixel. Like PaddleOCR's DBPostProcess, the map is
 * thresholded, each connected region becomes a candidate scored by its mean probability, and the survivors
 * are grown ("unclipped") because the network is trained to mark a shrunk core of each text line. Garim
 * covers rectangles, so candidates are axis-aligned bounding rectangles rather than rotated ones.
 */
import { modelBox } from '../regions/geometry.ts';
import type { ScoredBox } from './postprocess.ts';

export type TextDecodeOptions = {
  /** A pixel is text when its probability exceeds this (PaddleOCR: 0.3). */
  binaryThreshold: number;
  /** A region is kept when the mean probability of its pixels is at least this (PaddleOCR: 0.6). */
  boxThreshold: number;
  /** Growth: every side moves out by area·unclipRatio / perimeter of the region's rectangle. */
  unclipRatio: number;
  /** Regions whose bounding rectangle has a shorter side below this (pixels, before growth) are dropped. */
  minSide: number;
};

/**
 * Finds the text regions of a `width`×`height` probability map (row-major, one float per pixel).
 * Regions are 8-connected; the fill is iterative (explicit stack), so it is linear in the map's size.
 */
export function decodeTextMap(
  prob: Float32Array,
  width: number,
  height: number,
  opts: TextDecodeOptions,
): ScoredBox[] {
  const pixels = width * height;
  if (prob.length < pixels) {
    throw new Error(`Text map has ${prob.length} values, expected ${width}×${height}`);
  }
  const { binaryThreshold, boxThreshold, unclipRatio, minSide } = opts;
  // 1 = text and not yet visited; cleared when pushed, so each pixel enters the stack at most once.
  const open = new Uint8Array(pixels);
  let any = false;
  for (let i = 0; i < pixels; i++) {
    if (prob[i]! > binaryThreshold) {
      open[i] = 1;
      any = true;
    }
  }
  if (!any) return [];

  const stack = new Int32Array(pixels);
  const found: ScoredBox[] = [];
  for (let seed = 0; seed < pixels; seed++) {
    if (open[seed] === 0) continue;
    open[seed] = 0;
    stack[0] = seed;
    let top = 1;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    let sum = 0;
    let count = 0;
    while (top > 0) {
      const p = stack[--top]!;
      const y = (p / width) | 0;
      const x = p - y * width;
      sum += prob[p]!;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const x0 = x > 0 ? x - 1 : x;
      const x1 = x < width - 1 ? x + 1 : x;
      const y0 = y > 0 ? y - 1 : y;
      const y1 = y < height - 1 ? y + 1 : y;
      for (let ny = y0; ny <= y1; ny++) {
        const row = ny * width;
        for (let nx = x0; nx <= x1; nx++) {
          const q = row + nx;
          if (open[q] === 1) {
            open[q] = 0;
            stack[top++] = q;
          }
        }
      }
    }
    const score = sum / count;
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (score < boxThreshold || Math.min(w, h) < minSide) continue;
    const d = (w * h * unclipRatio) / (2 * (w + h));
    found.push({ box: modelBox(minX - d, minY - d, w + 2 * d, h + 2 * d), score });
  }
  return found;
}
