/**
 * Rebuilds the editor's undo history after a reload: the stored edits replayed from the document the
 * analysis produced. The replay is trusted only when it ends on exactly the saved tracks; otherwise the
 * editor starts from the saved tracks with no undo steps (never from a document that differs from them).
 */
import { performEdit, type Edit, type EditDoc, type EditTrack } from './edits.ts';
import { createHistory, DEFAULT_HISTORY_CAP, pushEdit, undo, type History } from './history.ts';

/** An edit as the store keeps it: the op's name and its args. */
export type StoredEdit = { op: string; payload: unknown };

const EDIT_OPS: ReadonlySet<string> = new Set<Edit['op']>([
  'setBox',
  'addKeyframe',
  'removeKeyframe',
  'deleteBox',
  'deleteTrack',
  'toggleKeepVisible',
  'setKeepVisible',
  'splitTrack',
  'addManualTrack',
  'mergeTracks',
  'mergeManyTracks',
  'setTrackedBoxes',
  'setTrackStyle',
]);

/** The stored edits as editor edits, or null when one names an op this editor does not know. */
export function toEdits(stored: readonly StoredEdit[]): Edit[] | null {
  if (!stored.every((e) => EDIT_OPS.has(e.op))) return null;
  // The op is known and its payload was written from that op's args (persistence.ts).
  return stored.map((e) => ({ op: e.op, args: e.payload }) as Edit);
}

/** Every applied edit, then the undone tail pushed and undone again so it can be redone. */
export function replayHistory(
  base: EditDoc,
  edits: readonly Edit[],
  cursor: number,
  cap = DEFAULT_HISTORY_CAP,
): History<EditDoc> {
  let history = createHistory(base, cap);
  for (const edit of edits) history = pushEdit(history, performEdit(history.present, edit));
  for (let i = cursor; i < edits.length; i++) history = undo(history);
  return history;
}

function trackKey(track: EditTrack): string {
  const points = track.points.map((p) => [
    p.frameIndex,
    p.box.x,
    p.box.y,
    p.box.w,
    p.box.h,
    p.score,
    p.source,
  ]);
  const shape = track.shape ?? 'rect';
  const style = track.style ?? null;
  return JSON.stringify([
    track.id,
    track.class,
    track.keepVisible,
    shape,
    style,
    track.keyframes,
    points,
  ]);
}

/** Same tracks, in any order (boxes compared exactly). */
export function sameTracks(a: readonly EditTrack[], b: readonly EditTrack[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(trackKey));
  return b.every((t) => keys.has(trackKey(t)));
}

export type SavedReview = {
  /** The document the analysis produced (before any edit). */
  base: EditDoc;
  /** The document as saved (after the applied edits). */
  saved: EditDoc;
  edits: readonly StoredEdit[];
  cursor: number;
};

/** The undo history to reopen with: the replay when it reproduces the saved tracks, else just them. */
export function restoredHistory(review: SavedReview): History<EditDoc> {
  const edits = toEdits(review.edits);
  if (!edits || review.cursor < 0 || review.cursor > edits.length) {
    return createHistory(review.saved);
  }
  const history = replayHistory(review.base, edits, review.cursor);
  return sameTracks(history.present.tracks, review.saved.tracks)
    ? history
    : createHistory(review.saved);
}
