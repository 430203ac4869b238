/**
 * The job's link to src/store: a project per imported file, frames saved as analysis goes (so a reload
 * resumes), tracks saved after analysis and after every review change. When the browser refuses storage
 * (private mode), jobs still run, just without persistence.
 */
import type { JobOptions } from './options.ts';
import type { TrimRange } from '../media/trim.ts';
import type { MediaInfo } from '../media/types.ts';
import type { Track } from '../regions/tracker.ts';
import { errorName, isAbortError } from '../lib/errors.ts';
import { DEFAULT_REDACTION, type FrameRegions, type RedactionSettings } from '../regions/types.ts';
import {
  appendEdit,
  claimEditing,
  createProject,
  redoEdit,
  undoEdit,
  getGarimDb,
  markProjectFailed,
  withProjectLock,
  readFrameRegions,
  saveTracks,
  setProjectState,
  setProjectTrim,
  setProjectRedaction,
  updateProject,
  writeFrameBatch,
  type FrameInput,
  type GarimDb,
  type ProjectState,
} from '../store/index.ts';

export type ProjectRef = { db: GarimDb; id: string };

let warned = false;

/** The database, or null when this browser will not store anything (reported once on the console). */
export async function openStore(): Promise<GarimDb | null> {
  try {
    return await getGarimDb();
  } catch (error) {
    if (!warned) console.warn('Garim: projects will not be saved:', error);
    warned = true;
    return null;
  }
}

export async function newProject(
  db: GarimDb,
  file: File,
  media: MediaInfo,
  options: JobOptions,
): Promise<ProjectRef> {
  const settings = { ...options, redaction: DEFAULT_REDACTION };
  const project = await createProject(db, { file, media, settings, state: 'analysing' });
  return { db, id: project.id };
}

/** A damaged file is now read through a repaired copy: the project says so, to open it the same way again. */
export async function saveRepairedInfo(
  project: ProjectRef | null,
  media: MediaInfo,
): Promise<void> {
  if (project) await updateProject(project.db, project.id, { media });
}

/** Frames already stored for the project, as long as they run without a gap from frame 0. */
export async function storedFrames(project: ProjectRef | null): Promise<FrameRegions[]> {
  if (!project) return [];
  const { items } = await readFrameRegions(project.db, project.id);
  const contiguous = items.findIndex((f, i) => f.frameIndex !== i);
  return contiguous === -1 ? items : items.slice(0, contiguous);
}

/**
 * Runs `work` as the project's only writer, across tabs (Web Locks): a second tab that tries to analyse the
 * same project gets ProjectLockedError at once and writes nothing.
 */
export function asOnlyWriter<T>(project: ProjectRef | null, work: () => Promise<T>): Promise<T> {
  return project ? withProjectLock(project.id, work) : work();
}

/**
 * Why a job stopped, as far as its project is concerned: null for a cancel by the person (the project stays
 * as it is, resumable), else the failure — an error, or the reason the job was aborted with when that is not
 * a cancel (the watchdog aborts a stalled job with a StalledError).
 */
function failureOf(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return isAbortError(signal.reason) ? null : signal.reason;
  return isAbortError(error) ? null : error;
}

/**
 * Runs a stored project's analysis; when it stops on an error that is not a cancel (a file that opened but
 * cannot be decoded, a full disk, a stalled worker, …) the project is marked 'failed' with the error's name
 * before the error goes on to the screen, so the list offers retry or delete instead of "analysing" forever.
 */
export async function failsInto<T>(
  project: ProjectRef | null,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const failure = failureOf(error, signal);
    if (project && failure !== null) {
      await markProjectFailed(project.db, project.id, errorName(failure)).catch((e: unknown) =>
        console.warn('Garim: could not mark the project as failed', e),
      );
    }
    throw error;
  }
}

/** Writes each batch of analysed frames (regions and preview JPEG) as it arrives from the media worker. */
export function frameSaver(project: ProjectRef | null) {
  return async (batch: FrameInput[]): Promise<void> => {
    if (project) await writeFrameBatch(project.db, project.id, batch);
  };
}

/** Stores the export's trim in/out with the project's settings (a failed write is reported, not thrown). */
export async function saveTrim(
  project: ProjectRef | null,
  trim: TrimRange | undefined,
): Promise<void> {
  if (!project) return;
  await setProjectTrim(project.db, project.id, trim).catch((e: unknown) =>
    console.warn('Garim: could not save the trim', e),
  );
}

/** Stores how the project's regions are covered (a failed write is reported, not thrown). */
export async function saveRedaction(
  project: ProjectRef | null,
  redaction: RedactionSettings,
): Promise<void> {
  if (!project) return;
  await setProjectRedaction(project.db, project.id, redaction).catch((e: unknown) =>
    console.warn('Garim: could not save the cover style', e),
  );
}

export async function saveReview(
  project: ProjectRef | null,
  tracks: readonly Track[],
  state: ProjectState,
): Promise<void> {
  if (!project) return;
  await saveTracks(project.db, project.id, tracks);
  await setProjectState(project.db, project.id, state);
}

/**
 * Keeps this tab's editing lease on `project` while an export started from review runs (the editor's own
 * lease ends when review is left). Its closing write — the tracks it exported and the state 'exported' —
 * is for `stillMine()` only: a tab that took editing over meanwhile keeps its own edits.
 */
export async function holdEditing(project: ProjectRef | null) {
  const lease = project ? await claimEditing(project.id) : null;
  let lost = project !== null && lease === null;
  void lease?.lost.then(() => (lost = true));
  return { stillMine: () => !lost, release: () => lease?.release() };
}

/** The editor's tracks as stored (keyframes included, so a drawn track keeps them after a reload). */
type EditedTracks = Parameters<typeof saveTracks>[2];
export type ReviewChange =
  { kind: 'edit'; op: string; payload: unknown } | { kind: 'undo' | 'redo' };

let writes: Promise<unknown> = Promise.resolve();

/** Resolves once every review change asked for so far is written (or failed). */
export function reviewChangesWritten(): Promise<void> {
  return writes.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Writes one review change as it happens: the edit (or undo/redo) into the project's history and the
 * tracks after it, in one transaction (a reload between two writes would find a cursor that the stored
 * tracks do not match, and reopen without the change or its undo steps). Writes are queued so they land in
 * the order the person made them.
 */
export function saveReviewChange(
  project: ProjectRef | null,
  change: ReviewChange,
  tracks: EditedTracks,
): Promise<unknown> {
  if (!project) return Promise.resolve();
  const { db, id } = project;
  writes = writes
    .catch(() => undefined)
    .then(async () => {
      if (change.kind === 'edit') {
        await appendEdit(db, id, { op: change.op, payload: change.payload }, tracks);
      } else if (change.kind === 'undo') await undoEdit(db, id, tracks);
      else await redoEdit(db, id, tracks);
    });
  return writes;
}
