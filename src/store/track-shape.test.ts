/**
 * Tracks keep what the editor added later — the oval shape and points found by the visual tracker — through
 * IndexedDB and the project file; a track stored before shapes existed stays a rectangle.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import { createProject } from './projects.ts';
import type { StoredTrack } from './records.ts';
import { parseProjectFile } from './project-file-parse.ts';
import {
  exportProjectFile,
  projectFileJson,
  tracksFromProjectFile,
} from './project-file-export.ts';
import { restoreTrack } from './restore.ts';
import { readTracks, saveTracks } from './tracks.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const oval: StoredTrack = {
  id: 4,
  class: 'manual',
  keepVisible: false,
  keyframes: [2],
  shape: 'ellipse',
  points: [
    { frameIndex: 2, box: videoBox(0, 2, 30, 40), score: 1, source: 'edited' },
    { frameIndex: 3, box: videoBox(1, 2, 30, 40), score: 0.93, source: 'tracked' },
  ],
};

describe('track shape and tracked points', () => {
  it('survive IndexedDB and a project file round trip', async () => {
    const db = await freshDb();
    const file = videoFile(3000, 'street.mp4');
    const project = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
    await saveTracks(db, project.id, [oval]);
    const { items, problems } = await readTracks(db, project.id);
    expect(problems).toEqual([]);
    expect(items).toEqual([oval]);
    const exported = await exportProjectFile(db, project.id, { name: 'garim', version: 't' });
    expect(exported.file.tracks[0]?.shape).toBe('ellipse');
    const parsed = parseProjectFile(projectFileJson(exported.file));
    expect(parsed.ok && tracksFromProjectFile(parsed.file)).toEqual([oval]);
  });

  it('a track stored before shapes existed has no shape; an unknown one is dropped', () => {
    const old = { ...oval, projectId: 'p', shape: undefined };
    const before = restoreTrack(old);
    expect(before.ok && 'shape' in before.value).toBe(false);
    const odd = restoreTrack({ ...old, shape: 'star' });
    expect(odd.ok && 'shape' in odd.value).toBe(false);
  });
});
