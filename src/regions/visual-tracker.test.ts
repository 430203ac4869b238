import { describe, expect, it } from 'vitest';
import type { Rect } from './geometry.ts';
import {
  rgbaToGray,
  startVisualTracker,
  trackVisualStep,
  type GrayImage,
  type VisualTrackerState,
} from './visual-tracker.ts';
import { smoothTexture } from './seeded-random.ts';

const texture = (seed: number) => smoothTexture(seed);

const W = 160;
const H = 120;
const background = texture(1);

/** A frame: a textured background with a patch (`patchTexture`) drawn into `box`. */
function frame(box: Rect, patchTexture = texture(7)): GrayImage {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5 - box.x) / box.w;
      const v = (y + 0.5 - box.y) / box.h;
      const inside = u >= 0 && u < 1 && v >= 0 && v < 1;
      data[y * W + x] = inside ? patchTexture(u, v) : background(x / W, y / H);
    }
  }
  return { data, width: W, height: H };
}

/** The patch moves 2 px right and 1 px down a frame, and grows 1% a frame. */
function boxAt(i: number): Rect {
  const s = 1.01 ** i;
  return { x: 30 + 2 * i, y: 30 + i, w: 32 * s, h: 24 * s };
}

function follow(frames: number, make: (i: number) => GrayImage) {
  let state = startVisualTracker(make(0), boxAt(0)) as VisualTrackerState;
  expect(state).not.toBeNull();
  const steps = [];
  for (let i = 1; i < frames; i++) {
    const step = trackVisualStep(state, make(i));
    steps.push(step);
    state = step.state;
  }
  return steps;
}

describe('visual tracker (NCC template matching)', () => {
  it('follows a textured patch that moves and grows, within 2 px', () => {
    const steps = follow(25, (i) => frame(boxAt(i)));
    steps.forEach((step, k) => {
      const truth = boxAt(k + 1);
      expect(step.score).toBeGreaterThan(0.8);
      expect(Math.abs(step.box.x - truth.x)).toBeLessThan(2);
      expect(Math.abs(step.box.y - truth.y)).toBeLessThan(2);
      expect(Math.abs(step.box.x + step.box.w - (truth.x + truth.w))).toBeLessThan(2.5);
    });
  });

  it('follows a patch moving left and up (backward in time is the same problem)', () => {
    const back = (i: number) => boxAt(20 - i);
    let state = startVisualTracker(frame(back(0)), back(0)) as VisualTrackerState;
    for (let i = 1; i <= 20; i++) {
      const step = trackVisualStep(state, frame(back(i)));
      expect(Math.hypot(step.box.x - back(i).x, step.box.y - back(i).y)).toBeLessThan(2);
      state = step.state;
    }
  });

  it('reports a low score when the patch is replaced by something else', () => {
    const steps = follow(6, (i) => frame(boxAt(i), i < 4 ? texture(7) : texture(99)));
    expect(steps[2]!.score).toBeGreaterThan(0.8);
    expect(steps[3]!.score).toBeLessThan(0.5);
    expect(steps[3]!.lost).toBe(true);
  });

  it('calls the region lost when the score falls well below its recent scores', () => {
    // Half the patch is replaced: still some correlation, far below the ≈ 1 of the frames before.
    const half = (u: number, v: number) => (u < 0.5 ? texture(7)(u, v) : texture(99)(u, v));
    const steps = follow(6, (i) => frame(boxAt(i), i < 4 ? texture(7) : half));
    expect(steps.slice(0, 3).every((s) => !s.lost)).toBe(true);
    expect(steps[3]!.lost).toBe(true);
    expect(steps[3]!.score).toBeGreaterThan(0.2);
  });

  it('refuses a flat patch (nothing to follow)', () => {
    const flat = { data: new Uint8Array(W * H).fill(90), width: W, height: H };
    expect(startVisualTracker(flat, boxAt(0))).toBeNull();
  });

  it('rgbaToGray weighs green most', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    const gray = rgbaToGray(rgba, 3, 1);
    expect([...gray.data]).toEqual([76, 149, 28]);
  });
});
