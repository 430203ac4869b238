/**
 * Limits stated up front (issue 9): once a video is opened, before analysis, the page says what the job will
 * cost (estimated analysis time, storage needed against storage free), and refuses, with the reason, a job
 * this device cannot hold — storing nothing and leaving the projects already stored as they were.
 */
import { expect, test, type Page } from '@playwright/test';
import { knownFaceClip } from './fixtures/make-bad-inputs.mjs';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.use({ serviceWorkers: 'block' });

/** With this localStorage flag set, the browser reports a 100 kB storage allowance (nothing used yet). */
const TINY_QUOTA = 'garim.test.tinyQuota';

async function projectRows(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid=projects] [data-project]')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-project')} ${r.getAttribute('data-project-state')}`),
    );
}

test('the estimate (analysis time, storage needed and free) is shown before analysis and while it runs', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(makeFacesClip());
  const plan = page.getByTestId('job-plan');
  await expect(plan).toBeVisible();
  await expect(plan).toHaveAttribute('role', 'status');
  await expect(plan).toHaveAttribute('data-frames', '120');
  await expect(plan).toHaveAttribute('data-verdict', 'fits');
  const seconds = Number(await plan.getAttribute('data-analysis-seconds'));
  // 120 frames of 720p in fast mode on WASM: seconds, not minutes (measured ≈ 10–14 fps here).
  expect(seconds).toBeGreaterThanOrEqual(4);
  expect(seconds).toBeLessThan(60);
  const needed = Number(await plan.getAttribute('data-needed-bytes'));
  expect(needed).toBeGreaterThan(400_000); // at least the stored source (≈ 456 kB)
  await expect(plan).toContainText(/Estimate: about \d+:\d\d to analyse 120 frames/);
  await expect(plan).toContainText(/is free\./);
  // It is there while the frames are analysed.
  await expect(page.locator('.job[data-stage=analyse]')).toBeVisible();
  await expect(plan).toBeVisible();
  await app.cancelButton.click();
  await expect(app.app).toHaveAttribute('data-state', 'cancelled');
});

test('a job whose project cannot fit in what the browser allows is refused with the reason; nothing is stored and the existing project is unchanged', async ({
  page,
}) => {
  await page.addInitScript((flag) => {
    if (localStorage.getItem(flag) !== '1') return;
    const tiny = { usage: 0, quota: 100_000 };
    navigator.storage.estimate = () => Promise.resolve(tiny);
  }, TINY_QUOTA);
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.process(knownFaceClip(), 60_000);
  await app.goto();
  const before = await projectRows(page);
  expect(before).toHaveLength(1);

  await page.evaluate((flag) => localStorage.setItem(flag, '1'), TINY_QUOTA);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(knownFaceClip());
  expect(await app.waitForEnd(60_000)).toBe('error');
  expect(await app.errorName()).toBe('StorageTooSmallError');
  await expect(app.alert).toContainText('too large to process on this device');
  // The reason, with the numbers: what it needs and what this browser allows.
  const plan = page.getByTestId('job-plan');
  await expect(plan).toHaveAttribute('data-verdict', 'too-big');
  await expect(plan).toContainText(
    /needs about .+ of storage, but this browser lets Garim keep at most/,
  );
  await expect(app.dropZone).toBeVisible();

  await page.evaluate((flag) => localStorage.removeItem(flag), TINY_QUOTA);
  await app.goto();
  expect(await projectRows(page)).toEqual(before);
});
