/**
 * The self-check: detection is run again on the exported video; whatever it still finds outside the
 * covered regions is listed for the person to look at. Pure.
 */
import { intersectionArea, padBox, type Rect } from './geometry.ts';
import type { CoveredFrame, Detection, FrameRegions } from './types.ts';

export type Finding = { frameIndex: number; detection: Detection };

/** Share of `box` inside the padded covered boxes (overlaps counted once per covered box, capped at 1). */
export function coveredShare(box: Rect, covered: readonly Rect[], padding: number): number {
  const area = box.w * box.h;
  if (area <= 0) return 1;
  const inside = covered.reduce((sum, c) => sum + intersectionArea(box, padBox(c, padding)), 0);
  return Math.min(1, inside / area);
}

/** Detections on the output that are less than half inside what export covered on that frame. */
export function uncoveredFindings(
  checked: readonly FrameRegions[],
  covered: readonly CoveredFrame[],
  padding: number,
): Finding[] {
  const byFrame = new Map(covered.map((f) => [f.frameIndex, f.boxes]));
  return checked.flatMap((frame) =>
    frame.detections
      .filter((d) => coveredShare(d.box, byFrame.get(frame.frameIndex) ?? [], padding) < 0.5)
      .map((detection) => ({ frameIndex: frame.frameIndex, detection })),
  );
}
