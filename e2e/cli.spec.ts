/**
 * The `garim` command line (cli/garim.mjs): the same in-browser pipeline, driven headless. It serves dist/
 * itself on a free port and starts its own Chromium, so each run takes a few seconds on its own.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { makeFaceStills, makeFacesClip, makeRandomBytes } from './fixtures/make-clips.mjs';
import { grayFrames, innerPixels, probe, videoFrameTimes } from './helpers/media.ts';

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
  const failed = await garim(['redact', dir, '-o', outDir, '--mode', 'fast', '--no-plates']).then(
    () => null,
    (error: { code?: number; stdout?: string }) => error,
  );
  expect(failed?.code).toBe(1);
  const lines = (failed?.stdout ?? '')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BatchLine);
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
