/**
 * Edit history per project: an ordered list of edit records and a cursor (in the project record) that
 * counts the edits applied. Undo moves the cursor back and returns the edit to revert; redo moves it
 * forward. Appending after an undo first drops the undone tail (no branches), in the same transaction.
 *
 * Each change may carry the tracks as it leaves them: they are written in the change's own transaction, so
 * the stored cursor and the stored tracks always agree (a reopen replays the edits up to the cursor and
 * trusts the replay only when it ends on the stored tracks — see regions/replay.ts).
 */
import { projectRange, type GarimDb, type WriteStore } from './db.ts';
import { BadRecordError } from './errors.ts';
import { requireProject } from './projects.ts';
import type { EditRecord, ProjectRecord, RecordProblem } from './records.ts';
import { restoreAll, restoreEdit } from './restore.ts';
import { replaceTracks, type TracksToSave } from './tracks.ts';
import { writeTx } from './tx.ts';

export type EditInput = { op: string; payload: unknown };

const STORES = ['projects', 'history', 'tracks'] as const;

export async function appendEdit(
  db: GarimDb,
  projectId: string,
  edit: EditInput,
  tracksAfter?: TracksToSave,
): Promise<EditRecord> {
  return writeTx(db, STORES, 'the edit', async (tx) => {
    const projects = tx.objectStore('projects');
    const project = requireProject(await projects.get(projectId), projectId);
    const seq = project.historyCursor;
    const record: EditRecord = {
      projectId,
      seq,
      atMs: Date.now(),
      op: edit.op,
      payload: edit.payload,
    };
    const history = tx.objectStore('history');
    await history.delete(IDBKeyRange.bound([projectId, seq], [projectId, Infinity]));
    await history.put(record);
    if (tracksAfter) await replaceTracks(tx.objectStore('tracks'), projectId, tracksAfter);
    await projects.put({ ...project, historyCursor: seq + 1, updatedAtMs: record.atMs });
    return record;
  });
}

function restoredEdit(raw: unknown, projectId: string, seq: number): EditRecord {
  const result = restoreEdit(raw);
  if (!result.ok) throw new BadRecordError(`history/${projectId}/${seq}`, result.problems);
  return result.value;
}

/**
 * Moves the cursor by `step` (-1 undo, +1 redo) and returns the edit it crossed, if any; `tracksAfter` are
 * stored with the move (and also when there was nothing to cross, as the editor's tracks stand).
 */
async function moveCursor(
  db: GarimDb,
  projectId: string,
  step: -1 | 1,
  tracksAfter: TracksToSave | undefined,
) {
  return writeTx(db, STORES, 'undo/redo', async (tx) => {
    const projects = tx.objectStore('projects');
    const project: ProjectRecord = requireProject(await projects.get(projectId), projectId);
    const edit = await editCrossed(tx.objectStore('history'), project, step);
    if (!edit && !tracksAfter) return undefined;
    if (tracksAfter) await replaceTracks(tx.objectStore('tracks'), projectId, tracksAfter);
    const historyCursor = project.historyCursor + (edit ? step : 0);
    await projects.put({ ...project, historyCursor, updatedAtMs: Date.now() });
    return edit;
  });
}

/** The edit a cursor move by `step` crosses, or undefined at either end of the history. */
async function editCrossed(
  history: WriteStore<typeof STORES, 'history'>,
  project: ProjectRecord,
  step: -1 | 1,
): Promise<EditRecord | undefined> {
  const seq = step === -1 ? project.historyCursor - 1 : project.historyCursor;
  if (seq < 0) return undefined;
  const raw: unknown = await history.get([project.id, seq]);
  return raw === undefined ? undefined : restoredEdit(raw, project.id, seq);
}

/** The edit to revert (the cursor moves back over it), or undefined when there is nothing to undo. */
export function undoEdit(
  db: GarimDb,
  projectId: string,
  tracksAfter?: TracksToSave,
): Promise<EditRecord | undefined> {
  return moveCursor(db, projectId, -1, tracksAfter);
}

/** The edit to apply again (the cursor moves forward over it), or undefined when nothing to redo. */
export function redoEdit(
  db: GarimDb,
  projectId: string,
  tracksAfter?: TracksToSave,
): Promise<EditRecord | undefined> {
  return moveCursor(db, projectId, 1, tracksAfter);
}

/** A project's stored undo history (the editor's in-memory one is regions/history.ts History). */
export type StoredHistory = { edits: EditRecord[]; cursor: number; problems: RecordProblem[] };

/** All edits in order, the cursor, and any damaged records (reported and left out). */
export async function readHistory(db: GarimDb, projectId: string): Promise<StoredHistory> {
  const tx = db.transaction(['projects', 'history']);
  const [rawProject, raws] = await Promise.all([
    tx.objectStore('projects').get(projectId),
    tx.objectStore('history').getAll(projectRange(projectId)),
  ]);
  const project = requireProject(rawProject, projectId);
  const { items, problems } = restoreAll('history', raws, ['projectId', 'seq'], restoreEdit);
  return { edits: items, cursor: project.historyCursor, problems };
}
