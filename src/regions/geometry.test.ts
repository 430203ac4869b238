import { describe, expect, it } from 'vitest';
import {
  area,
  clipBox,
  intersectionArea,
  iou,
  modelBox,
  padBox,
  sameObject,
  scaleRect,
  unrotateBox,
  videoBox,
} from './geometry.ts';

describe('area', () => {
  it('is w·h, and 0 for negative sizes', () => {
    expect(area({ x: 3, y: 4, w: 5, h: 6 })).toBe(30);
    expect(area({ x: 0, y: 0, w: -5, h: 6 })).toBe(0);
    expect(area({ x: 0, y: 0, w: 5, h: -6 })).toBe(0);
  });
});

describe('intersectionArea', () => {
  it('computes the overlap of two partly overlapping boxes', () => {
    // [0,10)×[0,10) ∩ [5,15)×[6,16) = [5,10)×[6,10) = 5·4
    expect(intersectionArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 6, w: 10, h: 10 })).toBe(20);
  });
  it('is symmetric', () => {
    const a = { x: 1, y: 2, w: 7, h: 9 };
    const b = { x: 4, y: -3, w: 10, h: 8 };
    expect(intersectionArea(a, b)).toBe(intersectionArea(b, a));
    expect(intersectionArea(a, b)).toBe(4 * 3); // x [4,8), y [2,5)
  });
  it('is the smaller box when one contains the other', () => {
    expect(intersectionArea({ x: 0, y: 0, w: 100, h: 100 }, { x: 10, y: 20, w: 5, h: 7 })).toBe(35);
  });
  it('is 0 for disjoint and for edge-touching boxes', () => {
    expect(intersectionArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
    expect(intersectionArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(0);
    expect(intersectionArea({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 10, w: 10, h: 10 })).toBe(0);
  });
});

describe('iou', () => {
  it('is 1 for identical boxes', () => {
    const a = { x: 12.5, y: 3, w: 40, h: 22 };
    expect(iou(a, { ...a })).toBe(1);
  });
  it('is 0 for disjoint boxes', () => {
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 50, y: 50, w: 10, h: 10 })).toBe(0);
  });
  it('matches a hand-computed value for a partial overlap', () => {
    // inter = 5·5 = 25; union = 100 + 100 − 25 = 175
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBeCloseTo(
      25 / 175,
      12,
    );
    // inter = 2·4 = 8; union = 16 + 8 − 8 = 16
    expect(iou({ x: 0, y: 0, w: 4, h: 4 }, { x: 2, y: 0, w: 2, h: 4 })).toBeCloseTo(0.5, 12);
  });
  it('is 0 (not NaN) for two empty boxes', () => {
    expect(iou({ x: 0, y: 0, w: 0, h: 0 }, { x: 0, y: 0, w: 0, h: 0 })).toBe(0);
  });
});

describe('padBox', () => {
  it('grows 1.3× about the centre', () => {
    const box = videoBox(100, 50, 40, 20);
    const padded = padBox(box, 1.3);
    expect(padded.w).toBeCloseTo(52, 10);
    expect(padded.h).toBeCloseTo(26, 10);
    expect(padded.x + padded.w / 2).toBeCloseTo(120, 10);
    expect(padded.y + padded.h / 2).toBeCloseTo(60, 10);
    expect(padded.x).toBeCloseTo(94, 10);
    expect(padded.y).toBeCloseTo(47, 10);
  });
  it('is the identity for factor 1 and does not mutate its input', () => {
    const box = modelBox(1, 2, 3, 4);
    const copy = { ...box };
    expect(padBox(box, 1)).toEqual(copy);
    padBox(box, 2);
    expect(box).toEqual(copy);
  });
  it('keeps extra properties of the box', () => {
    const padded = padBox({ x: 0, y: 0, w: 10, h: 10, tag: 'keep' }, 2);
    expect(padded.tag).toBe('keep');
    expect(padded).toMatchObject({ x: -5, y: -5, w: 20, h: 20 });
  });
});

describe('clipBox', () => {
  it('leaves a box fully inside unchanged', () => {
    expect(clipBox({ x: 10, y: 10, w: 20, h: 30 }, 100, 100)).toEqual({
      x: 10,
      y: 10,
      w: 20,
      h: 30,
    });
  });
  it('clips a box partly outside the top-left', () => {
    expect(clipBox({ x: -10, y: -5, w: 30, h: 20 }, 100, 100)).toEqual({
      x: 0,
      y: 0,
      w: 20,
      h: 15,
    });
  });
  it('clips a box partly outside the bottom-right', () => {
    expect(clipBox({ x: 90, y: 70, w: 30, h: 40 }, 100, 80)).toEqual({
      x: 90,
      y: 70,
      w: 10,
      h: 10,
    });
  });
  it('clips a box larger than the image to the image', () => {
    expect(clipBox({ x: -50, y: -50, w: 500, h: 500 }, 64, 48)).toEqual({
      x: 0,
      y: 0,
      w: 64,
      h: 48,
    });
  });
  it('gives an empty box for boxes fully outside', () => {
    for (const box of [
      { x: 200, y: 10, w: 20, h: 20 },
      { x: 10, y: 200, w: 20, h: 20 },
      { x: -50, y: 10, w: 20, h: 20 },
      { x: 10, y: -50, w: 20, h: 20 },
    ]) {
      const clipped = clipBox(box, 100, 100);
      expect(area(clipped)).toBe(0);
      expect(clipped.w).toBeGreaterThanOrEqual(0);
      expect(clipped.h).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('unrotateBox', () => {
  /**
   * Reference for a picture shown rotated `rotation`° clockwise: the stored pixel shown at (x, y).
   * Stored size is W×H; shown size is H×W for 90/270.
   */
  function storedPixelOf(
    x: number,
    y: number,
    rotation: number,
    W: number,
    H: number,
  ): [number, number] {
    switch (rotation) {
      case 90: // shown(x, y) = stored(y, H − 1 − x)
        return [y, H - 1 - x];
      case 180:
        return [W - 1 - x, H - 1 - y];
      case 270: // shown(x, y) = stored(W − 1 − y, x)
        return [W - 1 - y, x];
      default:
        return [x, y];
    }
  }

  const W = 40; // stored width
  const H = 24; // stored height
  const shownSize = (rotation: number): [number, number] =>
    rotation % 180 === 0 ? [W, H] : [H, W];

  for (const rotation of [0, 90, 180, 270]) {
    it(`maps every shown pixel of a box into the stored box (rotation ${rotation})`, () => {
      const [sw, sh] = shownSize(rotation);
      const box = { x: 3, y: 5, w: 7, h: 4 };
      const stored = unrotateBox(box, rotation, sw, sh);
      expect(area(stored)).toBe(area(box));
      expect(clipBox(stored, W, H)).toEqual(stored); // inside the stored picture
      for (let y = box.y; y < box.y + box.h; y++) {
        for (let x = box.x; x < box.x + box.w; x++) {
          const [px, py] = storedPixelOf(x, y, rotation, W, H);
          expect(
            px >= stored.x &&
              px < stored.x + stored.w &&
              py >= stored.y &&
              py < stored.y + stored.h,
          ).toBe(true);
        }
      }
    });
  }

  it('normalises negative and > 360 rotations', () => {
    const box = { x: 3, y: 5, w: 7, h: 4 };
    expect(unrotateBox(box, -90, H, W)).toEqual(unrotateBox(box, 270, H, W));
    expect(unrotateBox(box, 450, H, W)).toEqual(unrotateBox(box, 90, H, W));
    expect(unrotateBox(box, 360, W, H)).toEqual(box);
  });

  it('undoing 90° then 270° is the identity', () => {
    const box = { x: 2.5, y: 7, w: 9, h: 3.25 };
    const stored = unrotateBox(box, 90, H, W);
    expect(unrotateBox(stored, 270, W, H)).toEqual(box);
  });
});

describe('scaleRect and sameObject', () => {
  it('scales all four numbers, and takes two boxes for one object when either holds the other’s centre', () => {
    expect(scaleRect({ x: 10, y: 20, w: 30, h: 40 }, 0.5)).toEqual({ x: 5, y: 10, w: 15, h: 20 });
    const face = { x: 100, y: 100, w: 60, h: 60 };
    expect(sameObject(face, { x: 120, y: 110, w: 60, h: 60 })).toBe(true);
    // A small box inside a large one: the large holds the small one's centre.
    expect(sameObject({ x: 0, y: 0, w: 200, h: 200 }, { x: 10, y: 10, w: 20, h: 20 })).toBe(true);
    expect(sameObject(face, { x: 161, y: 100, w: 60, h: 60 })).toBe(false);
  });
});
