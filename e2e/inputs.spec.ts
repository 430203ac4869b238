/**
 * Inputs beyond the H.264/MP4 happy path: WebM (VP9 + Opus), read by WebCodecs, and AVI (MPEG-4 Part 2 +
 * MP3), which only the ffmpeg.wasm fallback can read. Both must come out as MP4 with every frame.
 */
import { expect, test } from '@playwright/test';
import { makeAviClip, makeVfrClip, makeWebmClip } from './fixtures/make-clips.mjs';
import { assertDecodes, audioDurationSec, probe, videoFrameTimes } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 180_000 });

test('a WebM (VP9 + Opus) comes out as an MP4 with the same frames, timestamps and an audio track', async ({
  page,
}, testInfo) => {
  const input = makeWebmClip();
  const output = testInfo.outputPath('out.mp4');
  const { download, result } = await new ImportPage(page).processAndDownload(input, output);
  expect(download.suggestedFilename()).toBe('faces-360p-2s-vp9-opus.garim.mp4');

  expect(result.info.engine).toBe('webcodecs');
  expect(result.info.videoCodec).toMatch(/^vp09/);
  expect(result.info.audioCodec).toBe('opus');
  console.log(
    `inputs/webm: analyse ${result.analyseFps.toFixed(1)} fps, export ${result.exportFps.toFixed(1)} fps`,
  );

  const info = probe(output);
  expect(info.formatName).toContain('mp4');
  expect(info.video?.codec_name).toBe('h264');
  expect([info.video?.width, info.video?.height]).toEqual([640, 360]);
  expect(info.audio, 'audio stream in the output').toBeDefined();
  expect(info.audio?.codec_name).toBe('opus');
  assertDecodes(output);
  const audioIn = audioDurationSec(input);
  const audioOut = audioDurationSec(output);
  console.log(`inputs/webm: audio ${audioIn.toFixed(3)} s in, ${audioOut.toFixed(3)} s out`);
  expect(Math.abs(audioOut - audioIn)).toBeLessThanOrEqual(0.05);

  const before = videoFrameTimes(input);
  const after = videoFrameTimes(output);
  expect(before).toHaveLength(60);
  expect(after).toHaveLength(before.length);
  const worst = Math.max(...before.map((t, i) => Math.abs(t - after[i]!)));
  console.log(
    `inputs/webm: max |Δpts| = ${(worst * 1e6).toFixed(1)} µs (input starts at ${before[0]} s)`,
  );
  for (let i = 0; i < before.length; i++) {
    expect(after[i], `pts of frame ${i}`).toBeCloseTo(before[i]!, 4);
  }
});

test('an AVI (MPEG-4 Part 2 + MP3) goes through the ffmpeg.wasm fallback and keeps every frame', async ({
  page,
}, testInfo) => {
  const input = makeAviClip();
  const output = testInfo.outputPath('out.mp4');
  const { result } = await new ImportPage(page).processAndDownload(input, output);
  expect(result.info.engine).toBe('ffmpeg');
  console.log(
    `inputs/avi: analyse ${result.analyseFps.toFixed(1)} fps, export ${result.exportFps.toFixed(1)} fps`,
  );

  const info = probe(output);
  expect(info.formatName).toContain('mp4');
  expect(info.video?.codec_name).toBe('h264');
  expect([info.video?.width, info.video?.height]).toEqual([640, 360]);
  expect(info.audio, 'audio stream in the output').toBeDefined();
  assertDecodes(output);

  const before = videoFrameTimes(input);
  const after = videoFrameTimes(output);
  expect(before).toHaveLength(60);
  expect(after).toHaveLength(before.length);
  expect(result.frames).toHaveLength(before.length);
  const worst = Math.max(...before.map((t, i) => Math.abs(t - after[i]!)));
  console.log(`inputs/avi: max |Δpts| = ${(worst * 1e6).toFixed(1)} µs`);
});

test('a variable-frame-rate MP4 keeps every frame at its own timestamp', async ({
  page,
}, testInfo) => {
  const input = makeVfrClip();
  const output = testInfo.outputPath('vfr.mp4');
  await new ImportPage(page).processAndDownload(input, output);

  const before = videoFrameTimes(input);
  const after = videoFrameTimes(output);
  const gaps = new Set(before.slice(1).map((t, i) => Math.round((t - before[i]!) * 1000)));
  expect([...gaps].sort(), 'the input really is variable frame rate').toEqual([33, 67]);
  expect(after).toHaveLength(before.length);
  const worst = Math.max(...before.map((t, i) => Math.abs(t - after[i]!)));
  console.log(`inputs/vfr: ${before.length} frames, max |Δpts| = ${(worst * 1e6).toFixed(1)} µs`);
  expect(worst).toBeLessThan(1e-4);
  expect(Math.abs(audioDurationSec(output) - audioDurationSec(input))).toBeLessThanOrEqual(0.05);
});
