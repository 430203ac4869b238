import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { GarimDb } from './db.ts';
import { readFrames, readPreviews, writeFrameBatch } from './frames.ts';
import {
  createProject,
  getProject,
  listProjects,
  markProjectFailed,
  setProjectState,
} from './projects.ts';
import { restoreProject } from './restore.ts';
import { frameAt, freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

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
