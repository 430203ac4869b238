/**
 * The `garim` command line (cli/garim.mjs): the same in-browser pipeline, driven headless. It serves dist/
 * itself on a free port and starts its own Chromium, so each run takes a few seconds on its own.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import {
  makeFaceStills,
  makeFacesClip,
  makeRandomBytes,
  makeTextClip,
} from './fixtures/make-clips.mjs';
import { LOWER_LEFT, UPPER_RIGHT } from './helpers/faces-clip.ts';
import {
  grayFrames,
  innerPixels,
  padBox,
  probe,
  videoFrameTimes,
  type GrayFrame,
  type Rect,
} from './helpers/media.ts';
import { storedRecords } from './helpers/stored.ts';
import { ImportPage } from './pages/import-page.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'cli', 'garim.mjs');
const CLI_TIMEOUT_MS = 150_000;
const REGION_CLASSES = ['face', 'plate'];

test.describe.configure({ timeout: 180_000 });

async function garim(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 16 << 20,
  });
}

type Item = { box: unknown; score: unknown; class: unknown };
type DetectDoc = { items: Record<string, Item[]>; detector: { backend: string } };

test('garim detect writes a face list per image', async () => {
  const testInfo = test.info();
  const { dir, images } = makeFaceStills();
  expect(images).toHaveLength(2);
  const out = testInfo.outputPath('dets.json');
  const { stdout } = await garim(['detect', dir, '--out', out]);
  expect(JSON.parse(stdout)).toMatchObject({ out: resolve(out), images: 2 });

  const doc = JSON.parse(readFileSync(out, 'utf8')) as DetectDoc;
  expect(Object.keys(doc.items).sort()).toEqual(images);
  expect(['wasm', 'webgpu']).toContain(doc.detector.backend);
  for (const [path, found] of Object.entries(doc.items)) {
    // Faces, and (by default) text and plates, which the app covers too.
    const faces = found.filter((item) => item.class === 'face');
    expect(faces.length, `faces in ${path}`).toBeGreaterThanOrEqual(1);
    for (const face of found) {
      expect(REGION_CLASSES).toContain(face.class);
      expect(face.score).toEqual(expect.any(Number));
      expect(face.score as number).toBeGreaterThan(0);
      expect(face.score as number).toBeLessThanOrEqual(1);
      expect(face.box).toEqual([
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
        expect.any(Number),
      ]);
      const [x, y, w, h] = face.box as number[];
      // Inside the 1280×720 still, with a real size.
      expect(w!).toBeGreaterThan(8);
      expect(h!).toBeGreaterThan(8);
      expect(x! + w! / 2).toBeGreaterThan(0);
      expect(x! + w! / 2).toBeLessThan(1280);
      expect(y! + h! / 2).toBeGreaterThan(0);
      expect(y! + h! / 2).toBeLessThan(720);
    }
  }
  console.log(
    `cli detect: ${Object.values(doc.items)
      .map((f) => f.filter((item) => item.class === 'face').length)
      .join(' + ')} faces`,
  );
});

type RegionsDoc = {
  version: number;
  source: string;
  frames: {
    frameIndex: number;
    timestampUs: number;
    regions: Item[];
    covered: [number, number, number, number][];
  }[];
  redaction: { padding: number; cellsAcross: number; style?: string };
};

test('garim redact writes the redacted MP4 and its regions', async () => {
  const testInfo = test.info();
  const input = makeFacesClip();
  const out = testInfo.outputPath('out.mp4');
  const regionsOut = testInfo.outputPath('regions.json');
  const { stdout } = await garim(['redact', input, '-o', out, '--regions-out', regionsOut]);
  const summary = JSON.parse(stdout) as { output: string; frames: number; analyseFps: number };
  expect(summary.output).toBe(resolve(out));
  expect(summary.frames).toBe(120);
  console.log(`cli redact: ${stdout.trim()}`);

  expect(probe(out).video?.codec_name).toBe('h264');
  expect(probe(out).audio).toBeDefined();
  expect(videoFrameTimes(out)).toHaveLength(videoFrameTimes(input).length);

  const doc = JSON.parse(readFileSync(regionsOut, 'utf8')) as RegionsDoc;
  expect(doc.version).toBe(1);
  expect(doc.source).toBe('faces-720p-4s.mp4');
  expect(doc.redaction).toEqual({ padding: 1.3, cellsAcross: 8 });
  expect(doc.frames).toHaveLength(120);
  expect(doc.frames.map((f) => f.frameIndex)).toEqual([...Array(120).keys()]);
  const withFaces = doc.frames.filter((f) => f.regions.some((r) => r.class === 'face'));
  expect(withFaces.length).toBeGreaterThanOrEqual(96);
  for (const region of doc.frames.flatMap((f) => f.regions)) {
    expect(REGION_CLASSES).toContain(region.class);
    expect(region.box).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(region.score).toEqual(expect.any(Number));
  }
});

test('garim redact --style solid: every covered box is one flat fill; the regions file says so', async () => {
  const testInfo = test.info();
  const input = makeFacesClip('faces-720p-1s.mp4', 1);
  const out = testInfo.outputPath('solid.mp4');
  const regionsOut = testInfo.outputPath('solid.regions.json');
  const args = ['redact', input, '-o', out, '--regions-out', regionsOut, '--mode', 'fast'];
  await garim([...args, '--style', 'solid']);
  const doc = JSON.parse(readFileSync(regionsOut, 'utf8')) as RegionsDoc;
  expect(doc.redaction).toEqual({ padding: 1.3, cellsAcross: 8, style: 'solid' });
  const frames = [0, 15, 29];
  const shown = grayFrames(out, frames);
  let checked = 0;
  for (const [i, frame] of shown.entries()) {
    for (const [x, y, w, h] of doc.frames[frames[i]!]!.covered) {
      if (w < 24 || h < 24) continue;
      const inner = innerPixels({ x, y, w, h }, frame.width, frame.height);
      const values: number[] = [];
      for (let row = inner.y; row < inner.y + inner.h; row++) {
        for (let col = inner.x; col < inner.x + inner.w; col++) {
          values.push(frame.data[row * frame.width + col]!);
        }
      }
      // Black: luma 16, written by ffmpeg's gray conversion as ≈ 0; one flat fill.
      expect(Math.max(...values), `covered box ${[x, y, w, h].join(',')}`).toBeLessThan(10);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
  // A bad style or strength is refused before anything runs.
  await expect(garim([...args, '--style', 'pixelate'])).rejects.toThrow();
  await expect(garim([...args, '--strength', '40'])).rejects.toThrow();
});

type BatchLine = { input: string; output?: string; frames?: number; error?: string };

test('garim redact takes a folder in one browser: each output named after its input, a bad file reported and the others done, exit status 1', async () => {
  const testInfo = test.info();
  const dir = testInfo.outputPath('batch-in');
  mkdirSync(dir, { recursive: true });
  const clip = makeFacesClip('faces-720p-1s.mp4', 1);
  copyFileSync(clip, join(dir, 'a.mp4'));
  copyFileSync(makeRandomBytes('random.mp4'), join(dir, 'b-broken.mp4'));
  copyFileSync(clip, join(dir, 'c.mov'));
  copyFileSync(clip, join(dir, 'notes.txt')); // not a video: left out
  const outDir = testInfo.outputPath('batch-out');
  const failed = await garimFailing(['redact', dir, '-o', outDir, '--mode', 'fast', '--no-plates']);
  expect(failed.code).toBe(1);
  const lines = batchLines(failed.stdout);
  console.log(`cli batch: ${lines.map((l) => JSON.stringify(l)).join('\n')}`);
  expect(lines.map((l) => l.input)).toEqual(
    ['a.mp4', 'b-broken.mp4', 'c.mov'].map((name) => join(dir, name)),
  );
  expect(lines[1]?.error).toMatch(/UnsupportedInput|cannot|failed/i);
  for (const [line, name] of [
    [lines[0], 'a.garim.mp4'],
    [lines[2], 'c.garim.mp4'],
  ] as const) {
    expect(line?.output).toBe(join(outDir, name));
    expect(line?.frames).toBe(30);
    expect(existsSync(join(outDir, name))).toBe(true);
    expect(videoFrameTimes(join(outDir, name))).toHaveLength(30);
  }
  expect(existsSync(join(outDir, 'b-broken.garim.mp4'))).toBe(false);
});

/** `garim …` that is expected to fail: its exit status and stdout. */
async function garimFailing(args: string[]): Promise<{ code?: number; stdout: string }> {
  return garim(args).then(
    () => ({ code: 0, stdout: '' }),
    (error: { code?: number; stdout?: string }) => ({
      code: error.code,
      stdout: error.stdout ?? '',
    }),
  );
}

/** `garim redact`'s output on a batch: one JSON line per file. */
function batchLines(stdout: string): BatchLine[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BatchLine);
}

type Box4 = [number, number, number, number];

/**
 * The strips left and right of `box` that its 2× growth covers and its 1.3× growth does not (2 pixels in
 * from each edge), clipped to the frame; the ones of at least 4 × 8 pixels.
 */
function ringStrips([x, y, w, h]: Box4, width: number, height: number) {
  const cx = x + w / 2;
  const strips = [
    { x: cx + 0.65 * w + 2, y: y + 2, w: 0.35 * w - 4, h: h - 4 },
    { x: cx - w + 2, y: y + 2, w: 0.35 * w - 4, h: h - 4 },
  ];
  return strips
    .map((strip) => innerPixels(strip, width, height))
    .filter((strip) => strip.w >= 4 && strip.h >= 8);
}

/** The brightest grey level inside `rect`. */
function brightest(frame: GrayFrame, rect: Rect): number {
  let max = 0;
  for (let row = rect.y; row < rect.y + rect.h; row++) {
    for (let col = rect.x; col < rect.x + rect.w; col++) {
      max = Math.max(max, frame.data[row * frame.width + col]!);
    }
  }
  return max;
}

test('garim redact --pad 2.0 covers each box grown 2× about its centre; --pad 0.5 is refused (exit 2)', async () => {
  const testInfo = test.info();
  const input = makeFacesClip('faces-720p-1s.mp4', 1);
  const out = testInfo.outputPath('pad.mp4');
  const regionsOut = testInfo.outputPath('pad.regions.json');
  const args = ['redact', input, '-o', out, '--regions-out', regionsOut, '--mode', 'fast'];
  // Refused before anything runs: below the floor, or not in tenths.
  expect((await garimFailing([...args, '--pad', '0.5'])).code).toBe(2);
  expect((await garimFailing([...args, '--pad', '1.25'])).code).toBe(2);
  // A solid fill shows exactly where the cover reaches.
  await garim([...args, '--no-plates', '--style', 'solid', '--pad', '2.0']);
  const doc = JSON.parse(readFileSync(regionsOut, 'utf8')) as RegionsDoc;
  expect(doc.redaction).toEqual({ padding: 2, cellsAcross: 8, style: 'solid' });
  const frames = [0, 15, 29];
  const [shown, before] = [grayFrames(out, frames), grayFrames(input, frames)];
  let strips = 0;
  let visibleBefore = 0;
  for (const [i, frame] of shown.entries()) {
    for (const box of doc.frames[frames[i]!]!.covered) {
      for (const strip of ringStrips(box, frame.width, frame.height)) {
        // Beyond the default 1.3× and inside 2×: black (luma 16, ≈ 0 in ffmpeg's gray).
        expect(brightest(frame, strip), `strip ${JSON.stringify(strip)}`).toBeLessThan(10);
        if (brightest(before[i]!, strip) > 40) visibleBefore++;
        strips++;
      }
    }
  }
  expect(strips).toBeGreaterThan(0);
  // What 2× adds was picture before (the default cover would have left it).
  expect(visibleBefore).toBeGreaterThan(0);
});

/** The stored project's cover settings (read straight from IndexedDB). */
async function storedRedaction(page: Page): Promise<unknown> {
  type Stored = { settings: { redaction: unknown } };
  const { projects } = await storedRecords<{ projects: Stored[] }>(page, ['projects']);
  return projects[0]?.settings.redaction;
}

/**
 * The mean absolute difference (grey levels) of two frames inside `outer`, less `inner` when given (a ring),
 * and over the whole frame without `outer`.
 */
function meanDifference(a: GrayFrame, b: GrayFrame, outer?: Rect, inner?: Rect): number {
  const area = outer ?? { x: 0, y: 0, w: a.width, h: a.height };
  const inside = (x: number, y: number, r: Rect) =>
    x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
  let sum = 0;
  let count = 0;
  for (let y = area.y; y < area.y + area.h; y++) {
    for (let x = area.x; x < area.x + area.w; x++) {
      if (inner && inside(x, y, inner)) continue;
      sum += Math.abs(a.data[y * a.width + x]! - b.data[y * b.width + x]!);
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

test('garim redact --project exports a project reviewed in the app as the app does; a wrong video is refused and the others still done', async ({
  page,
}) => {
  const testInfo = test.info();
  const clip = makeFacesClip('faces-720p-1s.mp4', 1);
  // In the app: analyse (two faces injected on the first shot), keep one person visible, choose a blur of
  // 5 across grown 1.6×, export, and download the project file.
  const app = new ImportPage(page);
  await app.analyse(clip, { boxes: [UPPER_RIGHT, LOWER_LEFT], frames: 15 });
  await page.locator('[data-testid=tracks] [data-track]').first().getByRole('checkbox').check();
  await page.locator('input[name="cover-style"][value="blur"]').check();
  await page.getByTestId('cover-strength').fill('5');
  await page.getByTestId('cover-padding').fill('1.6');
  const redaction = { padding: 1.6, cellsAcross: 5, style: 'blur' };
  await expect.poll(() => storedRedaction(page)).toEqual(redaction);
  const projectFile = testInfo.outputPath('reviewed.garim.json');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-project').click(),
  ]);
  await download.saveAs(projectFile);
  const appOut = testInfo.outputPath('app.mp4');
  await app.exportAndDownload(appOut);

  // The command line: the same video (by its name) and another video under that name.
  const right = testInfo.outputPath('right');
  const wrong = testInfo.outputPath('wrong');
  for (const dir of [right, wrong]) mkdirSync(dir, { recursive: true });
  copyFileSync(clip, join(right, 'faces-720p-1s.mp4'));
  copyFileSync(makeTextClip(), join(wrong, 'faces-720p-1s.mp4'));
  const outDir = testInfo.outputPath('out');
  const regionsDir = testInfo.outputPath('regions');
  const inputs = [join(right, 'faces-720p-1s.mp4'), join(wrong, 'faces-720p-1s.mp4')];
  const failed = await garimFailing([
    ...['redact', ...inputs, '-o', outDir, '--regions-out', regionsDir],
    ...['--project', projectFile],
  ]);
  expect(failed.code).toBe(1);
  const lines = batchLines(failed.stdout);
  console.log(`cli --project: ${lines.map((l) => JSON.stringify(l)).join('\n')}`);
  expect(lines.map((l) => l.input)).toEqual(inputs);
  expect(lines[1]?.error).toMatch(/not the one the project file was made from/);
  const cliOut = join(outDir, 'faces-720p-1s.garim.mp4');
  expect(lines[0]?.output).toBe(cliOut);
  const doc = JSON.parse(
    readFileSync(join(regionsDir, 'faces-720p-1s.garim.regions.json'), 'utf8'),
  ) as RegionsDoc;
  expect(doc.redaction).toEqual(redaction);

  // The same frames, and the same pixels within the encoder's noise. Chromium's H.264 encoder is not
  // deterministic: two exports of one project differ by up to ≈ 1 grey level on average where the faces
  // are (frames 0–14) and by up to ≈ 3.7 over the zoom after the cut; the frame coded alone (0) is the same.
  const times = videoFrameTimes(appOut);
  expect(videoFrameTimes(cliOut)).toEqual(times);
  const indices = [...times.keys()];
  const [ours, theirs, source] = [appOut, cliOut, clip].map((path) => grayFrames(path, indices));
  const whole = indices.map((i) => meanDifference(ours![i]!, theirs![i]!));
  console.log(`cli --project: mean differences ${whole.map((d) => d.toFixed(2)).join(' ')}`);
  expect(whole[0], 'the first frame').toBeLessThan(0.05);
  for (const [i, difference] of whole.entries()) expect(difference, `frame ${i}`).toBeLessThan(6);
  // Where the cover differs if the review, the style or the padding were not applied: each face's box
  // grown 1.6×, and its ring outside 1.3×. A different cover there differs by ≈ 4–10 grey levels.
  let ringFromSource = 0;
  for (const face of [UPPER_RIGHT, LOWER_LEFT]) {
    const [grown, usual] = [1.6, 1.3].map((f) => innerPixels(padBox(face, f), 1280, 720));
    for (const i of indices.slice(0, 15)) {
      const [a, b] = [ours![i]!, theirs![i]!];
      expect(meanDifference(a, b, grown), `face ${face.x},${face.y}, frame ${i}`).toBeLessThan(1.5);
      expect(meanDifference(a, b, grown, usual), `ring ${face.x},${face.y}, ${i}`).toBeLessThan(
        1.5,
      );
      ringFromSource = Math.max(ringFromSource, meanDifference(a, source![i]!, grown, usual));
    }
  }
  // The blurred face's ring is not the picture: the measure tells a cover 1.6× from 1.3×.
  expect(ringFromSource).toBeGreaterThan(3);
});
