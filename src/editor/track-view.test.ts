import { describe, expect, it } from 'vitest';
import { createEditDoc, setBox } from '../regions/edits.ts';
import { videoBox } from '../regions/geometry.ts';
import type { PointSource, Track } from '../regions/tracker.ts';
import {
  coveredBoxesOnFrame,
  nextReviewItem,
  regionsOnFrame,
  reviewItems,
  thumbnailPoint,
  trackSegments,
} from './track-view.ts';

type Spec = [frameIndex: number, source: PointSource, score?: number];

function track(id: number, specs: Spec[], keepVisible = false): Track {
  const points = specs.map(([frameIndex, source, score = 0.9]) => ({
    frameIndex,
    box: videoBox(id * 10, 0, 8, 8),
    score,
    source,
  }));
  return { id, class: 'face', points, keepVisible };
}

const SIZE = { frameCount: 20, width: 100, height: 100 };

describe('track views', () => {
  const a = track(1, [
    [0, 'padded'],
    [1, 'detected'],
    [2, 'detected', 0.3],
    [3, 'interpolated'],
    [4, 'interpolated'],
    [5, 'detected'],
  ]);
  const b = track(
    2,
    [
      [3, 'detected'],
      [4, 'detected'],
      [9, 'interpolated'],
    ],
    true,
  );
  const doc = createEditDoc([a, b], SIZE);

  it('lists the regions on a frame and covers only tracks not kept visible', () => {
    expect(regionsOnFrame(doc, 3).map((r) => r.track.id)).toEqual([1, 2]);
    expect(coveredBoxesOnFrame(doc, 3)).toEqual([videoBox(10, 0, 8, 8)]);
    expect(coveredBoxesOnFrame(doc, 7)).toEqual([]);
  });

  it('draws a lane as runs of one kind', () => {
    expect(trackSegments(doc.tracks[0]!)).toEqual([
      { start: 0, end: 0, kind: 'guessed' },
      { start: 1, end: 1, kind: 'detected' },
      { start: 2, end: 2, kind: 'low' },
      { start: 3, end: 4, kind: 'guessed' },
      { start: 5, end: 5, kind: 'detected' },
    ]);
    expect(trackSegments(doc.tracks[1]!).map((s) => [s.start, s.end])).toEqual([
      [3, 4],
      [9, 9],
    ]);
  });

  it('review items start each run of guessed or low-score frames, skipping kept-visible tracks', () => {
    expect(reviewItems(doc).map((i) => i.frameIndex)).toEqual([0, 2]);
    expect(nextReviewItem(doc, 0)).toEqual({ frameIndex: 2, trackId: 1 });
    expect(nextReviewItem(doc, 2)).toEqual({ frameIndex: 0, trackId: 1 });
  });

  it('a box set by hand needs no more review', () => {
    let edited = doc;
    for (const f of [0, 2, 3, 4]) {
      edited = setBox(edited, { trackId: 1, frameIndex: f, box: videoBox(1, 1, 9, 9) }).doc;
    }
    expect(nextReviewItem(edited, 0)).toBeUndefined();
  });
});

describe('thumbnailPoint', () => {
  it('picks the most confident detection, the larger box on a tie', () => {
    const t = createEditDoc(
      [
        {
          id: 1,
          class: 'face',
          points: [
            { frameIndex: 0, box: videoBox(0, 0, 8, 8), score: 0.7, source: 'detected' },
            { frameIndex: 1, box: videoBox(0, 0, 8, 8), score: 0.95, source: 'detected' },
            { frameIndex: 2, box: videoBox(0, 0, 12, 12), score: 0.95, source: 'detected' },
            { frameIndex: 3, box: videoBox(0, 0, 40, 40), score: 0.99, source: 'interpolated' },
          ],
        },
      ],
      SIZE,
    ).tracks[0]!;
    expect(thumbnailPoint(t)?.frameIndex).toBe(2);
  });
  it('shows a drawn region by its first hand-set box', () => {
    const d = createEditDoc(
      [
        track(1, [
          [4, 'interpolated'],
          [5, 'edited'],
        ]),
      ],
      SIZE,
    );
    expect(thumbnailPoint(d.tracks[0]!)?.frameIndex).toBe(5);
  });
});

describe('coveredBoxesOnFrame', () => {
  it("carries an ellipse track's shape to the mosaic preview", () => {
    const d = createEditDoc([{ ...track(1, [[0, 'detected']]), shape: 'ellipse' }], SIZE);
    expect(coveredBoxesOnFrame(d, 0)).toEqual([{ ...videoBox(10, 0, 8, 8), shape: 'ellipse' }]);
  });
});
