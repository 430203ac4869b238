/**
 * Phone realities (issue 21): a tab sent to the background is frozen by the browser, and may be discarded
 * and loaded again when the person comes back. The analysis survives a freeze, and after a discard it
 * goes on by itself from the last stored frame.
 */
import { expect, test } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { ImportPage, QUICK } from './pages/import-page.ts';

const FRAMES = 240;

test('an analysis survives the tab being frozen, and goes on by itself after the browser discarded it', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(makeFacesClip('faces-720p-8s.mp4', 8));
  await expect.poll(() => app.framesDone(), { timeout: 120_000 }).toBeGreaterThan(20);

  // Frozen for 3 s (as a background tab on a phone), then active again: the job goes on.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  const afterFreeze = await app.framesDone();
  await expect.poll(() => app.framesDone(), { timeout: 60_000 }).toBeGreaterThan(afterFreeze + 30);
  expect(await app.state()).toBe('working');

  // Discarded and loaded again (document.wasDiscarded): no click needed to go on.
  await page.addInitScript(() =>
    Object.defineProperty(Document.prototype, 'wasDiscarded', { get: () => true }),
  );
  await page.reload();
  expect(await app.waitForEnd()).toBe('review');
  expect(await app.exportReviewed()).toBe('done');
  const result = await app.lastResult();
  expect(result.resumedFrames).toBeGreaterThan(0);
  expect(result.frames.map((f) => f.frameIndex)).toEqual([...Array(FRAMES).keys()]);
});
