/**
 * The project file and the regions CSV from the UI: downloads of a stored project, and importing a project
 * file with its video (refused when the video's fingerprint differs from the one the file names).
 */
import packageJson from '../../package.json' with { type: 'json' };
import {
  exportProjectFile,
  exportRegionsCsv,
  importProjectFile,
  parseProjectFile,
  projectFileJson,
  PROJECT_FILE_SUFFIX,
  type AppInfo,
} from '../store/index.ts';
import { openStore, reviewChangesWritten, type ProjectRef } from './persistence.ts';

export const APP_INFO: AppInfo = { name: 'garim', version: packageJson.version };

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'video';
}

/** Offers `blob` as a download named `fileName` (a temporary link, clicked once). */
export function saveDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function downloadProjectFile(project: ProjectRef, videoName: string): Promise<void> {
  await reviewChangesWritten();
  const { file } = await exportProjectFile(project.db, project.id, APP_INFO);
  const blob = new Blob([projectFileJson(file)], { type: 'application/json' });
  saveDownload(blob, `${stem(videoName)}${PROJECT_FILE_SUFFIX}`);
}

export async function downloadRegionsCsv(project: ProjectRef, videoName: string): Promise<void> {
  await reviewChangesWritten();
  const { csv } = await exportRegionsCsv(project.db, project.id);
  saveDownload(new Blob([csv], { type: 'text/csv' }), `${stem(videoName)}.regions.csv`);
}

export type ImportOutcome =
  | { ok: true; projectId: string }
  | { ok: false; reason: 'unreadable' | 'wrong-video' | 'no-storage' };

/** Reads the project file's JSON; null when it is not a Garim project file. */
export async function readProjectFile(json: File) {
  const parsed = parseProjectFile(await json.text());
  return parsed.ok ? parsed.file : null;
}

/** A new project from the project file and its video (the same video, checked by SHA-256). */
export async function importProject(json: File, video: File): Promise<ImportOutcome> {
  const file = await readProjectFile(json);
  if (!file) return { ok: false, reason: 'unreadable' };
  const db = await openStore();
  if (!db) return { ok: false, reason: 'no-storage' };
  const result = await importProjectFile(db, file, video);
  return result.ok
    ? { ok: true, projectId: result.project.id }
    : { ok: false, reason: 'wrong-video' };
}
