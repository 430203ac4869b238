import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GarimDb } from './db.ts';
import { StorageFullError } from './errors.ts';
import { lastAnalysedFrame, readFrames, writeFrameBatch } from './frames.ts';
import { appendEdit, readHistory } from './history.ts';
import {
  createProject,
  deleteProject,
  getProject,
  getSourceFile,
  listProjects,
  renameProject,
  setProjectState,
} from './projects.ts';
import { REGION_BYTES_PER_FRAME_ESTIMATE } from './quota.ts';
import { readTracks, saveTracks } from './tracks.ts';
import { isQuotaError, writeTx } from './tx.ts';
import { face, frameAt, freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

async function newProject(db: GarimDb, name = 'clip.mp4', bytes = 4096) {
  return createProject(db, {
    file: videoFile(bytes, name),
    media: sampleMedia,
    settings: sampleSettings,
  });
}

async function fillProject(db: GarimDb, id: string) {
  await writeFrameBatch(db, id, [frameAt(0, 100), frameAt(1, 100)]);
  const points = [{ frameIndex: 0, box: face(0).box, score: 0.9, source: 'detected' as const }];
  await saveTracks(db, id, [{ id: 1, class: 'face', points }]);
  await appendEdit(db, id, { op: 'toggleRedaction', payload: { trackId: 1 } });
}

describe('projects', () => {
  it('creates a project with its source stored once, fingerprinted with SHA-256', async () => {
    const db = await freshDb();
    const file = videoFile(5000, 'holiday.mov');
    const project = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
    const expected = createHash('sha256')
      .update(new Uint8Array(await file.arrayBuffer()))
      .digest('hex');
    expect(project).toMatchObject({ name: 'holiday', state: 'analysing', sourceSha256: expected });
    expect(await getProject(db, project.id)).toEqual(project);
    const source = await getSourceFile(db, project.id);
    expect([source.name, source.type, source.size]).toEqual(['holiday.mov', 'video/mp4', 5000]);
    expect(new Uint8Array(await source.arrayBuffer())).toEqual(
      new Uint8Array(await file.arrayBuffer()),
    );
  });

  it('lists projects newest first with duration, state, thumbnail and storage used', async () => {
    const db = await freshDb();
    const a = await newProject(db, 'a.mp4', 1000);
    await new Promise((r) => setTimeout(r, 2));
    const b = await newProject(db, 'b.mp4', 2000);
    await writeFrameBatch(db, b.id, [frameAt(0, 300), frameAt(1, 200)]);
    const { items, problems } = await listProjects(db);
    expect(problems).toEqual([]);
    expect(items.map((p) => p.name)).toEqual(['b', 'a']);
    expect(items[0]).toMatchObject({
      id: b.id,
      durationSec: sampleMedia.durationSec,
      state: 'analysing',
      analysedFrames: 2,
      storageBytes: 2000 + 500 + 2 * REGION_BYTES_PER_FRAME_ESTIMATE,
    });
    expect(items[0]?.thumbnail?.size).toBe(300);
    expect(items[1]).toMatchObject({ id: a.id, storageBytes: 1000, thumbnail: null });
  });

  it('renames and changes state', async () => {
    const db = await freshDb();
    const { id } = await newProject(db);
    expect((await renameProject(db, id, '  Interview  ')).name).toBe('Interview');
    expect((await renameProject(db, id, '   ')).name).toBe('Untitled');
    expect((await setProjectState(db, id, 'needs-review')).state).toBe('needs-review');
    await expect(renameProject(db, 'missing', 'x')).rejects.toMatchObject({
      name: 'ProjectNotFoundError',
    });
  });

  it('delete removes everything of the project and nothing of another', async () => {
    const db = await freshDb();
    const gone = await newProject(db, 'gone.mp4');
    const kept = await newProject(db, 'kept.mp4');
    await fillProject(db, gone.id);
    await fillProject(db, kept.id);
    expect(await deleteProject(db, gone.id)).toBe(true);
    expect(await deleteProject(db, gone.id)).toBe(false);

    for (const store of ['projects', 'sources', 'frames', 'tracks', 'history'] as const) {
      const keys = await db.getAllKeys(store);
      expect(JSON.stringify(keys), store).not.toContain(gone.id);
      expect(JSON.stringify(keys), store).toContain(kept.id);
    }
    expect((await readFrames(db, kept.id)).items).toHaveLength(2);
    expect((await readTracks(db, kept.id)).items).toHaveLength(1);
    expect((await readHistory(db, kept.id)).edits).toHaveLength(1);
    expect((await getSourceFile(db, kept.id)).size).toBe(4096);
  });
});

describe('storage full', () => {
  afterEach(() => vi.restoreAllMocks());

  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  /** Makes the `nth` call (1-based) of a store method throw as a full disk does. */
  function failNth(method: 'put' | 'add', nth: number) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied below with the store as `this`
    const real = IDBObjectStore.prototype[method];
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      calls += 1;
      if (calls === nth) throw quotaError();
      return real.apply(this, args);
    });
  }

  it('a frame batch that does not fit becomes StorageFullError, and none of it is stored', async () => {
    const db = await freshDb();
    const { id } = await newProject(db);
    await writeFrameBatch(db, id, [frameAt(0), frameAt(1)]);
    const before = await getProject(db, id);
    failNth('put', 10);
    const batch = [...Array(30).keys()].map((i) => frameAt(i + 2));
    await expect(writeFrameBatch(db, id, batch)).rejects.toMatchObject({
      name: 'StorageFullError',
      operation: 'analysis progress',
    });
    vi.restoreAllMocks();
    expect(await lastAnalysedFrame(db, id)).toBe(1);
    expect((await readFrames(db, id)).items).toHaveLength(2);
    expect(await getProject(db, id)).toEqual(before);
  });

  it('a project whose source does not fit is not created at all', async () => {
    const db = await freshDb();
    failNth('add', 2); // the project record is added, then the source does not fit
    await expect(newProject(db)).rejects.toMatchObject({ name: 'StorageFullError' });
    vi.restoreAllMocks();
    expect(await db.count('projects')).toBe(0);
    expect(await db.count('sources')).toBe(0);
  });

  it('a quota error reported at commit time is mapped too', async () => {
    const db = await freshDb();
    const abort = vi.fn();
    vi.spyOn(db, 'transaction').mockReturnValue({
      done: Promise.reject(quotaError()),
      abort,
    } as unknown as ReturnType<GarimDb['transaction']>);
    const error = await writeTx(db, ['projects'], 'the test', () => Promise.resolve(1)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).message).toContain('nothing was half-written');
    expect(abort).toHaveBeenCalled();
  });

  it('recognises the quota errors browsers raise, and nothing else', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
