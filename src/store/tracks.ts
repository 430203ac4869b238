/** Tracks per project: saved whole (the tracker's output, or the editor's after edits), read restored. */
import type { Track } from '../regions/tracker.ts';
import { ownCover } from '../regions/types.ts';
import { projectRange, type GarimDb, type GarimStore, type WriteStore } from './db.ts';
import { requireProject } from './projects.ts';
import type { ReadResult, StoredTrack } from './records.ts';
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
    ...ownCover(track),
  };
}

function isStored(track: Track | StoredTrack): track is StoredTrack {
  return 'keyframes' in track;
}

/** The tracks to store: the tracker's Track[] or the editor's StoredTrack[] (keyframes included). */
export type TracksToSave = readonly (Track | StoredTrack)[];

/**
 * Replaces the project's tracks with `tracks` inside the caller's transaction (old tracks are removed), so
 * they commit together with the caller's other writes — or not at all.
 */
export async function replaceTracks<S extends readonly GarimStore[]>(
  store: WriteStore<S, 'tracks'>,
  projectId: string,
  tracks: TracksToSave,
): Promise<void> {
  await store.delete(projectRange(projectId));
  for (const track of tracks) {
    await store.put({ ...(isStored(track) ? track : toStoredTrack(track)), projectId });
  }
}

/** Replaces the project's tracks with `tracks`, in one transaction. */
export async function saveTracks(
  db: GarimDb,
  projectId: string,
  tracks: TracksToSave,
): Promise<void> {
  await writeTx(db, ['projects', 'tracks'], 'the tracks', async (tx) => {
    const projects = tx.objectStore('projects');
    const project = requireProject(await projects.get(projectId), projectId);
    await replaceTracks(tx.objectStore('tracks'), projectId, tracks);
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
    ...ownCover(r),
  }));
  return { items: tracks, problems };
}
