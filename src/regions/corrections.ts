/**
 * A correction made on one frame of a measured track (detected, or followed by the visual tracker) carried
 * to the frames around it. The change (new box − old box) fades linearly to nothing at the nearest anchor
 * on each side: the nearest keyframe, else the nearest detection (a measurement the person did not
 * question). With no anchor on a side (only guesses or tracked boxes up to the track's end), the change
 * carries on unchanged: a tracker that drifted keeps drifting.
 *
 * Between two keyframes this is exactly linear interpolation of the corrections: applied to a box that was
 * itself interpolated between them, it yields the interpolation of the new keyframe boxes.
 */
import type { Rect } from './geometry.ts';

export type CorrectedPoint = { frameIndex: number; box: Rect; source: string };

function nearestAnchor(
  points: readonly CorrectedPoint[],
  keyframes: readonly number[],
  frameIndex: number,
  direction: 1 | -1,
): number | undefined {
  const ahead = (f: number) => (f - frameIndex) * direction > 0;
  const closest = (frames: number[]) =>
    frames.length === 0
      ? undefined
      : frames.reduce((a, b) => (Math.abs(a - frameIndex) <= Math.abs(b - frameIndex) ? a : b));
  const key = closest(keyframes.filter(ahead));
  if (key !== undefined) return key;
  return closest(
    points
      .filter((p) => p.source === 'detected')
      .map((p) => p.frameIndex)
      .filter(ahead),
  );
}

/** 1 at the corrected frame, falling to 0 at the anchor; 1 everywhere when there is no anchor. */
export function correctionWeight(
  frame: number,
  frameIndex: number,
  anchor: number | undefined,
): number {
  if (anchor === undefined) return 1;
  const reach = Math.abs(anchor - frameIndex);
  return Math.max(0, 1 - Math.abs(frame - frameIndex) / reach);
}

function shifted(box: Rect, delta: Rect, weight: number): Rect {
  return {
    x: box.x + delta.x * weight,
    y: box.y + delta.y * weight,
    w: box.w + delta.w * weight,
    h: box.h + delta.h * weight,
  };
}

/**
 * The boxes of `points` (other than the one at `frameIndex`) after the box there changed by `delta`:
 * only frames strictly between `frameIndex` and each side's anchor move. Returns the moved points' new
 * boxes by frame.
 */
export function carryCorrection(
  points: readonly CorrectedPoint[],
  keyframes: readonly number[],
  frameIndex: number,
  delta: Rect,
): Map<number, Rect> {
  const moved = new Map<number, Rect>();
  for (const direction of [1, -1] as const) {
    const anchor = nearestAnchor(points, keyframes, frameIndex, direction);
    for (const p of points) {
      const side = (p.frameIndex - frameIndex) * direction;
      const beforeAnchor = anchor === undefined || (anchor - p.frameIndex) * direction > 0;
      if (side <= 0 || !beforeAnchor) continue;
      const weight = correctionWeight(p.frameIndex, frameIndex, anchor);
      if (weight > 0) moved.set(p.frameIndex, shifted(p.box, delta, weight));
    }
  }
  return moved;
}

export function boxDelta(from: Rect, to: Rect): Rect {
  return { x: to.x - from.x, y: to.y - from.y, w: to.w - from.w, h: to.h - from.h };
}
