/**
 * Which tracks are selected (view state, pure): `primary` is the one the stage, K, S and Delete act on (the
 * last one clicked); `ids` is every selected track in the order it was added (what M merges); `anchor` is
 * where a Shift+click range starts.
 */
export type Selection = {
  readonly primary: number | null;
  readonly ids: readonly number[];
  readonly anchor: number | null;
};

export const NO_SELECTION: Selection = { primary: null, ids: [], anchor: null };

/** A plain click: this track alone (null: nothing). */
export function selectOnly(selection: Selection, id: number | null): Selection {
  if (id === null) return selection.ids.length === 0 ? selection : NO_SELECTION;
  const alone = selection.primary === id && selection.ids.length === 1;
  return alone ? selection : { primary: id, ids: [id], anchor: id };
}

/** Ctrl/⌘+click or the row's checkbox: adds the track to the selection, or takes it out. */
export function toggleSelected(selection: Selection, id: number): Selection {
  if (!selection.ids.includes(id)) {
    return { primary: id, ids: [...selection.ids, id], anchor: id };
  }
  const ids = selection.ids.filter((other) => other !== id);
  const primary = selection.primary === id ? (ids[ids.length - 1] ?? null) : selection.primary;
  return { primary, ids, anchor: primary };
}

/** Shift+click: every track from the anchor to this one, in the list's order. */
export function selectRange(selection: Selection, id: number, order: readonly number[]): Selection {
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from === -1 || to === -1) return selectOnly(selection, id);
  const [low, high] = from <= to ? [from, to] : [to, from];
  return { primary: id, ids: order.slice(low, high + 1), anchor: selection.anchor };
}

/** The selection without tracks that no longer exist (deleted, merged away); the same object if none went. */
export function withExisting(selection: Selection, exists: (id: number) => boolean): Selection {
  if (selection.ids.every(exists) && (selection.primary === null || exists(selection.primary))) {
    return selection;
  }
  const ids = selection.ids.filter(exists);
  const primary =
    selection.primary !== null && exists(selection.primary)
      ? selection.primary
      : (ids[ids.length - 1] ?? null);
  const anchor = selection.anchor !== null && exists(selection.anchor) ? selection.anchor : primary;
  return { primary, ids, anchor };
}
