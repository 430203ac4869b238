import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { GarimDb } from './db.ts';
import { appendEdit, readHistory, redoEdit, undoEdit } from './history.ts';
import { createProject } from './projects.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

async function setup(): Promise<{ db: GarimDb; id: string }> {
  const db = await freshDb();
  const file = videoFile();
  const { id } = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  return { db, id };
}

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
});
