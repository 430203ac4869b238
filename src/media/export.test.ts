import { describe, expect, it } from 'vitest';
import { evenCrop, frameDurationUs, targetBitrate } from './export.ts';

describe('targetBitrate', () => {
  it('is at least 1.1× the source bitrate', () => {
    expect(targetBitrate(8_000_000, 1920, 1080)).toBe(8_800_000);
    expect(targetBitrate(20_000_000, 640, 360)).toBe(22_000_000);
  });
  it('never falls below the resolution floor (w·h·30·0.02) or 500 kb/s', () => {
    expect(targetBitrate(100_000, 1920, 1080)).toBe(1920 * 1080 * 30 * 0.02);
    expect(targetBitrate(0, 1920, 1080)).toBe(1_244_160);
    expect(targetBitrate(0, 160, 120)).toBe(500_000);
  });
  it('is an integer and monotonic in the source bitrate', () => {
    let last = 0;
    for (let b = 0; b < 30_000_000; b += 777_777) {
      const t = targetBitrate(b, 1280, 720);
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual(Math.max(b * 1.1, 1280 * 720 * 30 * 0.02, 500_000) - 0.5);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });
});

describe('evenCrop', () => {
  it('leaves even sizes alone', () => {
    expect(evenCrop(1280, 720)).toBeUndefined();
  });
  it('cuts the last column and/or row of an odd size, keeping the top-left corner', () => {
    expect(evenCrop(641, 359)).toEqual({ left: 0, top: 0, width: 640, height: 358 });
    expect(evenCrop(640, 359)).toEqual({ left: 0, top: 0, width: 640, height: 358 });
    expect(evenCrop(641, 360)).toEqual({ left: 0, top: 0, width: 640, height: 360 });
  });
});

describe('frameDurationUs', () => {
  const frames = [0, 33_333, 100_000, 133_333].map((timestampUs) => ({ timestampUs }));
  it('lasts until the next frame (variable gaps kept)', () => {
    expect(frameDurationUs(frames, 0)).toBe(33_333);
    expect(frameDurationUs(frames, 1)).toBe(66_667);
  });
  it('makes the last frame as long as the one before it', () => {
    expect(frameDurationUs(frames, 3)).toBe(33_333);
  });
  it('knows nothing about a lone frame or one out of range', () => {
    expect(frameDurationUs(frames.slice(0, 1), 0)).toBeUndefined();
    expect(frameDurationUs(frames, 9)).toBeUndefined();
  });
});
