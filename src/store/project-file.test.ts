import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import type { Track } from '../regions/tracker.ts';
import type { GarimDb } from './db.ts';
import { createProject, updateProject } from './projects.ts';
import type { StoredTrack } from './records.ts';
import { parseProjectFile } from './project-file-parse.ts';
import {
  exportProjectFile,
  importProjectFile,
  projectFileJson,
  tracksFromProjectFile,
} from './project-file-export.ts';
import type { ProjectFileV1 } from './project-file.ts';
import { readTracks, saveTracks } from './tracks.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const APP = { name: 'garim', version: '0.1.0' };
const EXPORTED_AT = new Date('2025-01-31T12:00:00.000Z');

const trackerTrack: Track = {
  id: 1,
  keepVisible: false,
  class: 'face',
  points: [
    { frameIndex: 0, box: videoBox(10.25, 20, 30, 40), score: 0.9, source: 'padded' },
    { frameIndex: 1, box: videoBox(11, 21, 30, 40), score: 0.91, source: 'detected' },
    { frameIndex: 2, box: videoBox(12, 22, 30, 40), score: 0.91, source: 'interpolated' },
  ],
};

const editedTrack: StoredTrack = {
  id: 2,
  class: 'plate',
  keepVisible: true,
  style: 'solid',
  keyframes: [5, 9],
  points: [
    { frameIndex: 5, box: videoBox(0, 0, 8, 4), score: 1, source: 'edited' },
    { frameIndex: 9, box: videoBox(4, 0, 8, 4), score: 1, source: 'edited' },
  ],
};

async function projectWithTracks(): Promise<{ db: GarimDb; id: string; file: File }> {
  const db = await freshDb();
  const file = videoFile(3000, 'street.mp4');
  const project = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  await updateProject(db, project.id, { models: [{ id: 'blazeface-back-256', task: 'face' }] });
  await saveTracks(db, project.id, [trackerTrack, editedTrack]);
  return { db, id: project.id, file };
}

async function exported(): Promise<ProjectFileV1> {
  const { db, id } = await projectWithTracks();
  return (await exportProjectFile(db, id, APP, EXPORTED_AT)).file;
}

describe('project file', () => {
  it('round trip: export → JSON → parse gives the same tracks', async () => {
    const { db, id } = await projectWithTracks();
    const { file, problems } = await exportProjectFile(db, id, APP, EXPORTED_AT);
    expect(problems).toEqual([]);
    expect(file).toMatchObject({
      format: 'garim-project',
      version: 1,
      app: APP,
      models: [{ id: 'blazeface-back-256', task: 'face' }],
      source: { name: 'clip.mp4', media: sampleMedia },
      settings: sampleSettings,
      keyframes: [
        { trackId: 2, frameIndex: 5 },
        { trackId: 2, frameIndex: 9 },
      ],
      exportedAt: '2025-01-31T12:00:00.000Z',
    });
    expect(file.tracks[0]?.points[0]).toEqual({
      frameIndex: 0,
      box: [10.25, 20, 30, 40],
      source: 'padded',
      score: 0.9,
    });
    const parsed = parseProjectFile(projectFileJson(file));
    expect(parsed).toEqual({ ok: true, file });
    if (!parsed.ok) return;
    expect(tracksFromProjectFile(parsed.file)).toEqual((await readTracks(db, id)).items);
  });

  it("keeps a damaged file's repair (added later: optional), and refuses a bad one", async () => {
    const file = await exported();
    const repair = { kind: 'full', listed: 90, concealed: 43, lost: 5 } as const;
    const repaired = { ...file, source: { ...file.source, media: { ...sampleMedia, repair } } };
    expect(parseProjectFile(projectFileJson(repaired))).toEqual({ ok: true, file: repaired });
    const bad = { ...repaired.source.media, repair: { ...repair, kind: 'all' } };
    expect(parseProjectFile({ ...file, source: { ...file.source, media: bad } })).toEqual({
      ok: false,
      problems: ['source.media.repair.kind is "all", expected one of full, sound'],
    });
  });

  it("keeps the review screen's keepVisible choice of tracker tracks", async () => {
    const { db, id } = await projectWithTracks();
    await saveTracks(db, id, [
      { ...trackerTrack, keepVisible: true },
      { ...trackerTrack, id: 3, keepVisible: undefined },
    ]);
    const { items } = await readTracks(db, id);
    expect(items.map((t) => [t.id, t.keepVisible, t.keyframes])).toEqual([
      [1, true, []],
      [3, false, []],
    ]);
  });

  it('rejects another format or a newer version with a readable reason', async () => {
    const file = await exported();
    expect(parseProjectFile({ ...file, format: 'excalidraw' })).toEqual({
      ok: false,
      problems: [
        'format is "excalidraw", expected "garim-project" (this is not a Garim project file)',
      ],
    });
    expect(parseProjectFile({ ...file, version: 2 })).toEqual({
      ok: false,
      problems: ['version is 2, newer than this Garim reads (1): update Garim to open it'],
    });
    expect(parseProjectFile({ ...file, version: '1' })).toEqual({
      ok: false,
      problems: ['version is "1", expected a whole number ≥ 0'],
    });
    const notJson = parseProjectFile('{"format":');
    expect(notJson.ok || notJson.problems[0]).toMatch(/^the file is not JSON/);
  });

  it('lists every shape problem with its path', async () => {
    const file = await exported();
    const [first, second] = file.tracks;
    const broken = {
      ...file,
      source: { ...file.source, sha256: 'abc' },
      tracks: [
        { ...first, points: [{ ...first?.points[0], box: [0, 0, null, 1] }] },
        { ...second, class: 'dog', keepVisible: 'yes' },
      ],
      keyframes: [{ trackId: 7, frameIndex: 1 }],
      exportedAt: 'yesterday',
    };
    const parsed = parseProjectFile(JSON.parse(JSON.stringify(broken)));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      'source.sha256 is "abc", expected 64 lowercase hex digits',
      'tracks[0].points[0].box[2] is null, expected a number ≥ 0',
      'tracks[1].class is "dog", expected one of face, plate, manual',
      'tracks[1].keepVisible is "yes", expected true or false',
      'exportedAt is "yesterday", expected a date (ISO 8601)',
    ]);
    const dangling = parseProjectFile({ ...file, keyframes: [{ trackId: 7, frameIndex: 1 }] });
    expect(dangling).toEqual({ ok: false, problems: ['keyframes[0].trackId 7 names no track'] });
  });

  it('the JSON Schema names the same fields as the TypeScript types', async () => {
    const file = await exported();
    const schema = JSON.parse(
      readFileSync(new URL('./project-file.schema.json', import.meta.url), 'utf8'),
    ) as {
      required: string[];
      properties: { version: { const: number } };
      $defs: Record<string, { required: string[] }>;
    };
    expect([...schema.required].sort()).toEqual(Object.keys(file).sort());
    expect(schema.properties.version.const).toBe(file.version);
    expect([...(schema.$defs.track?.required ?? [])].sort()).toEqual(
      Object.keys(file.tracks[0]!).sort(),
    );
    const point = file.tracks[0]!.points[0]!;
    expect([...(schema.$defs.point?.required ?? [])].sort()).toEqual(Object.keys(point).sort());
    expect([...(schema.$defs.media?.required ?? [])].sort()).toEqual(
      Object.keys(sampleMedia).sort(),
    );
  });
});

describe('import onto a video', () => {
  it('refuses a different video (fingerprint mismatch)', async () => {
    const { db, id } = await projectWithTracks();
    const { file } = await exportProjectFile(db, id, APP, EXPORTED_AT);
    const other = videoFile(3000, 'street.mp4', 8);
    const result = await importProjectFile(db, file, other);
    expect(result).toMatchObject({ ok: false, reason: 'fingerprint-mismatch' });
  });

  it('makes a reviewable project with the same tracks on the same video', async () => {
    const { db, id, file: video } = await projectWithTracks();
    const { file } = await exportProjectFile(db, id, APP, EXPORTED_AT);
    const result = await importProjectFile(db, file, video);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project).toMatchObject({
      state: 'needs-review',
      sourceSha256: file.source.sha256,
    });
    expect((await readTracks(db, result.project.id)).items).toEqual(
      (await readTracks(db, id)).items,
    );
  });
});
