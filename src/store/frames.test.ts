import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { GarimDb } from './db.ts';
import {
  createFrameWriter,
  lastAnalysedFrame,
  readFrameRegions,
  readFrames,
  readPreview,
  resumeFrameIndex,
  writeFrameBatch,
} from './frames.ts';
import { createProject, getProject } from './projects.ts';
import { frameAt, freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

async function newProject(db: GarimDb): Promise<string> {
  const file = videoFile();
  const project = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  return project.id;
}

/** A stand-in for the analysis loop in job/job.ts: analyses frames from `start` and stores them. */
async function analyse(db: GarimDb, id: string, start: number, stopBefore: number, seen: number[]) {
  const writer = createFrameWriter(db, id, 30);
  for (let i = start; i < stopBefore; i++) {
    seen.push(i);
    await writer.add(frameAt(i));
  }
  return writer;
}

describe('frames: batches', () => {
  it('writes a batch and keeps the project counters in step', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    expect(await lastAnalysedFrame(db, id)).toBe(-1);
    const project = await writeFrameBatch(db, id, [frameAt(0, 100), frameAt(1, 50), frameAt(2, 0)]);
    expect(project).toMatchObject({ analysedFrames: 3, previewBytes: 150 });
    expect(project.thumbnail?.size).toBe(100);
    expect(await lastAnalysedFrame(db, id)).toBe(2);
    expect((await readPreview(db, id, 1))?.size).toBe(50);
    expect(await readPreview(db, id, 2)).toBeUndefined();
    const regions = await readFrameRegions(db, id);
    expect(regions.items).toEqual([0, 1, 2].map((i) => ({ ...frameAt(i, 0) })));
  });

  it('rewriting stored frames replaces them without counting them twice', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await writeFrameBatch(db, id, [frameAt(0, 100), frameAt(1, 100)]);
    const project = await writeFrameBatch(db, id, [frameAt(1, 40), frameAt(2, 10)]);
    expect(project).toMatchObject({ analysedFrames: 3, previewBytes: 150 });
  });

  it('one transaction per batch: the writer stores every 30 frames, the rest on flush', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    const transaction = vi.spyOn(db, 'transaction');
    const writer = await analyse(db, id, 0, 75, []);
    expect(writer.pendingFrames).toBe(15);
    expect(await lastAnalysedFrame(db, id)).toBe(59);
    await writer.flush();
    expect(await lastAnalysedFrame(db, id)).toBe(74);
    const writes = transaction.mock.calls.filter(([, mode]) => mode === 'readwrite');
    expect(writes).toHaveLength(3);
    expect((await getProject(db, id)).analysedFrames).toBe(75);
  });

  it('rejects frames without a valid index before opening a transaction', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await expect(writeFrameBatch(db, id, [{ ...frameAt(0), frameIndex: 1.5 }])).rejects.toThrow(
      RangeError,
    );
    await expect(writeFrameBatch(db, 'nobody', [frameAt(0)])).rejects.toMatchObject({
      name: 'ProjectNotFoundError',
    });
    expect((await readFrames(db, 'nobody')).items).toEqual([]);
  });
});

describe('frames: resume after reload', () => {
  it('continues from the first frame not stored; stored frames are not analysed again', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    const firstRun: number[] = [];
    await analyse(db, id, 0, 100, firstRun); // "reload" at frame 100: 10 frames never flushed
    const resumeAt = await resumeFrameIndex(db, id);
    expect(resumeAt).toBe(90);
    const secondRun: number[] = [];
    const writer = await analyse(db, id, resumeAt, 120, secondRun);
    await writer.flush();
    expect(secondRun[0]).toBe(90);
    expect(secondRun).toHaveLength(30);
    const frames = await readFrames(db, id);
    expect(frames.items.map((f) => f.frameIndex)).toEqual([...Array(120).keys()]);
    expect((await getProject(db, id)).analysedFrames).toBe(120);
  });

  it('resumes at a hole rather than after it, so no frame is left without regions', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await writeFrameBatch(
      db,
      id,
      [0, 1, 2, 3, 4].map((i) => frameAt(i)),
    );
    await db.delete('frames', [id, 2]);
    expect(await lastAnalysedFrame(db, id)).toBe(4);
    expect(await resumeFrameIndex(db, id)).toBe(2);
  });
});
