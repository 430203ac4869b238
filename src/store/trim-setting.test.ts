import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseProjectFile } from './project-file-parse.ts';
import { exportProjectFile, importProjectFile, projectFileJson } from './project-file-export.ts';
import { createProject, getProject, setProjectTrim } from './projects.ts';
import { restoreProject } from './restore.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const APP = { name: 'garim', version: '0.1.0' };

async function project() {
  const db = await freshDb();
  const file = videoFile(4096, 'clip.mp4');
  const record = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  return { db, id: record.id, file };
}

describe('trim in/out in the project settings', () => {
  it('is stored with the settings, read back, and cleared again', async () => {
    const { db, id } = await project();
    expect((await getProject(db, id)).settings.trim).toBeUndefined();
    await setProjectTrim(db, id, { inFrame: 3, outFrame: 7 });
    const stored = await getProject(db, id);
    expect(stored.settings).toEqual({ ...sampleSettings, trim: { inFrame: 3, outFrame: 7 } });
    await setProjectTrim(db, id, undefined);
    expect('trim' in (await getProject(db, id)).settings).toBe(false);
  });

  it('goes through the project file (optional field) and back onto the same video', async () => {
    const { db, id, file: video } = await project();
    await setProjectTrim(db, id, { inFrame: 2, outFrame: 5 });
    const { file } = await exportProjectFile(db, id, APP, new Date(0));
    expect(file.settings.trim).toEqual({ inFrame: 2, outFrame: 5 });
    const parsed = parseProjectFile(projectFileJson(file));
    expect(parsed).toEqual({ ok: true, file });
    const imported = await importProjectFile(db, file, video);
    if (!imported.ok) throw new Error('import failed');
    expect((await getProject(db, imported.project.id)).settings.trim).toEqual({
      inFrame: 2,
      outFrame: 5,
    });
  });

  it('a file without trim still parses (older files); a bad trim is refused with its path', async () => {
    const { db, id } = await project();
    const { file } = await exportProjectFile(db, id, APP, new Date(0));
    expect('trim' in file.settings).toBe(false);
    expect(parseProjectFile(projectFileJson(file)).ok).toBe(true);
    const json = JSON.parse(projectFileJson(file)) as { settings: Record<string, unknown> };
    json.settings.trim = { inFrame: 9, outFrame: 4 };
    const bad = parseProjectFile(JSON.stringify(json));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.join('\n')).toContain('settings.trim.outFrame is 4');
    json.settings.trim = { inFrame: -1, outFrame: 4 };
    const negative = parseProjectFile(JSON.stringify(json));
    expect(!negative.ok && negative.problems.join('\n')).toContain('settings.trim.inFrame is -1');
  });

  it('a stored record with a damaged trim keeps its other settings and drops the trim (noted)', async () => {
    const { db, id } = await project();
    const record = await getProject(db, id);
    const settings = {
      mode: 'thorough',
      plates: true,
      redaction: { padding: 1.5, cellsAcross: 6 },
    };
    const restored = restoreProject({
      ...record,
      settings: { ...settings, trim: { inFrame: 'x' } },
    });
    if (!restored.ok) throw new Error(restored.problems.join('; '));
    expect(restored.value.settings).toEqual(settings);
    expect(restored.notes.join('\n')).toContain('settings.trim.inFrame');
  });
});
