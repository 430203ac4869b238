import { describe, expect, it } from 'vitest';
import type { Rect } from '../regions/geometry.ts';
import {
  glanceCallsKey,
  KEY_EVERY,
  keyEvery,
  KeyFrameSchedule,
  keyFrameSchedule,
  keyFrameShare,
} from './key-frames.ts';

const face = (x: number, y: number, side = 60): Rect => ({ x, y, w: side, h: side });

/** Runs `schedule` over frames 0…n−1, each glance seeing what `glanced(i)` says; returns the key frames. */
function keyFramesOf(
  schedule: KeyFrameSchedule,
  n: number,
  glanced: (i: number) => Rect[],
  cuts: readonly number[] = [],
): number[] {
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const pass = schedule.pass(i, cuts.includes(i));
    if (pass === 'key') keys.push(i);
    schedule.found(pass, glanced(i));
  }
  return keys;
}

describe('key-frame schedule', () => {
  it('puts the full detector on every n-th frame while nothing changes', () => {
    const still = () => [face(100, 100), face(300, 120)];
    expect(keyFramesOf(new KeyFrameSchedule(6, 40), 20, still)).toEqual([0, 6, 12, 18]);
    expect(keyFramesOf(new KeyFrameSchedule(1, 40), 3, still)).toEqual([0, 1, 2]);
  });

  it('makes a shot cut, and the first frame after a jump (a resumed analysis), a key frame', () => {
    const schedule = new KeyFrameSchedule(6, 40);
    expect(keyFramesOf(schedule, 8, () => [], [4])).toEqual([0, 4]);
    expect(schedule.pass(8)).toBe('glance');
    expect(schedule.pass(40)).toBe('key');
    expect(schedule.pass(41)).toBe('glance');
  });

  it('calls a key frame after a glance that sees a face enter', () => {
    const glanced = (i: number) => (i >= 3 ? [face(100, 100), face(500, 300)] : [face(100, 100)]);
    expect(keyFramesOf(new KeyFrameSchedule(6, 40), 12, glanced)).toEqual([0, 4, 10]);
  });

  it('calls a key frame after a glance loses a face it could see, not one too small for it', () => {
    const left = (i: number) => (i >= 3 ? [face(100, 100)] : [face(100, 100), face(500, 300)]);
    expect(keyFramesOf(new KeyFrameSchedule(6, 40), 12, left)).toEqual([0, 4, 10]);
    // A 20-px face under the glance's 40-px floor, seen on the key frame only: not "lost" after it.
    const schedule = new KeyFrameSchedule(6, 40);
    expect(schedule.pass(0)).toBe('key');
    schedule.found('key', [face(100, 100), face(500, 300, 20)]);
    expect(schedule.pass(1)).toBe('glance');
    schedule.found('glance', [face(100, 100)]);
    expect(schedule.pass(2)).toBe('glance');
  });

  it('with a face follower, a face is lost when its look is, not when a glance misses it', () => {
    const schedule = new KeyFrameSchedule(8, 40);
    expect(schedule.pass(0)).toBe('key');
    schedule.found('key', [face(100, 100), face(500, 300)]);
    expect(schedule.pass(1)).toBe('glance');
    // The glance misses the second face, the follower still sees it there: no key frame.
    schedule.found('glance', [face(100, 100)], { followed: [face(502, 300)], lost: 0 });
    expect(schedule.pass(2)).toBe('glance');
    // A face the follower knows is no newcomer when the glance finds it again.
    schedule.found('glance', [face(100, 100), face(504, 300)], { followed: [], lost: 0 });
    expect(schedule.pass(3)).toBe('glance');
    // The follower lost a face's look: the next frame is a key frame.
    schedule.found('glance', [face(100, 100)], { followed: [], lost: 1 });
    expect(schedule.pass(4)).toBe('key');
  });

  it('calls a key frame when a face moves more than a quarter of its width in one frame', () => {
    expect(glanceCallsKey([face(110, 100)], [face(100, 100)], 40)).toBe(false);
    expect(glanceCallsKey([face(120, 100)], [face(100, 100)], 40)).toBe(true);
    const panning = (i: number) => [face(100 + 20 * i, 100)];
    expect(keyFramesOf(new KeyFrameSchedule(6, 40), 4, panning)).toEqual([0, 2]);
  });

  it('scales the glance floor to the frame: a 720p glance is a quarter-size view', () => {
    const schedule = keyFrameSchedule('balanced', 1280, 720);
    expect(schedule.pass(0)).toBe('key');
    // A 60-px face is 15 px in the glance's view, under its 16-px floor: its absence is no loss.
    schedule.found('key', [face(100, 100, 60), face(400, 100, 80)]);
    expect(schedule.pass(1)).toBe('glance');
    schedule.found('glance', [face(400, 100, 80)]);
    expect(schedule.pass(2)).toBe('glance');
    // An 80-px face (20 px in the view) that a glance no longer sees is a loss.
    schedule.found('glance', []);
    expect(schedule.pass(3)).toBe('key');
  });

  it('spaces key frames by mode (every frame on a GPU), and estimates their share for the job plan', () => {
    expect(KEY_EVERY.thorough).toBe(1);
    expect(keyEvery('balanced', 'wasm')).toBe(KEY_EVERY.balanced);
    expect(keyEvery('fast', 'webgpu')).toBe(1);
    expect(keyFrameShare('balanced', 'webgpu')).toBe(1);
    const onGpu = keyFrameSchedule('balanced', 1280, 720, 'webgpu');
    expect([0, 1, 2].map((i) => onGpu.pass(i))).toEqual(['key', 'key', 'key']);
    expect(KEY_EVERY.fast).toBeGreaterThan(KEY_EVERY.balanced);
    expect(keyFrameShare('thorough')).toBe(1);
    expect(keyFrameShare('balanced')).toBeCloseTo(2 / KEY_EVERY.balanced, 6);
  });
});
