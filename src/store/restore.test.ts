import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import type { Detection } from '../regions/types.ts';
import { readFrames } from './frames.ts';
import { createProject, listProjects } from './projects.ts';
import {
  restoreEdit,
  restoreFrame,
  restoreProject,
  restoreSource,
  restoreTrack,
} from './restore.ts';
import { readTracks } from './tracks.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const goodDetection: Detection = { box: videoBox(1, 2, 3, 4), score: 0.8, class: 'face' };

describe('restore: projects', () => {
  it('fills missing optional fields with defaults and notes each one', () => {
    const result = restoreProject({ id: 'p', media: sampleMedia });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      id: 'p',
      name: 'Untitled',
      state: 'analysing',
      analysedFrames: 0,
      historyCursor: 0,
      thumbnail: null,
      sourceBytes: sampleMedia.fileBytes,
      settings: { mode: 'balanced', plates: false },
    });
    expect(result.notes).toContain('name is missing, expected text');
  });

  it('rejects a project without id or with unusable media, saying what was wrong', () => {
    const result = restoreProject({
      name: 3,
      media: { ...sampleMedia, frameCount: -1, width: 'x' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'id is missing, expected text',
        'media.frameCount is -1, expected a whole number ≥ 0',
        'media.width is "x", expected a number ≥ 0',
      ]),
    );
    expect(restoreProject('junk')).toEqual({
      ok: false,
      problems: ['record is "junk", expected an object'],
    });
  });
});

describe('restore: frames', () => {
  it('drops detections with NaN boxes or wrong types, keeps the rest, and reports each', () => {
    const result = restoreFrame({
      projectId: 'p',
      frameIndex: 4,
      timestampUs: 133_333,
      detections: [goodDetection, { ...goodDetection, box: { x: NaN, y: 0, w: 1, h: 1 } }, 'x'],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.detections).toEqual([goodDetection]);
    expect(result.notes).toEqual([
      'detections[1].box.x is NaN, expected a number',
      'detections[2] is "x", expected an object',
    ]);
  });

  it('rejects frames with a missing or mistyped index, timestamp or detection list', () => {
    const bad = restoreFrame({ projectId: 'p', frameIndex: '3', detections: null });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toEqual([
      'detections is null, expected a list',
      'frameIndex is "3", expected a whole number ≥ 0',
      'timestampUs is missing, expected a number',
    ]);
  });

  it('drops a preview that is not a Blob', () => {
    const result = restoreFrame({
      projectId: 'p',
      frameIndex: 0,
      timestampUs: 0,
      detections: [],
      preview: 'data:',
    });
    expect(result.ok && result.value.preview).toBeUndefined();
  });
});

describe('restore: tracks, edits, sources', () => {
  const point = { frameIndex: 0, box: { x: 0, y: 0, w: 5, h: 5 }, score: 1, source: 'detected' };

  it('keeps a track of unknown class covered (as manual) and drops bad points', () => {
    const result = restoreTrack({
      projectId: 'p',
      id: 1,
      class: 'cat',
      points: [point, { ...point, box: { x: 0, y: 0, w: Infinity, h: 1 } }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ class: 'manual', keepVisible: false, keyframes: [] });
    expect(result.value.points).toHaveLength(1);
    expect(result.notes).toContain('points[1].box.w is infinite, expected a number ≥ 0');
  });

  it('rejects a track with no usable point', () => {
    const result = restoreTrack({ projectId: 'p', id: 1, class: 'face', points: [{}] });
    expect(result.ok).toBe(false);
  });

  it('restores edits and sources, rejecting the unusable', () => {
    expect(restoreEdit({ projectId: 'p', seq: 0, op: 'moveBox', payload: { dx: 1 } }).ok).toBe(
      true,
    );
    expect(restoreEdit({ projectId: 'p', seq: -1, op: 'moveBox' }).ok).toBe(false);
    expect(restoreSource({ projectId: 'p', blob: videoFile(10) }).ok).toBe(true);
    expect(restoreSource({ projectId: 'p', blob: 'bytes' }).ok).toBe(false);
  });
});

describe('restore: reading a damaged database', () => {
  it('reports and skips bad records instead of crashing', async () => {
    const db = await freshDb();
    const project = await createProject(db, {
      file: videoFile(),
      media: sampleMedia,
      settings: sampleSettings,
    });
    const id = project.id;
    const frame = { projectId: id, timestampUs: 0, detections: [goodDetection] };
    await db.put('frames', { ...frame, frameIndex: 0 });
    await db.put('frames', { ...frame, frameIndex: 1, timestampUs: 'soon' } as never);
    await db.put('frames', {
      ...frame,
      frameIndex: 2,
      detections: [{ ...goodDetection, score: NaN }],
    });
    await db.put('tracks', { projectId: id, id: 1, class: 'face', points: 'none' } as never);
    await db.put('projects', { id: 'broken', media: null } as never);

    const frames = await readFrames(db, id);
    expect(frames.items.map((f) => [f.frameIndex, f.detections.length])).toEqual([
      [0, 1],
      [2, 0],
    ]);
    expect(frames.problems).toEqual([
      {
        store: 'frames',
        key: `${id}/1`,
        problems: ['timestampUs is "soon", expected a number'],
        skipped: true,
      },
      {
        store: 'frames',
        key: `${id}/2`,
        problems: ['detections[0].score is NaN, expected a number'],
        skipped: false,
      },
    ]);
    const tracks = await readTracks(db, id);
    expect(tracks.items).toEqual([]);
    expect(tracks.problems[0]).toMatchObject({ store: 'tracks', skipped: true });
    const projects = await listProjects(db);
    expect(projects.items.map((p) => p.id)).toEqual([id]);
    expect(projects.problems).toEqual([
      expect.objectContaining({ store: 'projects', key: 'broken', skipped: true }),
    ]);
    db.close();
  });
});
