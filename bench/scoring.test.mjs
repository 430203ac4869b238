import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  coverageMask,
  coveredFraction,
  padBox,
  scoreImage,
  summarise,
} from './scoring.mjs';

describe('benchmark scoring', () => {
  it('buckets by the shorter side', () => {
    expect(bucketOf([0, 0, 12, 40])).toBe('10-16');
    expect(bucketOf([0, 0, 200, 128])).toBe('>=128');
    expect(bucketOf([0, 0, 8, 8])).toBe('<10');
  });

  it('pads about the centre', () => {
    expect(padBox([10, 10, 10, 20], 1.5)).toEqual([7.5, 5, 15, 30]);
  });

  it('measures covered fraction through the union of regions', () => {
    const mask = coverageMask(100, 100, [
      [0, 0, 50, 100],
      [50, 0, 30, 100],
    ]);
    expect(coveredFraction(mask, 100, 100, [40, 10, 40, 10])).toBe(1);
    expect(coveredFraction(mask, 100, 100, [60, 10, 40, 10])).toBeCloseTo(0.5);
  });

  it('protects a face at 80% and counts precision against labelled and ignored boxes', () => {
    const score = scoreImage({
      width: 200,
      height: 200,
      labelled: [
        [10, 10, 20, 20],
        [100, 100, 40, 40],
      ],
      ignore: [[180, 180, 8, 8]],
      predicted: [
        [10, 10, 20, 20],
        [180, 180, 8, 8],
        [60, 150, 10, 10],
      ],
      padding: 1,
    });
    expect(score.boxes.map((b) => b.protected)).toEqual([true, false]);
    expect(score.correct).toBe(2);
    const total = summarise([score]);
    expect(total.recall).toBe(0.5);
    expect(total.precision).toBeCloseTo(2 / 3);
  });
});
