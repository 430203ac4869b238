import { describe, expect, it } from 'vitest';
import { seededRandom } from '../regions/seeded-random.ts';
import {
  clampCellsAcross,
  DEFAULT_REDACTION,
  MAX_CELLS_ACROSS,
  type RedactionSettings,
} from '../regions/types.ts';
import { blurRadius, channelValue, parseColor, redactPlanes } from './cover.ts';
import { coveredRect } from './mosaic.ts';
import { describePlanes } from './pixel-layout.ts';

const W = 64;
const H = 48;

/** An I420 (or RGBA) frame of seeded noise, described as the export describes a decoded frame. */
function frame(format: 'I420' | 'RGBA' | 'BGRA' | 'I420P10', seed = 7) {
  const wide = format === 'I420P10';
  const rgb = format === 'RGBA' || format === 'BGRA';
  const layouts = rgb
    ? [{ offset: 0, stride: W * 4 }]
    : [
        { offset: 0, stride: W },
        { offset: W * H, stride: W / 2 },
        { offset: W * H + (W / 2) * (H / 2), stride: W / 2 },
      ];
  const samples = rgb ? W * H * 4 : W * H * 1.5;
  const buffer = new ArrayBuffer(samples * (wide ? 2 : 1));
  const bytes = wide ? 2 : 1;
  const planes = describePlanes(
    format,
    buffer,
    layouts.map((l) => ({ offset: l.offset * bytes, stride: l.stride * bytes })),
    W,
    H,
  );
  const data = planes[0]!.data;
  const next = seededRandom(seed);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(next() * (wide ? 1024 : 256));
  return { planes, data, copy: data.slice() };
}

/** Samples of plane `p` inside / outside the image rectangle `r` (image pixels). */
function split(
  f: ReturnType<typeof frame>,
  p: number,
  r: { x: number; y: number; w: number; h: number },
) {
  const plane = f.planes[p]!;
  const inside: number[] = [];
  const outsideChanged: number[] = [];
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const ix = (x + 0.5) / plane.scaleX;
      const iy = (y + 0.5) / plane.scaleY;
      const inRect = ix >= r.x && ix < r.x + r.w && iy >= r.y && iy < r.y + r.h;
      for (let c = 0; c < plane.channels; c++) {
        const at = plane.offset + y * plane.stride + x * plane.channels + c;
        if (inRect) inside.push(f.data[at]!);
        else if (f.data[at] !== f.copy[at]) outsideChanged.push(at);
      }
    }
  }
  return { inside, outsideChanged };
}

function variance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}

const box = { x: 20, y: 12, w: 20, h: 20 };
const settings = (over: Partial<RedactionSettings>): RedactionSettings => ({
  ...DEFAULT_REDACTION,
  ...over,
});

describe('solid style', () => {
  it('fills the covered rectangle with exactly the colour (BT.709 limited range in YUV), nothing else', () => {
    const f = frame('I420');
    const s = settings({ style: 'solid', color: '#ff8000' });
    redactPlanes(f.planes, [box], s, W, H);
    const rect = coveredRect(box, s, W, H);
    const rgb = parseColor('#ff8000');
    ['y', 'u', 'v'].forEach((role, p) => {
      const { inside, outsideChanged } = split(f, p, rect);
      expect(new Set(inside)).toEqual(new Set([channelValue(role as 'y', rgb)]));
      expect(outsideChanged).toEqual([]);
    });
  });
  it('black is Y 16, U/V 128; white Y 235', () => {
    expect(['y', 'u', 'v'].map((c) => channelValue(c as 'y', parseColor('#000000')))).toEqual([
      16, 128, 128,
    ]);
    expect(channelValue('y', parseColor('#ffffff'))).toBe(235);
  });
  it('writes each channel of packed RGB in its place, alpha opaque', () => {
    for (const format of ['RGBA', 'BGRA'] as const) {
      const f = frame(format);
      redactPlanes(f.planes, [box], settings({ style: 'solid', color: '#102030' }), W, H);
      const rect = coveredRect(box, settings({}), W, H);
      const at = (rect.y + 1) * W * 4 + (rect.x + 1) * 4;
      const pixel = [...f.data.slice(at, at + 4)];
      expect(pixel).toEqual(format === 'RGBA' ? [16, 32, 48, 255] : [48, 32, 16, 255]);
    }
  });
  it('scales to 10-bit samples', () => {
    const f = frame('I420P10');
    redactPlanes(f.planes, [box], settings({ style: 'solid', color: '#ffffff' }), W, H);
    const rect = coveredRect(box, settings({}), W, H);
    expect(new Set(split(f, 0, rect).inside)).toEqual(new Set([Math.round((235 * 1023) / 255)]));
  });
  it('an unreadable colour is black', () => {
    expect(parseColor('red')).toEqual({ r: 0, g: 0, b: 0 });
    expect(parseColor(undefined)).toEqual({ r: 0, g: 0, b: 0 });
  });
});

describe('blur style', () => {
  it('removes the detail inside (variance falls by far more than the mosaic floor) and touches nothing outside', () => {
    const f = frame('I420');
    const s = settings({ style: 'blur' });
    const rect = coveredRect(box, s, W, H);
    const before = variance(split(f, 0, rect).inside);
    redactPlanes(f.planes, [box], s, W, H);
    const { inside, outsideChanged } = split(f, 0, rect);
    expect(variance(inside)).toBeLessThan(before / 50);
    expect(outsideChanged).toEqual([]);
  });
  it('is stronger (flatter) with fewer cells across', () => {
    const flatness = (cellsAcross: number) => {
      const f = frame('I420');
      const s = settings({ style: 'blur', cellsAcross });
      redactPlanes(f.planes, [box], s, W, H);
      return variance(split(f, 0, coveredRect(box, s, W, H)).inside);
    };
    expect(flatness(3)).toBeLessThan(flatness(10));
  });
  it('its radius is the shorter side over cells across, at least 2 px', () => {
    expect(blurRadius({ x: 0, y: 0, w: 80, h: 40 }, 8)).toBe(5);
    expect(blurRadius({ x: 0, y: 0, w: 4, h: 4 }, 8)).toBe(2);
  });
});

describe('styles per region', () => {
  it("a box's own style overrides the settings' (a track's exception)", () => {
    const f = frame('I420');
    const s = settings({ style: 'mosaic' });
    redactPlanes(f.planes, [{ ...box, style: 'solid' }], s, W, H);
    expect(new Set(split(f, 0, coveredRect(box, s, W, H)).inside)).toEqual(new Set([16]));
  });
  it('settings without a style (an older project) cover with the mosaic', () => {
    const a = frame('I420');
    const b = frame('I420');
    redactPlanes(a.planes, [box], DEFAULT_REDACTION, W, H);
    redactPlanes(b.planes, [box], settings({ style: 'mosaic' }), W, H);
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(a.copy);
  });
});

describe('strength', () => {
  it('is never finer than MAX_CELLS_ACROSS, and a bad value falls back to the default', () => {
    expect(clampCellsAcross(40)).toBe(MAX_CELLS_ACROSS);
    expect(clampCellsAcross(1)).toBe(3);
    expect(clampCellsAcross(Number.NaN)).toBe(DEFAULT_REDACTION.cellsAcross);
  });
});
