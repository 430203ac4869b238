import { useCallback, useState } from 'react';
import type { MessageKey } from '../app/messages.ts';
import type { RegionShape } from '../regions/types.ts';

type Selection = { id: number | null; previous: number | null };
import { clampFrame } from './frame-time.ts';

/** View state only (STYLE 3.7): where the playhead is, what is selected, which modes are on. */
export function useEditorView(frameCount: number) {
  const [frameIndex, setFrameIndex] = useState(0);
  const [selection, setSelection] = useState<Selection>({ id: null, previous: null });
  const select = useCallback(
    (id: number | null) =>
      setSelection((s) => (id === s.id ? s : { id, previous: s.id ?? s.previous })),
    [],
  );
  const [drawShape, setDrawShape] = useState<RegionShape>('rect');
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
    selectedId: selection.id,
    /** The track selected before the current one: what M merges it with. */
    previousId: selection.previous,
    select,
    drawShape,
    setDrawShape,
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
