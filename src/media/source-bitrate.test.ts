import { describe, expect, it } from 'vitest';
import { originalVideoBitrate } from './source.ts';

describe('originalVideoBitrate', () => {
  it('is the file bitrate less the sound', () => {
    // 1.5 s, 177 224 bytes (the matrix AVI), MP3 at 96 kb/s.
    expect(originalVideoBitrate(177_224, 1.5, 96_000)).toBeCloseTo(849_195, 0);
  });
  it('is never negative, and unknown without a duration', () => {
    expect(originalVideoBitrate(1000, 1, 1_000_000)).toBe(0);
    expect(originalVideoBitrate(1000, 0, 0)).toBeNaN();
    expect(originalVideoBitrate(1000, NaN, 0)).toBeNaN();
  });
});
