import { describe, expect, it } from 'vitest';
import { createEditDoc, performEdit, type Edit, type EditDoc } from './edits.ts';
import { videoBox } from './geometry.ts';
import { canRedo, canUndo, createHistory, pushEdit, redo, undo, type History } from './history.ts';

const SIZE = { frameCount: 50, width: 320, height: 240 };

function start(): EditDoc {
  const points = [0, 1, 2, 3].map((f) => ({
    frameIndex: f,
    box: videoBox(f, 0, 10, 10),
    score: 0.9,
    source: 'detected' as const,
  }));
  return createEditDoc([{ id: 1, class: 'face', points }], SIZE);
}

function apply(history: History<EditDoc>, edit: Edit): History<EditDoc> {
  return pushEdit(history, performEdit(history.present, edit));
}

describe('history', () => {
  it('undo and redo round-trip every edit', () => {
    const edits: Edit[] = [
      { op: 'setBox', args: { trackId: 1, frameIndex: 1, box: videoBox(50, 50, 20, 20) } },
      { op: 'addManualTrack', args: { frameIndex: 5, box: videoBox(10, 10, 30, 30) } },
      { op: 'splitTrack', args: { trackId: 1, frameIndex: 2 } },
      { op: 'toggleKeepVisible', args: { trackId: 2 } },
      { op: 'deleteTrack', args: { trackId: 3 } },
    ];
    const states: EditDoc[] = [];
    let h = createHistory(start());
    states.push(h.present);
    for (const edit of edits) {
      h = apply(h, edit);
      states.push(h.present);
    }
    expect(new Set(states).size).toBe(states.length);
    for (let i = states.length - 2; i >= 0; i--) {
      h = undo(h);
      expect(h.present).toEqual(states[i]);
    }
    expect(canUndo(h)).toBe(false);
    for (let i = 1; i < states.length; i++) {
      h = redo(h);
      expect(h.present).toEqual(states[i]);
    }
    expect(canRedo(h)).toBe(false);
  });

  it('a new edit after undo drops the redo tail', () => {
    let h = apply(createHistory(start()), { op: 'deleteTrack', args: { trackId: 1 } });
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = apply(h, { op: 'toggleKeepVisible', args: { trackId: 1 } });
    expect(canRedo(h)).toBe(false);
    expect(h.present.tracks[0]?.keepVisible).toBe(true);
  });

  it('skipped and no-op edits make no undo step', () => {
    const h = createHistory(start());
    const noop = apply(h, { op: 'deleteTrack', args: { trackId: 99 } });
    expect(noop).toBe(h);
    const skipped = pushEdit(h, { doc: { ...h.present, frameCount: 51 }, history: 'skip' });
    expect(skipped.present.frameCount).toBe(51);
    expect(canUndo(skipped)).toBe(false);
  });

  it('keeps at most `cap` undo steps, forgetting the oldest', () => {
    let h = createHistory(start(), 3);
    for (let i = 0; i < 5; i++) h = apply(h, { op: 'toggleKeepVisible', args: { trackId: 1 } });
    expect(h.past).toHaveLength(3);
    h = undo(undo(undo(h)));
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    expect(h.present.tracks[0]?.keepVisible).toBe(false);
  });

  it('undo and redo on an empty stack change nothing', () => {
    const h = createHistory(start());
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });
});
