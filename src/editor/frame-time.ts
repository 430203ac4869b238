/**
 * Which timestamp to ask the decoder for frame n. The analysis kept each frame's start in whole µs, rounded;
 * asking at a rounded-down start can land a hair before the frame and return the one before it. The middle
 * of the frame's display interval is safe whatever the rounding, for constant and variable frame rates.
 */
import type { FrameRegions } from '../regions/types.ts';

export function frameMidpointUs(
  frames: readonly Pick<FrameRegions, 'timestampUs'>[],
  frameIndex: number,
  fps: number,
): number {
  const start = frames[frameIndex]?.timestampUs;
  if (start === undefined) return 0;
  const next = frames[frameIndex + 1]?.timestampUs;
  const durationUs = next !== undefined && next > start ? next - start : 1e6 / safeFps(fps);
  return Math.round(start + durationUs / 2);
}

export function safeFps(fps: number): number {
  return Number.isFinite(fps) && fps > 0 ? fps : 30;
}

export function clampFrame(frameIndex: number, frameCount: number): number {
  return Math.max(0, Math.min(frameCount - 1, Math.round(frameIndex)));
}
