import { describe, expect, it } from 'vitest';
import { modelBox } from '../regions/geometry.ts';
import {
  glanceView,
  MAGNIFY,
  SHRINK,
  viewPixels,
  viewsFor,
  viewSize,
  viewToFrame,
} from './views.ts';

describe('whole-frame views', () => {
  it('looks at the frame itself, and shrunk by halves down to a 180-px shorter side', () => {
    expect(viewsFor('fast', 400, 300)).toEqual([{ scale: 1, flip: false }]);
    expect(viewsFor('fast', 640, 360).map((v) => v.scale)).toEqual([1, SHRINK.factor]);
    expect(viewsFor('balanced', 1280, 720).filter((v) => v.scale <= 1)).toEqual([
      { scale: 1, flip: false },
      { scale: 0.5, flip: false },
      { scale: 0.25, flip: false },
    ]);
    expect(viewsFor('balanced', 1920, 1080).map((v) => v.scale)).toEqual([1, 0.5, 0.25]);
  });

  it('fast mode looks at a 720p frame from about half size, the cost of a 640×384 picture', () => {
    const scales = viewsFor('fast', 1280, 720).map((v) => v.scale);
    expect(scales).toHaveLength(2);
    expect(scales[0]).toBeCloseTo(Math.sqrt((640 * 384) / (1280 * 720)), 6);
    expect(viewPixels('fast', 1280, 720)).toBeLessThan(0.35 * viewPixels('balanced', 1280, 720));
  });

  it('balanced mode adds a 2× view on small pictures only (a 720p one would cost 4×)', () => {
    expect(viewsFor('balanced', 400, 300)).toEqual([
      { scale: 1, flip: false },
      { scale: MAGNIFY, flip: false },
    ]);
    expect(viewsFor('balanced', 640, 360).map((v) => v.scale)).toEqual([1, 2, 0.5]);
    expect(viewsFor('balanced', 1280, 720).map((v) => v.scale)).toEqual([1, 0.5, 0.25]);
  });

  it("between the costly passes, a frame gets fast mode's views", () => {
    expect(viewsFor('balanced', 640, 360, 'plain')).toEqual(viewsFor('fast', 640, 360));
    expect(viewsFor('balanced', 1280, 720, 'plain')).toEqual(viewsFor('fast', 1280, 720));
    expect(viewPixels('balanced', 1280, 720, 'plain')).toBe(viewPixels('fast', 1280, 720));
  });

  it('a glance is one view, shrunk by halves while its shorter side stays ≥ 180 px', () => {
    expect(viewsFor('balanced', 1280, 720, 'glance')).toEqual([{ scale: 0.25, flip: false }]);
    expect(glanceView(1920, 1080)).toEqual({ scale: 0.25, flip: false });
    expect(glanceView(3840, 2160)).toEqual({ scale: 0.125, flip: false });
    expect(glanceView(640, 360)).toEqual({ scale: 0.5, flip: false });
    expect(glanceView(340, 256)).toEqual({ scale: 1, flip: false });
    // Portrait video: the shorter side decides.
    expect(glanceView(720, 1280)).toEqual({ scale: 0.25, flip: false });
    // About 1/16 of the native view's cost on 720p, whatever the mode.
    expect(viewPixels('thorough', 1280, 720, 'glance')).toBe(320 * 192);
  });

  it('thorough mode magnifies 720p and adds mirrored views of the full-size ones', () => {
    const views = viewsFor('thorough', 1280, 720);
    expect(views.filter((v) => !v.flip).map((v) => v.scale)).toEqual([1, 2, 0.5, 0.25]);
    expect(views.filter((v) => v.flip).map((v) => v.scale)).toEqual([1, 2]);
  });

  it('shrinks frames beyond 1080p to its size in the base view of balanced mode', () => {
    const [base] = viewsFor('balanced', 3840, 2160);
    expect(base!.scale).toBeLessThan(0.51);
    const size = viewSize(base!, 3840, 2160);
    expect(size.inputWidth * size.inputHeight).toBeLessThanOrEqual(1920 * 1088 * 1.02);
  });

  it('pads each view to multiples of 32, right and bottom', () => {
    expect(viewSize({ scale: 1, flip: false }, 1280, 720)).toEqual({
      drawWidth: 1280,
      drawHeight: 720,
      inputWidth: 1280,
      inputHeight: 736,
    });
    expect(viewSize({ scale: 2, flip: true }, 401, 300)).toEqual({
      drawWidth: 802,
      drawHeight: 600,
      inputWidth: 832,
      inputHeight: 608,
    });
    expect(viewPixels('balanced', 1280, 720)).toBe(1280 * 736 + 640 * 384 + 320 * 192);
  });

  it('maps hits back to the frame: scaled back, and mirrored back with sides swapped', () => {
    const hit = {
      box: modelBox(20, 10, 8, 12),
      score: 0.9,
      landmarks: [21, 12, 27, 12, 24, 15, 22, 19, 26, 19],
    };
    const plain = viewToFrame(hit, { scale: 2, flip: false }, 100);
    expect(plain.box).toEqual({ x: 10, y: 5, w: 4, h: 6 });
    expect(plain.landmarks[0]).toBe(10.5);
    const mirrored = viewToFrame(hit, { scale: 2, flip: true }, 100);
    // In a 200-px-wide view, x 20–28 mirrored is 172–180 → 86–90 in the frame.
    expect(mirrored.box).toEqual({ x: 86, y: 5, w: 4, h: 6 });
    // The first landmark (the eye on the picture's left) comes from the mirrored view's second one.
    expect(mirrored.landmarks.slice(0, 4)).toEqual([100 - 13.5, 6, 100 - 10.5, 6]);
    expect(mirrored.landmarks.slice(6, 10)).toEqual([100 - 13, 9.5, 100 - 11, 9.5]);
  });
});
