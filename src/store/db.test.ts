import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, openGarimDb } from './db.ts';
import { listProjects, getSourceFile, findProjectsBySource } from './projects.ts';
import { readFrames } from './frames.ts';
import { readHistory } from './history.ts';
import { readTracks } from './tracks.ts';
import { sampleMedia, sampleSettings, uniqueName, videoFile } from './test-fixtures.ts';

const SHA = 'a'.repeat(64);

/** A project record as version 1 wrote it: no historyCursor yet. */
function v1Project(id: string) {
  return {
    id,
    name: 'Old project',
    createdAtMs: 1,
    updatedAtMs: 2,
    sourceSha256: SHA,
    media: sampleMedia,
    settings: sampleSettings,
    models: [],
    state: 'needs-review',
    analysedFrames: 2,
    thumbnail: null,
    sourceBytes: 4096,
    previewBytes: 0,
  };
}

describe('schema', () => {
  it('creates every store with its key path at the current version', async () => {
    const db = await openGarimDb({ name: uniqueName() });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'frames',
      'history',
      'previews',
      'projects',
      'sources',
      'tracks',
    ]);
    const tx = db.transaction(['projects', 'frames', 'tracks', 'history', 'sources', 'previews']);
    expect(tx.objectStore('projects').keyPath).toBe('id');
    expect(tx.objectStore('sources').keyPath).toBe('projectId');
    expect(tx.objectStore('frames').keyPath).toEqual(['projectId', 'frameIndex']);
    expect(tx.objectStore('tracks').keyPath).toEqual(['projectId', 'id']);
    expect(tx.objectStore('history').keyPath).toEqual(['projectId', 'seq']);
    expect(tx.objectStore('previews').keyPath).toEqual(['projectId', 'frameIndex']);
    expect([...tx.objectStore('projects').indexNames]).toEqual(['by-sha256']);
    db.close();
  });

  it('migrates a version 1 database to the current version without losing records', async () => {
    const name = uniqueName();
    const v1 = await openGarimDb({ name, version: 1 });
    expect([...v1.objectStoreNames].sort()).toEqual(['frames', 'projects', 'sources']);
    // Records written through raw puts: the v1 schema's types are not the current ones.
    await v1.put('projects', v1Project('p1') as never);
    const blob = videoFile();
    const source = { projectId: 'p1', name: 'clip.mp4', type: 'video/mp4', bytes: blob.size };
    await v1.put('sources', { ...source, lastModifiedMs: 5, blob });
    for (const frameIndex of [0, 1]) {
      await v1.put('frames', {
        projectId: 'p1',
        frameIndex,
        timestampUs: frameIndex * 33_333,
        detections: [],
      });
    }
    v1.close();

    const db = await openGarimDb({ name });
    expect(db.version).toBe(DB_VERSION);
    const { items, problems } = await listProjects(db);
    expect(problems).toEqual([]);
    expect(items.map((p) => [p.id, p.name, p.state, p.analysedFrames])).toEqual([
      ['p1', 'Old project', 'needs-review', 2],
    ]);
    expect((await db.get('projects', 'p1'))?.historyCursor).toBe(0); // backfilled by step 2
    expect((await readFrames(db, 'p1')).items.map((f) => f.frameIndex)).toEqual([0, 1]);
    expect((await getSourceFile(db, 'p1')).size).toBe(blob.size);
    expect((await findProjectsBySource(db, SHA)).items.map((p) => p.id)).toEqual(['p1']);
    expect((await readTracks(db, 'p1')).items).toEqual([]);
    expect((await readHistory(db, 'p1')).cursor).toBe(0);
    db.close();
  });

  it('refuses to open an older version over a newer database (a newer tab upgraded)', async () => {
    const name = uniqueName();
    (await openGarimDb({ name })).close();
    await expect(openGarimDb({ name, version: 1 })).rejects.toMatchObject({
      name: 'StoreOutdatedError',
    });
  });
});

describe('two tabs', () => {
  it('blocking: closes the old connection so the newer version can upgrade, and says so', async () => {
    const name = uniqueName();
    const onClosed = vi.fn();
    const oldTab = await openGarimDb({ name, version: 1, onClosed });
    const newTab = await openGarimDb({ name });
    expect(newTab.version).toBe(DB_VERSION);
    expect(onClosed).toHaveBeenCalledWith('upgrade-elsewhere');
    expect(() => oldTab.transaction('projects')).toThrow();
    newTab.close();
  });

  it('blocked: reports a StoreBlockedError while another tab keeps the old version open', async () => {
    const name = uniqueName();
    (await openGarimDb({ name, version: 1 })).close();
    // A tab that ignores versionchange (an old build without a `blocking` handler).
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const onBlocked = vi.fn();
    const opening = openGarimDb({ name, onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    expect(onBlocked.mock.calls[0]?.[0]).toMatchObject({
      name: 'StoreBlockedError',
      openVersion: 1,
      wantedVersion: DB_VERSION,
    });
    stubborn.close();
    const db = await opening;
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });
});
