/**
 * Cancelling a long job must stop it promptly (the workers are terminated), stay cancelled, and leave the
 * app ready for the next file.
 */
import { expect, test } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { videoFrameTimes } from './helpers/media.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ timeout: 180_000 });

const MAX_CANCEL_MS = 5_000;

/** Starts the 12 s clip and waits until analysis has made some progress. */
async function startLongJob(app: ImportPage): Promise<void> {
  await app.choose(makeFacesClip('faces-720p-12s.mp4', 12));
  await expect(app.app).toHaveAttribute('data-state', 'working');
  await expect(app.job).toHaveAttribute('data-stage', 'analyse', { timeout: 60_000 });
  const progress = app.job.locator('progress');
  await expect
    .poll(() => progress.evaluate((p: HTMLProgressElement) => p.value), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(10);
  expect(await progress.evaluate((p: HTMLProgressElement) => p.max)).toBe(360);
}

/** After a cancel: the cancelled screen, with the drop zone back and no result. */
async function expectCancelledAndIdle(app: ImportPage): Promise<void> {
  await expect(app.page.getByRole('status')).toBeVisible();
  await expect(app.cancelButton).toHaveCount(0);
  await expect(app.dropZone).toBeVisible();
  expect(await app.state()).toBe('cancelled');
  expect(await app.page.evaluate(() => window.__garim.lastResult())).toBeNull();
}

test('cancelling during analysis stops within 5 s, and the next clip processes', async ({
  page,
}, testInfo) => {
  const short = makeFacesClip();
  const app = new ImportPage(page);
  await app.goto();
  await startLongJob(app);

  const started = Date.now();
  await app.cancelButton.click();
  await expect(app.app).toHaveAttribute('data-state', 'cancelled', { timeout: MAX_CANCEL_MS });
  const cancelMs = Date.now() - started;
  console.log(`cancel: cancelled ${cancelMs} ms after the click`);
  expect(cancelMs).toBeLessThan(MAX_CANCEL_MS);
  await expectCancelledAndIdle(app);

  // The next job starts from scratch and finishes.
  await app.setOptions(QUICK);
  await app.process(short);
  const result = await app.lastResult();
  expect(result.info.fileName).toBe('faces-720p-4s.mp4');
  expect(result.frames).toHaveLength(120);
  const output = testInfo.outputPath('after-cancel.mp4');
  await app.download(output);
  expect(videoFrameTimes(output)).toHaveLength(120);
});

/**
 * Holds back, in the page, the progress messages that arrive on MessagePorts (how the media worker's
 * progress reaches the page) while `__held.on` is set — other calls, such as saving frames, pass; `__held.release()` then delivers them in order. This makes
 * "a progress message was already on its way when Cancel was pressed" happen every time rather than by
 * chance. The messages themselves are the real ones; they only arrive later.
 */
function holdPortMessages(): void {
  type Held = { on: boolean; queue: (() => void)[]; release(): number };
  const held: Held = {
    on: false,
    queue: [],
    release() {
      held.on = false;
      const delivered = held.queue.splice(0);
      delivered.forEach((deliver) => deliver());
      return delivered.length;
    },
  };
  (window as unknown as { __held: Held }).__held = held;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(port, …)
  const original = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (
    this: MessagePort,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    if (type !== 'message' || typeof listener !== 'function') {
      original.call(this, type, listener, options);
      return;
    }
    /** A comlink call whose first argument is a progress report ({stage, done, total, …}). */
    const isProgress = (event: Event): boolean => {
      const data = (event as MessageEvent).data as
        { argumentList?: { value?: { stage?: unknown } }[] } | undefined;
      return typeof data?.argumentList?.[0]?.value?.stage === 'string';
    };
    const wrapped = function (this: MessagePort, event: Event): void {
      if (held.on && isProgress(event)) held.queue.push(() => listener.call(this, event));
      else listener.call(this, event);
    };
    original.call(this, type, wrapped, options);
  };
}

type HeldWindow = { __held: { on: boolean; queue: unknown[]; release(): number } };

/**
 * Progress that the media worker posted just before it was terminated can still be on its way when the job
 * settles as cancelled. It must not bring the job back to "working": a frozen progress bar, a Cancel button
 * that does nothing, and no way to pick another file.
 */
test('progress still in flight when Cancel is pressed does not revive the job', async ({
  page,
}) => {
  const next = makeFacesClip('faces-720p-1s.mp4', 1);
  await page.addInitScript(holdPortMessages);
  const app = new ImportPage(page);
  await app.goto();
  await startLongJob(app);

  await page.evaluate(() => {
    (window as unknown as HeldWindow).__held.on = true;
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as HeldWindow).__held.queue.length), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(2);
  await app.cancelButton.click();
  await expect(app.app).toHaveAttribute('data-state', 'cancelled', { timeout: MAX_CANCEL_MS });
  const late = await page.evaluate(() => (window as unknown as HeldWindow).__held.release());
  expect(late).toBeGreaterThanOrEqual(2);

  await expectCancelledAndIdle(app);
  await app.setOptions(QUICK);
  await app.process(next);
  expect((await app.lastResult()).info.fileName).toBe('faces-720p-1s.mp4');
});

/**
 * The same late delivery without a cancel: progress posted during analysis that arrives after the analysis
 * result must not take the finished analysis (the review screen) back to a progress bar.
 */
test('progress arriving after the analysis result does not hide the review', async ({ page }) => {
  await page.addInitScript(holdPortMessages);
  const app = new ImportPage(page);
  await app.goto();
  await app.setOptions(QUICK);
  await app.choose(makeFacesClip('faces-720p-1s.mp4', 1));
  await expect(app.job).toHaveAttribute('data-stage', 'analyse', { timeout: 60_000 });
  await page.evaluate(() => {
    (window as unknown as HeldWindow).__held.on = true;
  });
  // The analysis result comes on the worker's own channel, which is not held.
  await expect(app.app).toHaveAttribute('data-state', 'review', { timeout: 60_000 });
  const late = await page.evaluate(() => (window as unknown as HeldWindow).__held.release());
  expect(late).toBeGreaterThanOrEqual(1);

  await expect(page.getByTestId('export')).toBeVisible();
  await expect(app.job).toHaveCount(0);
  expect(await app.state()).toBe('review');
});
