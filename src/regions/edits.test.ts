import { describe, expect, it } from 'vitest';
import {
  addKeyframe,
  addManualTrack,
  createEditDoc,
  deleteBox,
  deleteTrack,
  findTrack,
  performEdit,
  pointAt,
  removeKeyframe,
  setBox,
  setKeepVisible,
  setTrackStyle,
  splitTrack,
  toggleKeepVisible,
  toTracks,
  type EditDoc,
  type EditResult,
  type EditTrack,
} from './edits.ts';
import { videoBox } from './geometry.ts';
import type { PointSource, Track } from './tracker.ts';
import type { RegionClass } from './types.ts';
import { coverageByFrame } from './tracker.ts';

/** A track active on frames [from, to] with a 10×10 box at x = frame. */
function track(id: number, from: number, to: number, cls: RegionClass = 'face'): Track {
  const points = [];
  for (let f = from; f <= to; f++) {
    const source: PointSource = f === from ? 'padded' : 'detected';
    points.push({ frameIndex: f, box: videoBox(f, 0, 10, 10), score: 0.9, source });
  }
  return { id, class: cls, points };
}

const SIZE = { frameCount: 100, width: 640, height: 360 };

function doc(...tracks: Track[]): EditDoc {
  return createEditDoc(tracks, SIZE);
}

function only(result: EditResult, id: number): EditTrack {
  const found = findTrack(result.doc, id);
  if (!found) throw new Error(`track ${id} missing`);
  return found;
}

const frames = (t: EditTrack) => t.points.map((p) => p.frameIndex);

describe('createEditDoc / toTracks', () => {
  it('starts with no keyframes, covered tracks and the next free id', () => {
    const d = doc(track(3, 0, 2), { ...track(7, 5, 6), keepVisible: true });
    expect(d.nextTrackId).toBe(8);
    expect(d.tracks.map((t) => [t.id, t.keepVisible, t.keyframes])).toEqual([
      [3, false, []],
      [7, true, []],
    ]);
  });
  it('a manual track handed back by toTracks gets its keyframes again', () => {
    const round = createEditDoc(toTracks(manualOver(2, 6)), SIZE);
    expect(round.tracks[0]).toEqual(manualOver(2, 6).tracks[0]);
    const moved = setBox(round, { trackId: 1, frameIndex: 4, box: videoBox(0, 0, 20, 20) });
    expect(frames(only(moved, 1))).toEqual([2, 3, 4, 5, 6]);
  });
  it('keeps keyframes a stored track brings', () => {
    const stored = { ...track(1, 0, 3), keepVisible: true, keyframes: [2, 1] };
    expect(createEditDoc([stored], SIZE).tracks[0]?.keyframes).toEqual([1, 2]);
  });
  it('hands export tracker-shaped tracks', () => {
    const edited = setBox(doc(track(1, 0, 2)), {
      trackId: 1,
      frameIndex: 1,
      box: videoBox(50, 50, 20, 20),
    });
    const [out] = toTracks(edited.doc);
    expect(out?.points.map((p) => p.source)).toEqual(['padded', 'edited', 'detected']);
    expect(out?.points[1]?.box).toEqual({ x: 50, y: 50, w: 20, h: 20 });
  });
});

describe('setBox (move / resize)', () => {
  it('creates an edited keyframe on that frame only', () => {
    const before = doc(track(1, 0, 4));
    const result = setBox(before, { trackId: 1, frameIndex: 2, box: videoBox(100, 80, 30, 40) });
    expect(result.history).toBe('record');
    const t = only(result, 1);
    expect(pointAt(t, 2)).toEqual({
      frameIndex: 2,
      box: { x: 100, y: 80, w: 30, h: 40 },
      score: 1,
      source: 'edited',
    });
    expect(t.keyframes).toEqual([2]);
    expect(pointAt(t, 1)).toEqual(pointAt(before.tracks[0]!, 1));
    expect(before.tracks[0]?.points[2]?.source).toBe('detected');
  });
  it('clips to the frame and refuses an empty box', () => {
    const d = doc(track(1, 0, 4));
    const clipped = setBox(d, { trackId: 1, frameIndex: 0, box: videoBox(630, 350, 40, 40) });
    expect(pointAt(only(clipped, 1), 0)?.box).toEqual({ x: 630, y: 350, w: 10, h: 10 });
    const outside = setBox(d, { trackId: 1, frameIndex: 0, box: videoBox(700, 0, 40, 40) });
    expect(outside).toEqual({ doc: d, history: 'skip' });
  });
  it('extending a track past its end fills the frames between', () => {
    const result = setBox(doc(track(1, 0, 2)), {
      trackId: 1,
      frameIndex: 6,
      box: videoBox(40, 0, 10, 10),
    });
    const t = only(result, 1);
    expect(frames(t)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pointAt(t, 4)).toMatchObject({ source: 'interpolated', box: { x: 21 } });
  });
  it('ignores unknown tracks and frames outside the video', () => {
    const d = doc(track(1, 0, 2));
    expect(setBox(d, { trackId: 9, frameIndex: 0, box: videoBox(0, 0, 9, 9) }).history).toBe(
      'skip',
    );
    expect(setBox(d, { trackId: 1, frameIndex: 100, box: videoBox(0, 0, 9, 9) }).doc).toBe(d);
  });
});

describe('deleteBox', () => {
  it('removes the point on that frame and nothing else', () => {
    const result = deleteBox(doc(track(1, 0, 4), track(2, 0, 4)), { trackId: 1, frameIndex: 2 });
    expect(frames(only(result, 1))).toEqual([0, 1, 3, 4]);
    expect(frames(only(result, 2))).toEqual([0, 1, 2, 3, 4]);
  });
  it('removes a track left with no points', () => {
    const result = deleteBox(doc(track(1, 3, 3)), { trackId: 1, frameIndex: 3 });
    expect(result.doc.tracks).toEqual([]);
  });
  it('is a no-op where the track is absent', () => {
    const d = doc(track(1, 3, 4));
    expect(deleteBox(d, { trackId: 1, frameIndex: 0 })).toEqual({ doc: d, history: 'skip' });
  });
  it('splits a manual track around the frame instead of leaving a gap', () => {
    const d = manualOver(0, 10);
    const result = deleteBox(d, { trackId: 1, frameIndex: 4 });
    const [left, right] = result.doc.tracks;
    expect(frames(left!)).toEqual([0, 1, 2, 3]);
    expect(frames(right!)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(left?.keyframes).toEqual([0, 3]);
    expect(right?.keyframes).toEqual([5, 10]);
    expect(pointAt(right!, 5)?.box).toEqual(pointAt(d.tracks[0]!, 5)?.box);
    expect(result.doc.nextTrackId).toBe(d.nextTrackId + 1);
  });
});

describe('deleteTrack', () => {
  it('removes the whole track', () => {
    const result = deleteTrack(doc(track(1, 0, 4), track(2, 0, 4)), { trackId: 1 });
    expect(result.doc.tracks.map((t) => t.id)).toEqual([2]);
    expect(result.history).toBe('record');
  });
});

describe("a track's own cover style", () => {
  it("is set, kept through toTracks and the coverage, and cleared back to the project's", () => {
    const d = doc(track(1, 0, 1), track(2, 0, 1));
    const solid = setTrackStyle(d, { trackId: 1, style: 'solid' });
    expect(only(solid, 1).style).toBe('solid');
    expect(only(solid, 2).style).toBeUndefined();
    const tracks = toTracks(solid.doc);
    expect(tracks.map((t) => t.style)).toEqual(['solid', undefined]);
    expect(createEditDoc(tracks, SIZE).tracks[0]?.style).toBe('solid');
    const cover = coverageByFrame(tracks, 2)[0]!;
    expect(cover.map((b) => [b.trackId, b.style])).toEqual([
      [1, 'solid'],
      [2, undefined],
    ]);
    const cleared = setTrackStyle(solid.doc, { trackId: 1, style: null });
    expect('style' in only(cleared, 1)).toBe(false);
  });
  it('is one undoable edit, and setting the same style again is none', () => {
    const d = doc(track(1, 0, 1));
    const once = performEdit(d, { op: 'setTrackStyle', args: { trackId: 1, style: 'blur' } });
    expect(once.history).not.toBe('skip');
    expect(setTrackStyle(once.doc, { trackId: 1, style: 'blur' }).history).toBe('skip');
    expect(setTrackStyle(d, { trackId: 9, style: 'blur' }).history).toBe('skip');
  });
});

describe('keep visible', () => {
  it('toggles one track', () => {
    const once = toggleKeepVisible(doc(track(1, 0, 1), track(2, 0, 1)), { trackId: 1 });
    expect(only(once, 1).keepVisible).toBe(true);
    expect(only(once, 2).keepVisible).toBe(false);
    expect(only(toggleKeepVisible(once.doc, { trackId: 1 }), 1).keepVisible).toBe(false);
  });
  it('sets a class, or every track, at once', () => {
    const d = doc(track(1, 0, 1), track(2, 0, 1, 'plate'), track(3, 0, 1));
    const faces = setKeepVisible(d, { class: 'face', keepVisible: true });
    expect(faces.doc.tracks.map((t) => t.keepVisible)).toEqual([true, false, true]);
    const all = setKeepVisible(faces.doc, { keepVisible: false });
    expect(all.doc.tracks.map((t) => t.keepVisible)).toEqual([false, false, false]);
    expect(setKeepVisible(all.doc, { keepVisible: false }).history).toBe('skip');
  });
});

describe('splitTrack', () => {
  it('partitions the points into two tracks with unique ids', () => {
    const d = doc(track(1, 0, 9), track(2, 0, 3));
    const result = splitTrack(d, { trackId: 1, frameIndex: 4 });
    const ids = result.doc.tracks.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.selectTrackId).toBe(3);
    expect(frames(only(result, 1))).toEqual([0, 1, 2, 3]);
    expect(frames(only(result, 3))).toEqual([4, 5, 6, 7, 8, 9]);
    const all = [...only(result, 1).points, ...only(result, 3).points];
    expect(all).toEqual(d.tracks[0]?.points);
  });
  it('keeps keyframes with their half and never reuses an id', () => {
    let d = doc(track(1, 0, 9));
    d = setBox(d, { trackId: 1, frameIndex: 2, box: videoBox(0, 0, 5, 5) }).doc;
    d = setBox(d, { trackId: 1, frameIndex: 7, box: videoBox(0, 0, 5, 5) }).doc;
    const split = splitTrack(d, { trackId: 1, frameIndex: 5 });
    expect(only(split, 1).keyframes).toEqual([2]);
    expect(only(split, 2).keyframes).toEqual([7]);
    const again = splitTrack(deleteTrack(split.doc, { trackId: 2 }).doc, {
      trackId: 1,
      frameIndex: 1,
    });
    expect(again.selectTrackId).toBe(3);
  });
  it('does nothing at the first frame or outside the track', () => {
    const d = doc(track(1, 2, 5));
    expect(splitTrack(d, { trackId: 1, frameIndex: 2 }).history).toBe('skip');
    expect(splitTrack(d, { trackId: 1, frameIndex: 9 }).history).toBe('skip');
  });
});

/** A manual track with keyframes at `from` (x = 0) and `to` (x = 10·(to − from)). */
function manualOver(from: number, to: number): EditDoc {
  const created = addManualTrack(createEditDoc([], SIZE), {
    frameIndex: from,
    box: videoBox(0, 0, 20, 20),
  });
  const id = created.selectTrackId!;
  return setBox(created.doc, {
    trackId: id,
    frameIndex: to,
    box: videoBox(10 * (to - from), 0, 20, 20),
  }).doc;
}

describe('manual tracks', () => {
  it('a drawn region is a new manual track with one keyframe, selected', () => {
    const result = addManualTrack(doc(track(4, 0, 1)), {
      frameIndex: 12,
      box: videoBox(5, 6, 30, 40),
    });
    expect(result.selectTrackId).toBe(5);
    expect(only(result, 5)).toEqual({
      id: 5,
      class: 'manual',
      keepVisible: false,
      keyframes: [12],
      points: [{ frameIndex: 12, box: { x: 5, y: 6, w: 30, h: 40 }, score: 1, source: 'edited' }],
    });
  });
  it('refuses a region too small to cover', () => {
    const d = doc();
    expect(addManualTrack(d, { frameIndex: 0, box: videoBox(5, 5, 1, 30) }).history).toBe('skip');
  });
  it('covers first to last keyframe, interpolated linearly between them', () => {
    const d = manualOver(2, 6);
    const t = d.tracks[0]!;
    expect(t.keyframes).toEqual([2, 6]);
    expect(frames(t)).toEqual([2, 3, 4, 5, 6]);
    expect(t.points.map((p) => p.box.x)).toEqual([0, 10, 20, 30, 40]);
    expect(t.points.map((p) => p.source)).toEqual([
      'edited',
      'interpolated',
      'interpolated',
      'interpolated',
      'edited',
    ]);
  });
  it('moving an interpolated frame adds a keyframe and re-interpolates both sides', () => {
    const d = setBox(manualOver(0, 4), { trackId: 1, frameIndex: 2, box: videoBox(0, 0, 20, 20) });
    const t = d.doc.tracks[0]!;
    expect(t.keyframes).toEqual([0, 2, 4]);
    expect(t.points.map((p) => p.box.x)).toEqual([0, 0, 0, 20, 40]);
  });
  it('K extends a track with its nearest box; Shift+K removes a keyframe', () => {
    const d = manualOver(0, 2);
    const extended = addKeyframe(d, { trackId: 1, frameIndex: 5 });
    expect(frames(only(extended, 1))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pointAt(only(extended, 1), 5)?.box.x).toBe(20);
    expect(addKeyframe(extended.doc, { trackId: 1, frameIndex: 5 }).history).toBe('skip');
    const removed = removeKeyframe(extended.doc, { trackId: 1, frameIndex: 5 });
    expect(frames(only(removed, 1))).toEqual([0, 1, 2]);
    const lone = manualOver(0, 0);
    expect(removeKeyframe(lone, { trackId: 1, frameIndex: 0 }).history).toBe('skip');
  });
  it('K pins a detected point as edited without moving it', () => {
    const d = doc(track(1, 0, 3));
    const pinned = addKeyframe(d, { trackId: 1, frameIndex: 1 });
    expect(pointAt(only(pinned, 1), 1)).toMatchObject({ source: 'edited', box: { x: 1 } });
    expect(only(pinned, 1).keyframes).toEqual([1]);
  });
  it('splitting a manual track pins the new ends so nothing moves', () => {
    const d = manualOver(0, 8);
    const split = splitTrack(d, { trackId: 1, frameIndex: 5 });
    expect(only(split, 1).keyframes).toEqual([0, 4]);
    expect(only(split, 2).keyframes).toEqual([5, 8]);
    const boxes = (r: EditDoc) => r.tracks.flatMap((t) => t.points.map((p) => p.box.x));
    expect(boxes(split.doc)).toEqual(boxes(d));
  });
});

describe('performEdit', () => {
  it('dispatches edits given as data', () => {
    const d = doc(track(1, 0, 3));
    const result = performEdit(d, { op: 'deleteBox', args: { trackId: 1, frameIndex: 0 } });
    expect(result).toEqual(deleteBox(d, { trackId: 1, frameIndex: 0 }));
    const kept = performEdit(d, { op: 'toggleKeepVisible', args: { trackId: 1 } });
    expect(kept.doc.tracks[0]?.keepVisible).toBe(true);
  });
});
