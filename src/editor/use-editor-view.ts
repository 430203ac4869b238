import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../ui/messages.ts';
import type { RegionShape } from '../regions/types.ts';
import { NO_ZOOM, type Zoom } from './zoom.ts';

import { clampFrame } from './frame-time.ts';
import {
  NO_SELECTION,
  selectOnly,
  selectRange,
  toggleSelected,
  type Selection,
} from './selection.ts';

/** View state only (STYLE 3.7): where the playhead is, what is selected, which modes are on. */
export function useEditorView(frameCount: number) {
  const [frameIndex, setFrameIndex] = useState(0);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const select = useCallback((id: number | null) => setSelection((s) => selectOnly(s, id)), []);
  const toggleSelect = useCallback((id: number) => setSelection((s) => toggleSelected(s, id)), []);
  const extendSelect = useCallback(
    (id: number, order: readonly number[]) => setSelection((s) => selectRange(s, id, order)),
    [],
  );
  const [drawShape, setDrawShape] = useState<RegionShape>('rect');
  const [mosaic, setMosaic] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [help, setHelp] = useState(false);
  const [zoom, setZoom] = useState<Zoom>(NO_ZOOM);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  /** Told of every seek to another frame as it happens, before the re-render (the stored preview's read). */
  const seekListener = useRef<((frameIndex: number) => void) | null>(null);
  const setSeekListener = useCallback((listener: ((frameIndex: number) => void) | null) => {
    seekListener.current = listener;
  }, []);
  const shownIndex = useRef(frameIndex);
  useEffect(() => {
    shownIndex.current = frameIndex;
  }, [frameIndex]);
  const seek = useCallback(
    (frame: number) => {
      const next = clampFrame(frame, frameCount);
      if (next !== shownIndex.current) seekListener.current?.(next);
      setFrameIndex(next);
      setNotice(null);
    },
    [frameCount],
  );

  return {
    frameIndex,
    seek,
    setSeekListener,
    /** Every selected track (what M merges) and the one the stage and K, S, Delete act on. */
    selection,
    select,
    toggleSelect,
    extendSelect,
    drawShape,
    setDrawShape,
    mosaic,
    setMosaic,
    drawing,
    setDrawing,
    help,
    setHelp,
    /** How much the stage magnifies the picture, and where (zoom.ts). */
    zoom,
    setZoom,
    notice,
    setNotice,
  };
}

export type EditorView = ReturnType<typeof useEditorView>;
