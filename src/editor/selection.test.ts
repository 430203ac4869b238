import { describe, expect, it } from 'vitest';
import {
  NO_SELECTION,
  selectOnly,
  selectRange,
  toggleSelected,
  withExisting,
} from './selection.ts';

describe('track selection', () => {
  it('a plain click selects one track; clicking it again changes nothing; null clears', () => {
    const one = selectOnly(NO_SELECTION, 3);
    expect(one).toEqual({ primary: 3, ids: [3], anchor: 3 });
    expect(selectOnly(one, 3)).toBe(one);
    expect(selectOnly(toggleSelected(one, 5), 5)).toEqual({ primary: 5, ids: [5], anchor: 5 });
    expect(selectOnly(one, null)).toEqual(NO_SELECTION);
  });

  it('Ctrl+click adds and removes, the last one added acting as the primary', () => {
    let s = toggleSelected(selectOnly(NO_SELECTION, 1), 4);
    s = toggleSelected(s, 2);
    expect(s).toEqual({ primary: 2, ids: [1, 4, 2], anchor: 2 });
    s = toggleSelected(s, 2);
    expect(s).toEqual({ primary: 4, ids: [1, 4], anchor: 4 });
    s = toggleSelected(s, 1);
    expect(s).toEqual({ primary: 4, ids: [4], anchor: 4 });
    expect(toggleSelected(s, 4)).toEqual(NO_SELECTION);
  });

  it('Shift+click selects the rows between the anchor and the clicked one, either way', () => {
    const order = [7, 2, 9, 4, 5];
    const s = selectOnly(NO_SELECTION, 2);
    expect(selectRange(s, 4, order)).toEqual({ primary: 4, ids: [2, 9, 4], anchor: 2 });
    expect(selectRange(selectRange(s, 4, order), 7, order)).toEqual({
      primary: 7,
      ids: [7, 2],
      anchor: 2,
    });
    expect(selectRange(NO_SELECTION, 9, order)).toEqual({ primary: 9, ids: [9], anchor: 9 });
  });

  it('forgets tracks that are gone, keeping the same object when none went', () => {
    const s = toggleSelected(toggleSelected(selectOnly(NO_SELECTION, 1), 2), 3);
    expect(withExisting(s, () => true)).toBe(s);
    expect(withExisting(s, (id) => id !== 3)).toEqual({ primary: 2, ids: [1, 2], anchor: 2 });
    expect(withExisting(s, (id) => id === 1)).toEqual({ primary: 1, ids: [1], anchor: 1 });
  });
});
