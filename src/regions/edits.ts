/**
 * The review editor's document and every change a person can make to it, as pure operations
 * `(doc, args) => { doc, history }` (excalidraw's perform → captureUpdate). Undo (history.ts) and, later,
 * persistence subscribe to the results; an op that changes nothing answers `history: 'skip'` with the same doc.
 *
 * Rules: a box set by hand is an 'edited' point and its frame a keyframe. A manual track's points are derived
 * from its keyframes: one per frame from the first keyframe to the last, linearly interpolated between them
 * — until the visual tracker adds 'tracked' points. On a measured track (detected or tracked) a box set by
 * hand carries its correction to the frames around it, fading out at the neighbouring keyframes or
 * detections (corrections.ts). "Delete the box on this frame" always uncovers exactly that frame.
 */
import { boxDelta, carryCorrection } from './corrections.ts';
import { clipBox, videoBox, type Rect, type VideoBox } from './geometry.ts';
import {
  ownCover,
  type CoverStyle,
  type RegionClass,
  type RegionShape,
  type Track,
  type TrackPoint,
} from './types.ts';

/** A box of a track on one frame (types.ts TrackPoint; 'edited': set by a person). */
export type EditPoint = TrackPoint;
/** A track as the editor sees it: the app's Track with `keepVisible` and `keyframes` always set. */
export type EditTrack = Track & { keepVisible: boolean; keyframes: number[] };
export type EditDoc = {
  frameCount: number;
  /** Display size of the video; boxes are clipped to it. */
  width: number;
  height: number;
  tracks: EditTrack[];
  /** Ids are never reused, even after a delete. */
  nextTrackId: number;
};
export type EditResult = {
  doc: EditDoc;
  history: 'record' | 'skip';
  /** The track the editor should select afterwards (a new or split-off track). */
  selectTrackId?: number;
};

export type TrackFrame = { trackId: number; frameIndex: number };
export type SetBoxArgs = TrackFrame & { box: Rect };
export type NewRegionArgs = { frameIndex: number; box: Rect; shape?: RegionShape };
export type MergeArgs = { trackId: number; otherId: number };
/** Tracks selected together (any order, duplicates ignored). */
export type MergeManyArgs = { trackIds: number[] };
/** Boxes the visual tracker found for a track, one per frame. */
export type TrackedArgs = {
  trackId: number;
  boxes: { frameIndex: number; box: Rect; score: number }[];
};
export type KeepVisibleArgs = { class?: RegionClass; keepVisible: boolean };

const MIN_SIDE = 2;
const HAND_SCORE = 1;

/** A manual track whose points all come from its keyframes (no tracked points): it re-interpolates. */
function fromKeyframes(track: { class: RegionClass; points: readonly EditPoint[] }): boolean {
  return track.class === 'manual' && !track.points.some((p) => p.source === 'tracked');
}

/** A manual track that lost its keyframes (via `toTracks`) gets them back: every point not interpolated. */
function editTrack(t: Track): EditTrack {
  const points = [...t.points].sort((a, b) => a.frameIndex - b.frameIndex);
  const track = { id: t.id, class: t.class, keepVisible: !!t.keepVisible, points, ...ownCover(t) };
  if (t.keyframes) return { ...track, keyframes: [...t.keyframes].sort((a, b) => a - b) };
  if (!fromKeyframes(t)) return { ...track, keyframes: [] };
  const keys = points.filter((p) => p.source !== 'interpolated');
  return manualTrack({ ...track, keyframes: [] }, keys);
}

export function createEditDoc(
  tracks: readonly Track[],
  size: { frameCount: number; width: number; height: number },
): EditDoc {
  const nextTrackId = Math.max(0, ...tracks.map((t) => t.id)) + 1;
  return { ...size, tracks: tracks.map(editTrack), nextTrackId };
}

/** The tracks export (and the job result) expect; hand-set points stay 'edited'. */
export function toTracks(doc: EditDoc): Track[] {
  return doc.tracks.map((t) => ({
    id: t.id,
    class: t.class,
    keepVisible: t.keepVisible,
    points: t.points,
    ...ownCover(t),
  }));
}

export function findTrack(doc: EditDoc, trackId: number): EditTrack | undefined {
  return doc.tracks.find((t) => t.id === trackId);
}

/** Binary search: points are kept in frame order, and the editor asks this for every track on every frame. */
export function pointAt(track: EditTrack, frameIndex: number): EditPoint | undefined {
  let low = 0;
  let high = track.points.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const point = track.points[mid];
    if (!point) return undefined;
    if (point.frameIndex === frameIndex) return point;
    if (point.frameIndex < frameIndex) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

function unchanged(doc: EditDoc): EditResult {
  return { doc, history: 'skip' };
}

function replaceTrack(doc: EditDoc, id: number, next: readonly EditTrack[]): EditDoc {
  const tracks = doc.tracks.flatMap((t) => (t.id === id ? next : [t]));
  return { ...doc, tracks };
}

function record(doc: EditDoc, selectTrackId?: number): EditResult {
  return { doc, history: 'record', selectTrackId };
}

function clipped(doc: EditDoc, box: Rect): VideoBox | undefined {
  const c = clipBox(box, doc.width, doc.height);
  if (c.w < MIN_SIDE || c.h < MIN_SIDE) return undefined;
  return videoBox(c.x, c.y, c.w, c.h);
}

function lerpBox(a: Rect, b: Rect, t: number): VideoBox {
  const mix = (p: number, q: number) => p + (q - p) * t;
  return videoBox(mix(a.x, b.x), mix(a.y, b.y), mix(a.w, b.w), mix(a.h, b.h));
}

/** Points strictly between `a` and `b`, interpolated. */
function between(a: EditPoint, b: EditPoint): EditPoint[] {
  const out: EditPoint[] = [];
  const gap = b.frameIndex - a.frameIndex;
  for (let f = a.frameIndex + 1; f < b.frameIndex; f++) {
    const box = lerpBox(a.box, b.box, (f - a.frameIndex) / gap);
    out.push({ frameIndex: f, box, score: Math.min(a.score, b.score), source: 'interpolated' });
  }
  return out;
}

/** A manual track's points from its keyframe points (ascending): every frame from first to last. */
export function interpolateKeyframes(keys: readonly EditPoint[]): EditPoint[] {
  return keys.flatMap((key, i) => {
    const next = keys[i + 1];
    return next ? [key, ...between(key, next)] : [key];
  });
}

function byFrame(points: readonly EditPoint[]): EditPoint[] {
  return [...points].sort((a, b) => a.frameIndex - b.frameIndex);
}

function keyPoints(track: EditTrack): EditPoint[] {
  return track.points.filter((p) => track.keyframes.includes(p.frameIndex));
}

function manualTrack(track: EditTrack, keys: readonly EditPoint[]): EditTrack {
  const sorted = byFrame(keys).map((p) => ({ ...p, source: 'edited' as const }));
  const keyframes = sorted.map((p) => p.frameIndex);
  return { ...track, keyframes, points: interpolateKeyframes(sorted) };
}

/** A detected track with one hand-set point; extending past either end fills the frames between. */
function withPoint(track: EditTrack, point: EditPoint): EditTrack {
  const others = track.points.filter((p) => p.frameIndex !== point.frameIndex);
  const first = others[0];
  const last = others[others.length - 1];
  const fill = [
    ...(last && point.frameIndex > last.frameIndex ? between(last, point) : []),
    ...(first && point.frameIndex < first.frameIndex ? between(point, first) : []),
  ];
  const keyframes = [...new Set([...track.keyframes, point.frameIndex])].sort((a, b) => a - b);
  return { ...track, keyframes, points: byFrame([...others, ...fill, point]) };
}

/** Move or resize a track's box on one frame (or add it there): the point becomes a keyframe. */
export function setBox(doc: EditDoc, { trackId, frameIndex, box }: SetBoxArgs): EditResult {
  const track = findTrack(doc, trackId);
  const clippedBox = clipped(doc, box);
  if (!track || !clippedBox || frameIndex < 0 || frameIndex >= doc.frameCount) {
    return unchanged(doc);
  }
  const point: EditPoint = { frameIndex, box: clippedBox, score: HAND_SCORE, source: 'edited' };
  const next = fromKeyframes(track)
    ? manualTrack(track, [...keyPoints(track).filter((p) => p.frameIndex !== frameIndex), point])
    : withPoint(corrected(doc, track, point), point);
  return record(replaceTrack(doc, trackId, [next]));
}

/** A measured track with the change at `point`'s frame carried to the frames around it. */
function corrected(doc: EditDoc, track: EditTrack, point: EditPoint): EditTrack {
  const old = pointAt(track, point.frameIndex);
  if (!old) return track;
  const moved = carryCorrection(
    track.points,
    track.keyframes,
    point.frameIndex,
    boxDelta(old.box, point.box),
  );
  const points = track.points.map((p) => {
    const box = moved.get(p.frameIndex);
    return box ? { ...p, box: clipped(doc, box) ?? p.box } : p;
  });
  return { ...track, points };
}

function nearestPoint(track: EditTrack, frameIndex: number): EditPoint | undefined {
  let best: EditPoint | undefined;
  for (const p of track.points) {
    const d = Math.abs(p.frameIndex - frameIndex);
    if (!best || d < Math.abs(best.frameIndex - frameIndex)) best = p;
  }
  return best;
}

/** Pins the track's box on this frame as a keyframe; where the track is absent, its nearest box extends it. */
export function addKeyframe(doc: EditDoc, { trackId, frameIndex }: TrackFrame): EditResult {
  const track = findTrack(doc, trackId);
  if (!track || track.keyframes.includes(frameIndex)) return unchanged(doc);
  const source = pointAt(track, frameIndex) ?? nearestPoint(track, frameIndex);
  if (!source) return unchanged(doc);
  return setBox(doc, { trackId, frameIndex, box: source.box });
}

/**
 * Forgets one keyframe. A manual track re-interpolates the frames around it (and never loses its last
 * keyframe); on a measured track the box stays where it is, no longer pinned.
 */
export function removeKeyframe(doc: EditDoc, { trackId, frameIndex }: TrackFrame): EditResult {
  const track = findTrack(doc, trackId);
  if (!track || !track.keyframes.includes(frameIndex)) return unchanged(doc);
  if (!fromKeyframes(track)) {
    const keyframes = track.keyframes.filter((f) => f !== frameIndex);
    return record(replaceTrack(doc, trackId, [{ ...track, keyframes }]));
  }
  const keys = keyPoints(track).filter((p) => p.frameIndex !== frameIndex);
  if (keys.length === 0) return unchanged(doc);
  return record(replaceTrack(doc, trackId, [manualTrack(track, keys)]));
}

/** The part of a track made of `points`; a manual part keeps its ends as keyframes so it stays put. */
function part(track: EditTrack, id: number, points: EditPoint[]): EditTrack {
  const frames = new Set(points.map((p) => p.frameIndex));
  const keyframes = track.keyframes.filter((f) => frames.has(f));
  const piece = { ...track, id, keyframes, points };
  if (!fromKeyframes(track)) return piece;
  const keys = new Map(keyPoints(piece).map((p) => [p.frameIndex, p]));
  for (const end of [points[0], points[points.length - 1]]) {
    if (end && !keys.has(end.frameIndex)) keys.set(end.frameIndex, end);
  }
  return manualTrack(piece, [...keys.values()]);
}

/** Uncovers this frame for this track only. A track left without points is removed. */
export function deleteBox(doc: EditDoc, { trackId, frameIndex }: TrackFrame): EditResult {
  const track = findTrack(doc, trackId);
  if (!track || !pointAt(track, frameIndex)) return unchanged(doc);
  const before = track.points.filter((p) => p.frameIndex < frameIndex);
  const after = track.points.filter((p) => p.frameIndex > frameIndex);
  if (!fromKeyframes(track) || before.length === 0 || after.length === 0) {
    const rest = part(track, track.id, [...before, ...after]);
    return record(replaceTrack(doc, trackId, rest.points.length > 0 ? [rest] : []));
  }
  // Between a manual track's keyframes a gap would be interpolated over again: split around it instead.
  const id = doc.nextTrackId;
  const pieces = [part(track, track.id, before), part(track, id, after)];
  return record({ ...replaceTrack(doc, trackId, pieces), nextTrackId: id + 1 });
}

export function deleteTrack(doc: EditDoc, { trackId }: { trackId: number }): EditResult {
  if (!findTrack(doc, trackId)) return unchanged(doc);
  return record({ ...doc, tracks: doc.tracks.filter((t) => t.id !== trackId) });
}

export function toggleKeepVisible(doc: EditDoc, { trackId }: { trackId: number }): EditResult {
  const track = findTrack(doc, trackId);
  if (!track) return unchanged(doc);
  return record(replaceTrack(doc, trackId, [{ ...track, keepVisible: !track.keepVisible }]));
}

export type TrackStyleArgs = { trackId: number; style: CoverStyle | null };

/** A track's own cover style (an exception to the project's); `null`: as the project again. */
export function setTrackStyle(doc: EditDoc, { trackId, style }: TrackStyleArgs): EditResult {
  const track = findTrack(doc, trackId);
  if (!track || (track.style ?? null) === style) return unchanged(doc);
  const next: EditTrack = { ...track, style: style ?? undefined };
  if (!style) delete next.style;
  return record(replaceTrack(doc, trackId, [next]));
}

/** Bulk "keep visible" / "cover": every track of `class`, or every track when no class is given. */
export function setKeepVisible(doc: EditDoc, args: KeepVisibleArgs): EditResult {
  const hit = (t: EditTrack) =>
    (args.class === undefined || t.class === args.class) && t.keepVisible !== args.keepVisible;
  if (!doc.tracks.some(hit)) return unchanged(doc);
  const tracks = doc.tracks.map((t) => (hit(t) ? { ...t, keepVisible: args.keepVisible } : t));
  return record({ ...doc, tracks });
}

/** Two tracks: frames before `frameIndex` keep the id, the rest get a new one (and are selected). */
export function splitTrack(doc: EditDoc, { trackId, frameIndex }: TrackFrame): EditResult {
  const track = findTrack(doc, trackId);
  if (!track) return unchanged(doc);
  const before = track.points.filter((p) => p.frameIndex < frameIndex);
  const after = track.points.filter((p) => p.frameIndex >= frameIndex);
  if (before.length === 0 || after.length === 0) return unchanged(doc);
  const id = doc.nextTrackId;
  const pieces = [part(track, track.id, before), part(track, id, after)];
  return record({ ...replaceTrack(doc, trackId, pieces), nextTrackId: id + 1 }, id);
}

/** A hand-drawn region: a new 'manual' track with one keyframe (selected). */
export function addManualTrack(
  doc: EditDoc,
  { frameIndex, box, shape }: NewRegionArgs,
): EditResult {
  const clippedBox = clipped(doc, box);
  if (!clippedBox || frameIndex < 0 || frameIndex >= doc.frameCount) return unchanged(doc);
  const id = doc.nextTrackId;
  const point: EditPoint = { frameIndex, box: clippedBox, score: HAND_SCORE, source: 'edited' };
  const track: EditTrack = {
    id,
    class: 'manual',
    keepVisible: false,
    keyframes: [frameIndex],
    points: [point],
    ...ownCover({ shape }),
  };
  return record({ ...doc, tracks: [...doc.tracks, track], nextTrackId: id + 1 }, id);
}

function enclosing(a: Rect, b: Rect): VideoBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return videoBox(x, y, Math.max(a.x + a.w, b.x + b.w) - x, Math.max(a.y + a.h, b.y + b.h) - y);
}

/** Both tracks' points; on a frame both cover, one box enclosing both (merging never uncovers). */
function unitePoints(a: EditTrack, b: EditTrack): EditPoint[] {
  const byFrameIndex = new Map(a.points.map((p) => [p.frameIndex, p]));
  for (const p of b.points) {
    const mine = byFrameIndex.get(p.frameIndex);
    if (!mine) byFrameIndex.set(p.frameIndex, p);
    else byFrameIndex.set(p.frameIndex, { ...mine, box: enclosing(mine.box, p.box) });
  }
  return byFrame([...byFrameIndex.values()]);
}

/** The frames between two tracks that do not overlap, interpolated (the usual reason to merge). */
function bridge(a: EditTrack, b: EditTrack): EditPoint[] {
  const [first, second] =
    (a.points[0]?.frameIndex ?? 0) <= (b.points[0]?.frameIndex ?? 0) ? [a, b] : [b, a];
  const end = first.points[first.points.length - 1];
  const start = second.points[0];
  return end && start && end.frameIndex < start.frameIndex ? between(end, start) : [];
}

/**
 * One track from two (M): `otherId` is folded into `trackId`, the gap between them interpolated. The
 * result is covered unless both were kept visible, and is an ellipse only if both were.
 */
export function mergeTracks(doc: EditDoc, { trackId, otherId }: MergeArgs): EditResult {
  const a = findTrack(doc, trackId);
  const b = findTrack(doc, otherId);
  if (!a || !b || a.id === b.id) return unchanged(doc);
  const cls = a.class === 'manual' ? b.class : a.class;
  const keyframes = [...new Set([...a.keyframes, ...b.keyframes])].sort((x, y) => x - y);
  const points = byFrame([...unitePoints(a, b), ...bridge(a, b)]);
  // An ellipse or a style of its own only when both had it.
  const shape = a.shape === 'ellipse' && b.shape === 'ellipse' ? a.shape : undefined;
  const style = a.style === b.style ? a.style : undefined;
  const keepVisible = a.keepVisible && b.keepVisible;
  const merged: EditTrack = { id: a.id, class: cls, keepVisible, keyframes, points };
  const next = {
    ...(fromKeyframes(merged) ? manualTrack(merged, keyPoints(merged)) : merged),
    ...ownCover({ shape, style }),
  };
  const tracks = doc.tracks.filter((t) => t.id !== b.id).map((t) => (t.id === a.id ? next : t));
  return record({ ...doc, tracks }, a.id);
}

function firstFrame(track: EditTrack): number {
  return track.points[0]?.frameIndex ?? Number.POSITIVE_INFINITY;
}

/**
 * One track from two or more (the selected tracks, M): folded in the order they start, so each gap between
 * them is interpolated from the end of one to the start of the next; the result keeps the id of the one
 * that starts first. Fewer than two existing tracks: nothing changes. One edit, so one undo step.
 */
export function mergeManyTracks(doc: EditDoc, { trackIds }: MergeManyArgs): EditResult {
  const tracks = [...new Set(trackIds)]
    .map((id) => findTrack(doc, id))
    .filter((t): t is EditTrack => t !== undefined)
    .sort((a, b) => firstFrame(a) - firstFrame(b) || a.id - b.id);
  const [first, ...rest] = tracks;
  if (!first || rest.length === 0) return unchanged(doc);
  let merged = doc;
  for (const other of rest) {
    merged = mergeTracks(merged, { trackId: first.id, otherId: other.id }).doc;
  }
  return record(merged, first.id);
}

/**
 * The visual tracker's boxes become the track's boxes on those frames, marked 'tracked' (not keyframes,
 * so the person can still correct them). A keyframe is never overwritten.
 */
export function setTrackedBoxes(doc: EditDoc, { trackId, boxes }: TrackedArgs): EditResult {
  const track = findTrack(doc, trackId);
  if (!track) return unchanged(doc);
  const found = new Map<number, EditPoint>();
  for (const { frameIndex, box, score } of boxes) {
    const clippedBox = clipped(doc, box);
    const inRange = frameIndex >= 0 && frameIndex < doc.frameCount;
    if (!clippedBox || !inRange || track.keyframes.includes(frameIndex)) continue;
    found.set(frameIndex, { frameIndex, box: clippedBox, score, source: 'tracked' });
  }
  if (found.size === 0) return unchanged(doc);
  const kept = track.points.filter((p) => !found.has(p.frameIndex));
  const next = { ...track, points: byFrame([...kept, ...found.values()]) };
  return record(replaceTrack(doc, trackId, [next]));
}

/** Every edit as data (`op` + `args`), so history and persistence can store and replay them. */
export type Edit =
  | { op: 'setBox'; args: SetBoxArgs }
  | { op: 'addKeyframe'; args: TrackFrame }
  | { op: 'removeKeyframe'; args: TrackFrame }
  | { op: 'deleteBox'; args: TrackFrame }
  | { op: 'deleteTrack'; args: { trackId: number } }
  | { op: 'toggleKeepVisible'; args: { trackId: number } }
  | { op: 'setKeepVisible'; args: KeepVisibleArgs }
  | { op: 'splitTrack'; args: TrackFrame }
  | { op: 'addManualTrack'; args: NewRegionArgs }
  | { op: 'mergeTracks'; args: MergeArgs }
  | { op: 'mergeManyTracks'; args: MergeManyArgs }
  | { op: 'setTrackedBoxes'; args: TrackedArgs }
  | { op: 'setTrackStyle'; args: TrackStyleArgs };

export function performEdit(doc: EditDoc, edit: Edit): EditResult {
  switch (edit.op) {
    case 'setBox':
      return setBox(doc, edit.args);
    case 'addKeyframe':
      return addKeyframe(doc, edit.args);
    case 'removeKeyframe':
      return removeKeyframe(doc, edit.args);
    case 'deleteBox':
      return deleteBox(doc, edit.args);
    case 'deleteTrack':
      return deleteTrack(doc, edit.args);
    case 'toggleKeepVisible':
      return toggleKeepVisible(doc, edit.args);
    case 'setKeepVisible':
      return setKeepVisible(doc, edit.args);
    case 'splitTrack':
      return splitTrack(doc, edit.args);
    case 'addManualTrack':
      return addManualTrack(doc, edit.args);
    case 'mergeTracks':
      return mergeTracks(doc, edit.args);
    case 'mergeManyTracks':
      return mergeManyTracks(doc, edit.args);
    case 'setTrackedBoxes':
      return setTrackedBoxes(doc, edit.args);
    case 'setTrackStyle':
      return setTrackStyle(doc, edit.args);
  }
}
