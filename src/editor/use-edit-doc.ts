import { useCallback, useRef, useState } from 'react';
import { performEdit, type Edit, type EditDoc, type EditResult } from '../regions/edits.ts';
import {
  canRedo,
  canUndo,
  pushEdit,
  redo as redoHistory,
  undo as undoHistory,
  type History,
} from '../regions/history.ts';

/** What changed the document: the hook persistence subscribes to (store/history.ts keeps the same cursor). */
export type DocChange =
  { kind: 'edit'; edit: Edit; result: EditResult } | { kind: 'undo' | 'redo' };
export type DocListener = (change: DocChange, doc: EditDoc) => void;

export type EditDocState = {
  doc: EditDoc;
  dispatch: (edit: Edit) => EditResult;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
};

/**
 * The edited document with undo/redo, starting from `initial` (a reopened project brings its undo steps,
 * see regions/replay.ts; a new one starts with `createHistory(doc)`). A ref mirrors the history so `dispatch` can answer the op's result
 * synchronously (the caller may select the track it created) and stays free of side effects in updaters.
 */
export function useEditDoc(initial: () => History<EditDoc>, onChange?: DocListener): EditDocState {
  const [history, setHistory] = useState<History<EditDoc>>(initial);
  const current = useRef(history);

  const commit = useCallback((next: History<EditDoc>) => {
    current.current = next;
    setHistory(next);
  }, []);

  const dispatch = useCallback(
    (edit: Edit) => {
      const result = performEdit(current.current.present, edit);
      commit(pushEdit(current.current, result));
      if (result.history === 'record') onChange?.({ kind: 'edit', edit, result }, result.doc);
      return result;
    },
    [commit, onChange],
  );

  const step = useCallback(
    (kind: 'undo' | 'redo') => {
      const before = current.current;
      const after = kind === 'undo' ? undoHistory(before) : redoHistory(before);
      if (after === before) return;
      commit(after);
      onChange?.({ kind }, after.present);
    },
    [commit, onChange],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  return {
    doc: history.present,
    dispatch,
    undo,
    redo,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
}
