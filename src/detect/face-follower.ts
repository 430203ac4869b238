/**
 * Follows faces from frame to frame by their look (regions/visual-tracker.ts), between the detector's
 * passes: each face the detector found is followed onto the next frames until the detector finds it again
 * (its template then starts afresh from the new box), the image no longer matches it (lost), or
 * `maxUnseenFrames` pass. Where the detector did not find a face that is followed, the followed box is
 * handed on (as a weak hit: the tracker extends a track with it, never starts one), so a face between key
 * frames, or turned away from the detector for a moment, is covered where the image shows it.
 *
 * Backward too: a face the detector finds that was not known on the frame before (found or followed there)
 * is followed back over the last `backFrames` frames, whose grayscale pictures are kept, until its look is
 * lost, it meets a face known there, or the shot began. A face that walked in, or that the detector only
 * found late, is then covered where the image shows it on the frames before, not only from the frame it was
 * found on (the tracker prepends such hits to the track the found face starts; regions/tracker.ts).
 *
 * Pure: the caller gives each frame as a grayscale image at `scale` of the frame's size and the detector's
 * sure faces in frame pixels; boxes come back in frame pixels.
 */
import { area, intersectionArea, sameObject, scaleRect, type Rect } from '../regions/geometry.ts';
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

/**
 * Frames a new face is followed back over at most: 1 s at 30 fps. The analysis keeps this many recent frames
 * from being saved, so the hits can still be added to them (media/analyse.ts `AMENDABLE_FRAMES`).
 */
export const FOLLOW_BACK_FRAMES = 30;

type Followed = { state: VisualTrackerState; lastDetected: number };

/** A recent frame's picture and the faces known on it (found or followed; follower pixels). */
type KeptFrame = { frameIndex: number; image: GrayImage; known: Rect[] };

/** A face followed back onto an earlier frame (frame pixels). */
export type EarlierHit = { frameIndex: number; box: Rect };

/** What a frame's follow step found. */
export type FollowStep = {
  /** Followed faces the detector did not find on this frame (frame pixels). */
  followed: Rect[];
  /** Faces the detector found before whose look was lost on this frame. */
  lost: number;
  /** New faces of this frame followed back onto earlier frames, latest frame first (none without `backFrames`). */
  earlier: EarlierHit[];
};

export class FaceFollower {
  private faces: Followed[] = [];
  /** The last `backFrames` frames, oldest first. */
  private kept: KeptFrame[] = [];
  private previous = Number.NEGATIVE_INFINITY;
  private readonly maxUnseenFrames: number;
  private readonly backFrames: number;

  /**
   * `backFrames`: how far back a new face is followed (0: not at all; then a frame's image is made only
   * when there is a face to follow or to start following).
   */
  constructor(maxUnseenFrames: number, backFrames = 0) {
    this.maxUnseenFrames = maxUnseenFrames;
    this.backFrames = backFrames;
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
    if (cut || frameIndex !== this.previous + 1) {
      this.faces = [];
      this.kept = [];
    }
    this.previous = frameIndex;
    // Nothing to follow, nothing to start following, nothing to keep: the frame's image is not even made.
    if (this.faces.length === 0 && detected.length === 0 && this.backFrames === 0) {
      return { followed: [], lost: 0, earlier: [] };
    }
    const image = frame();
    const boxes = detected.map((box) => scaleRect(box, scale));
    const { next, followed, lost } = this.followOnto(image, boxes, frameIndex);
    // Each found face's template, made once: it is followed back from here and onward from here.
    const started = boxes.map((box) => ({
      box,
      state: startVisualTracker(image, box, FOLLOW_TEMPLATE_SIDE),
    }));
    const earlier = this.followBack(started).map((hit) => ({
      frameIndex: hit.frameIndex,
      box: scaleRect(hit.box, 1 / scale),
    }));
    for (const { state } of started) {
      if (state) next.push({ state, lastDetected: frameIndex });
    }
    this.faces = next;
    this.keep({ frameIndex, image, known: [...boxes, ...followed] });
    return { followed: followed.map((box) => scaleRect(box, 1 / scale)), lost, earlier };
  }

  /** Every followed face moved onto `image`, unless the detector found it there (`boxes`). */
  private followOnto(image: GrayImage, boxes: readonly Rect[], frameIndex: number) {
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
      followed.push(moved.box);
    }
    return { next, followed, lost };
  }

  /**
   * The found faces not known on the frame before, each followed back from its template (`started`) over
   * the kept frames until its look is lost, it meets a face known there, or its box leaves the picture
   * (follower pixels).
   */
  private followBack(
    started: readonly { box: Rect; state: VisualTrackerState | null }[],
  ): EarlierHit[] {
    const before = this.kept.at(-1);
    if (!before) return [];
    const hits: EarlierHit[] = [];
    for (const { box, state: start } of started) {
      if (before.known.some((face) => sameObject(face, box))) continue;
      let state = start;
      for (let k = this.kept.length - 1; state && k >= 0; k--) {
        const { frameIndex, image: earlier, known } = this.kept[k]!;
        const moved = trackVisualStep(state, earlier, FOLLOW_OPTIONS);
        if (moved.lost || !inPicture(moved.box, earlier)) break;
        if (known.some((face) => sameObject(face, moved.box))) break;
        hits.push({ frameIndex, box: moved.box });
        state = moved.state;
      }
    }
    return hits;
  }

  private keep(frame: KeptFrame): void {
    if (this.backFrames === 0) return;
    this.kept.push(frame);
    if (this.kept.length > this.backFrames) this.kept.shift();
  }
}

/** Whether at least half of `box` lies in `image`. */
function inPicture(box: Rect, image: GrayImage): boolean {
  const picture = { x: 0, y: 0, w: image.width, h: image.height };
  return intersectionArea(box, picture) >= 0.5 * area(box);
}
