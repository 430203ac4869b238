/**
 * One writer per project in review too (issue 5): a second tab that opens a project being edited elsewhere
 * only looks (edit controls off, shortcuts refused, nothing written) until it takes editing over; then it
 * shows what the first tab wrote, and the first tab turns read-only. The edit history ends up holding both
 * tabs' edits in order and nothing else. Detections are injected through the test API (no model).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { FIRST_SHOT_FRAMES, LOWER_LEFT, UPPER_RIGHT } from './helpers/faces-clip.ts';
import { storedHistory, storedRecords, type StoredTrack } from './helpers/stored.ts';
import { EditorPage } from './pages/editor-page.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 300_000 });

/** Every shortcut that edits, pressed with track `trackId` selected. */
async function pressEditKeys(editor: EditorPage, trackId: string): Promise<void> {
  await editor.row(trackId).locator('.tracks__class').click();
  for (const key of ['Delete', 'Shift+Delete', 's', 'k', 'm', 'n', 'Control+z']) {
    await editor.page.keyboard.press(key);
  }
}

/**
 * Tab A analyses `clip` with two injected faces and edits; tab B (same browser) opens the same project and
 * is read-only. Returns both tabs and the two tracks' ids.
 */
async function twoTabs(page: Page, context: BrowserContext, clip: string, frames: number) {
  const app = new ImportPage(page);
  await app.analyse(clip, { boxes: [LOWER_LEFT, UPPER_RIGHT], frames });
  const a = new EditorPage(page);
  await expect(a.rows).toHaveCount(2);
  await expect(a.panel).toHaveAttribute('data-editing', 'editing');
  const [first, second] = await a.rows.evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-track') ?? ''),
  );
  const other = await context.newPage();
  const appB = new ImportPage(other);
  await appB.goto();
  await appB.openProject();
  const b = new EditorPage(other);
  await expect(b.panel).toHaveAttribute('data-editing', 'read-only');
  return { app, a, other, appB, b, first: first!, second: second! };
}

test('review editing has one writer: another tab only looks until it takes over', async ({
  page,
  context,
}) => {
  // Tab B opens the same project: read-only, with the reason and a way to take over.
  const { a, other, b, first, second } = await twoTabs(
    page,
    context,
    makeFacesClip(),
    FIRST_SHOT_FRAMES,
  );
  await expect(other.getByTestId('read-only')).toContainText('open for editing in another tab');
  await expect(other.getByTestId('take-over')).toBeVisible();
  await expect(b.rows).toHaveCount(2);
  // The read-only screen (message, take-over button, disabled controls) passes axe.
  const axe = await new AxeBuilder({ page: other })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // An edit in A is written.
  await a.row(first).getByRole('checkbox').check();
  await expect
    .poll(() => storedHistory(page))
    .toEqual({
      edits: [`toggleKeepVisible#${first}`],
      cursor: 1,
    });

  // B's edit controls are off, its shortcuts only say why, and nothing is written from it.
  await expect(b.row(first).getByRole('checkbox')).toBeDisabled();
  await expect(b.row(first).locator('.tracks__delete')).toBeDisabled();
  await expect(other.getByTestId('export')).toBeDisabled();
  await pressEditKeys(b, second);
  await expect(b.status).toContainText('Only viewing here');
  await expect(b.rows).toHaveCount(2);
  await expect(b.stage).toHaveAttribute('data-drawing', 'false');
  expect(await storedHistory(other)).toEqual({ edits: [`toggleKeepVisible#${first}`], cursor: 1 });

  // B takes over: it reopens the project from IndexedDB (A's edit is there) and A turns read-only.
  await other.getByTestId('take-over').click();
  await expect(b.panel).toHaveAttribute('data-editing', 'editing', { timeout: 120_000 });
  await expect(b.row(first).getByRole('checkbox')).toBeChecked();
  await expect(a.panel).toHaveAttribute('data-editing', 'read-only');
  await expect(page.getByTestId('read-only')).toBeVisible();
  await pressEditKeys(a, second);
  await expect(a.rows).toHaveCount(2);

  // An edit in B is written after A's.
  await b.row(second).locator('.tracks__delete').click();
  await expect(b.rows).toHaveCount(1);
  const both = { edits: [`toggleKeepVisible#${first}`, `deleteTrack#${second}`], cursor: 2 };
  await expect.poll(() => storedHistory(other)).toEqual(both);

  // After a reload, B edits again and holds both edits with their undo steps; A wrote nothing more.
  await other.reload();
  await other.getByTestId('open-project').click();
  await expect(b.panel).toHaveAttribute('data-editing', 'editing', { timeout: 120_000 });
  await expect(b.rows).toHaveCount(1);
  await expect(b.row(first).getByRole('checkbox')).toBeChecked();
  await expect(other.getByTestId('undo')).toBeEnabled();
  expect(await storedHistory(other)).toEqual(both);
});

test('an export still running in one tab does not undo the edits of a tab that took editing over', async ({
  page,
  context,
}) => {
  // A longer clip, so that A's export (encode and self-check) is still running when B has edited.
  const clip = makeFacesClip('faces-720p-16s.mp4', 16);
  // The patches on its first shot (8 s of 16: a cut to the second photo ends every track there).
  const { app, other, appB, b, first, second } = await twoTabs(page, context, clip, 240);

  // A exports; meanwhile B takes editing over and deletes a track.
  await page.getByTestId('export').click();
  await expect(app.app).toHaveAttribute('data-state', 'working');
  await other.getByTestId('take-over').click();
  await expect(b.panel).toHaveAttribute('data-editing', 'editing', { timeout: 120_000 });
  await b.row(second).locator('.tracks__delete').click();
  await expect
    .poll(() => storedHistory(other))
    .toEqual({ edits: [`deleteTrack#${second}`], cursor: 1 });
  // A's export was still running when B's edit was written (otherwise this proves nothing).
  expect(await app.state()).toBe('working');

  // A's export ends with its own output, but does not write its (older) tracks over B's.
  expect(await app.waitForEnd(180_000)).toBe('done');
  const { tracks } = await storedRecords<{ tracks: StoredTrack[] }>(other, ['tracks']);
  expect(tracks.map((t) => String(t.id))).toEqual([first]);
  await appB.reopen();
  await expect(b.rows).toHaveCount(1);
  await expect(b.row(first)).toHaveCount(1);
  expect(await storedHistory(other)).toEqual({ edits: [`deleteTrack#${second}`], cursor: 1 });
});
