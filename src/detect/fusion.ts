/**
 * One frame's hits from several views → one box per face. Hits are grouped as NMS groups them (by IoU with
 * the group's best hit); each group's box is the score-weighted mean of its hits (weighted box fusion), so
 * it stays the size of the face instead of growing to the union of every view's box. Pure.
 */
import { iou, type Rect } from '../regions/geometry.ts';
import type { Landmarks } from './yunet.ts';

/** A hit from one view (`view` names it, for votes). */
export type FusableHit<Box extends Rect> = {
  box: Box;
  score: number;
  landmarks: Landmarks;
  view: string;
};
export type FusedHit<Box extends Rect> = {
  box: Box;
  score: number;
  landmarks: Landmarks;
  /** How many distinct views found this face. */
  views: number;
};

export type FusionRule = {
  iou: number;
  /** A face is sure at this score in any view… */
  sure: number;
  /** …or when `votes.views` views each see it at `votes.score` or more (thorough mode's mirrored views). */
  votes?: { score: number; views: number };
  /** Hits from here up to `sure` that no sure face explains are returned as weak (for the tracker). */
  weak: number;
};

type Group<Box extends Rect> = { best: FusableHit<Box>; members: FusableHit<Box>[] };

function groupHits<Box extends Rect>(
  hits: readonly FusableHit<Box>[],
  minIou: number,
): Group<Box>[] {
  const groups: Group<Box>[] = [];
  for (const hit of [...hits].sort((a, b) => b.score - a.score)) {
    const group = groups.find((g) => iou(g.best.box, hit.box) > minIou);
    if (group) group.members.push(hit);
    else groups.push({ best: hit, members: [hit] });
  }
  return groups;
}

function weightedMean(
  values: readonly (readonly number[])[],
  weights: readonly number[],
): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return values[0]!.map(
    (_, i) => values.reduce((sum, v, j) => sum + v[i]! * weights[j]!, 0) / total,
  );
}

/** Weighted box fusion of one group's hits: box and landmarks averaged by score. */
export function fuseGroup<Box extends Rect>(members: readonly FusableHit<Box>[]): FusedHit<Box> {
  const weights = members.map((m) => m.score);
  const [x, y, w, h] = weightedMean(
    members.map(({ box }) => [box.x, box.y, box.w, box.h]),
    weights,
  );
  const withLandmarks = members.filter((m) => m.landmarks.length > 0);
  const landmarks = withLandmarks.length
    ? weightedMean(
        withLandmarks.map((m) => m.landmarks),
        withLandmarks.map((m) => m.score),
      )
    : [];
  return {
    box: { ...members[0]!.box, x: x!, y: y!, w: w!, h: h! },
    score: Math.max(...weights),
    landmarks,
    views: new Set(members.map((m) => m.view)).size,
  };
}

function votedViews<Box extends Rect>(members: readonly FusableHit<Box>[], score: number): number {
  return new Set(members.filter((m) => m.score >= score).map((m) => m.view)).size;
}

/**
 * Splits and fuses one frame's hits into sure faces and weak ones. A sure face's box fuses only the hits
 * that made it sure (at the vote score or above); a weak group overlapping a sure face is dropped.
 */
export function fuseViews<Box extends Rect>(
  hits: readonly FusableHit<Box>[],
  rule: FusionRule,
): { sure: FusedHit<Box>[]; weak: FusedHit<Box>[] } {
  const confident = Math.min(rule.sure, rule.votes?.score ?? rule.sure);
  const sure: FusedHit<Box>[] = [];
  for (const group of groupHits(
    hits.filter((h) => h.score >= confident),
    rule.iou,
  )) {
    const voted = rule.votes && votedViews(group.members, rule.votes.score) >= rule.votes.views;
    if (group.best.score >= rule.sure || voted) sure.push(fuseGroup(group.members));
  }
  const unsure = hits.filter((h) => h.score >= rule.weak && h.score < rule.sure);
  const weak = groupHits(unsure, rule.iou)
    .map((g) => fuseGroup(g.members))
    .filter((w) => sure.every((s) => iou(s.box, w.box) <= rule.iou));
  return { sure, weak };
}
