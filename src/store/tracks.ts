/** Tracks per project: saved whole (the tracker's output, or the editor's after edits), read restored. */
import type { Track } from '../regions/tracker.ts';
import { projectRange, type GarimDb } from './db.ts';
import { requireProject } from './projects.ts';
import type { ReadResult, StoredTrack, TrackRecord } from './records.ts';
import { restoreAll, restoreTrack } from './restore.ts';
import { writeTx } from './tx.ts';

/** The tracker's (or review screen's) track as stored: no keyframes yet. */
export function toStoredTrack(track: Track): StoredTrack {
  return {
    id: track.id,
    class: track.class,
    keepVisible: track.keepVisible ?? false,
    keyframes: [],
    points: track.points.map((p) => ({ ...p })),
    ...(track.shape === 'ellipse' ? { shape: track.shape } : {}),
  };
}

function isStored(track: Track | StoredTrack): track is StoredTrack {
  return 'keyframes' in track;
}

/**
 * Replaces the project's tracks with `tracks`, in one transaction (old tracks are removed). Accepts the
 * tracker's Track[] directly.
 */
export async function saveTracks(
  db: GarimDb,
  projectId: string,
  tracks: readonly (Track | StoredTrack)[],
): Promise<void> {
  const records: TrackRecord[] = tracks.map((t) => ({
    ...(isStored(t) ? t : toStoredTrack(t)),
    projectId,
  }));
  await writeTx(db, ['projects', 'tracks'], 'the tracks', async (tx) => {
    const projects = tx.objectStore('projects');
    const project = requireProject(await projects.get(projectId), projectId);
    const store = tx.objectStore('tracks');
    await store.delete(projectRange(projectId));
    for (const record of records) await store.put(record);
    await projects.put({ ...project, updatedAtMs: Date.now() });
  });
}

/** The project's tracks by id; damaged ones are reported (a track of unknown class stays covered). */
export async function readTracks(db: GarimDb, projectId: string): Promise<ReadResult<StoredTrack>> {
  const raws = await db.getAll('tracks', projectRange(projectId));
  const { items, problems } = restoreAll('tracks', raws, ['projectId', 'id'], restoreTrack);
  const tracks = items.map((r): StoredTrack => ({
    id: r.id,
    class: r.class,
    keepVisible: r.keepVisible,
    keyframes: r.keyframes,
    points: r.points,
    ...(r.shape === 'ellipse' ? { shape: r.shape } : {}),
  }));
  return { items: tracks, problems };
}
