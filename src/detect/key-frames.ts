/**
 * Which frames of an analysis get the full face detector (key frames) and which only a glance (the face
 * model on one small view of the frame, `views.ts glanceView`). The full detector costs 10–20 glances. Across
 * the frames between, each face found is followed by its look (face-follower.ts), and the tracker bridges
 * what neither saw by interpolating between the boxes on either side (regions/tracker.ts).
 *
 * A frame is a key frame every `every` frames, and sooner when the picture says the gap would be unsafe:
 * - at a shot cut, and on the first frame of a pass (or after a jump in frame numbers: a resume);
 * - after a glance saw a face that was not known on the previous frame (found or followed there: a face
 *   entered, or came out from behind something), or a face was lost: the face follower lost its look
 *   (face-follower.ts), or, without a follower, the glance no longer saw a face it could see;
 * - after a glance saw a face move more than `MAX_STEP` of its width since the previous frame (fast motion:
 *   interpolation over a long gap would fall behind it).
 * Pure (no model, no frame): the detect worker tells it what each pass found.
 */
import { centreOf, sameObject, type Rect } from '../regions/geometry.ts';
import type { Backend } from './session.ts';
import type { DetailMode } from './tiles.ts';
import { glanceView } from './views.ts';

/** What a frame gets: the full detector of its mode, or a glance. */
export type ScheduledPass = 'key' | 'glance';

/**
 * Frames from one key frame to the next at most. Balanced: 8 (0.27 s at 30 fps). Offline on the 720p
 * moving-crowd clip (YuNet's hits per view, replayed through this schedule and the tracker): the full
 * detector on every frame leaked 5.20% of face-frames; key frames at most 6 or 8 apart with glances
 * between 5.45%, with 35–37% of the frames key frames (the rules below add to the every-n-th), for 40% of
 * the model's work. In the app (`bench:leak`), 6 and 8 leaked the same face-frames on both clips; on the
 * calmer bench clip 8 made 14% of the frames key frames, 6 made 18% (docs/PERFORMANCE.md). Fast mode: 12. Thorough: every frame.
 */
export const KEY_EVERY: Record<DetailMode, number> = { fast: 12, balanced: 8, thorough: 1 };

/** A face under this many pixels in the glance's view is not expected to be seen by a glance. */
export const GLANCE_MIN_FACE = 16;

/** A face moving more than this fraction of its width from one frame to the next calls a key frame. */
export const MAX_STEP = 0.25;

/** Faces smaller than this (shorter side, frame pixels) are not expected to be seen by a glance. */
type GlanceFloor = number;

/** The face of `among` taken for `face` (either holds the other's centre). */
function sameFace(face: Rect, among: readonly Rect[]): Rect | undefined {
  return among.find((other) => sameObject(face, other));
}

/**
 * What the face follower (face-follower.ts) knows after a frame: the faces it followed there that the
 * detector did not find, and how many it lost (the image no longer matched them).
 */
export type FollowedFaces = { followed: readonly Rect[]; lost: number };

/**
 * Whether what a glance saw on a frame, against the faces known on the frame before, makes the next frame
 * a key frame: a face entered, or moved fast, or one was lost. Lost: with a face follower, a face whose
 * look it lost; without one, a face the glance could have seen (≥ `floor`) and did not.
 */
export function glanceCallsKey(
  seen: readonly Rect[],
  before: readonly Rect[],
  floor: GlanceFloor,
  follow?: FollowedFaces,
): boolean {
  for (const face of seen) {
    const previous = sameFace(face, before);
    if (!previous) return true; // a face entered
    const [now, then] = [centreOf(face), centreOf(previous)];
    const step = Math.hypot(now.x - then.x, now.y - then.y);
    if (step > MAX_STEP * Math.max(face.w, previous.w)) return true; // moving fast
  }
  if (follow) return follow.lost > 0;
  const visible = before.filter((face) => Math.min(face.w, face.h) >= floor);
  return visible.some((face) => !sameFace(face, seen)); // a face left or was lost
}

export class KeyFrameSchedule {
  private readonly every: number;
  private readonly floor: GlanceFloor;
  /** The frame scheduled last (-Infinity before any). */
  private previous = Number.NEGATIVE_INFINITY;
  private lastKey = Number.NEGATIVE_INFINITY;
  private keyNext = true;
  /** Faces known on the previous frame: found by whichever pass ran there, or followed. */
  private faces: readonly Rect[] = [];

  /** `floor`: the smallest face (shorter side, frame pixels) a glance finds; smaller ones never count as lost. */
  constructor(every: number, floor: GlanceFloor) {
    this.every = Math.max(1, Math.round(every));
    this.floor = floor;
  }

  /** The pass `frameIndex` gets; `cut`: a new shot begins there. */
  pass(frameIndex: number, cut = false): ScheduledPass {
    const jumped = frameIndex !== this.previous + 1;
    this.previous = frameIndex;
    const key = this.keyNext || cut || jumped || frameIndex - this.lastKey >= this.every;
    if (key) this.lastKey = frameIndex;
    this.keyNext = false;
    return key ? 'key' : 'glance';
  }

  /**
   * The sure faces `pass` found on the frame just scheduled (frame pixels), and what the face follower
   * knows there (none for a detector without one).
   */
  found(pass: ScheduledPass, faces: readonly Rect[], follow?: FollowedFaces): void {
    if (pass === 'glance' && glanceCallsKey(faces, this.faces, this.floor, follow)) {
      this.keyNext = true;
    }
    this.faces = follow ? [...faces, ...follow.followed] : faces;
  }
}

/**
 * Frames from one key frame to the next at most, on `backend`: with a real GPU (WebGPU) the full detector
 * is cheap enough for every frame; on the CPU (WASM), `KEY_EVERY`.
 */
export function keyEvery(mode: DetailMode, backend: Backend): number {
  return backend === 'webgpu' ? 1 : KEY_EVERY[mode];
}

/**
 * The share of frames that are key frames, for cost estimates: twice the every-n-th, for the key frames the
 * picture calls (35% at most 8 apart on the busy 720p crowd clip, 14% on the calmer bench clip).
 */
export function keyFrameShare(mode: DetailMode, backend: Backend = 'wasm'): number {
  return Math.min(1, 2 / keyEvery(mode, backend));
}

/** The schedule for an analysis in `mode` of `width`×`height` frames (as shown) on `backend`. */
export function keyFrameSchedule(
  mode: DetailMode,
  width: number,
  height: number,
  backend: Backend = 'wasm',
) {
  const floor = GLANCE_MIN_FACE / glanceView(width, height).scale;
  return new KeyFrameSchedule(keyEvery(mode, backend), floor);
}
