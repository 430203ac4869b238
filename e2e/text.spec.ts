/**
 * Text and licence plates: with "cover plates and text" on (the default) a plate-like sign is covered like
 * a face; with it off the sign is left alone. The clip has no face, so "frames with faces" in the summary
 * must not count the frames where only text was found.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeTextClip } from './fixtures/make-clips.mjs';
import type { Box, ResultSummary } from './helpers/garim.ts';
import { detailCorrelation, grayFrames, innerPixels } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

// Serial: the tests share one run; the one that shows an app bug comes last so the others still run.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** The same bounds as the face test in export.spec.ts. */
const MAX_DETAIL_CORRELATION = 0.25;
const MIN_KEPT_CORRELATION = 0.8;

let input: string;
let page: Page;
let app: ImportPage;
let covered: ResultSummary;
let coveredOutput: string;

/** Processes the text clip with plates on or off and saves the output. */
async function processText(
  target: ImportPage,
  plates: boolean,
  output: string,
): Promise<ResultSummary> {
  await target.goto();
  await target.setOptions({ detail: 'fast', plates });
  await target.process(input);
  await target.download(output);
  return target.lastResult();
}

/** Each frame's text boxes (inner pixels), for the frames where text was detected. */
function textBoxes(result: ResultSummary): { index: number; boxes: Box[] }[] {
  return result.frames
    .map((f) => ({
      index: f.frameIndex,
      boxes: f.detections.filter((d) => d.class === 'plate').map((d) => d.box),
    }))
    .filter((f) => f.boxes.length > 0);
}

/** Correlation of input and output detail in every text box of every frame that has one. */
function correlations(output: string, frames: { index: number; boxes: Box[] }[]): number[] {
  const indices = frames.map((f) => f.index);
  const before = grayFrames(input, indices);
  const after = grayFrames(output, indices);
  return frames.flatMap((f, i) =>
    f.boxes.map((box) =>
      detailCorrelation(
        before[i]!,
        after[i]!,
        innerPixels(box, before[i]!.width, before[i]!.height),
      ),
    ),
  );
}

test.beforeAll(async ({ browser }) => {
  input = makeTextClip();
  page = await browser.newPage({ acceptDownloads: true });
  app = new ImportPage(page);
  coveredOutput = test.info().outputPath('text-covered.mp4');
  covered = await processText(app, true, coveredOutput);
});

test.afterAll(async () => {
  await page?.close();
});

test('the sign is found as text', () => {
  const frames = textBoxes(covered);
  // Text runs on every 4th frame; the tracker carries it across the others.
  expect(frames.length).toBeGreaterThanOrEqual(covered.frames.length / 8);
});

test('with "cover plates and text" on, the text is pixelated', () => {
  const values = correlations(coveredOutput, textBoxes(covered));
  console.log(
    `text: detail correlation in text boxes, covered: ${values.map((v) => v.toFixed(2)).join(' ')}`,
  );
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) expect(value).toBeLessThanOrEqual(MAX_DETAIL_CORRELATION);
});

test('with "cover plates and text" off, the text is left as it is', async ({ browser }) => {
  const other = await browser.newPage({ acceptDownloads: true });
  try {
    const output = test.info().outputPath('text-kept.mp4');
    const kept = await processText(new ImportPage(other), false, output);
    // Weak face hits (for the tracker only, never covered by themselves) are not findings.
    expect(kept.frames.flatMap((f) => f.detections.filter((d) => !d.weak))).toEqual([]);
    // The boxes where text was found (and covered) in the other run keep their detail here.
    const values = correlations(output, textBoxes(covered));
    console.log(
      `text: detail correlation in text boxes, not covered: ${values.map((v) => v.toFixed(2)).join(' ')}`,
    );
    for (const value of values) expect(value).toBeGreaterThanOrEqual(MIN_KEPT_CORRELATION);
  } finally {
    await other.close();
  }
});

test('the summary counts only frames with a face as "frames with faces"', async () => {
  const sure = (f: (typeof covered.frames)[number]) => f.detections.filter((d) => !d.weak);
  const withFaces = covered.frames.filter((f) => sure(f).some((d) => d.class === 'face'));
  const textOnly = covered.frames.filter(
    (f) => sure(f).length > 0 && sure(f).every((d) => d.class === 'plate'),
  );
  // The clip has no face; the question only means something where text alone was found.
  expect(textOnly.length).toBeGreaterThan(0);
  await page.getByTestId('lang').selectOption('en');
  const shown = page
    .locator('.summary dt', { hasText: /faces/i })
    .locator('xpath=following-sibling::dd[1]');
  await expect(shown).toHaveText(String(withFaces.length));
  expect(covered.framesWithFaces).toBe(withFaces.length);
});
