import { describe, expect, it } from 'vitest';
import { area, intersectionArea, padBox, type Rect } from '../regions/geometry.ts';
import { DEFAULT_REDACTION } from '../regions/types.ts';
import { smoothTexture } from '../regions/seeded-random.ts';
import type { GrayImage } from '../regions/visual-tracker.ts';
import { AMENDABLE_FRAMES } from '../media/analyse.ts';
import { FaceFollower, FOLLOW_BACK_FRAMES, followScale } from './face-follower.ts';

const W = 320;
const H = 180;
const background = smoothTexture(1);
/** A face seen on a 12-sample grid: a few blobs (eyes, nose, mouth), not fine texture. */
const look = smoothTexture(7, 3);

/** A frame (already at the follower's scale): background, and a "face" texture in each box. */
function frame(boxes: readonly Rect[]): GrayImage {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const box = boxes.find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      data[y * W + x] = box
        ? look((x + 0.5 - box.x) / box.w, (y + 0.5 - box.y) / box.h)
        : background(x / W, y / H);
    }
  }
  return { data, width: W, height: H };
}

/** The face walks right 3 px a frame (at the follower's scale). */
const faceAt = (i: number): Rect => ({ x: 40 + 3 * i, y: 60, w: 40, h: 48 });
const SCALE = 0.5;
const inFrame = (r: Rect): Rect => ({
  x: r.x / SCALE,
  y: r.y / SCALE,
  w: r.w / SCALE,
  h: r.h / SCALE,
});

describe('face follower', () => {
  it('follows a face the detector found on a key frame across the frames where it was not found', () => {
    const follower = new FaceFollower(16);
    expect(
      follower.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]).followed,
    ).toEqual([]);
    for (let i = 1; i < 8; i++) {
      const { followed, lost } = follower.step(i, () => frame([faceAt(i)]), SCALE, []);
      expect(lost).toBe(0);
      expect(followed).toHaveLength(1);
      const truth = inFrame(faceAt(i));
      // Covered as the app covers it (the box grown 1.3×), the face is protected (≥ 80% under the cover,
      // the leak benchmark's rule); the box wavers by about a grid cell (40/12 px at this scale).
      const cover = padBox(followed[0]!, DEFAULT_REDACTION.padding);
      expect(intersectionArea(cover, truth) / area(truth)).toBeGreaterThanOrEqual(0.8);
      expect(area(followed[0]!)).toBeLessThan(1.3 * area(truth));
    }
  });

  it('hands nothing on where the detector found the face itself', () => {
    const follower = new FaceFollower(16);
    follower.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    expect(
      follower.step(1, () => frame([faceAt(1)]), SCALE, [inFrame(faceAt(1))]).followed,
    ).toEqual([]);
  });

  it('lets a face go when its look is gone, when it went unseen too long, or at a cut', () => {
    const gone = new FaceFollower(16);
    gone.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    expect(gone.step(1, () => frame([]), SCALE, [])).toEqual({
      followed: [],
      lost: 1,
      earlier: [],
    });
    expect(gone.step(2, () => frame([faceAt(2)]), SCALE, []).followed).toEqual([]);

    const unseen = new FaceFollower(3);
    unseen.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    const counts = [1, 2, 3, 4, 5].map(
      (i) => unseen.step(i, () => frame([faceAt(i)]), SCALE, []).followed.length,
    );
    expect(counts).toEqual([1, 1, 1, 0, 0]);

    const cut = new FaceFollower(16);
    cut.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    expect(cut.step(1, () => frame([faceAt(1)]), SCALE, [], true).followed).toEqual([]);
    // A jump in frame numbers (a resumed analysis) forgets too.
    const resumed = new FaceFollower(16);
    resumed.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    expect(resumed.step(5, () => frame([faceAt(5)]), SCALE, []).followed).toEqual([]);
  });

  it('makes no image of a frame with nothing to follow and nothing found', () => {
    const follower = new FaceFollower(16);
    let made = 0;
    const counted = (boxes: Rect[]) => () => {
      made++;
      return frame(boxes);
    };
    expect(follower.step(0, counted([]), SCALE, [])).toEqual({
      followed: [],
      lost: 0,
      earlier: [],
    });
    expect(made).toBe(0);
    follower.step(1, counted([faceAt(1)]), SCALE, [inFrame(faceAt(1))]);
    follower.step(2, counted([faceAt(2)]), SCALE, []);
    expect(made).toBe(2);
  });

  it('follows a face found late back over the frames before, where the image shows it', () => {
    const follower = new FaceFollower(16, 30);
    // Frames 0–2: nothing there; frames 3–9: the face walks in; the detector finds it on frame 10 only.
    const at = (i: number) => (i >= 3 ? [faceAt(i)] : []);
    for (let i = 0; i < 10; i++) {
      expect(follower.step(i, () => frame(at(i)), SCALE, []).earlier).toEqual([]);
    }
    const { earlier } = follower.step(10, () => frame(at(10)), SCALE, [inFrame(faceAt(10))]);
    expect(earlier.map((hit) => hit.frameIndex)).toEqual([9, 8, 7, 6, 5, 4, 3]);
    for (const { frameIndex, box } of earlier) {
      const truth = inFrame(faceAt(frameIndex));
      const cover = padBox(box, DEFAULT_REDACTION.padding);
      expect(intersectionArea(cover, truth) / area(truth)).toBeGreaterThanOrEqual(0.8);
    }
    // Found again on the next frame, it is known: nothing is followed back again.
    expect(follower.step(11, () => frame(at(11)), SCALE, [inFrame(faceAt(11))]).earlier).toEqual(
      [],
    );
  });

  it('follows back no further than it keeps frames, than a face known there, or than a cut', () => {
    const short = new FaceFollower(16, 4);
    for (let i = 0; i < 10; i++) short.step(i, () => frame([faceAt(i)]), SCALE, []);
    const found = short.step(10, () => frame([faceAt(10)]), SCALE, [inFrame(faceAt(10))]);
    expect(found.earlier.map((hit) => hit.frameIndex)).toEqual([9, 8, 7, 6]);

    // Found on frame 0 and followed on 1–3, the face is known on the frame before it is found again.
    const known = new FaceFollower(16, 30);
    known.step(0, () => frame([faceAt(0)]), SCALE, [inFrame(faceAt(0))]);
    for (let i = 1; i < 4; i++) known.step(i, () => frame([faceAt(i)]), SCALE, []);
    const again = known.step(4, () => frame([faceAt(4)]), SCALE, [inFrame(faceAt(4))]);
    expect(again.earlier).toEqual([]);

    const cut = new FaceFollower(16, 30);
    for (let i = 0; i < 5; i++) cut.step(i, () => frame([faceAt(i)]), SCALE, []);
    const afterCut = cut.step(5, () => frame([faceAt(5)]), SCALE, [inFrame(faceAt(5))], true);
    expect(afterCut.earlier).toEqual([]);
    const next = cut.step(6, () => frame([faceAt(6)]), SCALE, [inFrame(faceAt(6))]);
    expect(next.earlier).toEqual([]);
  });

  it('sees the frame at twice the glance scale, never above the frame itself', () => {
    expect(followScale(1280, 720)).toBe(0.5);
    expect(followScale(1920, 1080)).toBe(0.5);
    expect(followScale(640, 360)).toBe(1);
    expect(followScale(340, 256)).toBe(1);
  });
});

describe('following back, against what the analysis keeps unsaved', () => {
  it('never follows back further than the analysis holds frames for amending', () => {
    expect(FOLLOW_BACK_FRAMES).toBeLessThanOrEqual(AMENDABLE_FRAMES);
  });
});
