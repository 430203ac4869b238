/**
 * Faults while a job runs (issue 9): a detect worker that dies, a model that cannot be fetched, detection
 * that throws on some frames, and randomly damaged copies of a good clip. Each ends in a message or a fully
 * covered output, within a bounded time, and the page takes the next job.
 */
import { expect, test } from '@playwright/test';
import { goodClip, makeMutants } from './fixtures/make-bad-inputs.mjs';
import { videoFrameTimes } from './helpers/media.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ timeout: 180_000 });
// The service worker fetches (and caches) the models itself, out of reach of page.route.
test.use({ serviceWorkers: 'block' });

type FaultApi = {
  injectFault(kind: 'kill-detect-worker' | 'detect-throws', frames?: number[]): Promise<void>;
};

test('the detect worker dying mid-analysis stops the job with a message; the next job works', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(goodClip());
  await expect(page.locator('.job')).toBeVisible();
  // Kill it once analysis has begun (progress shows frames).
  await expect(app.app).toHaveAttribute('data-state', 'working');
  await page.evaluate(() =>
    (window.__garim as unknown as FaultApi).injectFault('kill-detect-worker'),
  );
  expect(await app.waitForEnd(90_000)).toMatch(/^(error|review)$/);
  if ((await app.state()) === 'error') {
    expect(await app.errorName()).toBe('StalledError');
    await expect(app.alert.locator('p')).not.toBeEmpty();
  }
  // Started again, it goes through.
  await app.goto();
  await app.setOptions(QUICK);
  await app.process(goodClip());
  expect((await app.lastResult()).frames).toHaveLength(30);
});

test('a model that cannot be fetched shows ModelLoadError, and a retry works', async ({ page }) => {
  await page.route('**/models/*.onnx', (route) => route.abort('failed'));
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(goodClip());
  expect(await app.waitForEnd(60_000)).toBe('error');
  expect(await app.errorName()).toBe('ModelLoadError');
  await expect(app.dropZone).toBeVisible();

  await page.unroute('**/models/*.onnx');
  await app.process(goodClip());
  expect((await app.lastResult()).frames).toHaveLength(30);
});

test('frames whose detection throws are counted in review and covered whole on export', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await page.evaluate(() =>
    (window.__garim as unknown as FaultApi).injectFault('detect-throws', [3, 4, 20]),
  );
  await app.choose(goodClip());
  expect(await app.waitForEnd()).toBe('review');
  await expect(page.locator('[data-failed-frames="3"]')).toBeVisible();
  expect(await app.exportReviewed()).toBe('done');
  const result = await app.lastResult();
  const failed = result.frames.filter((f) => (f as { failed?: boolean }).failed);
  expect(failed.map((f) => f.frameIndex)).toEqual([3, 4, 20]);
  expect(
    result.covered.filter((c) => (c as { failed?: boolean }).failed).map((c) => c.frameIndex),
  ).toEqual([3, 4, 20]);
});

test('20 randomly damaged copies of a good clip: each ends in a message or a full output', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const app = new ImportPage(page);
  const outcomes: string[] = [];
  for (const [i, mutant] of makeMutants(20).entries()) {
    await app.goto();
    await app.setOptions(QUICK);
    await app.choose(mutant);
    let state = await app.waitForEnd(40_000);
    if (state === 'review') state = await app.exportReviewed(40_000);
    if (state === 'error') {
      const name = await app.errorName();
      expect(name).toMatch(/^[A-Za-z]+Error$/);
      await expect(app.alert.locator('p')).not.toBeEmpty();
      outcomes.push(`${i}: ${name}`);
    } else {
      expect(state).toBe('done');
      const result = await app.lastResult();
      const output = testInfo.outputPath(`mutant-${i}.mp4`);
      await app.download(output);
      // What was exported is what was analysed: no frame slipped through unanalysed.
      expect(videoFrameTimes(output)).toHaveLength(result.frames.length);
      outcomes.push(`${i}: done, ${result.frames.length} frames`);
    }
  }
  console.log(outcomes.join('\n'));
});
