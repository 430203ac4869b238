import { describe, expect, it } from 'vitest';
import { clipBox, padBox, type Rect } from '../regions/geometry.ts';
import { DEFAULT_REDACTION, type RedactionSettings } from '../regions/types.ts';
import { coveredRect, mosaicCellSize, mosaicPlanes, type Plane } from './mosaic.ts';
import { redactPlanes } from './cover.ts';
import { seededRandom } from '../regions/seeded-random.ts';

const rng = seededRandom;

type Frame = { data: Uint8Array | Uint16Array; planes: Plane[]; width: number; height: number };

/** An I420 frame whose rows are padded (stride > width) so stride handling is exercised. */
function i420(width: number, height: number, seed: number, wide = false): Frame {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const yStride = width + 6;
  const cStride = cw + 4;
  const size = yStride * height + 2 * cStride * ch;
  const data = wide ? new Uint16Array(size) : new Uint8Array(size);
  const next = rng(seed);
  const max = wide ? 1024 : 256;
  for (let i = 0; i < size; i++) data[i] = Math.floor(next() * max);
  const base = { data, channels: 1 };
  const planes: Plane[] = [
    { ...base, offset: 0, stride: yStride, width, height, scaleX: 1, scaleY: 1 },
    {
      ...base,
      offset: yStride * height,
      stride: cStride,
      width: cw,
      height: ch,
      scaleX: 0.5,
      scaleY: 0.5,
    },
    {
      ...base,
      offset: yStride * height + cStride * ch,
      stride: cStride,
      width: cw,
      height: ch,
      scaleX: 0.5,
      scaleY: 0.5,
    },
  ];
  return { data, planes, width, height };
}

const sample = (p: Plane, x: number, y: number, c = 0): number =>
  p.data[p.offset + y * p.stride + x * p.channels + c]!;

/** Plane-pixel bounds expected to be covered, computed independently of the implementation. */
type Cover = { x0: number; y0: number; x1: number; y1: number; cellW: number; cellH: number };

function coverFor(p: Plane, rect: Rect, cell: number): Cover {
  return {
    x0: Math.floor(rect.x * p.scaleX),
    y0: Math.floor(rect.y * p.scaleY),
    x1: Math.min(p.width, Math.ceil((rect.x + rect.w) * p.scaleX)),
    y1: Math.min(p.height, Math.ceil((rect.y + rect.h) * p.scaleY)),
    cellW: Math.max(1, cell * p.scaleX),
    cellH: Math.max(1, cell * p.scaleY),
  };
}

/**
 * Checks one plane after mosaic: inside `cover`, every cell (per channel) holds the rounded mean of the
 * original cell; every other sample of the plane's rows, padding included, is unchanged.
 */
function expectMosaic(before: Plane, after: Plane, cover: Cover): void {
  const { x0, y0, x1, y1, cellW, cellH } = cover;
  for (let cy = y0; cy < y1; cy += cellH) {
    for (let cx = x0; cx < x1; cx += cellW) {
      const ex = Math.min(cx + cellW, x1);
      const ey = Math.min(cy + cellH, y1);
      for (let c = 0; c < before.channels; c++) {
        let sum = 0;
        for (let y = cy; y < ey; y++) for (let x = cx; x < ex; x++) sum += sample(before, x, y, c);
        const mean = Math.round(sum / ((ex - cx) * (ey - cy)));
        for (let y = cy; y < ey; y++) {
          for (let x = cx; x < ex; x++) {
            if (sample(after, x, y, c) !== mean) {
              throw new Error(
                `cell (${cx},${cy}) ch ${c}: sample (${x},${y}) = ${sample(after, x, y, c)}, mean ${mean}`,
              );
            }
          }
        }
      }
    }
  }
  const rowSamples = before.stride;
  for (let y = 0; y < before.height; y++) {
    for (let s = 0; s < rowSamples; s++) {
      const x = Math.floor(s / before.channels);
      const inside = s < before.width * before.channels && x >= x0 && x < x1 && y >= y0 && y < y1;
      if (inside) continue;
      const i = before.offset + y * before.stride + s;
      if (after.data[i] !== before.data[i]) throw new Error(`sample outside (${x},${y}) changed`);
    }
  }
}

const snapshot = (f: Frame): Plane[] => {
  const copy = f.data.slice();
  return f.planes.map((p) => ({ ...p, data: copy }));
};

describe('mosaicCellSize', () => {
  it('divides the shorter side into at most cellsAcross cells', () => {
    expect(mosaicCellSize({ x: 0, y: 0, w: 80, h: 40 }, 8)).toBe(6); // ceil(40/8)=5 → even 6
    expect(mosaicCellSize({ x: 0, y: 0, w: 64, h: 64 }, 8)).toBe(8);
    expect(mosaicCellSize({ x: 0, y: 0, w: 30, h: 300 }, 8)).toBe(4); // ceil(3.75)=4
  });
  it('is even, at least 2, and never gives more than cellsAcross cells', () => {
    const next = rng(1);
    for (let n = 0; n < 500; n++) {
      const w = Math.floor(next() * 400);
      const h = Math.floor(next() * 400);
      const across = 1 + Math.floor(next() * 20);
      const size = mosaicCellSize({ x: 0, y: 0, w, h }, across);
      expect(size % 2).toBe(0);
      expect(size).toBeGreaterThanOrEqual(2);
      const shorter = Math.min(w, h);
      if (shorter > 0) expect(Math.ceil(shorter / size)).toBeLessThanOrEqual(across);
    }
  });
  it('handles tiny and degenerate regions and cellsAcross ≤ 0', () => {
    expect(mosaicCellSize({ x: 0, y: 0, w: 1, h: 1 }, 8)).toBe(2);
    expect(mosaicCellSize({ x: 0, y: 0, w: 0, h: 0 }, 8)).toBe(2);
    expect(mosaicCellSize({ x: 0, y: 0, w: 10, h: 10 }, 0)).toBe(10);
  });
});

describe('coveredRect', () => {
  const settings: RedactionSettings = { padding: 1.3, cellsAcross: 8 };

  it('pads, then aligns outwards to even pixels', () => {
    // padded: (7, 7, 26, 26) → [6, 34)
    expect(coveredRect({ x: 10, y: 10, w: 20, h: 20 }, settings, 100, 100)).toEqual({
      x: 6,
      y: 6,
      w: 28,
      h: 28,
    });
  });

  it('clips to the frame', () => {
    expect(
      coveredRect({ x: -10, y: 90, w: 30, h: 30 }, { padding: 1, cellsAcross: 8 }, 100, 100),
    ).toEqual({ x: 0, y: 90, w: 20, h: 10 });
  });

  it('is empty for a box fully outside the frame', () => {
    const r = coveredRect({ x: 500, y: 500, w: 20, h: 20 }, settings, 100, 100);
    expect(r.w * r.h).toBe(0);
    const l = coveredRect({ x: -500, y: 10, w: 20, h: 20 }, settings, 100, 100);
    expect(l.w * l.h).toBe(0);
  });

  it('stops at an odd frame edge instead of running past it', () => {
    const r = coveredRect({ x: 50, y: 30, w: 20, h: 20 }, { padding: 1, cellsAcross: 8 }, 63, 47);
    expect(r.x + r.w).toBe(63);
    expect(r.y + r.h).toBe(47);
  });

  it('is integer, even-aligned, inside the frame, and contains the clipped padded box', () => {
    const next = rng(2);
    for (let n = 0; n < 1000; n++) {
      const width = 16 + Math.floor(next() * 300);
      const height = 16 + Math.floor(next() * 300);
      const box = {
        x: next() * width * 1.4 - width * 0.2,
        y: next() * height * 1.4 - height * 0.2,
        w: next() * width * 0.6,
        h: next() * height * 0.6,
      };
      const s = { padding: 1 + next(), cellsAcross: 8 };
      const r = coveredRect(box, s, width, height);
      const p = clipBox(padBox(box, s.padding), width, height);
      for (const v of [r.x, r.y, r.w, r.h]) expect(Number.isInteger(v)).toBe(true);
      expect(r.x % 2).toBe(0);
      expect(r.y % 2).toBe(0);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w).toBeLessThanOrEqual(width);
      expect(r.y + r.h).toBeLessThanOrEqual(height);
      if (p.w > 0 && p.h > 0) {
        expect(r.x).toBeLessThanOrEqual(p.x);
        expect(r.y).toBeLessThanOrEqual(p.y);
        expect(r.x + r.w).toBeGreaterThanOrEqual(p.x + p.w);
        expect(r.y + r.h).toBeGreaterThanOrEqual(p.y + p.h);
      }
    }
  });
});

describe('mosaicPlanes on I420', () => {
  it('replaces every luma and chroma cell with its rounded mean, and nothing else', () => {
    const frame = i420(64, 48, 42);
    const before = snapshot(frame);
    const rect = { x: 10, y: 6, w: 30, h: 22 };
    mosaicPlanes(frame.planes, rect, 8);
    frame.planes.forEach((p, i) => expectMosaic(before[i]!, p, coverFor(p, rect, 8)));
    // Chroma is covered at half resolution: U rows 3..13, columns 5..19 (cells of 4).
    expect(coverFor(frame.planes[1]!, rect, 8)).toMatchObject({
      x0: 5,
      y0: 3,
      x1: 20,
      y1: 14,
      cellW: 4,
    });
    // And the job was not trivially empty: the covered region did change.
    let changed = 0;
    for (let y = 6; y < 28; y++) {
      for (let x = 10; x < 40; x++) {
        if (sample(frame.planes[0]!, x, y) !== sample(before[0]!, x, y)) changed++;
      }
    }
    expect(changed).toBeGreaterThan(500);
  });

  it('cells of the last row/column are cut at the rect edge', () => {
    const frame = i420(64, 48, 7);
    const before = snapshot(frame);
    const rect = { x: 0, y: 0, w: 10, h: 10 }; // cells 8 + 2
    mosaicPlanes(frame.planes, rect, 8);
    expectMosaic(before[0]!, frame.planes[0]!, coverFor(frame.planes[0]!, rect, 8));
    // the 2-wide edge cell is its own mean, not the neighbour's
    expect(sample(frame.planes[0]!, 8, 0)).toBe(sample(frame.planes[0]!, 9, 7));
    let sum = 0;
    for (let y = 0; y < 8; y++) for (let x = 8; x < 10; x++) sum += sample(before[0]!, x, y);
    expect(sample(frame.planes[0]!, 8, 0)).toBe(Math.round(sum / 16));
    expect(sample(frame.planes[0]!, 10, 0)).toBe(sample(before[0]!, 10, 0));
  });

  it('does nothing for an empty rect', () => {
    const frame = i420(32, 32, 3);
    const copy = frame.data.slice();
    mosaicPlanes(frame.planes, { x: 4, y: 4, w: 0, h: 10 }, 4);
    mosaicPlanes(frame.planes, { x: 4, y: 4, w: 10, h: -2 }, 4);
    expect(frame.data).toEqual(copy);
  });

  it('handles odd frame sizes up to the right and bottom edge', () => {
    const frame = i420(63, 47, 9);
    const before = snapshot(frame);
    const rect = coveredRect(
      { x: 40, y: 30, w: 30, h: 30 },
      { padding: 1, cellsAcross: 4 },
      63,
      47,
    );
    expect(rect).toEqual({ x: 40, y: 30, w: 23, h: 17 });
    mosaicPlanes(frame.planes, rect, 6);
    frame.planes.forEach((p, i) => expectMosaic(before[i]!, p, coverFor(p, rect, 6)));
    expect(coverFor(frame.planes[2]!, rect, 6)).toMatchObject({ x1: 32, y1: 24 });
  });

  it('works on 16-bit planes (10-bit samples)', () => {
    const frame = i420(64, 48, 11, true);
    expect(frame.data).toBeInstanceOf(Uint16Array);
    const before = snapshot(frame);
    const rect = { x: 20, y: 12, w: 24, h: 24 };
    mosaicPlanes(frame.planes, rect, 6);
    frame.planes.forEach((p, i) => expectMosaic(before[i]!, p, coverFor(p, rect, 6)));
    // means above 255 survive (no 8-bit truncation)
    let above = 0;
    for (let y = 12; y < 36; y++) {
      for (let x = 20; x < 44; x++) if (sample(frame.planes[0]!, x, y) > 255) above++;
    }
    expect(above).toBeGreaterThan(0);
  });
});

describe('mosaicPlanes on interleaved planes', () => {
  it('averages each RGBA channel separately', () => {
    const width = 20;
    const height = 12;
    const stride = width * 4 + 8;
    const data = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // R depends on x, G on y, B constant, A constant: channel means are all different.
        data.set([x * 10, y * 20, 200, 255], y * stride + x * 4);
      }
    }
    const plane: Plane = {
      data,
      offset: 0,
      stride,
      width,
      height,
      channels: 4,
      scaleX: 1,
      scaleY: 1,
    };
    const before = { ...plane, data: data.slice() };
    const rect = { x: 2, y: 2, w: 8, h: 8 };
    mosaicPlanes([plane], rect, 4);
    expectMosaic(before, plane, coverFor(plane, rect, 4));
    // cell (2..5, 2..5): R mean of 20,30,40,50 = 35; G mean of 40,60,80,100 = 70
    expect([0, 1, 2, 3].map((c) => sample(plane, 3, 3, c))).toEqual([35, 70, 200, 255]);
  });

  it('averages U and V of an NV12 plane separately', () => {
    const width = 16;
    const height = 16;
    const data = new Uint8Array(width * height + width * (height / 2));
    const next = rng(5);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(next() * 256);
    // U all 10..40 ramp, V all 250: a mixed average would be wrong for both.
    for (let i = width * height; i < data.length; i += 2) {
      data[i] = 10 + ((i / 2) % 4) * 10;
      data[i + 1] = 250;
    }
    const planes: Plane[] = [
      { data, offset: 0, stride: width, width, height, channels: 1, scaleX: 1, scaleY: 1 },
      {
        data,
        offset: width * height,
        stride: width,
        width: 8,
        height: 8,
        channels: 2,
        scaleX: 0.5,
        scaleY: 0.5,
      },
    ];
    const copy = data.slice();
    const before = planes.map((p) => ({ ...p, data: copy }));
    const rect = { x: 0, y: 0, w: 16, h: 16 };
    mosaicPlanes(planes, rect, 8);
    planes.forEach((p, i) => expectMosaic(before[i]!, p, coverFor(p, rect, 8)));
    expect(sample(planes[1]!, 0, 0, 1)).toBe(250);
    expect(sample(planes[1]!, 0, 0, 0)).toBe(25);
  });
});

describe('redactPlanes', () => {
  it('covers exactly coveredRect of each box with cells of mosaicCellSize', () => {
    const frame = i420(64, 48, 21);
    const before = snapshot(frame);
    const box = { x: 20, y: 10, w: 16, h: 14 };
    redactPlanes(frame.planes, [box], DEFAULT_REDACTION, 64, 48);
    const rect = coveredRect(box, DEFAULT_REDACTION, 64, 48);
    const cell = mosaicCellSize(rect, DEFAULT_REDACTION.cellsAcross);
    frame.planes.forEach((p, i) => expectMosaic(before[i]!, p, coverFor(p, rect, cell)));
  });

  it('covers every box and leaves the rest of the frame alone', () => {
    const frame = i420(64, 48, 22);
    const copy = frame.data.slice();
    const boxes = [
      { x: 2, y: 2, w: 10, h: 10 },
      { x: 44, y: 30, w: 12, h: 12 },
    ];
    const s = { padding: 1, cellsAcross: 4 };
    redactPlanes(frame.planes, boxes, s, 64, 48);
    const y = frame.planes[0]!;
    const inAny = (x: number, yy: number) =>
      boxes.some((b) => {
        const r = coveredRect(b, s, 64, 48);
        return x >= r.x && x < r.x + r.w && yy >= r.y && yy < r.y + r.h;
      });
    let changedInside = 0;
    for (let yy = 0; yy < 48; yy++) {
      for (let x = 0; x < 64; x++) {
        const i = y.offset + yy * y.stride + x;
        if (inAny(x, yy)) {
          if (frame.data[i] !== copy[i]) changedInside++;
        } else {
          expect(frame.data[i]).toBe(copy[i]);
        }
      }
    }
    expect(changedInside).toBeGreaterThan(100);
  });

  it('is irreversible: a covered luma region holds at most one value per cell', () => {
    const frame = i420(64, 48, 23);
    const box = { x: 16, y: 8, w: 30, h: 30 };
    redactPlanes(frame.planes, [box], DEFAULT_REDACTION, 64, 48);
    const rect = coveredRect(box, DEFAULT_REDACTION, 64, 48);
    const cell = mosaicCellSize(rect, DEFAULT_REDACTION.cellsAcross);
    const cells = Math.ceil(rect.w / cell) * Math.ceil(rect.h / cell);
    const values = new Set<number>();
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      for (let x = rect.x; x < rect.x + rect.w; x++) values.add(sample(frame.planes[0]!, x, y));
    }
    expect(values.size).toBeLessThanOrEqual(cells);
    expect(cells).toBeLessThanOrEqual(DEFAULT_REDACTION.cellsAcross ** 2 * 4);
    // random input: the original region had far more distinct values than cells
    expect(rect.w * rect.h).toBeGreaterThan(cells * 10);
  });

  it('does nothing for boxes outside the frame or an empty list', () => {
    const frame = i420(32, 32, 24);
    const copy = frame.data.slice();
    redactPlanes(frame.planes, [], DEFAULT_REDACTION, 32, 32);
    redactPlanes(frame.planes, [{ x: 100, y: 100, w: 10, h: 10 }], DEFAULT_REDACTION, 32, 32);
    expect(frame.data).toEqual(copy);
  });
});

describe('redactPlanes with an ellipse', () => {
  const box = { x: 16, y: 8, w: 32, h: 24, shape: 'ellipse' as const };
  const s = { padding: 1.25, cellsAcross: 6 };
  /** Whether a luma pixel centre lies in the padded ellipse, computed here from the definition. */
  const inEllipse = (x: number, y: number) => {
    const p = padBox(box, s.padding);
    const dx = (x + 0.5 - (p.x + p.w / 2)) / (p.w / 2);
    const dy = (y + 0.5 - (p.y + p.h / 2)) / (p.h / 2);
    return dx * dx + dy * dy <= 1;
  };

  it('covers the padded ellipse and leaves the corners of its box alone', () => {
    const frame = i420(64, 48, 31);
    const copy = frame.data.slice();
    redactPlanes(frame.planes, [box], s, 64, 48);
    const y = frame.planes[0]!;
    let inside = 0;
    let changedInside = 0;
    for (let yy = 0; yy < 48; yy++) {
      for (let x = 0; x < 64; x++) {
        const i = y.offset + yy * y.stride + x;
        if (!inEllipse(x, yy)) {
          expect(frame.data[i]).toBe(copy[i]);
        } else {
          inside++;
          if (frame.data[i] !== copy[i]) changedInside++;
        }
      }
    }
    // Random input: nearly every covered sample differs from its cell's mean.
    expect(changedInside).toBeGreaterThan(inside * 0.9);
    const rect = coveredRect(box, s, 64, 48);
    expect(sample(y, rect.x, rect.y)).toBe(copy[y.offset + rect.y * y.stride + rect.x]);
  });

  it('inside the ellipse, each cell holds one value (the same cells as the rectangle)', () => {
    const frame = i420(64, 48, 32);
    const rectFrame = i420(64, 48, 32);
    redactPlanes(frame.planes, [box], s, 64, 48);
    redactPlanes(rectFrame.planes, [{ ...box, shape: 'rect' }], s, 64, 48);
    const y = frame.planes[0]!;
    for (let yy = 0; yy < 48; yy++) {
      for (let x = 0; x < 64; x++) {
        if (inEllipse(x, yy)) expect(sample(y, x, yy)).toBe(sample(rectFrame.planes[0]!, x, yy));
      }
    }
  });
});
