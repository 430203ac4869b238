/**
 * Edit history per project: an ordered list of edit records and a cursor (in the project record) that
 * counts the edits applied. Undo moves the cursor back and returns the edit to revert; redo moves it
 * forward. Appending after an undo first drops the undone tail (no branches), in the same transaction.
 */
import { projectRange, type GarimDb } from './db.ts';
import { BadRecordError } from './errors.ts';
import { requireProject } from './projects.ts';
import type { EditRecord, ProjectRecord, RecordProblem } from './records.ts';
import { restoreAll, restoreEdit } from './restore.ts';
import { writeTx } from './tx.ts';

export type EditInput = { op: string; payload: unknown };

export async function appendEdit(
  db: GarimDb,
  projectId: string,
  edit: EditInput,
): Promise<EditRecord> {
  return writeTx(db, ['projects', 'history'], 'the edit', async (tx) => {
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
    await projects.put({ ...project, historyCursor: seq + 1, updatedAtMs: record.atMs });
    return record;
  });
}

function restoredEdit(raw: unknown, projectId: string, seq: number): EditRecord {
  const result = restoreEdit(raw);
  if (!result.ok) throw new BadRecordError(`history/${projectId}/${seq}`, result.problems);
  return result.value;
}

/** Moves the cursor by `step` (-1 undo, +1 redo) and returns the edit it crossed, if any. */
async function moveCursor(db: GarimDb, projectId: string, step: -1 | 1) {
  return writeTx(db, ['projects', 'history'], 'undo/redo', async (tx) => {
    const projects = tx.objectStore('projects');
    const project: ProjectRecord = requireProject(await projects.get(projectId), projectId);
    const seq = step === -1 ? project.historyCursor - 1 : project.historyCursor;
    if (seq < 0) return undefined;
    const raw: unknown = await tx.objectStore('history').get([projectId, seq]);
    if (raw === undefined) return undefined;
    const edit = restoredEdit(raw, projectId, seq);
    await projects.put({ ...project, historyCursor: project.historyCursor + step });
    return edit;
  });
}

/** The edit to revert (the cursor moves back over it), or undefined when there is nothing to undo. */
export function undoEdit(db: GarimDb, projectId: string): Promise<EditRecord | undefined> {
  return moveCursor(db, projectId, -1);
}

/** The edit to apply again (the cursor moves forward over it), or undefined when nothing to redo. */
export function redoEdit(db: GarimDb, projectId: string): Promise<EditRecord | undefined> {
  return moveCursor(db, projectId, 1);
}

export type History = { edits: EditRecord[]; cursor: number; problems: RecordProblem[] };

/** All edits in order, the cursor, and any damaged records (reported and left out). */
export async function readHistory(db: GarimDb, projectId: string): Promise<History> {
  const tx = db.transaction(['projects', 'history']);
  const [rawProject, raws] = await Promise.all([
    tx.objectStore('projects').get(projectId),
    tx.objectStore('history').getAll(projectRange(projectId)),
  ]);
  const project = requireProject(rawProject, projectId);
  const { items, problems } = restoreAll('history', raws, ['projectId', 'seq'], restoreEdit);
  return { edits: items, cursor: project.historyCursor, problems };
}
