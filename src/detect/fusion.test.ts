import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import { fuseGroup, fuseViews, type FusableHit } from './fusion.ts';

const hit = (
  x: number,
  y: number,
  w: number,
  h: number,
  score: number,
  view = '1',
): FusableHit<ReturnType<typeof videoBox>> => ({
  box: videoBox(x, y, w, h),
  score,
  landmarks: [x, y, x + w, y, x + w / 2, y + h / 2, x, y + h, x + w, y + h],
  view,
});
const rule = { iou: 0.3, sure: 0.5, weak: 0.3 };

describe('fusing views', () => {
  it('averages overlapping boxes by score instead of taking their union', () => {
    const fused = fuseGroup([hit(0, 0, 20, 20, 0.9, '1'), hit(10, 0, 20, 20, 0.3, '2')]);
    expect(fused.box.x).toBeCloseTo(2.5); // (0·0.9 + 10·0.3) / 1.2
    expect(fused.box.w).toBeCloseTo(20);
    expect(fused.score).toBe(0.9);
    expect(fused.views).toBe(2);
    expect(fused.landmarks[0]).toBeCloseTo(2.5);
  });

  it('keeps one box per face and separate faces apart', () => {
    const { sure, weak } = fuseViews(
      [hit(0, 0, 20, 20, 0.9), hit(1, 1, 20, 20, 0.8, '2'), hit(100, 0, 20, 20, 0.7)],
      rule,
    );
    expect(sure.map((s) => Math.round(s.box.x))).toEqual([0, 100]);
    expect(weak).toEqual([]);
  });

  it('returns weak hits apart, and drops the ones a sure face explains', () => {
    const { sure, weak } = fuseViews(
      [hit(0, 0, 20, 20, 0.9), hit(2, 0, 20, 20, 0.4), hit(200, 0, 20, 20, 0.35)],
      rule,
    );
    expect(sure).toHaveLength(1);
    // The sure face's box is fused from sure hits only.
    expect(sure[0]!.box.x).toBe(0);
    expect(weak.map((w) => w.box.x)).toEqual([200]);
    expect(fuseViews([hit(0, 0, 20, 20, 0.2)], rule)).toEqual({ sure: [], weak: [] });
  });

  it('with votes, a face seen by two views at the vote score is sure; one view is not enough', () => {
    const votes = { ...rule, votes: { score: 0.35, views: 2 } };
    const twoViews = fuseViews([hit(0, 0, 20, 20, 0.4, '1'), hit(0, 0, 20, 20, 0.38, '1m')], votes);
    expect(twoViews.sure).toHaveLength(1);
    const oneView = fuseViews([hit(0, 0, 20, 20, 0.4, '1'), hit(1, 0, 20, 20, 0.38, '1')], votes);
    expect(oneView.sure).toHaveLength(0);
    expect(oneView.weak).toHaveLength(1);
  });
});
