/**
 * Cover styles (issue 19): the project's style — mosaic, solid colour, blur — is what export writes, chosen
 * on the review screen and kept with the project across a reload. Detections are injected (two textured
 * patches of the faces clip's first shot), so the spec does not depend on the model; decode, tracker,
 * store, preview and export are the real ones. Output pixels are read back with the system ffmpeg.
 */
import { expect, test } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import {
  COVERED,
  detailKept,
  FACES_CLIP,
  LOWER_LEFT,
  onFirstShot,
  UPPER_RIGHT,
} from './helpers/faces-clip.ts';
import {
  edgeEnergy,
  grayFrames,
  innerPixels,
  padBox,
  patchesAwayFrom,
  psnr,
  type GrayFrame,
  type Rect,
} from './helpers/media.ts';
import { storedRecords } from './helpers/stored.ts';
import { EditorPage } from './pages/editor-page.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const FRAMES = [10, 30, 50];
const FACES = [UPPER_RIGHT, LOWER_LEFT];
/** Red in BT.709 limited range is luma 63, which ffmpeg's gray conversion writes as ≈ 55. */
const RED_GRAY = 55;

function stats(frame: GrayFrame, r: Rect): { mean: number; std: number } {
  const values: number[] = [];
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) values.push(frame.data[y * frame.width + x]!);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std };
}

let app: ImportPage;
const clip = makeFacesClip();
const source = () => grayFrames(clip, FRAMES);

/** Chooses `style` on the review screen (and the colour or strength), exports, and reads the frames back. */
async function exportIn(
  style: 'mosaic' | 'solid' | 'blur',
  path: string,
  set?: { color?: string; strength?: number },
): Promise<GrayFrame[]> {
  const page = app.page;
  await page.locator(`input[name="cover-style"][value="${style}"]`).check();
  if (set?.color) await page.getByTestId('cover-color').fill(set.color);
  if (set?.strength) await page.getByTestId('cover-strength').fill(String(set.strength));
  await app.exportAndDownload(path);
  return grayFrames(path, FRAMES);
}

/** Background away from every covered (padded) box keeps the picture: PSNR ≥ 30 dB. */
function expectBackgroundKept(before: GrayFrame, after: GrayFrame) {
  const covered = FACES.map((b) => padBox(b, 1.6));
  const patches = patchesAwayFrom(covered, FACES_CLIP.width, FACES_CLIP.height, 128, 8);
  expect(patches.length).toBeGreaterThan(0);
  for (const patch of patches.slice(0, 3)) {
    expect(psnr(before, after, patch), `background ${JSON.stringify(patch)}`).toBeGreaterThan(30);
  }
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  app = new ImportPage(page);
  await app.analyse(clip, onFirstShot(FACES));
});

test.afterAll(async () => {
  await app?.page.close();
});

test('solid: the covered boxes are one flat colour, the faces gone, the background kept', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const out = await exportIn('solid', testInfo.outputPath('solid.mp4'), { color: '#ff0000' });
  for (const [i, before] of source().entries()) {
    const after = out[i]!;
    for (const face of FACES) {
      expect(detailKept(before, after, face)).toBeLessThan(COVERED);
      const { mean, std } = stats(after, innerPixels(face, FACES_CLIP.width, FACES_CLIP.height));
      expect(std, `flat inside ${JSON.stringify(face)}`).toBeLessThan(3);
      expect(Math.abs(mean - RED_GRAY), `red inside (gray ${mean.toFixed(1)})`).toBeLessThan(8);
    }
    expectBackgroundKept(before, after);
  }
  await app.page.getByTestId('back-to-review').click();
});

test('blur: the faces lose their detail (and the UI says blur is the weakest), the background is kept', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  await app.page.locator('input[name="cover-style"][value="blur"]').check();
  await expect(app.page.getByTestId('blur-warning')).toBeVisible();
  const out = await exportIn('blur', testInfo.outputPath('blur.mp4'), { strength: 4 });
  for (const [i, before] of source().entries()) {
    const after = out[i]!;
    for (const face of FACES) {
      const inner = innerPixels(face, FACES_CLIP.width, FACES_CLIP.height);
      expect(detailKept(before, after, face)).toBeLessThan(COVERED);
      expect(edgeEnergy(after, inner)).toBeLessThan(edgeEnergy(before, inner) / 4);
      // Not a flat fill: a blur keeps the region's shading.
      expect(stats(after, inner).std).toBeGreaterThan(1);
    }
    expectBackgroundKept(before, after);
  }
  await app.page.getByTestId('back-to-review').click();
});

test('the style chosen is kept with the project: after a reload it is still blur, strength 4', async () => {
  await app.reopen();
  await expect(app.page.locator('input[name="cover-style"][value="blur"]')).toBeChecked();
  await expect(app.page.getByTestId('cover-strength')).toHaveValue('4');
});

test('mosaic (the default style): faces covered, background kept', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const out = await exportIn('mosaic', testInfo.outputPath('mosaic.mp4'), { strength: 8 });
  for (const [i, before] of source().entries()) {
    const after = out[i]!;
    for (const face of FACES) expect(detailKept(before, after, face)).toBeLessThan(COVERED);
    expectBackgroundKept(before, after);
  }
});

test('a track in its own style: one face a solid fill while the project stays mosaic, kept across a reload', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  if ((await app.state()) === 'done') await app.page.getByTestId('back-to-review').click();
  const editor = new EditorPage(app.page, FACES_CLIP.width);
  await editor.goTo(10);
  const lower = await editor.trackAt(LOWER_LEFT);
  await editor.row(lower).locator('.tracks__class').click();
  await app.page.getByTestId('track-style').selectOption('solid');
  await expect(app.page.getByTestId('track-style')).toHaveValue('solid');
  // Written with the edit (the reload below must not race the write).
  const storedStyle = async () => {
    const { tracks } = await storedRecords<{ tracks: { id: number; style?: string }[] }>(app.page, [
      'tracks',
    ]);
    return tracks.find((t) => String(t.id) === lower)?.style;
  };
  await expect.poll(storedStyle).toBe('solid');
  // Stored with the edits: still there after a reload.
  await app.reopen();
  await editor.goTo(10);
  await editor.row(lower).locator('.tracks__class').click();
  await expect(app.page.getByTestId('track-style')).toHaveValue('solid');
  await expect(app.page.locator('input[name="cover-style"][value="mosaic"]')).toBeChecked();
  const out = testInfo.outputPath('per-track.mp4');
  await app.exportAndDownload(out);
  const after = grayFrames(out, FRAMES);
  for (const [i, before] of source().entries()) {
    const inner = (b: Rect) => innerPixels(b, FACES_CLIP.width, FACES_CLIP.height);
    const solid = stats(after[i]!, inner(LOWER_LEFT));
    expect(solid.std, 'the solid track is flat').toBeLessThan(3);
    // In the project's colour (red, chosen by the first test).
    expect(Math.abs(solid.mean - RED_GRAY), 'in the project colour').toBeLessThan(8);
    // The other face is a mosaic: covered, yet not one flat fill.
    expect(detailKept(before, after[i]!, UPPER_RIGHT)).toBeLessThan(COVERED);
    expect(stats(after[i]!, inner(UPPER_RIGHT)).std).toBeGreaterThan(3);
  }
});

/** The colour of the stage's picture (its image layer, under the boxes) at video pixel `p`. */
async function stagePixel(p: { x: number; y: number }): Promise<number[]> {
  return app.page.evaluate(
    ({ p, videoWidth }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        '[data-testid=editor-stage] .konvajs-content canvas',
      );
      const scale = (canvas?.width ?? 0) / videoWidth;
      const context = canvas?.getContext('2d');
      if (!context) return [];
      return [...context.getImageData(Math.round(p.x * scale), Math.round(p.y * scale), 1, 1).data];
    },
    { p, videoWidth: FACES_CLIP.width },
  );
}

test('the padding chosen (keyboard) grows the covered area in the preview and the export', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const page = app.page;
  if ((await app.state()) === 'done') await page.getByTestId('back-to-review').click();
  await page.locator('input[name="cover-style"][value="solid"]').check();
  await page.getByTestId('cover-color').fill('#ff0000');
  const editor = new EditorPage(page, FACES_CLIP.width);
  await editor.goTo(10);
  await page.getByTestId('mosaic-toggle').check();
  // Right of the upper-right face: outside its box grown 1.3× (to x 1110), inside it grown 2× (to x 1180).
  const ring = { x: 1150, y: 420 };
  const redAt = async (p: { x: number; y: number }) => {
    const [r = 0, g = 255, b = 255] = await stagePixel(p);
    return r > 200 && g < 60 && b < 60;
  };
  const isRed = () => redAt(ring);
  await expect.poll(() => redAt({ x: 980, y: 420 })).toBe(true);
  expect(await isRed()).toBe(false);

  const padding = page.getByTestId('cover-padding');
  await expect(padding).toHaveValue('1.3');
  await padding.focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await expect(padding).toHaveValue('2');
  expect(await editor.frame()).toBe(10);
  await expect.poll(isRed).toBe(true);

  const out = testInfo.outputPath('padding.mp4');
  await app.exportAndDownload(out);
  const [before] = source();
  const [after] = grayFrames(out, FRAMES);
  const strip = { x: 1124, y: 360, w: 46, h: 120 };
  const covered = stats(after!, strip);
  expect(covered.std, 'the grown area is one flat fill').toBeLessThan(3);
  expect(Math.abs(covered.mean - RED_GRAY), 'in the project colour').toBeLessThan(8);
  const shown = stats(before!, strip);
  expect(shown.std > 3 || Math.abs(shown.mean - RED_GRAY) > 8, 'not red before').toBe(true);
});
