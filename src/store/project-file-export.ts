/**
 * Project file ⇄ store: build the document from a project and its tracks, and bring a parsed document
 * back as a project on the same video (checked by fingerprint first).
 */
import type { MediaInfo } from '../media/types.ts';
import { ownCover } from '../regions/types.ts';
import { videoBox } from '../regions/geometry.ts';
import type { GarimDb } from './db.ts';
import { checkFingerprint, type HashOptions } from './fingerprint.ts';
import { createProject, getProject } from './projects.ts';
import type { ProjectRecord, RecordProblem, StoredTrack } from './records.ts';
import { readTracks, saveTracks } from './tracks.ts';
import type { AppInfo, ProjectFileTrack, ProjectFileV1 } from './project-file.ts';
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION } from './project-file.ts';

function fileTrack(track: StoredTrack): ProjectFileTrack {
  return {
    id: track.id,
    class: track.class,
    keepVisible: track.keepVisible,
    points: track.points.map((p) => ({
      frameIndex: p.frameIndex,
      box: [p.box.x, p.box.y, p.box.w, p.box.h],
      source: p.source,
      score: p.score,
    })),
    ...ownCover(track),
  };
}

/** The document for a project (pure: no storage access). Tracks are ordered by id, points by frame. */
export function buildProjectFile(
  project: ProjectRecord,
  tracks: readonly StoredTrack[],
  app: AppInfo,
  exportedAt: Date,
): ProjectFileV1 {
  const sorted = [...tracks].sort((a, b) => a.id - b.id);
  return {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    app: { ...app },
    models: project.models.map((m) => ({ ...m })),
    source: { name: project.media.fileName, sha256: project.sourceSha256, media: project.media },
    settings: project.settings,
    tracks: sorted.map(fileTrack),
    keyframes: sorted.flatMap((t) =>
      t.keyframes.map((frameIndex) => ({ trackId: t.id, frameIndex })),
    ),
    exportedAt: exportedAt.toISOString(),
  };
}

/** The project's file, plus any damaged track records that had to be left out of it. */
export async function exportProjectFile(
  db: GarimDb,
  projectId: string,
  app: AppInfo,
  exportedAt: Date = new Date(),
): Promise<{ file: ProjectFileV1; problems: RecordProblem[] }> {
  const project = await getProject(db, projectId);
  const { items, problems } = await readTracks(db, projectId);
  return { file: buildProjectFile(project, items, app, exportedAt), problems };
}

/** Pretty-printed JSON, ready for a download Blob (`application/json`). */
export function projectFileJson(file: ProjectFileV1): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The document's tracks in store form (keyframes regrouped per track). */
export function tracksFromProjectFile(file: ProjectFileV1): StoredTrack[] {
  return file.tracks.map((t) => ({
    id: t.id,
    class: t.class,
    keepVisible: t.keepVisible,
    keyframes: file.keyframes.filter((k) => k.trackId === t.id).map((k) => k.frameIndex),
    points: t.points.map((p) => ({
      frameIndex: p.frameIndex,
      box: videoBox(...p.box),
      score: p.score,
      source: p.source,
    })),
    ...ownCover(t),
  }));
}

export type ImportResult =
  | { ok: true; project: ProjectRecord }
  | { ok: false; reason: 'fingerprint-mismatch'; expectedSha256: string; actualSha256: string };

/**
 * Makes a project from a parsed project file and its video. Refuses a different video (the fingerprint
 * must match). Frames and previews are not in the file: the project starts in 'needs-review' with its
 * tracks, and the app re-analyses if it wants previews.
 */
export async function importProjectFile(
  db: GarimDb,
  file: ProjectFileV1,
  video: File,
  options: HashOptions & { media?: MediaInfo } = {},
): Promise<ImportResult> {
  const check = await checkFingerprint(video, file.source.sha256, options);
  if (!check.match) return { ok: false, reason: 'fingerprint-mismatch', ...check };
  const project = await createProject(db, {
    file: video,
    media: options.media ?? file.source.media,
    settings: file.settings,
    models: file.models,
    sha256: check.sha256,
    state: 'needs-review',
  });
  await saveTracks(db, project.id, tracksFromProjectFile(file));
  return { ok: true, project };
}
