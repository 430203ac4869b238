import { describe, expect, it } from 'vitest';
import { frameToleranceUs, matched, repairReport } from './repair.ts';

const at30 = (frames: number[]) => frames.map((i) => Math.round((i * 1e6) / 30));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('matched', () => {
  it('pairs timestamps a few µs apart, each once', () => {
    expect(matched([0, 33_333, 66_667], [1, 33_334, 66_666], 100)).toEqual([0, 33_333, 66_667]);
    expect(matched([0, 10], [5], 10)).toEqual([0]);
  });
  it('leaves out what has no counterpart within the tolerance', () => {
    expect(matched([0, 33_333, 66_667], [0, 66_667], 100)).toEqual([0, 66_667]);
    expect(matched([1_000], [0], 999)).toEqual([]);
    expect(matched([], [0], 10)).toEqual([]);
  });
});

describe('frameToleranceUs', () => {
  it('is a quarter frame, at most 5 ms', () => {
    expect(frameToleranceUs(1000)).toBe(250);
    expect(frameToleranceUs(30)).toBe(5_000);
    expect(frameToleranceUs(0)).toBe(5_000);
    expect(frameToleranceUs(NaN)).toBe(5_000);
  });
});

describe('repairReport', () => {
  // 90 frames; the browser decodes 0–41 only (one GOP: the damage at 42 loses the rest); the repaired
  // copy holds every frame but 43–47, which nothing decodes.
  const listed = at30(range(0, 90));
  const lost = at30(range(42, 90));
  const repaired = at30([...range(0, 43), ...range(48, 90)]);

  it('counts frames only concealment gave, and frames nothing decodes', () => {
    expect(repairReport('full', listed, lost, repaired, 5_000)).toEqual({
      kind: 'full',
      listed: 90,
      concealed: 43,
      lost: 5,
    });
  });
  it('a sound repair keeps every frame', () => {
    expect(repairReport('sound', listed, [], listed, 5_000)).toEqual({
      kind: 'sound',
      listed: 90,
      concealed: 0,
      lost: 0,
    });
  });
  it('matches frames whose timestamps the copy rounds differently', () => {
    const shifted = repaired.map((t) => t + 3);
    expect(repairReport('full', listed, lost, shifted, 5_000).concealed).toBe(43);
  });
});
