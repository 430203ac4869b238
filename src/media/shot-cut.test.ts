import { describe, expect, it } from 'vitest';
import { rgbaToGray } from '../regions/visual-tracker.ts';
import { meanAbsDifference, SHOT_CUT, ShotCuts } from './shot-cut.ts';

/** A 32×18 thumbnail: a gradient shifted by `shift` (a pan), or a flat picture of `level`. */
const pan = (shift: number) =>
  Uint8Array.from({ length: 32 * 18 }, (_, i) =>
    Math.min(255, (i % 32) * 4 + Math.floor(i / 32) * 2 + shift),
  );
const flat = (level: number) => new Uint8Array(32 * 18).fill(level);

describe('shot cuts', () => {
  it('measures the mean absolute luma difference', () => {
    expect(meanAbsDifference(flat(10), flat(40))).toBe(30);
    expect(meanAbsDifference(flat(10), new Uint8Array(3))).toBe(Number.POSITIVE_INFINITY);
    expect([
      ...rgbaToGray(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]), 2, 1).data,
    ]).toEqual([255, 0]);
  });

  it('finds a hard cut between two shots, and not the first frame', () => {
    const cuts = new ShotCuts();
    const frames = [flat(50), flat(52), flat(51), flat(150), flat(149), flat(151)];
    expect(frames.map((f) => cuts.next(f))).toEqual([false, false, false, true, false, false]);
  });

  it('does not take a fast pan for cuts, but a cut within it is one', () => {
    const cuts = new ShotCuts();
    const frames = Array.from({ length: 12 }, (_, i) => pan(12 * i));
    const seen = frames.map((f) => cuts.next(f));
    expect(meanAbsDifference(frames[1]!, frames[2]!)).toBeGreaterThan(10);
    expect(seen.some(Boolean)).toBe(false);
    expect(cuts.next(flat(250))).toBe(true);
  });

  it('a difference under the floor is never a cut, however still the shot was', () => {
    const cuts = new ShotCuts();
    cuts.next(flat(100));
    cuts.next(flat(100));
    expect(cuts.next(flat(100 + SHOT_CUT.minDifference - 1))).toBe(false);
  });
});
