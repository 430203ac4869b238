/**
 * Per-frame analysis results, written in batches (one transaction per batch) so an interrupted analysis
 * resumes at the first frame not stored: frames written before are never recomputed.
 */
import type { FrameRegions } from '../regions/types.ts';
import { projectRange, type GarimDb } from './db.ts';
import { requireProject } from './projects.ts';
import type { FrameRecord, ProjectRecord, ReadResult } from './records.ts';
import { restoreAll, restoreFrame, restorePreview } from './restore.ts';
import { writeTx } from './tx.ts';

export const FRAME_BATCH_SIZE = 30;

/** What analysis hands over for one frame: its regions and, optionally, a small JPEG preview. */
export type FrameInput = FrameRegions & { preview?: Blob };

function checkFrame(frame: FrameInput): void {
  const { frameIndex, timestampUs } = frame;
  if (!Number.isSafeInteger(frameIndex) || frameIndex < 0 || !Number.isFinite(timestampUs)) {
    throw new RangeError(
      `Frame ${frameIndex} at ${timestampUs} µs has no valid index or timestamp.`,
    );
  }
}

function toRecord(projectId: string, frame: FrameInput): FrameRecord {
  const record: FrameRecord = {
    projectId,
    frameIndex: frame.frameIndex,
    timestampUs: frame.timestampUs,
    detections: frame.detections,
  };
  if (frame.failed) record.failed = true;
  if (frame.cut) record.cut = true;
  return record;
}

function previewSize(raw: unknown): number {
  const blob = (raw as { blob?: unknown } | undefined)?.blob;
  return blob instanceof Blob ? blob.size : 0;
}

/**
 * Stores a batch of frames (regions in `frames`, the JPEGs in `previews`) and the project's counters
 * (analysedFrames, previewBytes, thumbnail) in one transaction: all of the batch or none of it. Rewriting a
 * stored frame replaces it (counted once); a rewrite without a preview keeps the stored one.
 */
export async function writeFrameBatch(
  db: GarimDb,
  projectId: string,
  frames: readonly FrameInput[],
): Promise<ProjectRecord> {
  frames.forEach(checkFrame);
  const stores = ['projects', 'frames', 'previews'] as const;
  return writeTx(db, stores, 'analysis progress', async (tx) => {
    const project = requireProject(await tx.objectStore('projects').get(projectId), projectId);
    const store = tx.objectStore('frames');
    const previews = tx.objectStore('previews');
    let added = 0;
    let previewDelta = 0;
    let thumbnail = project.thumbnail;
    for (const frame of frames) {
      const key: [string, number] = [projectId, frame.frameIndex];
      if ((await store.count(key)) === 0) added++;
      await store.put(toRecord(projectId, frame));
      if (!frame.preview) continue;
      previewDelta += frame.preview.size - previewSize(await previews.get(key));
      thumbnail ??= frame.preview;
      await previews.put({ projectId, frameIndex: frame.frameIndex, blob: frame.preview });
    }
    const next: ProjectRecord = {
      ...project,
      analysedFrames: project.analysedFrames + added,
      previewBytes: Math.max(0, project.previewBytes + previewDelta),
      thumbnail,
      updatedAtMs: Date.now(),
    };
    await tx.objectStore('projects').put(next);
    return next;
  });
}

export type FrameWriter = {
  /** Queues a frame; writes the batch (and waits for it) when FRAME_BATCH_SIZE frames are queued. */
  add(frame: FrameInput): Promise<void>;
  /** Writes whatever is queued. Call at the end of analysis and before pausing. */
  flush(): Promise<void>;
  readonly pendingFrames: number;
};

/** Batches frames from an analysis loop: `await writer.add(frame)` per frame, `await writer.flush()` at the end. */
export function createFrameWriter(
  db: GarimDb,
  projectId: string,
  batchSize = FRAME_BATCH_SIZE,
): FrameWriter {
  let pending: FrameInput[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await writeFrameBatch(db, projectId, batch);
  };
  return {
    async add(frame) {
      pending.push(frame);
      if (pending.length >= batchSize) await flush();
    },
    flush,
    get pendingFrames() {
      return pending.length;
    },
  };
}

/** The highest stored frame index of the project, or -1 when none is stored. */
export async function lastAnalysedFrame(db: GarimDb, projectId: string): Promise<number> {
  const cursor = await db
    .transaction('frames')
    .store.openKeyCursor(projectRange(projectId), 'prev');
  return cursor ? cursor.key[1] : -1;
}

/**
 * Where analysis should continue: the first frame index not stored. Batches are written in order, so
 * this is normally lastAnalysedFrame + 1; if frames are missing in between (a damaged or hand-deleted
 * record), it is the first hole, so no frame is left without regions.
 */
export async function resumeFrameIndex(db: GarimDb, projectId: string): Promise<number> {
  const range = projectRange(projectId);
  const tx = db.transaction('frames');
  const [last, count] = await Promise.all([
    tx.store.openKeyCursor(range, 'prev').then((cursor) => (cursor ? cursor.key[1] : -1)),
    tx.store.count(range),
  ]);
  if (count === last + 1) return count;
  const keys = await db.getAllKeys('frames', range);
  const hole = keys.findIndex(([, frameIndex], i) => frameIndex !== i);
  return hole === -1 ? keys.length : hole;
}

/** Stored frames (regions, without previews), in frame order; damaged records are reported and left out. */
export async function readFrames(
  db: GarimDb,
  projectId: string,
  fromFrame = 0,
  toFrame = Infinity,
): Promise<ReadResult<FrameRecord>> {
  const range = IDBKeyRange.bound([projectId, fromFrame], [projectId, toFrame]);
  const raws = await db.getAll('frames', range);
  return restoreAll('frames', raws, ['projectId', 'frameIndex'], restoreFrame);
}

/** The regions of every stored frame, in order: what buildTracks needs after a resume. */
export async function readFrameRegions(
  db: GarimDb,
  projectId: string,
): Promise<ReadResult<FrameRegions>> {
  const { items, problems } = await readFrames(db, projectId);
  const regions = items.map(({ frameIndex, timestampUs, detections, failed, cut }) => ({
    frameIndex,
    timestampUs,
    detections,
    ...(failed ? { failed } : {}),
    ...(cut ? { cut } : {}),
  }));
  return { items: regions, problems };
}

/** One frame's preview JPEG, if stored. */
export async function readPreview(
  db: GarimDb,
  projectId: string,
  frameIndex: number,
): Promise<Blob | undefined> {
  const raw: unknown = await db.get('previews', [projectId, frameIndex]);
  const result = restorePreview(raw);
  return result.ok ? result.value.blob : undefined;
}

/**
 * The stored previews of several frames, read in one transaction (the timeline's thumbnail strip). Frames
 * without a preview (or not stored) are left out of the map.
 */
export async function readPreviews(
  db: GarimDb,
  projectId: string,
  frameIndices: readonly number[],
): Promise<Map<number, Blob>> {
  const store = db.transaction('previews').store;
  const raws = await Promise.all(frameIndices.map((i) => store.get([projectId, i])));
  const previews = new Map<number, Blob>();
  for (const raw of raws) {
    const result = restorePreview(raw);
    if (result.ok) previews.set(result.value.frameIndex, result.value.blob);
  }
  return previews;
}
