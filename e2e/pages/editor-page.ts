/**
 * Page object for the review editor: the stage tells which frame is asked for (`data-frame`) and shown
 * (`data-shown-frame`) and the selected track's box on it (`data-selected-box`, video pixels); the track list
 * has one row per track (`data-track`).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Box } from '../helpers/garim.ts';

/** The selected box as `[x, y, w, h]` (video pixels). */
export type BoxTuple = [number, number, number, number];
type Point = { x: number; y: number };

export class EditorPage {
  readonly page: Page;
  readonly panel: Locator;
  readonly stage: Locator;
  readonly rows: Locator;
  readonly status: Locator;
  /** The video's width in pixels, to map video pixels to the page (only `drag` needs it). */
  private readonly videoWidth: number | undefined;

  constructor(page: Page, videoWidth?: number) {
    this.page = page;
    this.videoWidth = videoWidth;
    this.panel = page.locator('.review');
    this.stage = page.getByTestId('editor-stage');
    this.rows = page.getByTestId('tracks').locator('[data-track]');
    this.status = page.locator('.editor__status');
  }

  /** The track list's row of track `id`. */
  row(id: string | number): Locator {
    return this.page.getByTestId('tracks').locator(`[data-track="${id}"]`);
  }

  /** The frame the stage is on. */
  async frame(): Promise<number> {
    return Number(await this.stage.getAttribute('data-frame'));
  }

  /** Steps with ←/→ (Shift: ten frames) until frame `n` is on screen; returns the key presses (actions). */
  async goTo(n: number): Promise<number> {
    let presses = 0;
    for (let at = await this.frame(); at !== n; at = await this.frame()) {
      const distance = n - at;
      const arrow = distance > 0 ? 'ArrowRight' : 'ArrowLeft';
      await this.page.keyboard.press(Math.abs(distance) >= 10 ? `Shift+${arrow}` : arrow);
      presses++;
    }
    await expect(this.stage).toHaveAttribute('data-shown-frame', String(n));
    return presses;
  }

  async selectedBox(): Promise<BoxTuple> {
    const text = (await this.stage.getAttribute('data-selected-box')) ?? '';
    return text.split(',').map(Number) as BoxTuple;
  }

  /** Stage pixels per video pixel, and the stage's top-left on the page. */
  async geometry(): Promise<{ left: number; top: number; scale: number }> {
    if (this.videoWidth === undefined) throw new Error('EditorPage needs the video width to drag');
    const box = await this.stage.locator('.konvajs-content').boundingBox();
    if (!box) throw new Error('no stage');
    return { left: box.x, top: box.y, scale: box.width / this.videoWidth };
  }

  /** Drags the mouse from one point to another (video pixels) on the stage. */
  async drag(from: Point, to: Point): Promise<void> {
    const g = await this.geometry();
    const at = (p: Point) => [g.left + p.x * g.scale, g.top + p.y * g.scale];
    const [x0, y0] = at(from) as [number, number];
    const [x1, y1] = at(to) as [number, number];
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    await this.page.mouse.move(x1, y1, { steps: 8 });
    await this.page.mouse.up();
  }

  /** The track whose box on this frame is `box` (clicking rows only to find out; not a user action). */
  async trackAt(box: Box): Promise<string> {
    for (const row of await this.rows.all()) {
      await row.locator('.tracks__class').click();
      const [x, y] = await this.selectedBox();
      if (Math.abs(x - box.x) <= 2 && Math.abs(y - box.y) <= 2) {
        return (await row.getAttribute('data-track')) ?? '';
      }
    }
    throw new Error(`no track at ${JSON.stringify(box)}`);
  }
}
