/**
 * Follows faces from frame to frame by their look (regions/visual-tracker.ts), between the detector's
 * passes: each face the detector found is followed onto the next frames until the detector finds it again
 * (its template then starts afresh from the new box), the image no longer matches it (lost), or
 * `maxUnseenFrames` pass. Where the detector did not find a face that is followed, the followed box is
 * handed on (as a weak hit: the tracker extends a track with it, never starts one), so a face between key
 * frames, or turned away from the detector for a moment, is covered where the image shows it.
 *
 * Pure: the caller gives each frame as a grayscale image at `scale` of the frame's size and the detector's
 * sure faces in frame pixels; boxes come back in frame pixels.
 */
import { sameObject, scaleRect, type Rect } from '../regions/geometry.ts';
import {
  DEFAULT_VISUAL_TRACKER,
  startVisualTracker,
  trackVisualStep,
  type GrayImage,
  type VisualTrackerOptions,
  type VisualTrackerState,
} from '../regions/visual-tracker.ts';
import { glanceView } from './views.ts';

/**
 * Grid samples along a face's larger side: 12 keep a face's eyes, nose and mouth apart at a cost that
 * does not grow with the face (a crowd of 30 faces: a few ms a frame).
 */
export const FOLLOW_TEMPLATE_SIDE = 12;

/**
 * The editor's settings, but a face must match surer (0.6, not 0.5): a followed box is handed on where the
 * detector did not confirm it, so a weaker match is let go rather than risk following the background.
 */
export const FOLLOW_OPTIONS: VisualTrackerOptions = { ...DEFAULT_VISUAL_TRACKER, minScore: 0.6 };

/** The score a followed box is handed on with: in the tracker's weak range (it extends, never starts). */
export const FOLLOWED_SCORE = 0.3;

/**
 * The scale the follower sees a frame at: twice the glance's (720p: ½, 640×360), so a face a glance can
 * find is ≥ 20 px there, and at most the frame itself.
 */
export function followScale(width: number, height: number): number {
  return Math.min(1, 2 * glanceView(width, height).scale);
}

type Followed = { state: VisualTrackerState; lastDetected: number };

/** What a frame's follow step found. */
export type FollowStep = {
  /** Followed faces the detector did not find on this frame (frame pixels). */
  followed: Rect[];
  /** Faces the detector found before whose look was lost on this frame. */
  lost: number;
};

export class FaceFollower {
  private faces: Followed[] = [];
  private previous = Number.NEGATIVE_INFINITY;
  private readonly maxUnseenFrames: number;

  constructor(maxUnseenFrames: number) {
    this.maxUnseenFrames = maxUnseenFrames;
  }

  /**
   * Follows every face onto `frame()` (the frame at `scale`, made only when there is a face to follow or
   * to start following), then takes the detector's `detected` faces (frame pixels) as the truth where it
   * has them. A jump in frame numbers (a new pass, a resume) or `cut` forgets every face.
   */
  step(
    frameIndex: number,
    frame: () => GrayImage,
    scale: number,
    detected: readonly Rect[],
    cut = false,
  ): FollowStep {
    if (cut || frameIndex !== this.previous + 1) this.faces = [];
    this.previous = frameIndex;
    // Nothing to follow and nothing to start following: the frame's image is not even made.
    if (this.faces.length === 0 && detected.length === 0) return { followed: [], lost: 0 };
    const image = frame();
    const boxes = detected.map((box) => scaleRect(box, scale));
    const next: Followed[] = [];
    const followed: Rect[] = [];
    let lost = 0;
    for (const face of this.faces) {
      const moved = trackVisualStep(face.state, image, FOLLOW_OPTIONS);
      if (boxes.some((box) => sameObject(box, moved.lost ? face.state.box : moved.box))) continue;
      if (moved.lost) {
        lost++;
        continue;
      }
      if (frameIndex - face.lastDetected > this.maxUnseenFrames) continue;
      next.push({ ...face, state: moved.state });
      followed.push(scaleRect(moved.box, 1 / scale));
    }
    for (const box of boxes) {
      const state = startVisualTracker(image, box, FOLLOW_TEMPLATE_SIDE);
      if (state) next.push({ state, lastDetected: frameIndex });
    }
    this.faces = next;
    return { followed, lost };
  }
}
