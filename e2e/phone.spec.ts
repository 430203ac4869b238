/**
 * Issue 21: the whole job on a phone and a tablet, by touch alone. Chromium emulates the device (viewport,
 * `hasTouch`, `isMobile`); taps are Playwright's `tap`, and drags and pinches are touch events sent through
 * CDP (`Input.dispatchTouchEvent`), as Playwright has no touch drag. Faces are injected through the test API
 * (`window.__garim.injectDetections`), so the spec does not depend on the model; what export made of the
 * edits is read back from the output's pixels with the system ffmpeg, as e2e/editor.spec.ts does. On every
 * screen no width from 360 to 768 px scrolls sideways; the phone's screens pass axe and are photographed at
 * 412×915 in Korean and English (`<output folder>/screenshots/phone/`, see docs/ACCESSIBILITY.md).
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  test,
  type Browser,
  type BrowserContextOptions,
  type CDPSession,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { COVERED, detailKept, LOWER_LEFT, UPPER_RIGHT, VISIBLE } from './helpers/faces-clip.ts';
import { grayFrames, type Rect } from './helpers/media.ts';
import { EditorPage, type BoxTuple } from './pages/editor-page.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ timeout: 300_000 });

/** 2 s, 1280×720, 60 frames: a pan across one photo for frames 0–29, then a cut to another. */
const CLIP = () => makeFacesClip('faces-720p-2s.mp4', 2);
const VIDEO_WIDTH = 1280;
const FIRST_SHOT = 30;
/** Where the edits are made and checked in the output. */
const FRAME = 10;
const KEEP = UPPER_RIGHT;
const FALSE = LOWER_LEFT;
/** Drawn here (video pixels), then dragged by MOVE and grown by GROW at its bottom-right handle. */
const DRAWN: Rect = { x: 100, y: 120, w: 240, h: 200 };
const MOVE = { x: 340, y: -60 };
const GROW = { x: 60, y: 45 };

const PHONE: BrowserContextOptions = {
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
};
const TABLET: BrowserContextOptions = {
  viewport: { width: 768, height: 1024 },
  deviceScaleFactor: 1,
  hasTouch: true,
};
const WIDTHS = [360, 412, 768];

type Point = { x: number; y: number };
type Lang = 'ko' | 'en';

/** Touch drags and pinches through CDP, in page pixels (Playwright only taps). */
class Finger {
  private readonly cdp: CDPSession;

  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  static async on(page: Page): Promise<Finger> {
    return new Finger(await page.context().newCDPSession(page));
  }

  private send(type: string, points: Point[]) {
    const touchPoints = points.map((p, id) => ({ x: p.x, y: p.y, id }));
    return this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints } as never);
  }

  /** One finger (or two, `from`/`to` pairs) moving in `steps` steps. */
  async move(from: Point[], to: Point[], steps = 10): Promise<void> {
    await this.send('touchStart', from);
    for (let i = 1; i <= steps; i++) {
      const at = from.map((p, k) => ({
        x: p.x + ((to[k]!.x - p.x) * i) / steps,
        y: p.y + ((to[k]!.y - p.y) * i) / steps,
      }));
      await this.send('touchMove', at);
    }
    await this.send('touchEnd', []);
  }

  drag(from: Point, to: Point): Promise<void> {
    return this.move([from], [to]);
  }
}

/** Page pixels of a point of the video (video pixels) on the stage, unzoomed. */
async function onStage(editor: EditorPage, p: Point): Promise<Point> {
  await editor.stage.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const g = await editor.geometry();
  return { x: g.left + p.x * g.scale, y: g.top + p.y * g.scale };
}

const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
const rectOf = (b: BoxTuple): Rect => ({ x: b[0], y: b[1], w: b[2], h: b[3] });
const near = (a: number, b: number, tolerance = 10) => Math.abs(a - b) <= tolerance;

/** What overflows the viewport at `width`, and the headings squeezed narrower than their words. */
async function layoutAt(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  return page.evaluate((width) => {
    const wide = (e: Element) => e.getBoundingClientRect().right > width + 0.5;
    // The innermost elements past the edge (their ancestors are only wider because of them).
    const tooWide = Array.from(document.querySelectorAll('body *'))
      .filter((e) => wide(e) && !Array.from(e.children).some(wide))
      .slice(0, 6)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`);
    const squeezed = Array.from(document.querySelectorAll('h1, h2, h3'))
      .filter((h) => {
        const r = h.getBoundingClientRect();
        return r.width > 0 && r.width < 120 && (h.textContent ?? '').length > 6;
      })
      .map((h) => h.textContent);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      tooWide,
      squeezed,
    };
  }, width);
}

/** No sideways scrolling and no squeezed heading at 360, 412 and 768 px; the viewport is put back. */
async function expectFits(page: Page, screen: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const width of WIDTHS) {
    const m = await layoutAt(page, width, size.height);
    const where = `${screen} at ${width} px (wider: ${m.tooWide.join(', ')})`;
    expect(m.scrollWidth, where).toBeLessThanOrEqual(m.innerWidth);
    expect(m.scrollWidth, where).toBeLessThanOrEqual(width);
    expect(m.squeezed, `${screen} at ${width} px: squeezed headings`).toEqual([]);
  }
  await layoutAt(page, size.width, size.height);
}

async function scan(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `${screen}: serious/critical axe violations`).toEqual([]);
}

/** `<output folder>/screenshots/phone/<lang>-<screen>.png` (docs/ACCESSIBILITY.md). */
function shotPath(testInfo: TestInfo, lang: Lang, screen: string): string {
  return join(testInfo.project.outputDir, 'screenshots', 'phone', `${lang}-${screen}.png`);
}

async function setLang(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('lang').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * Each screen: it fits every width; on the phone also axe and a screenshot in both languages (the app's
 * language is switched and back, the job is untouched).
 */
function screens(page: Page, testInfo: TestInfo, lang: Lang, photograph: boolean) {
  return async (screen: string) => {
    await expectFits(page, screen);
    if (!photograph) return;
    const other: Lang = lang === 'ko' ? 'en' : 'ko';
    for (const l of [lang, other]) {
      await setLang(page, l);
      await scan(page, `${l} ${screen}`);
      await page.screenshot({ path: shotPath(testInfo, l, screen) });
    }
    await setLang(page, lang);
  };
}

type Job = { browser: Browser; device: BrowserContextOptions; lang: Lang; photograph: boolean };

/** Opens the app on the device and analyses the clip, choosing everything by tap. */
async function importByTouch(page: Page, app: ImportPage, check: (s: string) => Promise<void>) {
  await app.goto();
  await check('start');
  await page.getByTestId('privacy-open').tap();
  await expect(page.getByTestId('privacy-dialog')).toBeVisible();
  await check('privacy');
  await page.getByTestId('privacy-close').tap();
  await page.locator('input[name="detail"][value="fast"]').tap();
  await page.getByTestId('cover-plates').tap();
  await expect(page.getByTestId('cover-plates')).not.toBeChecked();
  await app.injectFaces({ boxes: [KEEP, FALSE], frames: FIRST_SHOT });
  // The decoder is held up before frame 3 long enough to look at the analysing screen.
  await page.evaluate(() =>
    (
      window.__garim as unknown as {
        injectFault(k: string, f: number[], ms: number): Promise<void>;
      }
    ).injectFault('decode-held', [3], 12_000),
  );
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.dropzone button').tap(),
  ]);
  await chooser.setFiles(CLIP());
  await expect(app.app).toHaveAttribute('data-state', 'working');
  await expect(page.locator('.job')).toHaveAttribute('data-stage', 'analyse');
  await check('analysing');
  expect(await app.state(), 'the analysing screen was checked while analysing').toBe('working');
  expect(await app.waitForEnd()).toBe('review');
}

/** Review by touch: returns the drawn region's final box, where it was drawn, and the two faces' ids. */
async function reviewByTouch(page: Page, editor: EditorPage, finger: Finger) {
  await expect(editor.rows).toHaveCount(2);
  // Scrub along the thumbnail strip to frame 10.
  const strip = page.getByTestId('thumbnail-strip');
  await strip.scrollIntoViewIfNeeded();
  const s = (await strip.boundingBox())!;
  const y = s.y + s.height / 2;
  const xAt = (f: number) => s.x + ((f + 0.5) / 60) * s.width;
  await finger.drag({ x: xAt(40), y }, { x: xAt(FRAME), y });
  await expect(editor.stage).toHaveAttribute('data-shown-frame', String(FRAME));

  // Tap a face to select it, and keep it visible with the toolbar's button.
  await page.touchscreen.tap(...xy(await onStage(editor, centre(KEEP))));
  const keepId = (await editor.stage.getAttribute('data-selected'))!;
  expect(keepId).not.toBe('');
  await page.getByTestId('keep-visible').tap();
  await expect(page.getByTestId('keep-visible')).toHaveAttribute('aria-pressed', 'true');
  await expect(editor.row(keepId).getByRole('checkbox')).toBeChecked();

  // Tap the false one and delete it from the track list.
  await page.touchscreen.tap(...xy(await onStage(editor, centre(FALSE))));
  const falseId = (await editor.stage.getAttribute('data-selected'))!;
  expect(falseId).not.toBe(keepId);
  await editor.row(falseId).locator('.tracks__delete').tap();
  await expect(editor.rows).toHaveCount(1);

  // Draw a region with a finger.
  await page.getByTestId('new-region').tap();
  await expect(editor.stage).toHaveAttribute('data-drawing', 'true');
  await finger.drag(
    await onStage(editor, DRAWN),
    await onStage(editor, { x: DRAWN.x + DRAWN.w, y: DRAWN.y + DRAWN.h }),
  );
  await expect(editor.rows).toHaveCount(2);
  const drawn = await editor.selectedBox();
  expect(drawn.map((v, i) => near(v, [DRAWN.x, DRAWN.y, DRAWN.w, DRAWN.h][i]!))).toEqual([
    true,
    true,
    true,
    true,
  ]);

  // Drag it somewhere else.
  const from = centre(rectOf(drawn));
  await finger.drag(
    await onStage(editor, from),
    await onStage(editor, { x: from.x + MOVE.x, y: from.y + MOVE.y }),
  );
  await expect.poll(async () => (await editor.selectedBox())[0]).toBeGreaterThan(drawn[0] + 100);
  const moved = await editor.selectedBox();
  expect(near(moved[0], drawn[0] + MOVE.x) && near(moved[1], drawn[1] + MOVE.y)).toBe(true);

  // Grow it by its bottom-right handle, pressed 10 px outside the corner: the handle's hit area is 44 px.
  const corner = await onStage(editor, { x: moved[0] + moved[2], y: moved[1] + moved[3] });
  const g = await editor.geometry();
  const press = { x: corner.x + 10, y: corner.y + 10 };
  await finger.drag(press, { x: press.x + GROW.x * g.scale, y: press.y + GROW.y * g.scale });
  await expect.poll(async () => (await editor.selectedBox())[2]).toBeGreaterThan(moved[2] + 20);
  const grown = await editor.selectedBox();
  expect(near(grown[2], moved[2] + GROW.x) && near(grown[3], moved[3] + GROW.y)).toBe(true);

  // Undo and redo are buttons.
  await page.getByTestId('undo').tap();
  await expect.poll(() => editor.selectedBox()).toEqual(moved);
  await page.getByTestId('redo').tap();
  await expect.poll(() => editor.selectedBox()).toEqual(grown);

  // Zoom in on the selected region with the button and by pinching; back to the whole picture.
  await page.getByTestId('zoom-in').tap();
  await expect(editor.stage).toHaveAttribute('data-zoom', '1.50');
  const mid = await onStage(editor, { x: 640, y: 360 });
  await finger.move(
    [
      { x: mid.x - 20, y: mid.y },
      { x: mid.x + 20, y: mid.y },
    ],
    [
      { x: mid.x - 60, y: mid.y },
      { x: mid.x + 60, y: mid.y },
    ],
  );
  await expect
    .poll(async () => Number(await editor.stage.getAttribute('data-zoom')))
    .toBeGreaterThan(3);
  // The pinch changed nothing in the document.
  expect(await editor.selectedBox()).toEqual(grown);
  await page.getByTestId('zoom-reset').tap();
  await expect(editor.stage).toHaveAttribute('data-zoom', '1.00');
  return { keepId, drawn: rectOf(drawn), final: rectOf(grown) };
}

const xy = (p: Point): [number, number] => [p.x, p.y];

/** Replaces the Web Share API with one that records what it was given (headless Linux has none). */
function fakeShare(): void {
  const shared: { name: string; size: number; type: string }[] = [];
  Object.assign(window, { __shared: shared });
  Object.defineProperty(Navigator.prototype, 'canShare', {
    configurable: true,
    value: (data?: ShareData) => (data?.files?.length ?? 0) > 0,
  });
  Object.defineProperty(Navigator.prototype, 'share', {
    configurable: true,
    value: (data: ShareData) => {
      for (const f of data.files ?? []) shared.push({ name: f.name, size: f.size, type: f.type });
      return Promise.resolve();
    },
  });
}

async function touchJob({ browser, device, lang, photograph }: Job, testInfo: TestInfo) {
  const context = await browser.newContext({
    ...device,
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    acceptDownloads: true,
  });
  await context.addInitScript(fakeShare);
  const page = await context.newPage();
  const app = new ImportPage(page);
  const editor = new EditorPage(page, VIDEO_WIDTH);
  const check = screens(page, testInfo, lang, photograph);
  try {
    await importByTouch(page, app, check);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(editor.stage).toHaveAttribute('data-loading', 'false');
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await check('review');
    const finger = await Finger.on(page);
    const edits = await reviewByTouch(page, editor, finger);

    await page.getByTestId('export').tap();
    expect(await app.waitForEnd()).toBe('done');
    await check('result');
    // Share / Save to phone hands over the same file as the download.
    await page.getByTestId('share').tap();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download').tap(),
    ]);
    const output = testInfo.outputPath(`${lang}-touch.mp4`);
    await download.saveAs(output);
    const shared = await page.evaluate(
      () => (window as unknown as { __shared: { name: string; size: number }[] }).__shared,
    );
    const summary = await app.lastResult();
    expect(shared).toEqual([
      expect.objectContaining({ name: download.suggestedFilename(), size: summary.blobBytes }),
    ]);

    const [source] = grayFrames(CLIP(), [FRAME]);
    const [out] = grayFrames(output, [FRAME]);
    const report = {
      drawnMovedGrown: detailKept(source!, out!, edits.final),
      drawnWhereFirstDrawn: detailKept(source!, out!, edits.drawn),
      keptVisible: detailKept(source!, out!, KEEP),
      deleted: detailKept(source!, out!, FALSE),
    };
    console.log(`${lang} ${JSON.stringify(report)}`);
    expect(report.drawnMovedGrown).toBeLessThan(COVERED);
    expect(report.drawnWhereFirstDrawn).toBeGreaterThan(VISIBLE);
    expect(report.keptVisible).toBeGreaterThan(VISIBLE);
    expect(report.deleted).toBeGreaterThan(VISIBLE);
  } finally {
    await context.close();
  }
}

test('phone (412×915, touch, Korean): the whole job by touch; every screen fits, passes axe, photographed in ko and en', async ({
  browser,
}, testInfo) => {
  await touchJob({ browser, device: PHONE, lang: 'ko', photograph: true }, testInfo);
});

test('tablet (768×1024, touch, English): the whole job by touch; every screen fits', async ({
  browser,
}, testInfo) => {
  await touchJob({ browser, device: TABLET, lang: 'en', photograph: false }, testInfo);
});
