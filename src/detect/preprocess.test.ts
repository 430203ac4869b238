import { describe, expect, it } from 'vitest';
import { modelBox } from '../regions/geometry.ts';
import { fillLetterboxedTensor, fillTensor, letterbox, modelToVideo } from './preprocess.ts';

describe('letterbox', () => {
  it('fits 1280×720 into 256 by width: scale 0.2, 256×144', () => {
    expect(letterbox(1280, 720, 256)).toEqual({ scale: 0.2, drawWidth: 256, drawHeight: 144 });
  });
  it('fits a portrait frame by height', () => {
    const lb = letterbox(720, 1280, 640);
    expect(lb.scale).toBeCloseTo(0.5, 12);
    expect(lb.drawWidth).toBe(360);
    expect(lb.drawHeight).toBe(640);
  });
  it('rounds the drawn size and never exceeds the input', () => {
    const lb = letterbox(1920, 1280, 256);
    expect(lb.scale).toBeCloseTo(256 / 1920, 12);
    expect(lb.drawWidth).toBe(256);
    expect(lb.drawHeight).toBe(171); // 170.67
    for (const [w, h] of [
      [1, 1],
      [333, 777],
      [4096, 2160],
      [200, 200],
    ] as const) {
      const l = letterbox(w, h, 256);
      expect(Math.max(l.drawWidth, l.drawHeight)).toBe(256);
      expect(l.drawWidth).toBeLessThanOrEqual(256);
      expect(l.drawHeight).toBeLessThanOrEqual(256);
    }
  });
  it('upscales small frames', () => {
    expect(letterbox(128, 64, 256)).toEqual({ scale: 2, drawWidth: 256, drawHeight: 128 });
  });
});

describe('modelToVideo', () => {
  it('maps model pixels back to video pixels', () => {
    const lb = letterbox(1280, 720, 256);
    const v = modelToVideo(modelBox(10, 20, 30, 40), lb);
    expect(v.x).toBeCloseTo(50, 9);
    expect(v.y).toBeCloseTo(100, 9);
    expect(v.w).toBeCloseTo(150, 9);
    expect(v.h).toBeCloseTo(200, 9);
  });
  it('maps the drawn area onto the whole frame', () => {
    const lb = letterbox(1920, 1080, 640);
    const v = modelToVideo(modelBox(0, 0, 640, 360), lb);
    expect(v.w).toBeCloseTo(1920, 9);
    expect(v.h).toBeCloseTo(1080, 9);
  });
});

function rgbaImage(
  size: number,
  pixel: (i: number) => [number, number, number],
): Uint8ClampedArray {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = pixel(i);
    data.set([r, g, b, 77], i * 4); // alpha must be ignored
  }
  return data;
}

describe('fillTensor', () => {
  it('NHWC signed: 0 → −1, 255 → 1, 127.5-ish → ~0, channels interleaved, alpha dropped', () => {
    const rgba = rgbaImage(2, (i) => [[0, 255, 51, 102][i]!, 255, 0]);
    const out = new Float32Array(2 * 2 * 3).fill(NaN);
    fillTensor(rgba, 2, 'nhwc', 'signed', out);
    expect(out[0]).toBeCloseTo(-1, 6); // pixel 0 R
    expect(out[1]).toBeCloseTo(1, 6); // pixel 0 G
    expect(out[2]).toBeCloseTo(-1, 6); // pixel 0 B
    expect(out[3]).toBeCloseTo(1, 6); // pixel 1 R
    expect(out[6]).toBeCloseTo(51 / 127.5 - 1, 6); // pixel 2 R
    expect(out[9]).toBeCloseTo(102 / 127.5 - 1, 6); // pixel 3 R
    for (const v of out) {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('NCHW bytes: raw values in three channel planes', () => {
    const size = 3;
    const rgba = rgbaImage(size, (i) => [i, 100 + i, 200 + i]);
    const out = new Float32Array(3 * size * size).fill(NaN);
    fillTensor(rgba, size, 'nchw', 'bytes', out);
    const pixels = size * size;
    for (let i = 0; i < pixels; i++) {
      expect(out[i]).toBe(i);
      expect(out[pixels + i]).toBe(100 + i);
      expect(out[2 * pixels + i]).toBe(200 + i);
    }
  });

  it('NHWC bytes and NCHW signed are the same data transposed', () => {
    const size = 4;
    const rgba = rgbaImage(size, (i) => [(i * 37) % 256, (i * 91) % 256, (i * 13) % 256]);
    const nhwc = new Float32Array(3 * size * size);
    const nchw = new Float32Array(3 * size * size);
    fillTensor(rgba, size, 'nhwc', 'bytes', nhwc);
    fillTensor(rgba, size, 'nchw', 'signed', nchw);
    for (let i = 0; i < size * size; i++) {
      for (let c = 0; c < 3; c++) {
        expect(nchw[c * size * size + i]).toBeCloseTo(nhwc[i * 3 + c]! / 127.5 - 1, 6);
      }
    }
  });
});

describe('fillLetterboxedTensor', () => {
  /** A size×size canvas whose top-left width×height is `drawn` and whose rest is black (as letterbox draws). */
  function letterboxedCanvas(
    drawn: Uint8ClampedArray,
    width: number,
    height: number,
    size: number,
  ) {
    const canvas = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < size * size; i++) canvas[i * 4 + 3] = 255;
    for (let y = 0; y < height; y++) {
      canvas.set(drawn.subarray(y * width * 4, (y + 1) * width * 4), y * size * 4);
    }
    return canvas;
  }

  it.each([
    ['nhwc', 'signed'],
    ['nchw', 'bytes'],
    ['nchw', 'signed'],
  ] as const)(
    '%s %s: the drawn part read alone gives the same tensor as the whole canvas',
    (layout, range) => {
      const [width, height, size] = [5, 3, 6];
      const drawn = new Uint8ClampedArray(width * height * 4);
      for (let i = 0; i < drawn.length; i++) drawn[i] = (i * 53 + 7) % 256;
      const whole = new Float32Array(3 * size * size);
      fillTensor(letterboxedCanvas(drawn, width, height, size), size, layout, range, whole);
      // A reused buffer holding the previous frame's values must be overwritten everywhere.
      const part = new Float32Array(3 * size * size).fill(123);
      fillLetterboxedTensor(drawn, width, height, size, layout, range, part);
      expect(Array.from(part)).toEqual(Array.from(whole));
    },
  );
});
