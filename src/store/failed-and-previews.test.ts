import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openGarimDb, type GarimDb } from './db.ts';
import { readFrames, readPreview, readPreviews, writeFrameBatch } from './frames.ts';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  markProjectFailed,
  setProjectState,
} from './projects.ts';
import { restoreProject } from './restore.ts';
import {
  face,
  frameAt,
  freshDb,
  sampleMedia,
  sampleSettings,
  uniqueName,
  videoFile,
} from './test-fixtures.ts';

async function newProject(db: GarimDb, name = 'clip.mp4'): Promise<string> {
  const file = videoFile(4096, name);
  return (await createProject(db, { file, media: sampleMedia, settings: sampleSettings })).id;
}

describe('a failed analysis', () => {
  it('is marked failed with the error name; frames, source and other projects stay as they were', async () => {
    const db = await freshDb();
    const bad = await newProject(db, 'bad.mp4');
    const good = await newProject(db, 'good.mp4');
    await writeFrameBatch(db, bad, [frameAt(0), frameAt(1)]);
    await writeFrameBatch(db, good, [frameAt(0)]);
    await setProjectState(db, good, 'needs-review');
    const goodBefore = await getProject(db, good);

    const failed = await markProjectFailed(db, bad, 'DamagedVideoError');
    expect(failed).toMatchObject({
      state: 'failed',
      failure: 'DamagedVideoError',
      analysedFrames: 2,
    });
    expect(await getProject(db, bad)).toEqual(failed);
    expect((await readFrames(db, bad)).items.map((f) => f.frameIndex)).toEqual([0, 1]);
    expect(await getProject(db, good)).toEqual(goodBefore);

    const { items } = await listProjects(db);
    expect(items.find((p) => p.id === bad)).toMatchObject({
      state: 'failed',
      failure: 'DamagedVideoError',
    });
    expect(items.find((p) => p.id === good)).not.toHaveProperty('failure');
  });

  it('forgets the failure once a retry gets past it', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await markProjectFailed(db, id, 'StalledError');
    const retried = await setProjectState(db, id, 'needs-review');
    expect(retried.state).toBe('needs-review');
    expect(retried).not.toHaveProperty('failure');
    expect(await getProject(db, id)).not.toHaveProperty('failure');
  });

  it('restores a stored failure, and drops a damaged one with a note', () => {
    const base = { id: 'p', media: sampleMedia, state: 'failed' };
    const ok = restoreProject({ ...base, failure: 'DamagedVideoError' });
    expect(ok.ok && ok.value).toMatchObject({ state: 'failed', failure: 'DamagedVideoError' });
    const damaged = restoreProject({ ...base, failure: 42 });
    expect(damaged.ok && damaged.value).not.toHaveProperty('failure');
    expect(damaged.ok && damaged.notes.join()).toContain('failure');
    const older = restoreProject({ id: 'p', media: sampleMedia, state: 'needs-review' });
    expect(older.ok && older.value).not.toHaveProperty('failure');
  });
});

describe('stored previews', () => {
  it('reads the previews of several frames in one go, leaving out frames without one', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await writeFrameBatch(db, id, [frameAt(0, 11), frameAt(1, 0), frameAt(2, 13)]);
    const previews = await readPreviews(db, id, [0, 1, 2, 7]);
    expect([...previews.keys()]).toEqual([0, 2]);
    expect(previews.get(0)?.size).toBe(11);
    expect(previews.get(2)?.size).toBe(13);
  });
});

describe('schema v3: previews in their own store', () => {
  it('moves every preview out of a v2 database’s frame records, losing nothing', async () => {
    const name = uniqueName();
    const v2 = await openGarimDb({ name, version: 2 });
    const id = await newProject(v2);
    const jpeg = (bytes: number) =>
      new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/jpeg' });
    // Frames as version 2 wrote them: the preview inside the frame record (one frame without one).
    for (const [frameIndex, preview] of [
      [0, jpeg(11)],
      [1, undefined],
      [2, jpeg(13)],
    ] as const) {
      const detections = [face(frameIndex)];
      const record = { projectId: id, frameIndex, timestampUs: frameIndex * 33_333, detections };
      await v2.put('frames', preview ? { ...record, preview } : record);
    }
    await v2.put('frames', { projectId: id, frameIndex: 'bad', preview: jpeg(5) } as never);
    const before = await getProject(v2, id);
    v2.close();

    const db = await openGarimDb({ name });
    expect(db.version).toBe(3);
    const frames = await readFrames(db, id);
    expect(frames.items.map((f) => [f.frameIndex, f.detections, 'preview' in f])).toEqual([
      [0, [face(0)], false],
      [1, [face(1)], false],
      [2, [face(2)], false],
    ]);
    const previews = await readPreviews(db, id, [0, 1, 2]);
    expect([...previews].map(([i, blob]) => [i, blob.size, blob.type])).toEqual([
      [0, 11, 'image/jpeg'],
      [2, 13, 'image/jpeg'],
    ]);
    expect(new Uint8Array(await previews.get(2)!.arrayBuffer())).toEqual(
      new Uint8Array(13).fill(7),
    );
    expect(await readPreview(db, id, 0)).toBeInstanceOf(Blob);
    expect(await getProject(db, id)).toEqual(before);
    // A damaged record (a frame index that is not a number) is left as it was: not moved, not lost.
    expect(frames.problems).toEqual([]);
    const damaged = (await db.get('frames', [id, 'bad'] as never)) as
      { preview?: Blob } | undefined;
    expect(damaged?.preview?.size).toBe(5);
    db.close();
  });

  it('writes new previews to their own store and frees them with the project', async () => {
    const db = await freshDb();
    const id = await newProject(db);
    await writeFrameBatch(db, id, [frameAt(0, 20), frameAt(1, 30)]);
    expect(await db.count('previews')).toBe(2);
    expect((await db.get('frames', [id, 0]))?.preview).toBeUndefined();
    // A rewrite without a preview keeps the stored one and the byte count.
    const rewritten = await writeFrameBatch(db, id, [frameAt(0, 0)]);
    expect(rewritten).toMatchObject({ analysedFrames: 2, previewBytes: 50 });
    expect((await readPreview(db, id, 0))?.size).toBe(20);
    await deleteProject(db, id);
    expect(await db.count('previews')).toBe(0);
  });
});
