import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate.ts';

describe('RateMeter', () => {
  it('counts the units done since it started', () => {
    const rate = new RateMeter();
    const start = performance.now();
    expect(rate.perSecond(30, start + 2_000)).toBeCloseTo(15, 0);
  });

  it('leaves out what a resumed pass had done before (not this run’s speed)', () => {
    // Resumed at frame 124 of 300, 10 frames analysed in 2 s: 5 fps, not 67.
    const rate = new RateMeter(124);
    const start = performance.now();
    expect(rate.perSecond(134, start + 2_000)).toBeCloseTo(5, 0);
  });
});
