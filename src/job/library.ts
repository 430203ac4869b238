/**
 * The saved projects as the start screen sees them: list, rename, delete (with its exported outputs), how
 * much storage they use, the editing lock, and "delete everything". The screens never write the store
 * themselves (docs/ARCHITECTURE.md); each function is null/no-op when this browser keeps no projects.
 */
import {
  claimEditing,
  deleteGarimDb,
  deleteProject,
  listProjects,
  renameProject,
  storageEstimate,
  type ProjectSummary,
  type StorageEstimate,
} from '../store/index.ts';
import { deleteProjectOutputs } from './output-files.ts';
import { openStore } from './persistence.ts';

export type { EditLease, ProjectSummary, StorageEstimate } from '../store/index.ts';
export { claimEditing, deleteGarimDb };

export type Library = { projects: ProjectSummary[]; storage: StorageEstimate };

/** Every saved project with the storage they use, or null when no project can be kept. */
export async function loadLibrary(): Promise<Library | null> {
  const db = await openStore();
  if (!db) return null;
  return { projects: (await listProjects(db)).items, storage: await storageEstimate() };
}

/** The project whose analysis was interrupted last (the page was reloaded or discarded mid-analysis). */
export async function lastInterruptedAnalysis(): Promise<string | null> {
  const library = await loadLibrary();
  const interrupted = (library?.projects ?? []).filter((p) => p.state === 'analysing');
  interrupted.sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  return interrupted[0]?.id ?? null;
}

export async function renameSavedProject(id: string, name: string): Promise<void> {
  const db = await openStore();
  if (db) await renameProject(db, id, name);
}

/** The project, its frames and edits, and the exported files kept for it. */
export async function deleteSavedProject(id: string): Promise<void> {
  const db = await openStore();
  if (!db) return;
  await deleteProject(db, id);
  await deleteProjectOutputs(id);
}
