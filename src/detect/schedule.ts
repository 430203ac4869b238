/**
 * Which passes run on which frame. A self-check (or a lone image) runs the face pass on every frame it is
 * asked about, its costlier views (face tiles, the magnified view) on every n-th; analysis schedules key
 * frames instead (`key-frames.ts`). Text runs on every n-th frame. The tracker carries boxes across the
 * frames between (gaps are bridged and padded, see regions/tracker.ts). Pure, so the policy is unit-tested.
 */
import type { DetailMode } from './tiles.ts';
import type { FramePass } from './views.ts';

export type DetectRequest = {
  mode: DetailMode;
  /** Cover text and licence plates too. */
  plates: boolean;
  /** Index of the frame in the video; undefined for a lone image (every pass runs). */
  frameIndex?: number;
  /** Also return weak face hits (flagged `weak`) for the tracker's second pass; analysis only. */
  weakFaces?: boolean;
  /**
   * Analysis of consecutive frames: the full face detector on key frames only, a glance between
   * (`key-frames.ts`). Off (a self-check, an image): `passesDue` decides.
   */
  keyFrames?: boolean;
  /** A new shot begins at this frame (media/shot-cut.ts): with `keyFrames`, it is a key frame. */
  cut?: boolean;
};

/**
 * The costly face passes (a square model's tiles, a whole-frame model's magnified view): every 2nd frame in
 * balanced mode, every frame in thorough mode.
 */
export const TILE_EVERY: Record<DetailMode, number> = { fast: 1, balanced: 2, thorough: 1 };
/**
 * Text detection costs ≈ 165–190 ms a frame (PP-OCRv4 det at 640×384, one thread): every 8th frame
 * (0.27 s at 30 fps, the face key frames' spacing), every 4th in thorough mode. The tracker interpolates a
 * plate's box between passes and pads its track's ends (regions/tracker.ts). At every 4th frame the text
 * pass alone was the analysis's largest cost (docs/PERFORMANCE.md).
 */
export const TEXT_EVERY: Record<DetailMode, number> = { fast: 8, balanced: 8, thorough: 4 };

function due(frameIndex: number | undefined, every: number): boolean {
  return frameIndex === undefined || frameIndex % every === 0;
}

/**
 * `faceMode`: the detail mode the face passes run in; `pass`: `detail` where its costly passes are due on
 * this frame, else `plain` (a square model runs as in fast mode, a whole-frame model gets fast mode's views).
 */
export function passesDue(request: DetectRequest): {
  faceMode: DetailMode;
  pass: FramePass;
  text: boolean;
} {
  return {
    faceMode: request.mode,
    pass: due(request.frameIndex, TILE_EVERY[request.mode]) ? 'detail' : 'plain',
    text: request.plates && due(request.frameIndex, TEXT_EVERY[request.mode]),
  };
}

/**
 * How many frames analysis keeps in detection at once. Three keep the face model busy while the next frame
 * decodes. With text on, a text pass (in its own worker, ≈ 4 face passes long) must not hold up the face
 * passes of the frames after it: the window then spans the frames until the next text pass as well.
 */
export function framesInFlight(plates: boolean, mode: DetailMode): number {
  return plates ? TEXT_EVERY[mode] + 3 : 3;
}
