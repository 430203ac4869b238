import type { FollowFrame } from '../media/follow-region.ts';
import type { EditDoc } from '../regions/edits.ts';
import type { FrameRegions } from '../regions/types.ts';
import { frameMidpointUs } from './frame-time.ts';

export type FollowDirection = 1 | -1;

/**
 * The frames to follow a track through from `frameIndex`: that frame, then each next one in `direction` up
 * to (not including) the track's next keyframe, or the end of the video.
 */
export function followFrames(
  doc: EditDoc,
  trackId: number,
  frameIndex: number,
  direction: FollowDirection,
  source: { frames: readonly Pick<FrameRegions, 'timestampUs'>[]; fps: number },
): FollowFrame[] {
  const track = doc.tracks.find((t) => t.id === trackId);
  const keys = track?.keyframes.filter((k) => (k - frameIndex) * direction > 0) ?? [];
  const stop =
    keys.length > 0 ? (direction > 0 ? Math.min(...keys) : Math.max(...keys)) : undefined;
  const limit = stop ?? (direction > 0 ? doc.frameCount : -1);
  const frames: FollowFrame[] = [];
  for (let f = frameIndex; f !== limit; f += direction) {
    frames.push({ frameIndex: f, timestampUs: frameMidpointUs(source.frames, f, source.fps) });
  }
  return frames;
}
