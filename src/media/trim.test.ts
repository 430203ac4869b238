import { describe, expect, it } from 'vitest';
import { secondsToUs } from './time.ts';
import {
  effectiveTrim,
  framesInTrim,
  TrimSelector,
  trimWindow,
  WINDOW_NUDGE_US,
  withIn,
  withOut,
} from './trim.ts';

/** 30 fps timestamps as a demuxer gives them (rounded to µs), starting at `startUs`. */
const frames30 = (count: number, startUs = 0) =>
  Array.from({ length: count }, (_, i) => ({ timestampUs: startUs + Math.round((i * 1e6) / 30) }));

describe('effectiveTrim', () => {
  it('is undefined without a trim, for an empty video, or when it covers every frame', () => {
    expect(effectiveTrim(undefined, 30)).toBeUndefined();
    expect(effectiveTrim({ inFrame: 0, outFrame: 5 }, 0)).toBeUndefined();
    expect(effectiveTrim({ inFrame: 0, outFrame: 29 }, 30)).toBeUndefined();
    expect(effectiveTrim({ inFrame: -3, outFrame: 99 }, 30)).toBeUndefined();
  });

  it('clamps into the video and orders in ≤ out', () => {
    expect(effectiveTrim({ inFrame: 12, outFrame: 4 }, 30)).toEqual({ inFrame: 4, outFrame: 12 });
    expect(effectiveTrim({ inFrame: 25, outFrame: 80 }, 30)).toEqual({ inFrame: 25, outFrame: 29 });
    expect(effectiveTrim({ inFrame: 7, outFrame: 7 }, 30)).toEqual({ inFrame: 7, outFrame: 7 });
  });
});

describe('withIn / withOut', () => {
  it('sets one end and keeps the other, moving it when the range would run backwards', () => {
    expect(withIn(undefined, 10, 30)).toEqual({ inFrame: 10, outFrame: 29 });
    expect(withOut(undefined, 20)).toEqual({ inFrame: 0, outFrame: 20 });
    expect(withOut({ inFrame: 10, outFrame: 29 }, 20)).toEqual({ inFrame: 10, outFrame: 20 });
    expect(withIn({ inFrame: 10, outFrame: 20 }, 25, 30)).toEqual({ inFrame: 25, outFrame: 25 });
    expect(withOut({ inFrame: 10, outFrame: 20 }, 5)).toEqual({ inFrame: 5, outFrame: 5 });
  });
});

describe('trimWindow', () => {
  it('without a trim is the whole video at its own timestamps', () => {
    const w = trimWindow(frames30(30), undefined, 1.2);
    expect(w).toMatchObject({ startSec: 0, endSec: 1.2, baseUs: 0, trimmed: false });
    expect(w.outFrame).toBe(29);
  });

  it('starts just after the in frame and ends where the frame after out starts', () => {
    const frames = frames30(60);
    const w = trimWindow(frames, { inFrame: 12, outFrame: 41 }, undefined);
    expect(w.trimmed).toBe(true);
    expect(w.baseUs).toBe(400_000);
    expect(secondsToUs(w.startSec)).toBe(400_000 + WINDOW_NUDGE_US);
    expect(secondsToUs(w.endSec!)).toBe(frames[42]!.timestampUs);
  });

  it('an out point on the last frame ends where the whole export would', () => {
    const w = trimWindow(frames30(30), { inFrame: 5, outFrame: 29 }, 1.01);
    expect(w.endSec).toBe(1.01);
  });
});

/** What the conversion hands to `process`: the source time less the window start, clamped at 0. */
function conversionTime(sourceUs: number, startSec: number): number {
  return Math.max(0, sourceUs / 1e6 - startSec);
}

describe('TrimSelector', () => {
  it('keeps exactly the frames in [in, out], the first at 0, each at its own offset (VFR)', () => {
    // A variable-rate video: gaps of 33 and 67 ms, starting at a non-zero time (an edit list).
    const frames: { timestampUs: number }[] = [];
    let t = 66_667;
    for (let i = 0; i < 40; i++) {
      frames.push({ timestampUs: t });
      t += i % 3 === 0 ? 66_667 : 33_333;
    }
    const w = trimWindow(frames, { inFrame: 10, outFrame: 25 }, undefined);
    const selector = new TrimSelector(w, frames);
    const placed = frames.map((f, i) => selector.place(i, f.timestampUs));
    expect(placed.filter((p) => p !== null)).toHaveLength(16);
    expect(placed[10]).toBe(0);
    expect(placed[9]).toBeNull();
    expect(placed[26]).toBeNull();
    for (let i = 10; i <= 25; i++) {
      expect(placed[i]).toBe(frames[i]!.timestampUs - frames[10]!.timestampUs);
    }
    expect(selector.planned(40)).toBe(16);
  });

  it('drops the frame before the in point that the conversion clamps onto it (B-frame durations)', () => {
    const frames = frames30(30);
    const w = trimWindow(frames, { inFrame: 10, outFrame: 20 }, undefined);
    const selector = new TrimSelector(w, frames);
    // Both frame 9 (its demuxed duration reaching past the in point) and frame 10 arrive clamped to 0;
    // mapped back to the source both read as the in frame's time: only one of them is written.
    const clampedSourceUs = secondsToUs(
      conversionTime(frames[9]!.timestampUs, w.startSec) + w.startSec,
    );
    expect(selector.place(10, clampedSourceUs)).toBe(0);
    expect(selector.place(10, clampedSourceUs)).toBeNull();
    expect(selector.place(11, frames[11]!.timestampUs)).toBe(frames[11]!.timestampUs - 333_333);
  });

  it('places a frame analysis did not list by its own time, inside the trim only', () => {
    const frames = frames30(30);
    const w = trimWindow(frames, { inFrame: 3, outFrame: 6 }, undefined);
    const selector = new TrimSelector(w, frames);
    expect(selector.place(undefined, 120_000)).toBe(20_000);
    expect(selector.place(undefined, 90_000)).toBeNull();
    expect(selector.place(undefined, 250_000)).toBeNull();
  });

  it('without a trim keeps every frame at its own time', () => {
    const frames = frames30(10);
    const selector = new TrimSelector(trimWindow(frames, undefined, undefined), frames);
    expect(frames.map((f, i) => selector.place(i, f.timestampUs))).toEqual(
      frames.map((f) => f.timestampUs),
    );
    expect(selector.place(undefined, 5_000_000)).toBe(5_000_000);
    expect(selector.planned(12)).toBe(12);
  });
});

describe('framesInTrim', () => {
  it('keeps the trimmed frames numbered as in the output, or all of them without a trim', () => {
    const frames = Array.from({ length: 10 }, (_, i) => ({ frameIndex: i, boxes: [i] }));
    expect(framesInTrim(frames, { inFrame: 4, outFrame: 6 })).toEqual([
      { frameIndex: 0, boxes: [4] },
      { frameIndex: 1, boxes: [5] },
      { frameIndex: 2, boxes: [6] },
    ]);
    expect(framesInTrim(frames, undefined)).toEqual(frames);
  });
});
