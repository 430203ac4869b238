/**
 * Which passes run on which frame. The whole-frame face pass runs on every frame; the costlier passes (face
 * tiles, text) run on every n-th frame and the tracker carries their boxes across the frames between
 * (gaps are bridged and padded, see regions/tracker.ts). Pure, so the policy is unit-tested.
 */
import type { DetailMode } from './tiles.ts';

export type DetectRequest = {
  mode: DetailMode;
  /** Cover text and licence plates too. */
  plates: boolean;
  /** Index of the frame in the video; undefined for a lone image (every pass runs). */
  frameIndex?: number;
  /** Also return weak face hits (flagged `weak`) for the tracker's second pass; analysis only. */
  weakFaces?: boolean;
};

/**
 * The costly face passes (a square model's tiles, a whole-frame model's magnified view): every 2nd frame in
 * balanced mode, every frame in thorough mode.
 */
export const TILE_EVERY: Record<DetailMode, number> = { fast: 1, balanced: 2, thorough: 1 };
/** Text detection costs ~150 ms a frame on two cores: every 4th frame (≈ 0.13 s at 30 fps). */
export const TEXT_EVERY = 4;

function due(frameIndex: number | undefined, every: number): boolean {
  return frameIndex === undefined || frameIndex % every === 0;
}

/**
 * `faceMode`: the detail mode the face passes run in; `detail`: whether its costly passes are due on this
 * frame (off them, a square model runs as in fast mode and a whole-frame model skips its magnified view).
 */
export function passesDue(request: DetectRequest): {
  faceMode: DetailMode;
  detail: boolean;
  text: boolean;
} {
  return {
    faceMode: request.mode,
    detail: due(request.frameIndex, TILE_EVERY[request.mode]),
    text: request.plates && due(request.frameIndex, TEXT_EVERY),
  };
}

/**
 * How many frames analysis keeps in detection at once. Three keep the face model busy while the next frame
 * decodes. With text on, a text pass (in its own worker, ≈ 4 face passes long) must not hold up the face
 * passes of the frames after it: the window then spans the frames until the next text pass as well.
 */
export function framesInFlight(plates: boolean): number {
  return plates ? TEXT_EVERY + 3 : 3;
}
