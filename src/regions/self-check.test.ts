import { describe, expect, it } from 'vitest';
import { videoBox } from './geometry.ts';
import { coveredShare, uncoveredFindings } from './self-check.ts';

const face = (x: number, y: number, s: number) => ({
  box: videoBox(x, y, s, s),
  score: 0.9,
  class: 'face' as const,
});

describe('self-check', () => {
  it('measures how much of a box the padded covered regions hold', () => {
    expect(coveredShare(videoBox(10, 10, 10, 10), [videoBox(10, 10, 10, 10)], 1)).toBe(1);
    expect(coveredShare(videoBox(10, 10, 10, 10), [videoBox(15, 10, 10, 10)], 1)).toBeCloseTo(0.5);
    expect(coveredShare(videoBox(10, 10, 10, 10), [], 1.3)).toBe(0);
  });

  it('lists only detections that export left (mostly) uncovered, with their frame', () => {
    const checked = [
      { frameIndex: 0, timestampUs: 0, detections: [face(100, 100, 40)] },
      { frameIndex: 3, timestampUs: 100_000, detections: [face(100, 100, 40), face(400, 50, 30)] },
    ];
    const covered = [
      { frameIndex: 0, timestampUs: 0, boxes: [videoBox(100, 100, 40, 40)] },
      { frameIndex: 3, timestampUs: 100_000, boxes: [videoBox(105, 105, 35, 35)] },
    ];
    const findings = uncoveredFindings(checked, covered, 1.3);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.frameIndex).toBe(3);
    expect(findings[0]!.detection.box.x).toBe(400);
  });
});
