/**
 * Edits on measured tracks (detected, or followed by the visual tracker): a hand-set box carries its
 * correction to the frames around it; merging two tracks; the tracker's boxes; ellipse regions.
 */
import { describe, expect, it } from 'vitest';
import {
  addManualTrack,
  createEditDoc,
  findTrack,
  mergeManyTracks,
  mergeTracks,
  performEdit,
  pointAt,
  removeKeyframe,
  setBox,
  setTrackedBoxes,
  splitTrack,
  toTracks,
  type EditDoc,
  type EditTrack,
} from './edits.ts';
import { videoBox } from './geometry.ts';
import { createHistory, pushEdit, undo } from './history.ts';
import { coverageByFrame, type PointSource, type Track } from './tracker.ts';

const SIZE = { frameCount: 200, width: 640, height: 360 };

/** A detected face moving right 1 px a frame on [from, to]; `padded` frames at the end are guesses. */
function detected(id: number, from: number, to: number, padded = 0): Track {
  const points = [];
  for (let f = from; f <= to + padded; f++) {
    const source: PointSource = f > to ? 'padded' : 'detected';
    points.push({ frameIndex: f, box: videoBox(f, 50, 20, 20), score: 0.9, source });
  }
  return { id, class: 'face', points };
}

function track(d: EditDoc, id: number): EditTrack {
  const t = findTrack(d, id);
  if (!t) throw new Error(`no track ${id}`);
  return t;
}

const xAt = (d: EditDoc, id: number, f: number) => pointAt(track(d, id), f)?.box.x;

describe('a keyframe on a detected track', () => {
  it('between two keyframes, frames follow the correction linearly; detections outside stay', () => {
    let d = createEditDoc([detected(1, 0, 100)], SIZE);
    d = setBox(d, { trackId: 1, frameIndex: 30, box: videoBox(30, 50, 20, 20) }).doc;
    d = setBox(d, { trackId: 1, frameIndex: 50, box: videoBox(70, 50, 20, 20) }).doc;
    expect(track(d, 1).keyframes).toEqual([30, 50]);
    expect(xAt(d, 1, 50)).toBe(70);
    // The detection at 40 was at 40; the correction (+20 at 50, 0 at 30) is half applied there.
    expect(xAt(d, 1, 40)).toBeCloseTo(50);
    expect(xAt(d, 1, 30)).toBe(30);
    expect(xAt(d, 1, 51)).toBe(51);
    expect(xAt(d, 1, 29)).toBe(29);
  });

  it('with detections on both sides and no other keyframe, only the edited frame changes', () => {
    let d = createEditDoc([detected(1, 0, 100)], SIZE);
    d = setBox(d, { trackId: 1, frameIndex: 60, box: videoBox(90, 50, 20, 20) }).doc;
    expect([xAt(d, 1, 59), xAt(d, 1, 60), xAt(d, 1, 61)]).toEqual([59, 90, 61]);
  });

  it('in the guessed tail after the last detection, the correction fades from the detection on', () => {
    let d = createEditDoc([detected(1, 0, 40, 10)], SIZE);
    d = setBox(d, { trackId: 1, frameIndex: 50, box: videoBox(70, 50, 20, 20) }).doc;
    expect(xAt(d, 1, 40)).toBe(40);
    expect(xAt(d, 1, 45)).toBeCloseTo(45 + 10);
    expect(xAt(d, 1, 50)).toBe(70);
  });

  it('removing the keyframe unpins it and leaves the boxes where they are', () => {
    let d = createEditDoc([detected(1, 0, 100)], SIZE);
    d = setBox(d, { trackId: 1, frameIndex: 60, box: videoBox(90, 50, 20, 20) }).doc;
    const result = removeKeyframe(d, { trackId: 1, frameIndex: 60 });
    expect(result.history).toBe('record');
    expect(track(result.doc, 1).keyframes).toEqual([]);
    expect(xAt(result.doc, 1, 60)).toBe(90);
  });
});

describe('a drawn region followed by the visual tracker', () => {
  const drawn = () =>
    addManualTrack(createEditDoc([], SIZE), { frameIndex: 10, box: videoBox(100, 100, 40, 40) })
      .doc;
  const tracked = (from: number, to: number, step: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      frameIndex: from + i,
      box: videoBox(100 + (from + i - 10) * step, 100, 40, 40),
      score: 0.9,
    }));

  it('keeps the boxes as tracked points, never over a keyframe', () => {
    const d = setTrackedBoxes(drawn(), { trackId: 1, boxes: tracked(10, 30, 2) }).doc;
    const t = track(d, 1);
    expect(t.keyframes).toEqual([10]);
    expect(t.points).toHaveLength(21);
    expect(pointAt(t, 10)?.source).toBe('edited');
    expect(pointAt(t, 20)).toMatchObject({ source: 'tracked', box: { x: 120 } });
  });

  it('a correction fades back to the drawn keyframe and carries on to the end', () => {
    let d = setTrackedBoxes(drawn(), { trackId: 1, boxes: tracked(10, 30, 2) }).doc;
    d = setBox(d, { trackId: 1, frameIndex: 20, box: videoBox(130, 100, 40, 40) }).doc;
    expect(xAt(d, 1, 15)).toBeCloseTo(110 + 5);
    expect(xAt(d, 1, 25)).toBeCloseTo(130 + 10);
    expect(xAt(d, 1, 30)).toBeCloseTo(140 + 10);
    expect(pointAt(track(d, 1), 25)?.source).toBe('tracked');
  });

  it('a split keeps the tracked boxes on both sides', () => {
    let d = setTrackedBoxes(drawn(), { trackId: 1, boxes: tracked(10, 30, 2) }).doc;
    const result = splitTrack(d, { trackId: 1, frameIndex: 20 });
    d = result.doc;
    expect(track(d, 1).points).toHaveLength(10);
    expect(track(d, 2).points.map((p) => p.box.x)).toEqual(tracked(20, 30, 2).map((b) => b.box.x));
  });

  it('answers skip when every frame is a keyframe', () => {
    const result = setTrackedBoxes(drawn(), { trackId: 1, boxes: tracked(10, 10, 2) });
    expect(result.history).toBe('skip');
  });
});

describe('mergeManyTracks', () => {
  it('folds three tracks in the order they start, whatever the order they were selected in', () => {
    const d = createEditDoc(
      [detected(1, 40, 50), detected(2, 0, 10), detected(3, 20, 30), detected(4, 60, 70)],
      SIZE,
    );
    const result = mergeManyTracks(d, { trackIds: [1, 3, 2, 3] });
    expect(result.history).toBe('record');
    expect(result.selectTrackId).toBe(2);
    expect(result.doc.tracks.map((t) => t.id)).toEqual([2, 4]);
    const merged = track(result.doc, 2);
    expect(merged.points.map((p) => p.frameIndex)).toEqual([...Array(51).keys()]);
    // Each gap is bridged between its own neighbours: boxes move 1 px a frame on every detected frame, so
    // an interpolated box in a gap lies on the same line, not stretched to enclose a later track.
    for (const f of [15, 35]) {
      expect(pointAt(merged, f)).toMatchObject({ source: 'interpolated', box: { x: f, w: 20 } });
    }
    expect(pointAt(merged, 25)).toMatchObject({ source: 'detected', box: { x: 25, w: 20 } });
  });

  it('is one undo step that brings every track back', () => {
    const d = createEditDoc([detected(1, 0, 10), detected(2, 20, 30), detected(3, 40, 50)], SIZE);
    let history = createHistory(d);
    history = pushEdit(
      history,
      performEdit(d, { op: 'mergeManyTracks', args: { trackIds: [1, 2, 3] } }),
    );
    expect(history.present.tracks).toHaveLength(1);
    expect(undo(history).present).toEqual(d);
  });

  it('needs two existing tracks', () => {
    const d = createEditDoc([detected(1, 0, 20)], SIZE);
    expect(mergeManyTracks(d, { trackIds: [1] }).history).toBe('skip');
    expect(mergeManyTracks(d, { trackIds: [1, 1, 9] }).history).toBe('skip');
    expect(mergeManyTracks(d, { trackIds: [] }).history).toBe('skip');
  });
});

describe('mergeTracks', () => {
  it('folds one track into another and interpolates the gap between them', () => {
    const d = createEditDoc([detected(1, 0, 20), detected(2, 31, 50)], SIZE);
    const result = mergeTracks(d, { trackId: 2, otherId: 1 });
    expect(result.selectTrackId).toBe(2);
    expect(result.doc.tracks.map((t) => t.id)).toEqual([2]);
    const merged = track(result.doc, 2);
    expect(merged.points.map((p) => p.frameIndex)).toEqual([...Array(51).keys()]);
    expect(pointAt(merged, 25)).toMatchObject({ source: 'interpolated', box: { x: 25 } });
  });

  it('covers both boxes where they overlap, and stays covered unless both were kept visible', () => {
    const a = { ...detected(1, 0, 10), keepVisible: true };
    const b = {
      ...detected(2, 5, 15),
      points: detected(2, 5, 15).points.map((p) => ({
        ...p,
        box: videoBox(p.box.x + 10, 50, 20, 20),
      })),
    };
    const merged = track(
      mergeTracks(createEditDoc([a, b], SIZE), { trackId: 1, otherId: 2 }).doc,
      1,
    );
    expect(merged.keepVisible).toBe(false);
    expect(pointAt(merged, 7)?.box).toEqual(videoBox(7, 50, 30, 20));
  });

  it('two drawn regions become one manual track interpolated between their keyframes', () => {
    let d = addManualTrack(createEditDoc([], SIZE), {
      frameIndex: 10,
      box: videoBox(0, 0, 20, 20),
    }).doc;
    d = addManualTrack(d, { frameIndex: 30, box: videoBox(40, 0, 20, 20) }).doc;
    const merged = track(mergeTracks(d, { trackId: 1, otherId: 2 }).doc, 1);
    expect(merged.keyframes).toEqual([10, 30]);
    expect(pointAt(merged, 20)?.box.x).toBeCloseTo(20);
  });

  it('is a no-op for a track with itself or a missing one', () => {
    const d = createEditDoc([detected(1, 0, 20)], SIZE);
    expect(mergeTracks(d, { trackId: 1, otherId: 1 }).history).toBe('skip');
    expect(mergeTracks(d, { trackId: 1, otherId: 9 }).history).toBe('skip');
  });
});

describe('ellipse regions', () => {
  it('a drawn ellipse keeps its shape through edits, toTracks and the covered boxes', () => {
    let d = addManualTrack(createEditDoc([], SIZE), {
      frameIndex: 3,
      box: videoBox(10, 10, 40, 30),
      shape: 'ellipse',
    }).doc;
    d = performEdit(d, {
      op: 'setBox',
      args: { trackId: 1, frameIndex: 6, box: videoBox(20, 10, 40, 30) },
    }).doc;
    expect(track(d, 1).shape).toBe('ellipse');
    const tracks = toTracks(d);
    expect(tracks[0]?.shape).toBe('ellipse');
    const [covered] = coverageByFrame(tracks, 10)[4] ?? [];
    expect(covered?.shape).toBe('ellipse');
    expect(covered?.x).toBeCloseTo(10 + 10 / 3);
    expect(createEditDoc(tracks, SIZE).tracks[0]?.shape).toBe('ellipse');
  });
});
