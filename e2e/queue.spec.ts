/**
 * Several videos chosen at once (issue 19): the first is analysed on screen and reviewed while the others
 * are analysed one after another in the background, each into its own project; a background analysis can
 * be stopped and its project resumed from the list.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { videoFrameTimes } from './helpers/media.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test('three videos at once: the first is reviewed while the others analyse, each its own project', async ({
  page,
}, testInfo) => {
  const app = new ImportPage(page);
  const first = makeFacesClip('queue-first-2s.mp4', 2);
  const second = makeFacesClip('queue-second-2s.mp4', 2);
  const third = makeFacesClip('queue-third-6s.mp4', 6);
  await app.goto();
  await app.setOptions(QUICK);
  await app.fileInput.setInputFiles([first, second, third]);
  expect(await app.waitForEnd()).toBe('review');

  // On the review screen of the first, the second analyses in the background (its workers start with it).
  const items = page.getByTestId('queue-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('queue-second-2s.mp4');
  await expect(items.nth(0)).toHaveAttribute('data-state', 'analysing');
  await expect(items.nth(1)).toHaveAttribute('data-state', 'waiting');
  const axe = await new AxeBuilder({ page })
    .include('[data-testid=queue]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  const keep = page.locator('[data-testid=tracks] [data-track]').first().getByRole('checkbox');
  await keep.check();
  await expect(items.nth(0)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  // The review was not disturbed: still on screen, the edit kept.
  await expect(app.app).toHaveAttribute('data-state', 'review');
  await expect(keep).toBeChecked();

  // The third (6 s) analyses next, with its progress shown; stopped, its frames so far stay stored.
  await expect(items.nth(1)).toHaveAttribute('data-state', 'analysing');
  await expect(items.nth(1)).toContainText('%', { timeout: 60_000 });
  await items.nth(1).getByTestId('queue-stop').click();
  await expect(items.nth(1)).toHaveAttribute('data-state', 'cancelled');

  // The second, opened from the queue, is its own project: exported, its output holds its own frames.
  await items.nth(0).getByTestId('queue-review').click();
  await expect(app.app).toHaveAttribute('data-state', 'review', { timeout: 60_000 });
  const output = testInfo.outputPath('second.garim.mp4');
  await app.exportAndDownload(output);
  expect((await app.lastResult()).info.fileName).toBe('queue-second-2s.mp4');
  expect(videoFrameTimes(output)).toHaveLength(60);

  // Three projects: the first kept its edit for review, the second exported, the third to resume.
  const projects = page.locator('[data-project]');
  await expect(projects).toHaveCount(3);
  const stateOf = (name: string) =>
    projects.filter({ hasText: name }).getAttribute('data-project-state');
  expect(await stateOf('queue-first-2s')).toBe('needs-review');
  expect(await stateOf('queue-second-2s')).toBe('exported');
  expect(await stateOf('queue-third-6s')).toBe('analysing');
  await projects.filter({ hasText: 'queue-third-6s' }).getByTestId('open-project').click();
  expect(await app.waitForEnd()).toBe('review');
  await expect(items).toHaveCount(2);
});
