import { describe, expect, it } from 'vitest';
import { createEditDoc, performEdit, type Edit, type EditDoc } from './edits.ts';
import { videoBox } from './geometry.ts';
import { canRedo, canUndo, createHistory, pushEdit, redo, undo } from './history.ts';
import { replayHistory, restoredHistory, sameTracks, toEdits, type StoredEdit } from './replay.ts';

const SIZE = { frameCount: 50, width: 320, height: 240 };

function analysed(): EditDoc {
  const points = [0, 1, 2, 3].map((f) => ({
    frameIndex: f,
    box: videoBox(f, 0, 10, 10),
    score: 0.9,
    source: 'detected' as const,
  }));
  return createEditDoc(
    [
      { id: 1, class: 'face', points },
      { id: 2, class: 'plate', points },
    ],
    SIZE,
  );
}

const EDITS: Edit[] = [
  { op: 'setBox', args: { trackId: 1, frameIndex: 1, box: videoBox(50, 50, 20, 20) } },
  { op: 'addManualTrack', args: { frameIndex: 5, box: videoBox(10, 10, 30, 30) } },
  { op: 'toggleKeepVisible', args: { trackId: 2 } },
  { op: 'deleteTrack', args: { trackId: 3 } },
];

const stored = (edits: readonly Edit[]): StoredEdit[] =>
  edits.map((e) => ({ op: e.op, payload: structuredClone(e.args) }));

/** What the editor had in memory before the reload: the edits made, then `undos` undone. */
function live(undos: number) {
  let h = createHistory(analysed());
  for (const edit of EDITS) h = pushEdit(h, performEdit(h.present, edit));
  for (let i = 0; i < undos; i++) h = undo(h);
  return h;
}

/** The saved tracks as the store gives them back (a structured clone, as IndexedDB does). */
function reloaded(doc: EditDoc): EditDoc {
  return createEditDoc(structuredClone(doc.tracks), SIZE);
}

describe('replayHistory', () => {
  it('rebuilds the same undo and redo steps as the editor had', () => {
    const before = live(1);
    const after = replayHistory(analysed(), toEdits(stored(EDITS)) ?? [], EDITS.length - 1);
    expect(after.present).toEqual(before.present);
    expect(after.past).toEqual(before.past);
    expect(after.future).toEqual(before.future);
    expect(canRedo(after)).toBe(true);
  });

  it('undo after the replay gives the document before the last applied edit', () => {
    const h = replayHistory(analysed(), EDITS, EDITS.length);
    expect(undo(h).present).toEqual(live(1).present);
    expect(redo(undo(h)).present).toEqual(h.present);
  });
});

describe('restoredHistory', () => {
  it('uses the replay when it ends on the saved tracks', () => {
    const saved = reloaded(live(2).present);
    const h = restoredHistory({ base: analysed(), saved, edits: stored(EDITS), cursor: 2 });
    expect(sameTracks(h.present.tracks, saved.tracks)).toBe(true);
    expect(h.past).toHaveLength(2);
    expect(h.future).toHaveLength(2);
  });

  it('starts from the saved tracks without undo when the replay disagrees with them', () => {
    const saved = reloaded(live(0).present);
    const h = restoredHistory({ base: analysed(), saved, edits: stored(EDITS), cursor: 3 });
    expect(h.present).toBe(saved);
    expect(canUndo(h)).toBe(false);
  });

  // The reopen path skips the tracker when nothing was edited (src/job/job.ts savedEdits): this is why.
  it('with no edits, is just the saved tracks without undo or redo, whatever the analysis made', () => {
    const saved = reloaded(analysed());
    for (const base of [analysed(), live(0).present]) {
      const h = restoredHistory({ base, saved, edits: [], cursor: 0 });
      expect(JSON.stringify(h.present)).toBe(JSON.stringify(saved));
      expect(canUndo(h)).toBe(false);
      expect(canRedo(h)).toBe(false);
    }
  });

  it('refuses unknown ops and a cursor out of range', () => {
    const saved = reloaded(live(0).present);
    const unknown = [...stored(EDITS), { op: 'teleport', payload: {} }];
    expect(toEdits(unknown)).toBeNull();
    expect(canUndo(restoredHistory({ base: analysed(), saved, edits: unknown, cursor: 4 }))).toBe(
      false,
    );
    const edits = stored(EDITS);
    expect(canUndo(restoredHistory({ base: analysed(), saved, edits, cursor: 9 }))).toBe(false);
  });
});
