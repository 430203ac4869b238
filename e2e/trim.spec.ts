/**
 * Trim in/out (issue 6): on a clip whose every frame shows its own number (H.264 with B-frames, AAC sound),
 * the person sets in and out at the playhead with I and O; the marks are on the timeline and survive a
 * reload; the export holds exactly those frames, the first at time 0 and showing the in frame's number,
 * every frame at its own distance from the in frame, with the sound cut to the same span.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { COUNTER, makeCounterAvi, makeCounterClip } from './fixtures/make-trim.mjs';
import { videoEnd, videoFrames, videoTick } from './helpers/fidelity.ts';
import { audioDurationSec, probe } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 180_000 });

const IN = 20;
const OUT = 59;
/** One AAC / MP3 / Opus frame at 48 kHz. */
const AAC_FRAME_SEC = 1024 / 48_000;
const MP3_FRAME_SEC = 1152 / 48_000;
const OPUS_FRAME_SEC = 960 / 48_000;

/** The number every decoded frame of `path` shows (its bits read from the middle of each column). */
function frameNumbers(path: string): number[] {
  const { width, height, bits, bitWidth } = COUNTER;
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0:v:0', '-fps_mode', 'passthrough'].concat([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ]),
    { maxBuffer: 1 << 30 },
  );
  const size = width * height;
  const numbers: number[] = [];
  for (let offset = 0; offset + size <= raw.length; offset += size) {
    let n = 0;
    for (let b = 0; b < bits; b++) {
      if (raw[offset + (height >> 1) * width + b * bitWidth + (bitWidth >> 1)]! > 128) n |= 1 << b;
    }
    numbers.push(n);
  }
  return numbers;
}

/** The audio stream's start (seconds; 0 where ffprobe gives none). */
function audioStart(path: string): number {
  const start = Number(probe(path).audio?.start_time ?? 0);
  return Number.isFinite(start) ? start : 0;
}

async function seekTo(page: Page, frame: number): Promise<void> {
  await page.getByTestId('scrubber').fill(String(frame));
  await expect(page.getByTestId('scrubber')).toHaveValue(String(frame));
}

/** Marks IN and OUT at the playhead with I and O, then exports and saves the output to `output`. */
async function exportTrimmed(app: ImportPage, output: string): Promise<void> {
  const { page } = app;
  await seekTo(page, IN);
  await page.keyboard.press('i');
  await seekTo(page, OUT);
  await page.keyboard.press('o');
  await expect(page.getByTestId('trim-out-marker')).toHaveAttribute('data-frame', String(OUT));
  await app.exportAndDownload(output);
}

test('in/out from the playhead (I / O): marks survive a reload; export holds exactly those frames, from 0, sound cut alike', async ({
  page,
}, testInfo) => {
  const input = makeCounterClip();
  const output = testInfo.outputPath('trimmed.mp4');
  expect(frameNumbers(input).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
  const app = new ImportPage(page);
  await app.analyse(input);

  const inMark = page.getByTestId('trim-in-marker');
  await expect(inMark).toHaveCount(0);
  await seekTo(page, OUT);
  await page.keyboard.press('o');
  await seekTo(page, IN);
  await page.keyboard.press('i');
  await expect(inMark).toHaveAttribute('data-frame', String(IN));
  await expect(page.getByTestId('trim-out-marker')).toHaveAttribute('data-frame', String(OUT));
  await expect(page.getByTestId('trim-summary')).toContainText(`${OUT - IN + 1}`);

  // Reset, then set again: the reset is a real reset, and the second setting is what is stored.
  await page.getByTestId('trim-reset').click();
  await expect(inMark).toHaveCount(0);
  await page.getByTestId('set-in').click();
  await seekTo(page, OUT);
  await page.getByTestId('set-out').click();
  await expect(inMark).toHaveAttribute('data-frame', String(IN));

  await app.reopen();
  await expect(inMark).toHaveAttribute('data-frame', String(IN));
  await expect(page.getByTestId('trim-out-marker')).toHaveAttribute('data-frame', String(OUT));

  await app.exportAndDownload(output);
  expectTrimmed(input, output, AAC_FRAME_SEC);
});

test('the ffmpeg.wasm path (AVI, MPEG-4 Part 2 + MP3) honours the trim the same way', async ({
  page,
}, testInfo) => {
  const input = makeCounterAvi();
  const output = testInfo.outputPath('trimmed-avi.mp4');
  const app = new ImportPage(page);
  await app.analyse(input);
  await exportTrimmed(app, output);
  expect((await app.lastResult()).info.engine).toBe('ffmpeg');
  expectTrimmed(input, output, MP3_FRAME_SEC);
});

test('WebM/VP9 output: the sound, re-encoded as Opus, is cut to the same span', async ({
  page,
}, testInfo) => {
  const input = makeCounterClip();
  const output = testInfo.outputPath('trimmed.webm');
  const app = new ImportPage(page);
  await app.analyse(input);
  await app.setOutput({ format: 'webm-vp9' });
  await exportTrimmed(app, output);
  expect(probe(output).audio?.codec_name).toBe('opus');
  // Matroska blocks carry no frame durations, so ffprobe cannot tell where the video ends: pts only.
  expectTrimmed(input, output, OPUS_FRAME_SEC, { videoEnd: false });
});

/**
 * Exactly the frames IN..OUT of `input` (by the number each shows), the first at 0 and each at its own
 * distance from the in frame (±1 tick), the video as long as those frames, the sound starting with the
 * picture and as long, both within one audio frame.
 */
function expectTrimmed(
  input: string,
  output: string,
  audioFrameSec: number,
  { videoEnd: checkEnd = true } = {},
): void {
  const inputFrames = videoFrames(input);
  const frames = videoFrames(output);
  const tick = Math.max(videoTick(input), videoTick(output));
  console.log(
    `trim: ${frames.length} frames, first pts ${frames[0]?.pts}, end ${videoEnd(output)}, ` +
      `audio ${audioDurationSec(output)} s from ${audioStart(output)}`,
  );
  expect(frames).toHaveLength(OUT - IN + 1);
  expect(frames[0]!.pts).toBe(0);
  const base = inputFrames[IN]!.pts;
  frames.forEach((f, i) => {
    expect(
      Math.abs(f.pts - (inputFrames[IN + i]!.pts - base)),
      `frame ${i} pts`,
    ).toBeLessThanOrEqual(tick);
  });
  const span = (OUT - IN + 1) / COUNTER.fps;
  if (checkEnd) expect(Math.abs(videoEnd(output) - span)).toBeLessThanOrEqual(tick);

  const numbers = frameNumbers(output);
  expect(numbers[0], 'the first output frame shows the in frame').toBe(IN);
  expect(numbers).toEqual(Array.from({ length: OUT - IN + 1 }, (_, i) => IN + i));

  expect(Math.abs(audioStart(output)), 'sound starts with the picture').toBeLessThanOrEqual(
    audioFrameSec,
  );
  expect(Math.abs(audioDurationSec(output) - span)).toBeLessThanOrEqual(audioFrameSec);
}
