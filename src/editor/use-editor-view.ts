import { useCallback, useState } from 'react';
import type { MessageKey } from '../app/messages.ts';
import { clampFrame } from './frame-time.ts';

/** View state only (STYLE 3.7): where the playhead is, what is selected, which modes are on. */
export function useEditorView(frameCount: number) {
  const [frameIndex, setFrameIndex] = useState(0);
  const [selectedId, select] = useState<number | null>(null);
  const [mosaic, setMosaic] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  const seek = useCallback(
    (frame: number) => {
      setFrameIndex(clampFrame(frame, frameCount));
      setNotice(null);
    },
    [frameCount],
  );

  return {
    frameIndex,
    seek,
    selectedId,
    select,
    mosaic,
    setMosaic,
    drawing,
    setDrawing,
    help,
    setHelp,
    notice,
    setNotice,
  };
}

export type EditorView = ReturnType<typeof useEditorView>;
