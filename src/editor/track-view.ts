/**
 * Read-only views of the edit document for the screen: what is on a frame, what the mosaic preview covers,
 * how a track's timeline lane is drawn and where the next item to review is.
 */
import { pointAt, type EditDoc, type EditPoint, type EditTrack } from '../regions/edits.ts';
import { ownCover, type CoverBox } from '../regions/types.ts';

/** Detections below this score are worth a second look. */
export const LOW_SCORE = 0.6;

export type FrameRegion = { track: EditTrack; point: EditPoint };

export function regionsOnFrame(doc: EditDoc, frameIndex: number): FrameRegion[] {
  return doc.tracks.flatMap((track) => {
    const point = pointAt(track, frameIndex);
    return point ? [{ track, point }] : [];
  });
}

/** What export covers on this frame (unpadded): every region whose track is not kept visible. */
export function coveredBoxesOnFrame(doc: EditDoc, frameIndex: number): CoverBox[] {
  return regionsOnFrame(doc, frameIndex)
    .filter((r) => !r.track.keepVisible)
    .map((r) => ({ ...r.point.box, ...ownCover(r.track) }));
}

export function trackSpan(track: EditTrack): { first: number; last: number } {
  return {
    first: track.points[0]?.frameIndex ?? 0,
    last: track.points[track.points.length - 1]?.frameIndex ?? 0,
  };
}

/** 'guessed' = active but not detected (interpolated or padded): the timeline marks those. */
export type PointKind = 'detected' | 'low' | 'guessed' | 'edited';

export function pointKind(point: EditPoint): PointKind {
  if (point.source === 'edited') return 'edited';
  if (point.source !== 'detected') return 'guessed';
  return point.score < LOW_SCORE ? 'low' : 'detected';
}

/** A run of consecutive frames of one kind, both ends inclusive. */
export type Segment = { start: number; end: number; kind: PointKind };

export function trackSegments(track: EditTrack): Segment[] {
  const segments: Segment[] = [];
  for (const point of track.points) {
    const kind = pointKind(point);
    const last = segments[segments.length - 1];
    if (last && last.kind === kind && last.end === point.frameIndex - 1) {
      last.end = point.frameIndex;
    } else {
      segments.push({ start: point.frameIndex, end: point.frameIndex, kind });
    }
  }
  return segments;
}

export type ReviewItem = { frameIndex: number; trackId: number };

function needsReview(track: EditTrack, point: EditPoint): boolean {
  if (track.keepVisible || track.class === 'manual') return false;
  const kind = pointKind(point);
  return kind === 'guessed' || kind === 'low';
}

/** Where each run of frames that need a look begins, in frame order. */
export function reviewItems(doc: EditDoc): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const track of doc.tracks) {
    let previous = -2;
    for (const point of track.points) {
      if (!needsReview(track, point)) continue;
      if (point.frameIndex !== previous + 1) {
        items.push({ frameIndex: point.frameIndex, trackId: track.id });
      }
      previous = point.frameIndex;
    }
  }
  return items.sort((a, b) => a.frameIndex - b.frameIndex || a.trackId - b.trackId);
}

/** The first item after `frameIndex`, wrapping round to the start; undefined when nothing needs a look. */
export function nextReviewItem(doc: EditDoc, frameIndex: number): ReviewItem | undefined {
  const items = reviewItems(doc);
  return items.find((item) => item.frameIndex > frameIndex) ?? items[0];
}

/**
 * The point to show a track by: its most confident detection (the larger box on a tie), else its first
 * hand-set box, else its first box.
 */
export function thumbnailPoint(track: EditTrack): EditPoint | undefined {
  let best: EditPoint | undefined;
  for (const p of track.points) {
    if (p.source !== 'detected') continue;
    const better =
      !best ||
      p.score > best.score ||
      (p.score === best.score && p.box.w * p.box.h > best.box.w * best.box.h);
    if (better) best = p;
  }
  return best ?? track.points.find((p) => p.source === 'edited') ?? track.points[0];
}
