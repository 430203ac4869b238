import { describe, expect, it } from 'vitest';
import {
  shrinkPlane,
  yuvGray,
  yuvMatrix,
  yuvRgba,
  type Plane,
  type YuvFrame,
} from './yuv-frame.ts';

function plane(width: number, height: number, at: (x: number, y: number) => number): Plane {
  const stride = width + 3; // rows padded, as decoders do
  const data = new Uint8Array(stride * height + 5);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[5 + y * stride + x] = at(x, y);
  }
  return { data, offset: 5, stride, step: 1, width, height };
}

/** A flat frame of one YUV colour (4:2:0 planes). */
function flatFrame(
  width: number,
  height: number,
  yuv: [number, number, number],
  fullRange = false,
) {
  const [y, u, v] = yuv;
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const frame: YuvFrame = {
    width,
    height,
    y: plane(width, height, () => y),
    u: plane(cw, ch, () => u),
    v: plane(cw, ch, () => v),
    matrix: yuvMatrix('bt709', height),
    fullRange,
  };
  return frame;
}

describe('shrinkPlane', () => {
  it('averages each box of pixels', () => {
    const source = plane(4, 2, (x, y) => [10, 20, 30, 40][x]! + 100 * y);
    expect([...shrinkPlane(source, 2, 1)]).toEqual([
      (10 + 20 + 110 + 120) / 4,
      (30 + 40 + 130 + 140) / 4,
    ]);
  });

  it('covers every source pixel once when the size does not divide', () => {
    const source = plane(5, 3, () => 200);
    expect([...shrinkPlane(source, 2, 2)]).toEqual([200, 200, 200, 200]);
    const ramp = plane(6, 1, (x) => x * 10);
    expect([...shrinkPlane(ramp, 3, 1)]).toEqual([5, 25, 45]);
  });

  it('averages the whole plane when the sizes are not a whole factor apart (854 → 320)', () => {
    // A ramp across 854 columns: the last output column must come from the right edge, not column 640.
    const ramp = plane(854, 4, (x) => Math.round((x * 255) / 853));
    const out = shrinkPlane(ramp, 320, 2);
    expect(out[319]).toBeGreaterThan(250);
    expect(out[0]).toBeLessThan(3);
    expect(out[160]).toBeGreaterThan(120);
    expect(out[160]).toBeLessThan(135);
  });

  it('repeats a plane smaller than the output (chroma at full size)', () => {
    const source = plane(2, 1, (x) => (x ? 90 : 30));
    expect([...shrinkPlane(source, 4, 2)]).toEqual([30, 30, 90, 90, 30, 30, 90, 90]);
  });

  it('reads interleaved samples (NV12 chroma)', () => {
    const data = new Uint8Array([1, 100, 3, 200, 5, 100, 7, 200]);
    const u: Plane = { data, offset: 0, stride: 8, step: 2, width: 4, height: 1 };
    const v: Plane = { ...u, offset: 1 };
    expect([...shrinkPlane(u, 2, 1)]).toEqual([2, 6]);
    expect([...shrinkPlane(v, 2, 1)]).toEqual([150, 150]);
  });
});

describe('yuvRgba', () => {
  it('converts limited-range BT.709 colours', () => {
    const pixel = (yuv: [number, number, number]) => [
      ...yuvRgba(flatFrame(4, 4, yuv), 2, 2).slice(0, 4),
    ];
    expect(pixel([235, 128, 128])).toEqual([255, 255, 255, 255]);
    expect(pixel([16, 128, 128])).toEqual([0, 0, 0, 255]);
    // BT.709 red (255, 0, 0) in limited range: Y 63, Cb 102, Cr 240.
    const [r, g, b] = pixel([63, 102, 240]);
    expect(r).toBeGreaterThan(250);
    expect(g).toBeLessThan(5);
    expect(b).toBeLessThan(5);
  });

  it('reads full-range values as they are', () => {
    expect([...yuvRgba(flatFrame(2, 2, [128, 128, 128], true), 1, 1)]).toEqual([
      128, 128, 128, 255,
    ]);
  });

  it('gives the luma plane, shrunk, as gray', () => {
    const gray = yuvGray(flatFrame(8, 4, [77, 10, 250]), 4, 2);
    expect(gray.width).toBe(4);
    expect([...gray.data]).toEqual(new Array(8).fill(77));
  });
});

describe('yuvMatrix', () => {
  it('takes the stream’s matrix, else guesses by size', () => {
    expect(yuvMatrix('bt709', 480).kr).toBeCloseTo(0.2126);
    expect(yuvMatrix('smpte170m', 1080).kr).toBeCloseTo(0.299);
    expect(yuvMatrix(null, 1080).kr).toBeCloseTo(0.2126);
    expect(yuvMatrix(null, 480).kr).toBeCloseTo(0.299);
  });
});
