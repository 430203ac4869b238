/**
 * Files the app cannot use must end in a named error on screen, not a hang or a blank page, and the page
 * must take the next file as if nothing happened.
 */
import { expect, test } from '@playwright/test';
import {
  makeAudioOnly,
  makeEmptyFile,
  makeFacesClip,
  makeRandomBytes,
} from './fixtures/make-clips.mjs';
import { videoFrameTimes } from './helpers/media.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ timeout: 120_000 });

test('a zero-byte file shows EmptyFileError', async ({ page }) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.choose(makeEmptyFile('empty.mp4'));
  expect(await app.waitForEnd()).toBe('error');
  expect(await app.errorName()).toBe('EmptyFileError');
  await expect(app.dropZone).toBeVisible();
});

test('a screen that fails to render shows a message in the chosen language and a way back, not a blank page', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.goto();
  await page.evaluate(() =>
    (window.__garim as unknown as { failNextRender(): void }).failNextRender(),
  );
  const failed = page.locator('[data-error="RenderError"]');
  await expect(failed).toBeVisible();
  await expect(app.dropZone).toBeHidden();
  const lang = await page.evaluate(() => document.documentElement.lang);
  await expect(failed.locator('h1')).toHaveText(
    lang === 'ko' ? '이 화면에서 문제가 생겼습니다' : 'Something went wrong on this screen',
  );
  await page
    .getByRole('button', { name: lang === 'ko' ? '시작 화면으로' : 'Back to start' })
    .click();
  await expect(failed).toBeHidden();
  await expect(app.dropZone).toBeVisible();
});

test('random bytes show UnsupportedInputError, and the page then processes a good clip', async ({
  page,
}, testInfo) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.choose(makeRandomBytes('random.mp4'));
  expect(await app.waitForEnd()).toBe('error');
  expect(await app.errorName()).toBe('UnsupportedInputError');
  await expect(app.alert).not.toBeEmpty();

  // Still usable: the drop zone is back and a good file goes through.
  await expect(app.dropZone).toBeVisible();
  const good = makeFacesClip('faces-720p-1s.mp4', 1);
  await app.setOptions(QUICK);
  await app.process(good);
  await expect(app.alert).toHaveCount(0);
  const output = testInfo.outputPath('good.mp4');
  await app.download(output);
  expect(videoFrameTimes(output)).toHaveLength(videoFrameTimes(good).length);
  const result = await app.lastResult();
  expect(result.info.fileName).toBe('faces-720p-1s.mp4');
});

test('an audio-only .m4a shows NoVideoTrackError', async ({ page }) => {
  const app = new ImportPage(page);
  await app.goto();
  await app.choose(makeAudioOnly('tone-2s.m4a'));
  expect(await app.waitForEnd()).toBe('error');
  expect(await app.errorName()).toBe('NoVideoTrackError');
  await expect(app.dropZone).toBeVisible();
});
