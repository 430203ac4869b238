import { describe, expect, it } from 'vitest';
import {
  clampZoom,
  gestureZoom,
  MAX_ZOOM,
  NO_ZOOM,
  pictureScale,
  stageTransform,
  zoomBy,
} from './zoom.ts';

const SIZE = { width: 400, height: 200 };

describe('stage zoom', () => {
  it('shows the whole picture unzoomed', () => {
    expect(stageTransform(NO_ZOOM, SIZE)).toEqual({ x: 0, y: 0, scale: 1 });
  });
  it('zooms on a point of the picture and keeps the view inside it', () => {
    const z = zoomBy(NO_ZOOM, 2, { x: 0.75, y: 0.5 });
    expect(z).toEqual({ scale: 2, cx: 0.75, cy: 0.5 });
    // The point at 3/4 across is the stage's centre: 200 = x + 2 × 300.
    expect(stageTransform(z, SIZE)).toEqual({ x: -400, y: -100, scale: 2 });
    // Near the edge the view stops at the picture's edge.
    expect(zoomBy(NO_ZOOM, 2, { x: 0.95, y: 0 })).toEqual({ scale: 2, cx: 0.75, cy: 0.25 });
  });
  it('never zooms out past the whole picture or in past the maximum', () => {
    expect(zoomBy({ scale: 1.2, cx: 0.6, cy: 0.6 }, 0.5)).toEqual(NO_ZOOM);
    expect(clampZoom({ scale: 100, cx: 0.5, cy: 0.5 }).scale).toBe(MAX_ZOOM);
  });
  it('pans with one pointer and pinches with two about their midpoint', () => {
    const start = { scale: 2, cx: 0.5, cy: 0.5 };
    // Dragging 100 px left moves the view right by 100 / (2 × 400) of the picture.
    const panned = gestureZoom(start, [{ x: 200, y: 100 }], [{ x: 100, y: 100 }], SIZE);
    expect(panned).toEqual({ scale: 2, cx: 0.625, cy: 0.5 });
    // Fingers 100 px apart spread to 200 px about the stage's centre: twice the scale, same centre.
    const pinched = gestureZoom(
      NO_ZOOM,
      [
        { x: 150, y: 100 },
        { x: 250, y: 100 },
      ],
      [
        { x: 100, y: 100 },
        { x: 300, y: 100 },
      ],
      SIZE,
    );
    expect(pinched).toEqual({ scale: 2, cx: 0.5, cy: 0.5 });
    // The picture point under the midpoint stays there (here the quarter point, at x = 100).
    const offCentre = gestureZoom(
      NO_ZOOM,
      [
        { x: 50, y: 100 },
        { x: 150, y: 100 },
      ],
      [
        { x: 0, y: 100 },
        { x: 200, y: 100 },
      ],
      SIZE,
    );
    const t = stageTransform(offCentre, SIZE);
    expect(t.x + 100 * t.scale).toBeCloseTo(100);
  });
});

describe('picture sharpness when zoomed', () => {
  it('asks for a sharper frame only at powers of two, up to the video pixels', () => {
    expect(pictureScale(NO_ZOOM, 3.4)).toBe(1);
    expect(pictureScale({ scale: 1.5, cx: 0.5, cy: 0.5 }, 3.4)).toBe(2);
    expect(pictureScale({ scale: 2.25, cx: 0.5, cy: 0.5 }, 3.4)).toBe(3.4);
  });
});
