import { describe, expect, it } from 'vitest';
import { stripFrames } from './strip-frames.ts';

describe('thumbnail strip', () => {
  it('picks one frame per 64 px slot, in the middle of the stretch each slot covers', () => {
    expect(stripFrames(300, 640)).toEqual([15, 45, 75, 105, 135, 165, 195, 225, 255, 285]);
    expect(stripFrames(300, 100)).toEqual([150]);
  });

  it('never asks for more frames than the video has, nor for any when there is no room', () => {
    expect(stripFrames(3, 1000)).toEqual([0, 1, 2]);
    expect(stripFrames(0, 1000)).toEqual([]);
    expect(stripFrames(300, 0)).toEqual([]);
  });
});
