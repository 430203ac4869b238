/** About this many CSS pixels per thumbnail (the strip's height keeps 16:9 pictures near this width). */
const THUMB_WIDTH = 64;

/** The frames the strip shows: one per slot, at the middle of the stretch of video each slot covers. */
export function stripFrames(frameCount: number, width: number): number[] {
  if (frameCount <= 0 || width <= 0) return [];
  const slots = Math.min(frameCount, Math.max(1, Math.floor(width / THUMB_WIDTH)));
  return Array.from({ length: slots }, (_, i) => Math.floor(((i + 0.5) * frameCount) / slots));
}
