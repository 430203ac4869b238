import { describe, expect, it } from 'vitest';
import {
  etaSeconds,
  FrameIndexByTimestamp,
  secondsToUs,
  US_PER_SECOND,
  usToSeconds,
} from './time.ts';

describe('secondsToUs / usToSeconds', () => {
  it('converts and rounds to whole microseconds', () => {
    expect(US_PER_SECOND).toBe(1_000_000);
    expect(secondsToUs(1)).toBe(1_000_000);
    expect(secondsToUs(1 / 30)).toBe(33_333);
    expect(secondsToUs(2 / 30)).toBe(66_667);
    expect(secondsToUs(0.0000004)).toBe(0);
    expect(usToSeconds(1_500_000)).toBe(1.5);
  });
  it('round-trips integer microseconds exactly', () => {
    for (const us of [0, 1, 33_333, 66_667, 41_708_333, 3_600_000_001]) {
      expect(secondsToUs(usToSeconds(us))).toBe(us);
    }
  });
});

describe('FrameIndexByTimestamp', () => {
  // 30 fps timestamps as a demuxer might store them (truncated to µs) and as the decoder hands back (float s).
  const truncated = Array.from({ length: 300 }, (_, i) => Math.floor((i * US_PER_SECOND) / 30));
  const rounded = Array.from({ length: 300 }, (_, i) => Math.round((i * US_PER_SECOND) / 30));

  it('finds every frame from float seconds, whether µs were truncated or rounded', () => {
    const t = new FrameIndexByTimestamp(truncated);
    const r = new FrameIndexByTimestamp(rounded);
    for (let i = 0; i < 300; i++) {
      expect(t.indexOfSeconds(i / 30)).toBe(i);
      expect(r.indexOfSeconds(i / 30)).toBe(i);
      expect(t.indexOfSeconds(usToSeconds(truncated[i]!))).toBe(i);
    }
  });

  it('tolerates ±1 µs of noise but not more', () => {
    const index = new FrameIndexByTimestamp([0, 40_000, 80_000]);
    expect(index.indexOfSeconds(0.040001)).toBe(1);
    expect(index.indexOfSeconds(0.039999)).toBe(1);
    expect(index.indexOfSeconds(0.040002)).toBeUndefined();
    expect(index.indexOfSeconds(0.039998)).toBeUndefined();
  });

  it('prefers the exact match over a neighbour 1 µs away', () => {
    const index = new FrameIndexByTimestamp([999, 1000, 1001]);
    expect(index.indexOfSeconds(0.001)).toBe(1);
  });

  it('returns undefined for unknown timestamps', () => {
    const index = new FrameIndexByTimestamp(truncated);
    expect(index.indexOfSeconds(0.5 / 30)).toBeUndefined();
    expect(index.indexOfSeconds(-1)).toBeUndefined();
    expect(index.indexOfSeconds(1000)).toBeUndefined();
    expect(new FrameIndexByTimestamp([]).indexOfSeconds(0)).toBeUndefined();
  });
});

describe('etaSeconds', () => {
  it('is remaining / rate', () => {
    expect(etaSeconds(300, 30)).toBe(10);
    expect(etaSeconds(0, 30)).toBe(0);
    expect(etaSeconds(45, 1.5)).toBe(30);
  });
  it('is undefined until a positive rate is known, and for negative remaining', () => {
    expect(etaSeconds(100, 0)).toBeUndefined();
    expect(etaSeconds(100, -5)).toBeUndefined();
    expect(etaSeconds(100, Number.NaN)).toBeUndefined();
    expect(etaSeconds(-1, 30)).toBeUndefined();
  });
});
