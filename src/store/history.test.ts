import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import type { GarimDb } from './db.ts';
import { appendEdit, readHistory, redoEdit, undoEdit } from './history.ts';
import { createProject } from './projects.ts';
import type { StoredTrack } from './records.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';
import { readTracks } from './tracks.ts';

async function setup(): Promise<{ db: GarimDb; id: string }> {
  const db = await freshDb();
  const file = videoFile();
  const { id } = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  return { db, id };
}

/** One stored track with the keep-visible switch as given. */
const track = (keepVisible: boolean, id = 1): StoredTrack => ({
  id,
  class: 'face',
  keepVisible,
  keyframes: [],
  points: [{ frameIndex: 0, box: videoBox(1, 2, 3, 4), score: 0.9, source: 'detected' }],
});
const keptVisible = async (db: GarimDb, id: string) =>
  (await readTracks(db, id)).items.map((t) => t.keepVisible);

const ops = async (db: GarimDb, id: string) => (await readHistory(db, id)).edits.map((e) => e.op);

describe('edit history', () => {
  it('appends edits in order and moves the cursor', async () => {
    const { db, id } = await setup();
    for (const op of ['a', 'b', 'c']) await appendEdit(db, id, { op, payload: { op } });
    const history = await readHistory(db, id);
    expect(history.cursor).toBe(3);
    expect(history.edits.map((e) => [e.seq, e.op, e.payload])).toEqual([
      [0, 'a', { op: 'a' }],
      [1, 'b', { op: 'b' }],
      [2, 'c', { op: 'c' }],
    ]);
  });

  it('undo returns the edit to revert, redo the edit to apply again', async () => {
    const { db, id } = await setup();
    for (const op of ['a', 'b']) await appendEdit(db, id, { op, payload: null });
    expect((await undoEdit(db, id))?.op).toBe('b');
    expect((await undoEdit(db, id))?.op).toBe('a');
    expect(await undoEdit(db, id)).toBeUndefined();
    expect((await readHistory(db, id)).cursor).toBe(0);
    expect((await redoEdit(db, id))?.op).toBe('a');
    expect((await redoEdit(db, id))?.op).toBe('b');
    expect(await redoEdit(db, id)).toBeUndefined();
    expect((await readHistory(db, id)).cursor).toBe(2);
  });

  it('an edit after undo drops the undone tail', async () => {
    const { db, id } = await setup();
    for (const op of ['a', 'b', 'c']) await appendEdit(db, id, { op, payload: null });
    await undoEdit(db, id);
    await undoEdit(db, id);
    await appendEdit(db, id, { op: 'd', payload: null });
    expect(await ops(db, id)).toEqual(['a', 'd']);
    expect(await redoEdit(db, id)).toBeUndefined();
  });

  it('a damaged edit record is reported, not applied', async () => {
    const { db, id } = await setup();
    await appendEdit(db, id, { op: 'a', payload: null });
    await db.put('history', { projectId: id, seq: 0, op: 42 } as never);
    await expect(undoEdit(db, id)).rejects.toMatchObject({ name: 'BadRecordError' });
    expect((await readHistory(db, id)).cursor).toBe(1); // the failed undo changed nothing
    expect((await readHistory(db, id)).problems[0]?.problems).toEqual([
      'op is 42, expected text',
      'atMs is missing, expected a number ≥ 0',
    ]);
  });

  it('stores the tracks after an edit, an undo and a redo with the cursor', async () => {
    const { db, id } = await setup();
    await appendEdit(db, id, { op: 'setKeepVisible', payload: null }, [track(true)]);
    expect([(await readHistory(db, id)).cursor, await keptVisible(db, id)]).toEqual([1, [true]]);
    await undoEdit(db, id, [track(false)]);
    expect([(await readHistory(db, id)).cursor, await keptVisible(db, id)]).toEqual([0, [false]]);
    await redoEdit(db, id, [track(true)]);
    expect([(await readHistory(db, id)).cursor, await keptVisible(db, id)]).toEqual([1, [true]]);
  });

  it('an edit whose tracks cannot be written moves neither the cursor nor the history', async () => {
    const { db, id } = await setup();
    await appendEdit(db, id, { op: 'a', payload: null }, [track(false)]);
    const unkeyable = track(true, Number.NaN); // NaN is not a valid IndexedDB key: the put fails
    await expect(appendEdit(db, id, { op: 'b', payload: null }, [unkeyable])).rejects.toThrow();
    await expect(redoEdit(db, id, [unkeyable])).rejects.toThrow();
    await expect(undoEdit(db, id, [unkeyable])).rejects.toThrow();
    const history = await readHistory(db, id);
    expect([history.cursor, history.edits.map((e) => e.op)]).toEqual([1, ['a']]);
    expect(await keptVisible(db, id)).toEqual([false]);
  });
});
