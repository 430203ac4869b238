import { describe, expect, it } from 'vitest';
import { videoBox, type Rect } from './geometry.ts';
import {
  associate,
  buildTracks,
  coverageByFrame,
  defaultTrackerSettings,
  shotOf,
  type TrackPoint,
} from './tracker.ts';
import type { Detection, FrameRegions } from './types.ts';

const face = (x: number, y: number, size: number, score = 0.9): Detection => ({
  box: videoBox(x, y, size, size),
  score,
  class: 'face',
});

/** `count` frames; `at(frame)` gives that frame's detections. */
function frames(count: number, at: (f: number) => Detection[]): FrameRegions[] {
  return Array.from({ length: count }, (_, f) => ({
    frameIndex: f,
    timestampUs: Math.round((f * 1e6) / 30),
    detections: at(f),
  }));
}

const contains = (outer: Rect, inner: Rect) =>
  outer.x <= inner.x + 1e-9 &&
  outer.y <= inner.y + 1e-9 &&
  outer.x + outer.w >= inner.x + inner.w - 1e-9 &&
  outer.y + outer.h >= inner.y + inner.h - 1e-9;

const settings = defaultTrackerSettings(30);

describe('defaultTrackerSettings', () => {
  it('bridges about a second and pads about a quarter second', () => {
    expect(settings.maxGapFrames).toBe(30);
    expect(settings.padFrames).toBe(8);
    expect(defaultTrackerSettings(Number.NaN).maxGapFrames).toBe(30);
  });
});

describe('buildTracks', () => {
  it('keeps one id for a moving face and bridges a 5-frame miss by interpolation', () => {
    const input = frames(60, (f) => (f >= 20 && f < 25 ? [] : [face(100 + 4 * f, 200, 80)]));
    const tracks = buildTracks(input, ['face'], settings);
    expect(tracks).toHaveLength(1);
    const points = tracks[0]!.points;
    const missed = points.filter((p) => p.frameIndex >= 20 && p.frameIndex < 25);
    expect(missed.map((p) => p.source)).toEqual(Array(5).fill('interpolated'));
    for (const p of missed) {
      expect(contains(p.box, face(100 + 4 * p.frameIndex, 200, 80).box)).toBe(true);
    }
    const cover = coverageByFrame(tracks, 60);
    expect(cover.every((boxes) => boxes.length === 1)).toBe(true);
    // Every covered box names the track behind it.
    expect(cover.every(([box]) => box?.trackId === tracks[0]!.id)).toBe(true);
  });

  it('covers padFrames before the first and after the last detection', () => {
    const input = frames(100, (f) => (f >= 40 && f < 60 ? [face(300, 300, 60)] : []));
    const cover = coverageByFrame(buildTracks(input, ['face'], settings), 100);
    expect(cover[40 - settings.padFrames]!).toHaveLength(1);
    expect(cover[40 - settings.padFrames - 1]!).toHaveLength(0);
    expect(cover[59 + settings.padFrames]!).toHaveLength(1);
    expect(cover[60 + settings.padFrames]!).toHaveLength(0);
  });

  it('pads a moving face where it goes: its ends move on as they moved, in place and in size', () => {
    // A face walking right 6 px a frame and growing 2 px a frame, seen on frames 40–59.
    const at = (f: number) => videoBox(100 + 6 * f, 200, 60 + 2 * f, 60 + 2 * f);
    const input = frames(100, (f) =>
      f >= 40 && f < 60 ? [{ box: at(f), score: 0.9, class: 'face' as const }] : [],
    );
    const [track] = buildTracks(input, ['face'], settings);
    const padded = track!.points.filter((p) => p.source === 'padded');
    expect(padded).toHaveLength(2 * settings.padFrames);
    for (const p of padded) {
      // Where the face is on that frame, and not much more (smoothing widens a track's ends a little).
      const truth = at(p.frameIndex);
      expect(contains(p.box, truth)).toBe(true);
      expect(p.box.w * p.box.h).toBeLessThan(1.5 * truth.w * truth.h);
    }
    // A face standing still is padded where it stands.
    const still = frames(100, (f) => (f >= 40 && f < 60 ? [face(300, 300, 60)] : []));
    const [kept] = buildTracks(still, ['face'], settings);
    for (const p of kept!.points) expect(p.box).toEqual(face(300, 300, 60).box);
  });

  it('never pads outside the video', () => {
    const input = frames(10, () => [face(10, 10, 40)]);
    const tracks = buildTracks(input, ['face'], settings);
    const indices = tracks[0]!.points.map((p) => p.frameIndex);
    expect(Math.min(...indices)).toBe(0);
    expect(Math.max(...indices)).toBe(9);
  });

  it('pads a face at the frame edge up to edgePadFrames, while its box is still in the frame', () => {
    const frame = { width: 640, height: 360 };
    const edged = { ...settings, frame };
    expect(edged.edgePadFrames).toBe(30);
    // A face cut by the top edge (found on frames 40–59, standing still): covered 1 s on either side.
    const still = frames(120, (f) => (f >= 40 && f < 60 ? [face(300, -20, 60)] : []));
    const [cut] = buildTracks(still, ['face'], edged);
    const covered = cut!.points.map((p) => p.frameIndex);
    expect([Math.min(...covered), Math.max(...covered)]).toEqual([10, 89]);
    // The same face in the middle of the frame gets the usual padFrames.
    const middle = frames(120, (f) => (f >= 40 && f < 60 ? [face(300, 150, 60)] : []));
    const [inside] = buildTracks(middle, ['face'], edged);
    expect(inside!.points.at(-1)!.frameIndex).toBe(59 + settings.padFrames);
    // A face leaving at the right edge, 10 px a frame: padded until its box has left the frame.
    const leaving = frames(120, (f) => (f < 20 ? [face(400 + 10 * f, 150, 60)] : []));
    const [left] = buildTracks(leaving, ['face'], edged);
    const last = left!.points.at(-1)!;
    expect(last.box.x).toBeLessThan(frame.width);
    expect(last.box.x + 10).toBeGreaterThanOrEqual(frame.width - 1);
    expect(last.frameIndex).toBeLessThan(19 + 30);
  });

  it('separates two faces and keeps their ids when they move', () => {
    const input = frames(30, (f) => [face(100 + f, 100, 50), face(600 - f, 400, 70)]);
    const tracks = buildTracks(input, ['face'], settings);
    expect(tracks).toHaveLength(2);
    for (const track of tracks) {
      const ys = new Set(track.points.map((p) => Math.round(p.box.y / 100)));
      expect(ys.size).toBe(1);
    }
  });

  it('lets a weak detection extend a track but never start one', () => {
    const input = frames(20, (f) => [
      face(200, 200, 60, f < 10 ? 0.9 : 0.3),
      face(800, 100, 60, 0.3),
    ]);
    const tracks = buildTracks(input, ['face'], settings);
    expect(tracks).toHaveLength(1);
    const detected = tracks[0]!.points.filter((p) => p.source === 'detected');
    expect(detected).toHaveLength(20);
  });

  it('keeps a face covered past its last sure hit for as long as weak hits (flagged weak) follow it', () => {
    const weak = (x: number): Detection => ({ ...face(x, 200, 60, 0.3), weak: true });
    // Sure for 10 frames, then only weak hits for 40 frames (longer than the gap the tracker bridges).
    const input = frames(60, (f) =>
      f < 10 ? [face(200 + 2 * f, 200, 60)] : f < 50 ? [weak(200 + 2 * f)] : [],
    );
    const [track, ...others] = buildTracks(input, ['face'], settings);
    expect(others).toHaveLength(0);
    const last = track!.points.filter((p) => p.source === 'detected').at(-1)!;
    expect(last.frameIndex).toBe(49);
    const covered = coverageByFrame([track!], 60);
    for (let f = 0; f < 50; f++) {
      expect(contains(covered[f]![0]!, face(200 + 2 * f, 200, 60).box)).toBe(true);
    }
  });

  it("takes the weak hits that chain back from a new track's first sure hit (a face followed back)", () => {
    const weak = (x: number): Detection => ({ ...face(x, 200, 60, 0.3), weak: true });
    // Frames 2–3: a weak hit elsewhere; 5–14: weak hits of a face walking right (followed back from frame
    // 15, where it is first found surely); an unrelated weak hit far away on frame 10.
    const input = frames(30, (f) => {
      if (f === 2 || f === 3) return [weak(900)];
      if (f >= 5 && f < 15) return f === 10 ? [weak(200 + 4 * f), weak(700)] : [weak(200 + 4 * f)];
      return f >= 15 ? [face(200 + 4 * f, 200, 60)] : [];
    });
    const tracks = buildTracks(input, ['face'], settings);
    expect(tracks).toHaveLength(1);
    const detected = tracks[0]!.points.filter((p) => p.source === 'detected');
    expect(detected[0]!.frameIndex).toBe(5);
    expect(detected).toHaveLength(25);
    const covered = coverageByFrame(tracks, 30);
    for (let f = 5; f < 30; f++) {
      expect(contains(covered[f]![0]!, face(200 + 4 * f, 200, 60).box)).toBe(true);
    }
    expect(covered[10]!.some((box) => box.x > 600)).toBe(false);
  });

  it('fills a miss with the weak hits that chain back from where the track is found again', () => {
    const weak = (x: number, y: number): Detection => ({ ...face(x, y, 60, 0.3), weak: true });
    // Found at (200, 200) on 0–9, missed on 10–19 while it ducks down and comes back (followed back from
    // frame 20 over 14–19 only): the image's boxes there, not a straight line from frame 9 to frame 20.
    const dip = (f: number) => 200 + 10 * Math.min(f - 9, 20 - f);
    const input = frames(30, (f) => {
      if (f < 10 || f >= 20) return [face(200, 200, 60)];
      return f >= 14 ? [weak(200, dip(f))] : [];
    });
    const [track, ...others] = associate(input, 'face', settings);
    expect(others).toHaveLength(0);
    const at = new Map(track!.points.map((p) => [p.frameIndex, p]));
    for (let f = 14; f < 20; f++) {
      expect(contains(at.get(f)!.box, weak(200, dip(f)).box)).toBe(true);
    }
    expect(at.get(14)?.box.y).toBe(250); // not on the line from frame 9's box to frame 18's
    expect(at.has(13)).toBe(false);
    expect(track!.points.map((p) => p.frameIndex)).toEqual(
      [...track!.points.map((p) => p.frameIndex)].sort((a, b) => a - b),
    );
  });

  it('claims no weak hit across a cut', () => {
    const weak: Detection = { ...face(200, 200, 60, 0.3), weak: true };
    const input = frames(20, (f) => (f < 10 ? [weak] : [face(200, 200, 60)]));
    input[10] = { ...input[10]!, cut: true };
    const [track] = associate(input, 'face', settings);
    expect(track!.points[0]!.frameIndex).toBe(10);
  });

  it('a weak hit that drifts from the track covers where the track was expected as well', () => {
    // A steady face; on frame 10 only a weak hit, shifted up by a third of the face (IoU ≈ 0.5).
    const input = frames(20, (f) => [f === 10 ? face(300, 280, 60, 0.3) : face(300, 300, 60)]);
    // `associate`: the point as matched, before smoothing (which would blur the check).
    const [track] = associate(input, 'face', settings);
    const point = track!.points.find((p) => p.frameIndex === 10)!;
    expect(contains(point.box, face(300, 280, 60).box)).toBe(true);
    expect(point.box.y + point.box.h).toBeGreaterThan(359); // still reaches the expected face's bottom (360)
  });

  it('re-finds a face that stopped during a miss where it was last seen, and bridges the miss', () => {
    // Moving right at 6 px a frame, then missed for 20 frames (the filter predicts it 120 px further on),
    // then found again standing where it was last seen.
    const input = frames(60, (f) =>
      f < 20 ? [face(100 + 6 * f, 200, 60)] : f < 40 ? [] : [face(214, 200, 60)],
    );
    const tracks = buildTracks(input, ['face'], settings);
    expect(tracks).toHaveLength(1);
    const covered = coverageByFrame(tracks, 60);
    for (let f = 0; f < 60; f++) expect(covered[f]).toHaveLength(1);
  });

  it('splits a track when the gap is longer than maxGapFrames', () => {
    const gap = settings.maxGapFrames + 5;
    const input = frames(20 + gap + 20, (f) =>
      f < 20 || f >= 20 + gap ? [face(300, 300, 60)] : [],
    );
    expect(buildTracks(input, ['face'], settings)).toHaveLength(2);
  });

  it('smoothing never shrinks a box below its detection', () => {
    const jitter = [0, 9, -7, 12, -10, 5, 0, -8, 11, -4];
    const input = frames(10, (f) => [face(300 + jitter[f]!, 300 - jitter[f]!, 60 + jitter[f]!)]);
    const tracks = buildTracks(input, ['face'], settings);
    for (const p of tracks[0]!.points) {
      const raw = input[p.frameIndex]!.detections[0]!.box;
      expect(contains(p.box, raw)).toBe(true);
    }
  });

  it('drops boxes smaller than minSide', () => {
    const input = frames(5, () => [face(10, 10, 2)]);
    expect(buildTracks(input, ['face'], settings)).toHaveLength(0);
  });
});

const point = (frameIndex: number): TrackPoint => ({
  frameIndex,
  box: videoBox(0, 0, 10, 10),
  score: 0.9,
  source: 'detected',
});

describe('shot cuts', () => {
  const settings = defaultTrackerSettings(30);
  /** A face at the same place in two shots, cut at frame 30. */
  const twoShots = (): FrameRegions[] =>
    Array.from({ length: 60 }, (_, i) => ({
      frameIndex: i,
      timestampUs: i * 33_333,
      detections: i < 25 || i >= 35 ? [face(200, 200, 80)] : [],
      ...(i === 30 ? { cut: true as const } : {}),
    }));

  it('ends every track at a cut: no face is carried, bridged or padded into the next shot', () => {
    const tracks = buildTracks(twoShots(), ['face'], settings);
    expect(tracks).toHaveLength(2);
    const [before, after] = tracks;
    expect(Math.max(...before!.points.map((p) => p.frameIndex))).toBe(29);
    expect(Math.min(...after!.points.map((p) => p.frameIndex))).toBe(30);
    expect(before!.points.some((p) => p.source === 'interpolated')).toBe(false);
  });

  it('without the cut, the same detections make one bridged track', () => {
    const frames = twoShots().map((f) => ({ ...f, cut: undefined }));
    const tracks = buildTracks(frames, ['face'], settings);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.points.filter((p) => p.source === 'interpolated')).toHaveLength(10);
  });

  it("finds a track's shot from the cuts around it", () => {
    const track = { id: 1, class: 'face' as const, points: [point(40), point(50)] };
    expect(shotOf(track, [30, 45, 70], 100)).toEqual({ first: 30, last: 69 });
    expect(shotOf(track, [], 100)).toEqual({ first: 0, last: 99 });
  });
});
