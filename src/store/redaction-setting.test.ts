import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_CELLS_ACROSS, MAX_PADDING, MIN_PADDING } from '../regions/types.ts';
import { parseProjectFile } from './project-file-parse.ts';
import { exportProjectFile, projectFileJson } from './project-file-export.ts';
import { createProject, getProject, setProjectRedaction } from './projects.ts';
import { restoreProject } from './restore.ts';
import { freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const APP = { name: 'garim', version: '0.1.0' };

async function project() {
  const db = await freshDb();
  const file = videoFile(4096, 'clip.mp4');
  const record = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
  return { db, id: record.id };
}

/** The project file's JSON with its `settings.redaction` replaced. */
async function fileWith(redaction: Record<string, unknown>) {
  const { db, id } = await project();
  const { file } = await exportProjectFile(db, id, APP, new Date(0));
  const json = JSON.parse(projectFileJson(file)) as { settings: { redaction: unknown } };
  json.settings.redaction = redaction;
  return json;
}

describe('the padding in the project settings', () => {
  it('is stored with the project and goes through the project file unchanged', async () => {
    const { db, id } = await project();
    await setProjectRedaction(db, id, { padding: 1.8, cellsAcross: 5, style: 'blur' });
    expect((await getProject(db, id)).settings.redaction).toEqual({
      padding: 1.8,
      cellsAcross: 5,
      style: 'blur',
    });
    const { file } = await exportProjectFile(db, id, APP, new Date(0));
    expect(file.settings.redaction.padding).toBe(1.8);
    expect(parseProjectFile(projectFileJson(file))).toEqual({ ok: true, file });
  });

  it('a project file asking for less or more than is offered gets the floor or the ceiling', async () => {
    const small = parseProjectFile(await fileWith({ padding: 0.5, cellsAcross: 40 }));
    if (!small.ok) throw new Error(small.problems.join('; '));
    // Never a cover that leaves the hairline and chin, nor a mosaic finer than the floor.
    expect(small.file.settings.redaction).toEqual({
      padding: MIN_PADDING,
      cellsAcross: MAX_CELLS_ACROSS,
    });
    const large = parseProjectFile(await fileWith({ padding: 7, cellsAcross: 8 }));
    expect(large.ok && large.file.settings.redaction.padding).toBe(MAX_PADDING);
  });

  it('a padding that is no number is refused, as before', async () => {
    const bad = parseProjectFile(await fileWith({ padding: 'wide', cellsAcross: 8 }));
    expect(!bad.ok && bad.problems.join('\n')).toContain('settings.redaction.padding');
  });

  it('a stored record with a padding out of range is read within the range', async () => {
    const { db, id } = await project();
    const record = await getProject(db, id);
    const redaction = { padding: 1, cellsAcross: 8, style: 'solid', color: '#ff0000' };
    const restored = restoreProject({ ...record, settings: { ...record.settings, redaction } });
    if (!restored.ok) throw new Error(restored.problems.join('; '));
    expect(restored.value.settings.redaction).toEqual({ ...redaction, padding: MIN_PADDING });
  });
});
