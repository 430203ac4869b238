/**
 * Extra tracks (issue 6): an action-camera-style MOV with a GoPro telemetry track (`gpmd`), a timecode track
 * and a subtitle track. Before export the metadata panel lists all three, the telemetry flagged as possibly
 * recording the place; the export has only the picture and the sound (checked with ffprobe and in its bytes).
 */
import { expect, test } from '@playwright/test';
import { makeTelemetryMov } from './fixtures/make-trim.mjs';
import { bytesContain, videoFrames } from './helpers/fidelity.ts';
import { probe } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 120_000 });

test('telemetry, timecode and subtitle tracks are listed before export (telemetry flagged) and left out of it', async ({
  page,
}, testInfo) => {
  const input = makeTelemetryMov();
  const inputKinds = probe(input).streams.map((s) => s.codec_type);
  expect(inputKinds.sort()).toEqual(['audio', 'data', 'data', 'subtitle', 'video']);
  const output = testInfo.outputPath('out.mp4');
  const app = new ImportPage(page);
  await app.analyse(input);

  const listed = page.getByTestId('extra-tracks').locator('li');
  await expect(listed).toHaveCount(3);
  const telemetry = listed.and(page.locator('[data-kind="telemetry"]'));
  await expect(telemetry).toHaveAttribute('data-location', 'yes');
  await expect(telemetry).toContainText('gpmd');
  await expect(telemetry).toContainText('GPS');
  await expect(listed.and(page.locator('[data-kind="timecode"]'))).toHaveAttribute(
    'data-location',
    'no',
  );
  await expect(listed.and(page.locator('[data-kind="subtitle"]'))).toHaveCount(1);

  await app.exportAndDownload(output);
  const kinds = probe(output).streams.map((s) => s.codec_type);
  console.log(`extra-tracks: input ${inputKinds.join(',')} → output ${kinds.join(',')}`);
  expect(kinds.sort()).toEqual(['audio', 'video']);
  for (const fourCc of ['gpmd', 'tmcd', 'tx3g']) {
    expect(bytesContain(output, fourCc), `"${fourCc}" in the output`).toBe(false);
  }
  expect(bytesContain(output, 'Garim test subtitle')).toBe(false);
  expect(videoFrames(output)).toHaveLength(videoFrames(input).length);
});
