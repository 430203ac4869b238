import { useCallback } from 'react';
import { findTrack, pointAt, type Edit } from '../regions/edits.ts';
import type { Rect } from '../regions/geometry.ts';
import { withExisting } from './selection.ts';
import { EDIT_ACTIONS, type EditorAction } from './shortcuts.ts';
import { nextReviewItem } from './track-view.ts';
import type { EditDocState } from './use-edit-doc.ts';
import type { EditorView } from './use-editor-view.ts';
import { NO_ZOOM, ZOOM_STEP, zoomBy } from './zoom.ts';

type Playback = { togglePlay: () => void; pause: () => void };
/** The visual tracker's controls (use-follow-region.ts). */
type Follow = {
  start: (trackId: number, frameIndex: number, direction: 1 | -1) => Promise<void>;
  cancel: () => void;
};
type Handlers = Record<EditorAction, () => void>;
/** Trim in/out at the playhead: the trim belongs to the review screen, which passes these in. */
export type TrimHandlers = Pick<Handlers, 'setIn' | 'setOut'>;
const NO_TRIM: TrimHandlers = { setIn: () => undefined, setOut: () => undefined };

function navigation(view: EditorView, editDoc: EditDocState, playback: Playback) {
  const go = (frame: number) => {
    playback.pause();
    view.seek(frame);
  };
  const nextReview = () => {
    const item = nextReviewItem(editDoc.doc, view.frameIndex);
    if (!item) return view.setNotice('editor.nothingToReview');
    go(item.frameIndex);
    view.select(item.trackId);
  };
  return {
    togglePlay: playback.togglePlay,
    stepBack: () => go(view.frameIndex - 1),
    stepForward: () => go(view.frameIndex + 1),
    jumpBack: () => go(view.frameIndex - 10),
    jumpForward: () => go(view.frameIndex + 10),
    nextReview,
    toggleMosaic: () => view.setMosaic((on) => !on),
    help: () => view.setHelp((open) => !open),
    escape: () => {
      if (view.help) view.setHelp(false);
      else if (view.drawing) view.setDrawing(false);
      else view.select(null);
    },
  };
}

/** Zoom: + centres on the selected region on this frame (a small face), when there is one. */
function zooming(view: EditorView, editDoc: EditDocState) {
  const focus = () => {
    const id = liveSelection(view, editDoc).primary;
    const track = id === null ? undefined : findTrack(editDoc.doc, id);
    const box = track && pointAt(track, view.frameIndex)?.box;
    const { width, height } = editDoc.doc;
    if (!box || width <= 0 || height <= 0) return undefined;
    return { x: (box.x + box.w / 2) / width, y: (box.y + box.h / 2) / height };
  };
  return {
    zoomIn: () => view.setZoom((z) => zoomBy(z, ZOOM_STEP, focus())),
    zoomOut: () => view.setZoom((z) => zoomBy(z, 1 / ZOOM_STEP)),
    zoomReset: () => view.setZoom(NO_ZOOM),
  };
}

/** The selection without tracks that are gone (deleted or merged away). */
function liveSelection(view: EditorView, editDoc: EditDocState) {
  return withExisting(view.selection, (id) => findTrack(editDoc.doc, id) !== undefined);
}

function tracking(view: EditorView, editDoc: EditDocState, follow: Follow) {
  const track = (direction: 1 | -1) => () => {
    const id = liveSelection(view, editDoc).primary;
    const selected = id === null ? undefined : findTrack(editDoc.doc, id);
    if (!selected || selected.class !== 'manual' || !pointAt(selected, view.frameIndex)) {
      return view.setNotice('editor.trackOnlyDrawn');
    }
    void follow.start(selected.id, view.frameIndex, direction);
  };
  const merge = () => {
    const trackIds = [...liveSelection(view, editDoc).ids];
    if (trackIds.length < 2) return view.setNotice('editor.mergeHow');
    const result = editDoc.dispatch({ op: 'mergeManyTracks', args: { trackIds } });
    if (result.selectTrackId !== undefined) view.select(result.selectTrackId);
  };
  return { trackForward: track(1), trackBackward: track(-1), merge };
}

function editing(view: EditorView, editDoc: EditDocState, playback: Playback) {
  const onSelected = (make: (trackId: number, frameIndex: number) => Edit) => () => {
    const id = liveSelection(view, editDoc).primary;
    if (id === null) return;
    const result = editDoc.dispatch(make(id, view.frameIndex));
    if (result.selectTrackId !== undefined) view.select(result.selectTrackId);
  };
  const at = (trackId: number, frameIndex: number) => ({ trackId, frameIndex });
  return {
    newRegion: () => {
      playback.pause();
      view.setDrawShape('rect');
      view.setDrawing(true);
    },
    newEllipse: () => {
      playback.pause();
      view.setDrawShape('ellipse');
      view.setDrawing(true);
    },
    deleteBox: onSelected((id, f) => ({ op: 'deleteBox', args: at(id, f) })),
    deleteTrack: onSelected((id) => ({ op: 'deleteTrack', args: { trackId: id } })),
    keyframe: onSelected((id, f) => ({ op: 'addKeyframe', args: at(id, f) })),
    removeKeyframe: onSelected((id, f) => ({ op: 'removeKeyframe', args: at(id, f) })),
    split: onSelected((id, f) => ({ op: 'splitTrack', args: at(id, f) })),
    keepVisible: onSelected((id) => ({ op: 'toggleKeepVisible', args: { trackId: id } })),
    undo: editDoc.undo,
    redo: editDoc.redo,
  };
}

/**
 * Every editor command, for the toolbar, the shortcuts and the stage. `readOnly` (the project is open for
 * editing in another tab): commands that change it only say so.
 */
export function useEditorActions(
  view: EditorView,
  editDoc: EditDocState,
  playback: Playback,
  follow: Follow,
  readOnly = false,
  trim: TrimHandlers = NO_TRIM,
) {
  const nav = navigation(view, editDoc, playback);
  const handlers: Handlers = {
    ...nav,
    ...editing(view, editDoc, playback),
    ...tracking(view, editDoc, follow),
    ...zooming(view, editDoc),
    ...trim,
    escape: () => {
      follow.cancel();
      nav.escape();
    },
  };
  const run = (action: EditorAction) => {
    if (view.help && action !== 'help' && action !== 'escape') return;
    if (readOnly && EDIT_ACTIONS.has(action)) return view.setNotice('editor.readOnlyAction');
    handlers[action]();
  };

  const { dispatch } = editDoc;
  const { frameIndex, select, setDrawing, drawShape } = view;
  const commitBox = useCallback(
    (trackId: number, box: Rect) => {
      if (!readOnly) dispatch({ op: 'setBox', args: { trackId, frameIndex, box } });
    },
    [dispatch, frameIndex, readOnly],
  );
  const addRegion = useCallback(
    (box: Rect) => {
      setDrawing(false);
      if (readOnly) return;
      const shape = drawShape === 'ellipse' ? drawShape : undefined;
      const result = dispatch({ op: 'addManualTrack', args: { frameIndex, box, shape } });
      if (result.selectTrackId !== undefined) select(result.selectTrackId);
    },
    [dispatch, frameIndex, select, setDrawing, drawShape, readOnly],
  );
  return { run, commitBox, addRegion };
}
