/**
 * Before export the review screen lists what the file carries besides pictures and sound (a phone MOV tagged
 * with GPS, make, model, software and dates); the export keeps none of it — only, when asked, the purely
 * technical tag — and "remove the sound" leaves no audio stream. WebM/VP9 output re-encodes AAC sound (WebM
 * cannot hold it) as Opus.
 */
import { expect, test } from '@playwright/test';
import { makePhoneMov, makeVfrMp4, PHONE_TAGS, TECHNICAL_TAG } from './fixtures/make-matrix.mjs';
import {
  allTags,
  audioCodec,
  bytesContain,
  hasAudio,
  videoFrames,
  videoTick,
} from './helpers/fidelity.ts';
import { audioDurationSec, probe } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 120_000 });

const IDENTIFYING_TAG =
  /location|gps|xyz|make|model|software|creation|date|artist|author|copyright|comment|serial/i;

test('the metadata panel lists GPS, make and model; export keeps only the technical tag and drops the sound', async ({
  page,
}, testInfo) => {
  const input = makePhoneMov();
  const output = testInfo.outputPath('out.mp4');
  const app = new ImportPage(page);
  await app.analyse(input);

  const panel = page.getByTestId('output-panel');
  const listed = panel.getByTestId('source-metadata');
  await expect(listed.locator('dd[data-category="location"]').first()).toContainText('+37.5665');
  await expect(
    listed.locator('dd[data-category="device"]', { hasText: PHONE_TAGS.model }),
  ).toHaveCount(2);
  await expect(
    listed.locator('dd[data-category="device"]', { hasText: PHONE_TAGS.make }),
  ).not.toHaveCount(0);
  await expect(listed.locator('dd[data-category="time"]').first()).toContainText('2024-05-01');
  await expect(
    listed.locator('dd[data-category="software"]', { hasText: PHONE_TAGS.software }),
  ).toHaveCount(1);
  await expect(
    listed.locator('dd[data-category="technical"]', { hasText: TECHNICAL_TAG.key }),
  ).toHaveCount(1);
  console.log(`output-options: panel lists ${await listed.locator('dd').count()} tags`);

  await panel.getByTestId('keep-technical-tags').check();
  await panel.getByTestId('remove-audio').check();
  await app.exportAndDownload(output);

  expect(hasAudio(output), 'no audio stream after "remove the sound"').toBe(false);
  expect(videoFrames(output)).toHaveLength(videoFrames(input).length);
  const tags = allTags(output);
  console.log(`output-options: output tags ${tags.join(' | ')}`);
  expect(tags.filter((t) => IDENTIFYING_TAG.test(t.split('=')[0]!))).toEqual([]);
  expect(tags).toContain(`format:${TECHNICAL_TAG.key}=${TECHNICAL_TAG.value}`);
  for (const value of [PHONE_TAGS.location.slice(0, 8), PHONE_TAGS.model, PHONE_TAGS.software]) {
    expect(bytesContain(output, value), `"${value}" in the output`).toBe(false);
  }
});

test('WebM/VP9 output: every frame at its time, the AAC sound re-encoded as Opus with the same length', async ({
  page,
}, testInfo) => {
  const input = makeVfrMp4();
  const output = testInfo.outputPath('out.webm');
  const app = new ImportPage(page);
  await app.analyse(input);
  await app.setOutput({ format: 'webm-vp9', quality: 'smaller' });
  expect((await app.exportAndDownload(output)).suggestedFilename()).toMatch(/\.garim\.webm$/);

  const info = probe(output);
  expect(info.formatName).toContain('webm');
  expect(info.video?.codec_name).toBe('vp9');
  expect(audioCodec(input)).toBe('aac');
  expect(audioCodec(output), 'AAC cannot go into WebM: re-encoded').toBe('opus');
  const lengths = [audioDurationSec(input), audioDurationSec(output)];
  console.log(`output-options/webm: audio ${lengths.map((s) => s.toFixed(3)).join(' s → ')} s`);
  expect(Math.abs(lengths[1]! - lengths[0]!)).toBeLessThanOrEqual(0.05);
  const before = videoFrames(input);
  const after = videoFrames(output);
  expect(after).toHaveLength(before.length);
  const worst = Math.max(...before.map((f, i) => Math.abs(f.pts - after[i]!.pts)));
  console.log(
    `output-options/webm: ${after.length} frames, max |Δpts| ${(worst * 1e6).toFixed(0)} µs`,
  );
  expect(worst).toBeLessThanOrEqual(Math.max(videoTick(input), videoTick(output)) + 1e-6);
});
