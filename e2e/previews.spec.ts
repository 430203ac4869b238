/**
 * Stored previews (issue 5 point 1, issue 4 point 7): analysis keeps a small JPEG of every frame, made from
 * the frame it decoded for detection; the project list shows the project's picture, the timeline a strip of
 * them, and a seek shows the stored preview at once, then the full-resolution frame. A file that opens but
 * cannot be analysed leaves a project marked failed that can be retried or deleted, nothing else touched.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeTruncated } from './fixtures/make-bad-inputs.mjs';
import { makeFacesClip, makeTextClip } from './fixtures/make-clips.mjs';
import { grayFrames, type GrayFrame } from './helpers/media.ts';
import { ImportPage, QUICK } from './pages/import-page.ts';

test.describe.configure({ timeout: 240_000 });

type StoredPreviews = {
  frames: number;
  inFrameRecords: number;
  withPreview: number;
  types: string[];
  previewBytes: number;
  counted: number;
  sourceBytes: number;
  pictures: { index: number; width: number; height: number; gray: number[] }[];
};

/** Reads every frame record of the only project straight from IndexedDB; decodes the chosen previews. */
function storedPreviews(page: Page, decode: number[]): Promise<StoredPreviews> {
  return page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('garim');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(new Error(String(request.error)));
      });
    type Frame = { frameIndex: number; preview?: Blob };
    type Preview = { frameIndex: number; blob: Blob };
    type Project = { previewBytes: number; sourceBytes: number };
    const frames = await all<Frame>('frames');
    const stored = await all<Preview>('previews');
    const [project] = await all<Project>('projects');
    db.close();
    const pictures = [];
    for (const index of wanted) {
      const blob = stored.find((p) => p.frameIndex === index)?.blob;
      if (!blob) continue;
      const bitmap = await createImageBitmap(blob);
      const { width, height } = bitmap;
      const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      const gray: number[] = [];
      for (let i = 0; i < rgba.length; i += 4) {
        gray.push(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
      }
      pictures.push({ index, width, height, gray });
    }
    const previews = stored.map((p) => p.blob);
    return {
      frames: frames.length,
      inFrameRecords: frames.filter((f) => f.preview !== undefined).length,
      withPreview: previews.length,
      types: [...new Set(previews.map((p) => p.type))],
      previewBytes: previews.reduce((sum, p) => sum + p.size, 0),
      counted: project?.previewBytes ?? -1,
      sourceBytes: project?.sourceBytes ?? -1,
      pictures,
    };
  }, decode);
}

/** `frame` box-averaged down to `width`×`height` (an integer factor smaller). */
function shrink(frame: GrayFrame, width: number, height: number): number[] {
  const k = frame.width / width;
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) {
        for (let dx = 0; dx < k; dx++) sum += frame.data[(y * k + dy) * frame.width + x * k + dx]!;
      }
      out.push(sum / (k * k));
    }
  }
  return out;
}

const meanAbsDiff = (a: number[], b: number[]) =>
  a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

test('analysis stores a small preview of every frame, shown in the list, the strip and on seek', async ({
  page,
}) => {
  const clip = makeFacesClip();
  const app = new ImportPage(page);
  await page.addInitScript(recordFirstPictures);
  await app.analyse(clip);

  // Track thumbnails are cut from the stored previews (no video decode), and only after the stage's frame.
  const thumbs = page.locator('.tracks__thumb');
  await expect(thumbs.first()).toHaveAttribute('data-ready', 'true');
  expect(await thumbs.count()).toBeGreaterThan(0);
  // Thumbnails are made for the rows in (or near) the list's view: each one is ready once scrolled to.
  for (const thumb of await thumbs.all()) {
    await thumb.scrollIntoViewIfNeeded();
    await expect(thumb).toHaveAttribute('data-ready', 'true');
  }
  expect(await thumbs.evaluateAll((all) => all.map((c) => c.dataset.origin))).toEqual(
    Array.from({ length: await thumbs.count() }, () => 'preview'),
  );
  const spreads = await thumbs.evaluateAll((all) =>
    all.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let low = 255;
      let high = 0;
      for (let i = 0; i < data.length; i += 4) {
        low = Math.min(low, data[i]!);
        high = Math.max(high, data[i]!);
      }
      return high - low;
    }),
  );
  for (const spread of spreads) expect(spread).toBeGreaterThan(40);
  const order = await page.evaluate(() => (window as unknown as { __firsts: string[] }).__firsts);
  expect(order).toEqual(['frame', 'thumbnail']);

  const checked = [0, 30, 59, 75, 119];
  const stored = await storedPreviews(page, checked);
  expect(stored.frames).toBe(120);
  expect(stored.withPreview).toBe(120);
  expect(stored.inFrameRecords).toBe(0);
  expect(stored.types).toEqual(['image/jpeg']);
  expect(stored.counted).toBe(stored.previewBytes);
  const perMinute = (stored.previewBytes / 4) * 60;
  console.log(
    `previews: ${Math.round(stored.previewBytes / 120)} B/frame, ${(perMinute / 1e6).toFixed(2)} MB per minute of 720p30; source ${((stored.sourceBytes / 4) * 60) / 1e6} MB/min`,
  );
  expect(stored.previewBytes / 120).toBeLessThan(25_000);

  // Each preview is its own frame, scaled to 320×180: closer to that frame than to the others checked.
  const truth = grayFrames(clip, checked);
  for (const picture of stored.pictures) {
    expect([picture.width, picture.height]).toEqual([320, 180]);
    const distances = truth.map((t) => meanAbsDiff(picture.gray, shrink(t, 320, 180)));
    const own = distances[checked.indexOf(picture.index)]!;
    expect(own).toBeLessThan(8);
    expect(Math.min(...distances.filter((d) => d !== own))).toBeGreaterThan(own * 2);
  }
  expect(stored.pictures).toHaveLength(checked.length);

  const strip = page.getByTestId('thumbnail-strip');
  await expect(strip).toHaveAttribute('data-thumbs', /^[1-9]\d*$/);
  await expect
    .poll(() =>
      strip
        .locator('img')
        .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth === 320)),
    )
    .toBe(true);

  // A seek shows the stored preview first, then the full-resolution frame.
  const stage = page.getByTestId('editor-stage');
  await expect(stage).toHaveAttribute('data-shown-frame', '0');
  await stage.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      seen.push(`${el.dataset.previewFrame}/${el.dataset.shownFrame}`);
    }).observe(el, { attributeFilter: ['data-preview-frame', 'data-shown-frame'] });
  });
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('End');
  await expect(stage).toHaveAttribute('data-shown-frame', '119');
  await expect(stage).toHaveAttribute('data-preview-frame', '-1');
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  expect(seen).toContain('119/0');
  expect(seen.indexOf('119/0')).toBeLessThan(seen.findIndex((s) => s.endsWith('/119')));

  await page.reload();
  const thumbnail = page.locator('[data-project] [data-testid=project-thumbnail]');
  await expect(thumbnail).toHaveCount(1);
  await expect
    .poll(() => thumbnail.evaluate((i) => (i as HTMLImageElement).naturalWidth))
    .toBe(320);
});

/** Init script: notes in which order the stage's first frame and the first track thumbnail appear. */
function recordFirstPictures() {
  const firsts: string[] = [];
  (window as unknown as { __firsts: string[] }).__firsts = firsts;
  const note = (what: string, selector: string) => {
    if (!firsts.includes(what) && document.querySelector(selector)) firsts.push(what);
  };
  new MutationObserver(() => {
    note('frame', '[data-testid=editor-stage]:not([data-shown-frame="-1"])');
    note('thumbnail', '.tracks__thumb[data-ready="true"]');
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

type Row = { id: string; state: string; failure: string | null; text: string };

function rows(page: Page): Promise<Row[]> {
  return page.locator('[data-project]').evaluateAll((items) =>
    items.map((r) => ({
      id: r.getAttribute('data-project') ?? '',
      state: r.getAttribute('data-project-state') ?? '',
      failure: r.getAttribute('data-failure'),
      text: r.textContent ?? '',
    })),
  );
}

test('a file that opens but cannot be analysed ends failed, can be retried or deleted, nothing else touched', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.analyse(makeTextClip());
  await app.goto();
  const [kept] = await rows(page);
  expect(kept?.state).toBe('needs-review');

  await app.setOptions(QUICK);
  await app.choose(makeTruncated(10));
  expect(await app.waitForEnd()).toBe('error');
  const refusal = await app.errorName();
  await app.goto();
  const listed = await rows(page);
  expect(listed).toHaveLength(2);
  const failed = listed.find((r) => r.id !== kept!.id)!;
  expect(failed).toMatchObject({ state: 'failed', failure: refusal });
  expect(listed.find((r) => r.id === kept!.id)).toEqual(kept);
  const failedRow = page.locator(`[data-project="${failed.id}"]`);
  await expect(failedRow.getByTestId('project-failure')).not.toBeEmpty();

  // Retry runs the analysis again (it cannot succeed on this file) and ends failed again, not "analysing".
  await expect(failedRow.getByTestId('open-project')).toHaveText('Retry');
  await failedRow.getByTestId('open-project').click();
  expect(await app.waitForEnd()).toBe('error');
  await app.goto();
  await expect(failedRow).toHaveAttribute('data-project-state', 'failed');

  page.on('dialog', (dialog) => void dialog.accept());
  await failedRow.getByTestId('delete-project').click();
  await expect(failedRow).toHaveCount(0);
  await page.reload();
  await expect.poll(() => rows(page)).toEqual([kept]);
});
