import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  coverageMask,
  coveredFraction,
  coveredOutside,
  overCoverFraction,
  padBox,
  scoreClip,
  scoreImage,
  summarise,
  tracksPerFace,
} from './scoring.mjs';

describe('benchmark scoring', () => {
  it('buckets by the shorter side', () => {
    expect(bucketOf([0, 0, 12, 40])).toBe('10-16');
    expect(bucketOf([0, 0, 200, 128])).toBe('>=128');
    expect(bucketOf([0, 0, 8, 8])).toBe('<10');
  });

  it('pads about the centre', () => {
    expect(padBox([10, 10, 10, 20], 1.5)).toEqual([7.5, 5, 15, 30]);
  });

  it('measures covered fraction through the union of regions', () => {
    const mask = coverageMask(100, 100, [
      [0, 0, 50, 100],
      [50, 0, 30, 100],
    ]);
    expect(coveredFraction(mask, 100, 100, [40, 10, 40, 10])).toBe(1);
    expect(coveredFraction(mask, 100, 100, [60, 10, 40, 10])).toBeCloseTo(0.5);
  });

  it('protects a face at 80% and counts precision against labelled and ignored boxes', () => {
    const score = scoreImage({
      width: 200,
      height: 200,
      labelled: [
        [10, 10, 20, 20],
        [100, 100, 40, 40],
      ],
      ignore: [[180, 180, 8, 8]],
      predicted: [
        [10, 10, 20, 20],
        [180, 180, 8, 8],
        [60, 150, 10, 10],
      ],
      padding: 1,
    });
    expect(score.boxes.map((b) => b.protected)).toEqual([true, false]);
    expect(score.correct).toBe(2);
    const total = summarise([score]);
    expect(total.recall).toBe(0.5);
    expect(total.precision).toBeCloseTo(2 / 3);
  });

  it('counts over-cover outside labelled and ignored boxes only', () => {
    const mask = coverageMask(10, 10, [[0, 0, 4, 4]]);
    expect(coveredOutside(mask, 10, 10, [])).toBe(16);
    expect(coveredOutside(mask, 10, 10, [[0, 0, 2, 4]])).toBe(8);
    expect(coveredOutside(mask, 10, 10, [[0, 0, 4, 4]])).toBe(0);
    // Overlapping regions are counted once; the union of the boxes is excluded.
    expect(
      overCoverFraction(
        10,
        10,
        [
          [0, 0, 4, 4],
          [2, 0, 4, 4],
        ],
        [
          [0, 0, 2, 4],
          [4, 0, 2, 4],
        ],
      ),
    ).toBe(8 / 100);
    expect(overCoverFraction(10, 10, [], [[0, 0, 2, 2]])).toBe(0);
  });

  it('reports over-cover per image with padding, and pooled over images', () => {
    const a = scoreImage({
      width: 100,
      height: 100,
      labelled: [[40, 40, 10, 10]],
      ignore: [[0, 0, 10, 10]],
      predicted: [
        [40, 40, 10, 10], // padded 2× → 20×20 = 400 px, 100 of them on the labelled box
        [0, 0, 10, 10], // padded → [-5,-5,20,20], 15×15 = 225 px in the image, 100 on the ignore box
      ],
      padding: 2,
    });
    expect(a.areaPx).toBe(10_000);
    expect(a.overCoverPx).toBe(300 + 125);
    const b = scoreImage({
      width: 50,
      height: 50,
      labelled: [[10, 10, 10, 10]],
      predicted: [],
      padding: 1.3,
    });
    expect(b.overCoverPx).toBe(0);
    const total = summarise([a, b]);
    expect(total.overCover).toBeCloseTo(425 / 12_500);
    expect(total.overCoverPerImage).toBeCloseTo((425 / 10_000 + 0) / 2);
    // Scores without the new fields (older callers) leave over-cover out rather than failing.
    expect(summarise([{ boxes: [], predicted: 0, correct: 0 }]).overCover).toBeNull();
  });

  it('counts distinct tracks per face identity, crediting the region covering most of the face', () => {
    const frames = [
      {
        faces: [
          [0, 0, 10, 10],
          [50, 50, 10, 10],
        ],
        ids: ['0:0', '0:1'],
      },
      {
        faces: [
          [2, 0, 10, 10],
          [50, 50, 10, 10],
        ],
        ids: ['0:0', '0:1'],
      },
      { faces: [[4, 0, 10, 10]], ids: ['0:0'] },
      { faces: [[6, 0, 10, 10]], ids: ['0:0'] },
    ];
    const covered = [
      [[0, 0, 10, 10]],
      // Two regions over face 0:0: the one with 80% of it (track 2) wins over the one with 30%.
      [
        [4, 0, 10, 10],
        [0, 0, 5, 10],
      ],
      [[0, 0, 10, 10]], // 60% of the face: credited to track 1 again
      [[12, 0, 10, 10]], // 40%: not credited
    ];
    const trackIds = [[1], [2, 1], [1], [3]];
    const r = tracksPerFace(frames, covered, trackIds);
    // 0:0 → {1, 2}; 0:1 never covered, not counted.
    expect(r).toEqual({ tracksPerFace: 2, facesTracked: 1, faceTrackPairs: 2 });
    expect(tracksPerFace(frames, covered, undefined)).toBeNull();
    expect(tracksPerFace([{ faces: [[0, 0, 1, 1]] }], [[]], [[]])).toBeNull();
    expect(tracksPerFace(frames, [[], [], [], []], [[], [], [], []]).tracksPerFace).toBeNull();
  });

  it('scores a clip: leaks, over-cover per frame (ignore boxes excluded), tracks per face', () => {
    const truth = {
      width: 100,
      height: 100,
      frames: [
        { faces: [[10, 10, 10, 10]], ids: ['0:0'], ignore: [[90, 0, 10, 10]] },
        { faces: [[12, 10, 10, 10]], ids: ['0:0'], ignore: [] },
        { faces: [], ids: [], ignore: [] },
      ],
    };
    const covered = [
      [
        [10, 10, 10, 10],
        [90, 0, 10, 10], // on the ignore box: not over-cover
      ],
      [[30, 10, 10, 10]], // misses the face: a leak, 100 px outside
      [[0, 0, 20, 10]], // nothing to cover: 200 px outside
    ];
    const score = scoreClip({ truth, covered, padding: 1, trackIds: [[7, 8], [9], [9]] });
    expect(score).toMatchObject({ faceFrames: 2, leaks: 1, leakRate: 0.5, leakedFrames: [1] });
    expect(score.overCover).toBeCloseTo((0 + 0.01 + 0.02) / 3);
    expect(score.overCoverMax).toBeCloseTo(0.02);
    expect(score.tracksPerFace).toBe(1);
    expect(score.facesTracked).toBe(1);
    // Without track ids (today's app) or without face ids (a hand-made truth file): null.
    expect(scoreClip({ truth, covered, padding: 1 }).tracksPerFace).toBeNull();
    const plain = { ...truth, frames: truth.frames.map(({ faces }) => ({ faces })) };
    expect(
      scoreClip({ truth: plain, covered, padding: 1, trackIds: [[7, 8], [9], [9]] }),
    ).toMatchObject({
      tracksPerFace: null,
      facesTracked: null,
      overCover: score.overCover + 0.01 / 3,
    });
  });
});
