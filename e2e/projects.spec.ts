/**
 * Projects survive: review edits and their undo steps outlive a reload, a project file brings the same
 * regions back onto the same video (and refuses another one), and a full disk is reported without harming
 * the projects already stored.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { makeFacesClip, makeTextClip } from './fixtures/make-clips.mjs';
import { storedHistory, storedKeys, storedRecords, type StoredProject } from './helpers/stored.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ timeout: 240_000 });

/** How many edit records the store holds and its cursor (read straight from IndexedDB). */
async function storedCounts(page: Page): Promise<{ edits: number; cursor: number }> {
  const { edits, cursor } = await storedHistory(page);
  return { edits: edits.length, cursor };
}

test('edits and their undo steps survive a reload', async ({ page }) => {
  const app = new ImportPage(page);
  await app.analyse(makeFacesClip());
  const rows = page.locator('[data-testid=tracks] [data-track]');
  // The editor is loaded lazily: wait for its track list before counting.
  await expect(rows.nth(1)).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  const first = rows.first();
  const firstId = await first.getAttribute('data-track');
  const lastId = await rows.last().getAttribute('data-track');
  const count = await rows.count();

  await first.getByRole('checkbox').check();
  await page.locator(`[data-testid=tracks] [data-track="${lastId}"] .tracks__delete`).click();
  await expect(rows).toHaveCount(count - 1);
  await expect.poll(() => storedCounts(page)).toEqual({ edits: 2, cursor: 2 });

  await app.reopen();
  const reopened = page
    .locator(`[data-testid=tracks] [data-track="${firstId}"]`)
    .getByRole('checkbox');
  await expect(reopened).toBeChecked();
  await expect(rows).toHaveCount(count - 1);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(count);
  await page.getByTestId('undo').click();
  await expect(reopened).not.toBeChecked();
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect.poll(() => storedCounts(page)).toEqual({ edits: 2, cursor: 0 });
});

/** Clicks a download button in review and returns the downloaded file's text. */
async function downloaded(page: Page, testId: string, path: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

type RegionsOnly = { tracks: unknown; keyframes: unknown; source: { sha256: string } };
const regions = (json: string) => {
  const { tracks, keyframes, source } = JSON.parse(json) as RegionsOnly;
  return { tracks, keyframes, sha256: source.sha256 };
};

test('a project file brings the same regions back onto the same video only', async ({
  page,
}, testInfo) => {
  const app = new ImportPage(page);
  const clip = makeFacesClip();
  await app.analyse(clip);
  await page.locator('[data-testid=tracks] [data-track]').first().getByRole('checkbox').check();
  await expect.poll(() => storedCounts(page)).toEqual({ edits: 1, cursor: 1 });
  const jsonPath = testInfo.outputPath('project.garim.json');
  const exported = await downloaded(page, 'export-project', jsonPath);
  const csv = await downloaded(page, 'export-csv', testInfo.outputPath('regions.csv'));
  expect(csv.split('\n')[0]).toMatch(/^frame/i);
  expect(regions(exported).tracks).not.toHaveLength(0);

  await page.reload();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('delete-project').click();
  await expect(page.getByTestId('projects')).toHaveCount(0);

  await page.getByTestId('import-project').setInputFiles(jsonPath);
  await page.getByTestId('import-video').setInputFiles(makeTextClip());
  await expect(page.getByTestId('import-warning')).toHaveAttribute(
    'data-problem',
    'importWrongVideo',
  );
  await expect(page.getByTestId('projects')).toHaveCount(0);

  await page.getByTestId('import-video').setInputFiles(clip);
  await expect(app.app).toHaveAttribute('data-state', 'review', { timeout: 120_000 });
  const again = await downloaded(page, 'export-project', testInfo.outputPath('again.garim.json'));
  expect(regions(again)).toEqual(regions(exported));
});

test('a full disk is reported and the projects already stored stay intact', async ({ page }) => {
  const app = new ImportPage(page);
  await app.analyse(makeTextClip());
  const tracks = await page.locator('[data-testid=tracks] [data-track]').count();
  await page.reload();
  const stored = page.locator('[data-project]');
  await expect(stored).toHaveCount(1);

  await page.evaluate(() => localStorage.setItem('garim.test.quotaFull', '1'));
  await app.choose(makeFacesClip());
  expect(await app.waitForEnd()).toBe('error');
  expect(await app.errorName()).toBe('StorageFullError');
  await expect(app.alert).toContainText('out of storage space');

  await page.evaluate(() => localStorage.removeItem('garim.test.quotaFull'));
  await page.reload();
  await expect(stored).toHaveCount(1);
  await expect(stored).toHaveAttribute('data-project-state', 'needs-review');
  await app.openProject();
  await expect(page.locator('[data-testid=tracks] [data-track]')).toHaveCount(tracks);
});

test('a job that will not fit asks first, and declining stores nothing', async ({ page }) => {
  await page.addInitScript(() => {
    const tiny = { usage: 9_000_000, quota: 10_000_000 };
    navigator.storage.estimate = () => Promise.resolve(tiny);
  });
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  const asked = page.waitForEvent('dialog');
  await app.choose(makeFacesClip());
  const dialog = await asked;
  expect(dialog.message()).toContain('not have enough free storage');
  await dialog.dismiss();
  await expect(app.app).toHaveAttribute('data-state', 'cancelled');
  await page.reload();
  await expect(page.getByTestId('projects')).toHaveCount(0);
});

/** Frame indices and the project's state, read straight from IndexedDB. */
async function storedProject(
  page: Page,
): Promise<{ frames: number[]; state: string; counted: number }> {
  const { projects } = await storedRecords<{ projects: StoredProject[] }>(page, ['projects']);
  const keys = await storedKeys<[string, number]>(page, 'frames');
  return {
    frames: keys.map(([, i]) => i),
    state: projects[0]?.state ?? '',
    counted: projects[0]?.analysedFrames ?? -1,
  };
}

test('two tabs: the second cannot write to a project the first is analysing', async ({
  page,
  context,
}) => {
  // Long enough that the first tab is still analysing when the second has opened (fast mode's key frames
  // analyse an 8 s clip in a few seconds).
  const frameCount = 480;
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(makeFacesClip('faces-720p-16s.mp4', 16));
  await expect(page.locator('.job__numbers')).toContainText(/^\s*([3-9]\d|1\d\d) \/ 480/, {
    timeout: 120_000,
  });

  const other = await context.newPage();
  const second = new ImportPage(other);
  await second.goto();
  const row = other.locator('[data-project-state="analysing"]');
  await expect(row).toHaveCount(1);
  await row.getByTestId('open-project').click();
  expect(await second.waitForEnd()).toBe('error');
  expect(await second.errorName()).toBe('ProjectLockedError');

  expect(await app.waitForEnd(180_000)).toBe('review');
  const stored = await storedProject(page);
  expect(stored).toEqual({
    frames: [...Array(frameCount).keys()],
    state: 'needs-review',
    counted: frameCount,
  });
  await second.goto();
  await expect(other.locator('[data-project-state="needs-review"]')).toHaveCount(1);
});
