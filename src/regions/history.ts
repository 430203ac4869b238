/**
 * Undo policy: a capped stack of whole documents. Edits are immutable and share every untouched track with
 * the document before them, so a snapshot costs little more than the tracks it changed. An edit answered
 * 'record' becomes one undo step (and drops the redo tail); 'skip' replaces the present without a step.
 */
export type History<Doc> = {
  past: readonly Doc[];
  present: Doc;
  future: readonly Doc[];
  /** At most this many undo steps are kept; the oldest are forgotten first. */
  cap: number;
};

export type Recorded<Doc> = { doc: Doc; history: 'record' | 'skip' };

export const DEFAULT_HISTORY_CAP = 200;

export function createHistory<Doc>(present: Doc, cap = DEFAULT_HISTORY_CAP): History<Doc> {
  return { past: [], present, future: [], cap: Math.max(0, Math.floor(cap)) };
}

export function pushEdit<Doc>(history: History<Doc>, result: Recorded<Doc>): History<Doc> {
  if (result.doc === history.present) return history;
  if (result.history === 'skip') return { ...history, present: result.doc };
  const past = [...history.past, history.present];
  return {
    ...history,
    past: past.slice(Math.max(0, past.length - history.cap)),
    present: result.doc,
    future: [],
  };
}

export function canUndo<Doc>(history: History<Doc>): boolean {
  return history.past.length > 0;
}

export function canRedo<Doc>(history: History<Doc>): boolean {
  return history.future.length > 0;
}

export function undo<Doc>(history: History<Doc>): History<Doc> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo<Doc>(history: History<Doc>): History<Doc> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { ...history, past: [...history.past, history.present], present: next, future: rest };
}
