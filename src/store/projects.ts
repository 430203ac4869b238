/**
 * Projects: create on import (the source file is stored once, with the project, in one transaction),
 * read, list, rename/update, delete (everything of the project, in one transaction).
 */
import type { RedactionSettings } from '../regions/types.ts';
import type { TrimRange } from '../media/trim.ts';
import type { MediaInfo } from '../media/types.ts';
import { projectRange, type GarimDb } from './db.ts';
import { BadRecordError, ProjectNotFoundError } from './errors.ts';
import { sha256OfBlob, type HashOptions } from './fingerprint.ts';
import type {
  ModelRef,
  ProjectRecord,
  ProjectSettings,
  ProjectState,
  ReadResult,
  SourceRecord,
} from './records.ts';
import { REGION_BYTES_PER_FRAME_ESTIMATE } from './quota.ts';
import { restoreAll, restoreProject, restoreSource } from './restore.ts';
import { writeTx } from './tx.ts';

export type NewProject = {
  file: File;
  media: MediaInfo;
  settings: ProjectSettings;
  models?: ModelRef[];
  /** Defaults to the file name without its extension. */
  name?: string;
  /** The file's SHA-256 (lowercase hex) when already known; otherwise it is computed here. */
  sha256?: string;
  /** Progress and cancellation for that computation (large files take seconds). */
  hashing?: HashOptions;
  state?: ProjectState;
};

function defaultName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || 'Untitled';
}

function newRecords(input: NewProject, sha256: string, nowMs: number) {
  const id = crypto.randomUUID();
  const project: ProjectRecord = {
    id,
    name: input.name ?? defaultName(input.file.name),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    sourceSha256: sha256,
    media: input.media,
    settings: input.settings,
    models: input.models ?? [],
    state: input.state ?? 'analysing',
    analysedFrames: 0,
    thumbnail: null,
    sourceBytes: input.file.size,
    previewBytes: 0,
    historyCursor: 0,
  };
  const { file } = input;
  const source: SourceRecord = {
    projectId: id,
    name: file.name,
    type: file.type,
    bytes: file.size,
    lastModifiedMs: file.lastModified,
    blob: file,
  };
  return { project, source };
}

/** Creates a project and stores its source file. Throws StorageFullError (and stores nothing) when full. */
export async function createProject(db: GarimDb, input: NewProject): Promise<ProjectRecord> {
  const sha256 = input.sha256 ?? (await sha256OfBlob(input.file, input.hashing));
  const { project, source } = newRecords(input, sha256, Date.now());
  await writeTx(db, ['projects', 'sources'], 'the new project', async (tx) => {
    await tx.objectStore('projects').add(project);
    await tx.objectStore('sources').add(source);
  });
  return project;
}

/** The restored project; throws ProjectNotFoundError, or BadRecordError listing what is damaged. */
export function requireProject(raw: unknown, projectId: string): ProjectRecord {
  if (raw === undefined) throw new ProjectNotFoundError(projectId);
  const result = restoreProject(raw);
  if (!result.ok) throw new BadRecordError(`projects/${projectId}`, result.problems);
  return result.value;
}

export async function getProject(db: GarimDb, projectId: string): Promise<ProjectRecord> {
  return requireProject(await db.get('projects', projectId), projectId);
}

/** Projects made from this exact file (same SHA-256), e.g. to offer resuming instead of starting over. */
export async function findProjectsBySource(db: GarimDb, sha256: string) {
  const raws = await db.getAllFromIndex('projects', 'by-sha256', sha256);
  return restoreAll('projects', raws, ['id'], restoreProject);
}

/** The stored source as a File again (name, type and modification time kept). */
export async function getSourceFile(db: GarimDb, projectId: string): Promise<File> {
  const raw = await db.get('sources', projectId);
  if (raw === undefined) throw new ProjectNotFoundError(projectId);
  const result = restoreSource(raw);
  if (!result.ok) throw new BadRecordError(`sources/${projectId}`, result.problems);
  const { blob, name, type, lastModifiedMs } = result.value;
  return new File([blob], name, { type, lastModified: lastModifiedMs });
}

export type ProjectSummary = {
  id: string;
  name: string;
  state: ProjectState;
  durationSec: number;
  frameCount: number;
  analysedFrames: number;
  thumbnail: Blob | null;
  /** Why the analysis stopped (an error name), for a 'failed' project. */
  failure?: string;
  /** Source + previews + an estimate for regions: what deleting the project frees, roughly. */
  storageBytes: number;
  createdAtMs: number;
  updatedAtMs: number;
};

export function summarise(p: ProjectRecord): ProjectSummary {
  const regionBytes = p.analysedFrames * REGION_BYTES_PER_FRAME_ESTIMATE;
  return {
    id: p.id,
    name: p.name,
    state: p.state,
    durationSec: p.media.durationSec,
    frameCount: p.media.frameCount,
    analysedFrames: p.analysedFrames,
    thumbnail: p.thumbnail,
    ...(p.failure ? { failure: p.failure } : {}),
    storageBytes: p.sourceBytes + p.previewBytes + regionBytes,
    createdAtMs: p.createdAtMs,
    updatedAtMs: p.updatedAtMs,
  };
}

/** Every project, most recently changed first; damaged records are reported, not listed. */
export async function listProjects(db: GarimDb): Promise<ReadResult<ProjectSummary>> {
  const { items, problems } = restoreAll(
    'projects',
    await db.getAll('projects'),
    ['id'],
    restoreProject,
  );
  const summaries = items.map(summarise).sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  return { items: summaries, problems };
}

export type ProjectPatch = Partial<
  Pick<ProjectRecord, 'name' | 'state' | 'settings' | 'models' | 'thumbnail' | 'media'>
>;

export async function updateProject(
  db: GarimDb,
  projectId: string,
  patch: ProjectPatch,
): Promise<ProjectRecord> {
  return writeTx(db, ['projects'], 'the project', async (tx) => {
    const project = requireProject(await tx.store.get(projectId), projectId);
    const next = { ...project, ...patch, updatedAtMs: Date.now() };
    await tx.store.put(next);
    return next;
  });
}

/** Changes the project's settings (one read-modify-write, in one transaction). */
async function changeSettings(
  db: GarimDb,
  projectId: string,
  change: (settings: ProjectRecord['settings']) => ProjectRecord['settings'],
): Promise<ProjectRecord> {
  return writeTx(db, ['projects'], 'the project', async (tx) => {
    const project = requireProject(await tx.store.get(projectId), projectId);
    const next = { ...project, settings: change(project.settings), updatedAtMs: Date.now() };
    await tx.store.put(next);
    return next;
  });
}

/** Sets the part of the video export keeps (in/out frames), or with `undefined` the whole video again. */
export function setProjectTrim(db: GarimDb, projectId: string, trim: TrimRange | undefined) {
  return changeSettings(db, projectId, (settings) => {
    const next = { ...settings, trim };
    if (!trim) delete next.trim;
    return next;
  });
}

/** Sets how the project's regions are covered (style, strength, colour). */
export function setProjectRedaction(db: GarimDb, projectId: string, redaction: RedactionSettings) {
  return changeSettings(db, projectId, (settings) => ({ ...settings, redaction }));
}

export function renameProject(db: GarimDb, projectId: string, name: string) {
  const trimmed = name.trim();
  return updateProject(db, projectId, { name: trimmed || 'Untitled' });
}

/** Sets the state; leaving 'failed' forgets the failure. */
export async function setProjectState(db: GarimDb, projectId: string, state: ProjectState) {
  return writeTx(db, ['projects'], 'the project', async (tx) => {
    const project = requireProject(await tx.store.get(projectId), projectId);
    const next: ProjectRecord = { ...project, state, updatedAtMs: Date.now() };
    delete next.failure;
    await tx.store.put(next);
    return next;
  });
}

/**
 * Marks a project whose analysis stopped on an error (`errorName`, e.g. DamagedVideoError): the list then
 * offers to retry or delete it instead of showing it as "analysing" forever. Its stored frames are kept
 * (a retry resumes after them); no other project is touched.
 */
export function markProjectFailed(db: GarimDb, projectId: string, errorName: string) {
  return writeTx(db, ['projects'], 'the project', async (tx) => {
    const project = requireProject(await tx.store.get(projectId), projectId);
    const next: ProjectRecord = {
      ...project,
      state: 'failed',
      failure: errorName,
      updatedAtMs: Date.now(),
    };
    await tx.store.put(next);
    return next;
  });
}

/** Removes the project with its source, frames, previews, tracks and history, in one transaction. */
export async function deleteProject(db: GarimDb, projectId: string): Promise<boolean> {
  const stores = ['projects', 'sources', 'frames', 'tracks', 'history', 'previews'] as const;
  return writeTx(db, stores, 'deleting the project', async (tx) => {
    const existed = (await tx.objectStore('projects').count(projectId)) > 0;
    const range = projectRange(projectId);
    await tx.objectStore('projects').delete(projectId);
    await tx.objectStore('sources').delete(projectId);
    await tx.objectStore('frames').delete(range);
    await tx.objectStore('tracks').delete(range);
    await tx.objectStore('history').delete(range);
    await tx.objectStore('previews').delete(range);
    return existed;
  });
}
