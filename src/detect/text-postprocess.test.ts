import { describe, expect, it } from 'vitest';
import { decodeTextMap, type TextDecodeOptions } from './text-postprocess.ts';

const OPTS: TextDecodeOptions = {
  binaryThreshold: 0.3,
  boxThreshold: 0.5,
  unclipRatio: 2,
  minSide: 3,
};

/** A width×height map with the given rectangles (inclusive pixel ranges) filled with `value`. */
function map(
  width: number,
  height: number,
  blobs: { x: number; y: number; w: number; h: number; value: number }[],
): Float32Array {
  const prob = new Float32Array(width * height);
  for (const { x, y, w, h, value } of blobs) {
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) prob[j * width + i] = value;
  }
  return prob;
}

const sorted = (boxes: ReturnType<typeof decodeTextMap>) =>
  [...boxes].sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y);

describe('decodeTextMap', () => {
  it('finds nothing in an empty map', () => {
    expect(decodeTextMap(new Float32Array(64 * 32), 64, 32, OPTS)).toEqual([]);
  });

  it('gives one box per separate blob, with its bounding rectangle when unclipRatio is 0', () => {
    const prob = map(64, 32, [
      { x: 4, y: 5, w: 20, h: 6, value: 0.9 },
      { x: 40, y: 20, w: 10, h: 4, value: 0.7 },
    ]);
    const boxes = sorted(decodeTextMap(prob, 64, 32, { ...OPTS, unclipRatio: 0 }));
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.box).toEqual({ x: 4, y: 5, w: 20, h: 6 });
    expect(boxes[0]!.score).toBeCloseTo(0.9, 6);
    expect(boxes[1]!.box).toEqual({ x: 40, y: 20, w: 10, h: 4 });
    expect(boxes[1]!.score).toBeCloseTo(0.7, 6);
  });

  it('grows each rectangle by area·unclipRatio / perimeter on every side', () => {
    const prob = map(64, 32, [
      { x: 4, y: 5, w: 20, h: 6, value: 0.9 },
      { x: 40, y: 20, w: 10, h: 4, value: 0.7 },
    ]);
    const boxes = sorted(decodeTextMap(prob, 64, 32, { ...OPTS, unclipRatio: 1.5 }));
    const d0 = (20 * 6 * 1.5) / (2 * (20 + 6));
    const d1 = (10 * 4 * 1.5) / (2 * (10 + 4));
    expect(boxes[0]!.box.x).toBeCloseTo(4 - d0, 9);
    expect(boxes[0]!.box.y).toBeCloseTo(5 - d0, 9);
    expect(boxes[0]!.box.w).toBeCloseTo(20 + 2 * d0, 9);
    expect(boxes[0]!.box.h).toBeCloseTo(6 + 2 * d0, 9);
    expect(boxes[1]!.box.x).toBeCloseTo(40 - d1, 9);
    expect(boxes[1]!.box.y).toBeCloseTo(20 - d1, 9);
    expect(boxes[1]!.box.w).toBeCloseTo(10 + 2 * d1, 9);
    expect(boxes[1]!.box.h).toBeCloseTo(4 + 2 * d1, 9);
  });

  it('scores a region by the mean probability of its pixels and drops low-scoring ones', () => {
    const prob = map(64, 32, [
      { x: 2, y: 2, w: 10, h: 10, value: 0.9 },
      // Above the binary threshold, below the box threshold: thresholded in, then dropped.
      { x: 30, y: 2, w: 10, h: 10, value: 0.4 },
      // Below the binary threshold: never a region.
      { x: 50, y: 2, w: 10, h: 10, value: 0.25 },
    ]);
    const boxes = decodeTextMap(prob, 64, 32, OPTS);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.score).toBeCloseTo(0.9, 6);

    // A region half 0.9, half 0.35 scores their mean, 0.625.
    const mixed = map(32, 16, [
      { x: 2, y: 2, w: 5, h: 4, value: 0.9 },
      { x: 7, y: 2, w: 5, h: 4, value: 0.35 },
    ]);
    const [one, ...rest] = decodeTextMap(mixed, 32, 16, { ...OPTS, unclipRatio: 0 });
    expect(rest).toEqual([]);
    expect(one!.box).toEqual({ x: 2, y: 2, w: 10, h: 4 });
    expect(one!.score).toBeCloseTo(0.625, 6);
  });

  it('drops regions whose shorter side is below minSide', () => {
    const prob = map(64, 32, [
      { x: 2, y: 2, w: 30, h: 2, value: 0.9 },
      { x: 2, y: 10, w: 30, h: 3, value: 0.9 },
    ]);
    const boxes = decodeTextMap(prob, 64, 32, { ...OPTS, unclipRatio: 0 });
    expect(boxes.map((b) => b.box)).toEqual([{ x: 2, y: 10, w: 30, h: 3 }]);
  });

  it('handles regions touching the borders, and boxes may grow past them', () => {
    const prob = map(40, 20, [
      { x: 0, y: 0, w: 8, h: 5, value: 0.8 },
      { x: 30, y: 14, w: 10, h: 6, value: 0.8 },
    ]);
    const boxes = sorted(decodeTextMap(prob, 40, 20, { ...OPTS, unclipRatio: 0 }));
    expect(boxes.map((b) => b.box)).toEqual([
      { x: 0, y: 0, w: 8, h: 5 },
      { x: 30, y: 14, w: 10, h: 6 },
    ]);
    const grown = sorted(decodeTextMap(prob, 40, 20, OPTS));
    expect(grown[0]!.box.x).toBeLessThan(0);
    expect(grown[1]!.box.x + grown[1]!.box.w).toBeGreaterThan(40);
  });

  it('joins diagonally touching pixels (8-connectivity)', () => {
    // Two 4×4 squares meeting only corner to corner, and a third one a pixel apart.
    const prob = map(32, 16, [
      { x: 2, y: 2, w: 4, h: 4, value: 0.9 },
      { x: 6, y: 6, w: 4, h: 4, value: 0.9 },
      { x: 11, y: 2, w: 4, h: 4, value: 0.9 },
    ]);
    const boxes = sorted(decodeTextMap(prob, 32, 16, { ...OPTS, unclipRatio: 0 }));
    expect(boxes.map((b) => b.box)).toEqual([
      { x: 2, y: 2, w: 8, h: 8 },
      { x: 11, y: 2, w: 4, h: 4 },
    ]);
  });

  it('follows a long winding region without recursion', () => {
    // A one-pixel-wide serpentine line through a 400×400 map: one region of ~80 000 pixels.
    const size = 400;
    const prob = new Float32Array(size * size);
    for (let y = 0; y < size; y += 2) {
      for (let x = 0; x < size; x++) prob[y * size + x] = 0.9;
      const link = (y / 2) % 2 === 0 ? size - 1 : 0;
      if (y + 1 < size) prob[(y + 1) * size + link] = 0.9;
    }
    const boxes = decodeTextMap(prob, size, size, { ...OPTS, unclipRatio: 0 });
    expect(boxes.map((b) => b.box)).toEqual([{ x: 0, y: 0, w: size, h: size }]);
  });

  it('rejects a map shorter than width×height', () => {
    expect(() => decodeTextMap(new Float32Array(10), 4, 4, OPTS)).toThrow(/expected 4×4/);
  });
});
