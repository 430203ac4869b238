/**
 * Track edits in the review editor (issue 4): split at the playhead (S), merge the tracks selected in the
 * list (Ctrl+click, then M; undoable), delete the box on this frame (Delete) versus the whole track
 * (Shift+Delete). Detections are injected through the test API, so the model plays no part; the stored
 * tracks are read straight from IndexedDB and the exported pixels are compared with the source.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import {
  COVERED,
  detailKept,
  FIRST_SHOT_FRAMES,
  LOWER_LEFT,
  onFirstShot,
  UPPER_RIGHT,
  VISIBLE,
} from './helpers/faces-clip.ts';
import { grayFrames, type Rect } from './helpers/media.ts';
import { storedRecords, type StoredTrack } from './helpers/stored.ts';
import { EditorPage } from './pages/editor-page.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 300_000 });

/** Two injected faces on every frame of the clip's first shot (frames 0–59), on textured parts of it. */
const FRAMES = FIRST_SHOT_FRAMES;
const LEFT = LOWER_LEFT;
const RIGHT = UPPER_RIGHT;

type TrackSpan = { id: number; frames: number[]; x: number };

/** Each stored track: its id, the frames it covers, and where its first box is (read from IndexedDB). */
async function storedTracks(page: Page): Promise<TrackSpan[]> {
  const { tracks } = await storedRecords<{ tracks: StoredTrack[] }>(page, ['tracks']);
  return tracks
    .map((t) => ({
      id: t.id,
      frames: t.points.map((p) => p.frameIndex),
      x: t.points[0]?.box.x ?? -1,
    }))
    .sort((a, b) => a.id - b.id);
}

const range = (from: number, to: number) => [...Array(to - from + 1).keys()].map((i) => i + from);

test('split at the playhead, merge the selected tracks, delete on this frame vs the whole track', async ({
  page,
}, testInfo) => {
  const app = new ImportPage(page);
  const editor = new EditorPage(page);
  const { stage, rows } = editor;
  const picked = (id: number) => editor.row(id).getByTestId('track-pick');

  const clip = makeFacesClip();
  await app.analyse(clip, onFirstShot([LEFT, RIGHT]));
  await expect(rows).toHaveCount(2);
  const analysed = await storedTracks(page);
  const left = analysed.find((t) => Math.abs(t.x - LEFT.x) <= 2)!;
  const right = analysed.find((t) => Math.abs(t.x - RIGHT.x) <= 2)!;
  expect(left.frames).toEqual(range(0, FRAMES - 1));
  expect(right.frames).toEqual(range(0, FRAMES - 1));

  // S: the left track splits at frame 40; the frames from there on become a new, selected track.
  await editor.row(left.id).locator('.tracks__class').click();
  await editor.goTo(40);
  await page.keyboard.press('s');
  await expect(rows).toHaveCount(3);
  const splitId = Number(await stage.getAttribute('data-selected'));
  expect(splitId).not.toBe(left.id);
  await expect
    .poll(async () => (await storedTracks(page)).find((t) => t.id === left.id)?.frames)
    .toEqual(range(0, 39));
  expect((await storedTracks(page)).find((t) => t.id === splitId)?.frames).toEqual(
    range(40, FRAMES - 1),
  );

  // M with one track selected only explains how; Ctrl+click adds the other part, then M merges both.
  await editor.row(left.id).locator('.tracks__class').click();
  await page.keyboard.press('m');
  await expect(editor.status).toContainText('two or more');
  await expect(rows).toHaveCount(3);
  await editor
    .row(splitId)
    .locator('.tracks__class')
    .click({ modifiers: ['Control'] });
  await expect(picked(left.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(picked(splitId)).toHaveAttribute('aria-pressed', 'true');
  await expect(picked(right.id)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('merge')).toBeEnabled();
  await page.keyboard.press('m');
  await expect(rows).toHaveCount(2);
  await expect(editor.row(splitId)).toHaveCount(0);
  const whole = range(0, FRAMES - 1);
  await expect
    .poll(async () => (await storedTracks(page)).find((t) => t.id === left.id)?.frames)
    .toEqual(whole);

  // The merge is one undo step, and redo does it again.
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(rows).toHaveCount(2);
  await expect(stage).toHaveAttribute('data-selected', String(left.id));

  // Delete: the merged track uncovered on frame 30 only.
  await editor.goTo(30);
  await page.keyboard.press('Delete');
  const withoutThirty = whole.filter((f) => f !== 30);
  await expect
    .poll(async () => (await storedTracks(page)).find((t) => t.id === left.id)?.frames)
    .toEqual(withoutThirty);

  // Shift+Delete: the right track is gone on every frame.
  await editor.row(right.id).locator('.tracks__class').click();
  await page.keyboard.press('Shift+Delete');
  await expect(rows).toHaveCount(1);
  await expect
    .poll(async () => (await storedTracks(page)).map((t) => ({ id: t.id, frames: t.frames })))
    .toEqual([{ id: left.id, frames: withoutThirty }]);

  // Export: the left face covered on every frame but 30, the right one nowhere.
  const output = testInfo.outputPath('track-edits.mp4');
  await app.exportAndDownload(output);
  const frames = [29, 30, 31, 50];
  const source = grayFrames(clip, frames);
  const out = grayFrames(output, frames);
  const detail = (i: number, box: Rect) => detailKept(source[i]!, out[i]!, box);
  const report = {
    left: frames.map((_, i) => detail(i, LEFT)),
    right: frames.map((_, i) => detail(i, RIGHT)),
  };
  console.log(JSON.stringify({ frames, ...report }));
  const [left29, left30, left31, left50] = report.left;
  expect(left29).toBeLessThan(COVERED);
  expect(left30).toBeGreaterThan(VISIBLE);
  expect(left31).toBeLessThan(COVERED);
  // Frame 50 belonged to the split-off part: covered again since the merge.
  expect(left50).toBeLessThan(COVERED);
  for (const value of report.right) expect(value).toBeGreaterThan(VISIBLE);
});
