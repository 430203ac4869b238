/**
 * Page object for the import → progress → review → export → result flow. Readiness is the root's
 * `data-state` (idle | working | review | done | cancelled | error), never a sleep.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { Box, Redaction, ResultSummary } from '../helpers/garim.ts';

/** Where playwright.config.ts serves the built app (vite preview with COOP/COEP). */
export const APP_ORIGIN =
  process.env.GARIM_ORIGIN ?? `http://127.0.0.1:${process.env.GARIM_E2E_PORT ?? 4319}`;

export type DetailMode = 'fast' | 'balanced' | 'thorough';
/** What the specs that are not about detection pick: fewer detector passes, same pipeline. */
export const QUICK = { detail: 'fast', plates: false } as const;

/** Faces to report on each of the first `frames` frames instead of the model's detections. */
export type InjectedFaces = { boxes: Box[]; frames: number };

export type AppState = 'idle' | 'working' | 'review' | 'done' | 'cancelled' | 'error';
/** A phase that waits for the person (review) or ends the job. */
const SETTLED = /^(review|done|cancelled|error)$/;

export class ImportPage {
  readonly page: Page;
  readonly app: Locator;
  readonly fileInput: Locator;
  readonly dropZone: Locator;
  readonly job: Locator;
  readonly cancelButton: Locator;
  readonly downloadLink: Locator;
  readonly backend: Locator;
  readonly alert: Locator;

  constructor(page: Page) {
    this.page = page;
    this.app = page.locator('.app');
    this.fileInput = page.getByTestId('file-input');
    this.dropZone = page.locator('.dropzone');
    this.job = page.locator('.job');
    this.cancelButton = page.getByTestId('cancel');
    this.downloadLink = page.getByTestId('download');
    this.backend = page.getByTestId('backend');
    this.alert = page.locator('[role=alert]');
  }

  /** Opens the app and waits until it is idle with its test API installed. */
  async goto(): Promise<void> {
    await this.page.goto(`${APP_ORIGIN}/`);
    await expect(this.app).toHaveAttribute('data-state', 'idle');
    await this.page.waitForFunction(() => '__garim' in window);
  }

  async state(): Promise<AppState> {
    return (await this.app.getAttribute('data-state')) as AppState;
  }

  /**
   * The choices before a file is picked: detail (fast = whole-frame faces only) and whether text and plates
   * are covered too. Specs about containers and codecs use the fast settings to save time.
   */
  async setOptions(options: { detail?: DetailMode; plates?: boolean }): Promise<void> {
    if (options.detail) {
      await this.page.locator(`input[name="detail"][value="${options.detail}"]`).check();
    }
    if (options.plates !== undefined) {
      await this.page.getByTestId('cover-plates').setChecked(options.plates);
    }
  }

  /** In review, the output's container/codec and quality (the values of the output panel's radio buttons). */
  async setOutput(options: { format?: string; quality?: string }): Promise<void> {
    if (options.format) {
      await this.page.locator(`input[name="output-format"][value="${options.format}"]`).check();
    }
    if (options.quality) {
      await this.page.locator(`input[name="output-quality"][value="${options.quality}"]`).check();
    }
  }

  /** Chooses a file through the hidden input, as the "choose file" button does. */
  async choose(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  /** Makes the next analysis find `faces` (score 0.9) through the test API, without the model. */
  async injectFaces({ boxes, frames }: InjectedFaces): Promise<void> {
    await this.page.evaluate(
      async ({ boxes, frames }) => {
        const byFrame: Record<number, { box: Box; score: number; class: string }[]> = {};
        for (let f = 0; f < frames; f++) {
          byFrame[f] = boxes.map((box) => ({ box, score: 0.9, class: 'face' }));
        }
        await window.__garim.injectDetections(byFrame);
      },
      { boxes, frames },
    );
  }

  /**
   * Opens the app, picks the quick settings (and injects `faces`, when given), chooses `path` and expects
   * the analysis to stop in review.
   */
  async analyse(path: string, faces?: InjectedFaces): Promise<void> {
    await this.goto();
    await this.setOptions(QUICK);
    if (faces) await this.injectFaces(faces);
    await this.choose(path);
    expect(await this.waitForEnd()).toBe('review');
  }

  /** Opens the stored project from the list and waits for its review screen. */
  async openProject(): Promise<void> {
    await this.page.getByTestId('open-project').click();
    await expect(this.app).toHaveAttribute('data-state', 'review', { timeout: 120_000 });
  }

  /** Reloads the page and opens the stored project again. */
  async reopen(): Promise<void> {
    await this.page.reload();
    await this.openProject();
  }

  /** The frames the analysing screen says are done ("N / M frames"). */
  async framesDone(): Promise<number> {
    const text = await this.page.locator('.job__numbers').textContent();
    return Number((text ?? '').trim().split(' ')[0]?.replace(/,/g, ''));
  }

  /** Waits until the app waits for the person (review) or the job ends, and returns that state. */
  async waitForEnd(timeout = 120_000): Promise<AppState> {
    await expect(this.app).toHaveAttribute('data-state', SETTLED, { timeout });
    return this.state();
  }

  /** In review, starts the export with every track as analysed. */
  async exportReviewed(timeout = 120_000): Promise<AppState> {
    await this.page.getByTestId('export').click();
    return this.waitForEnd(timeout);
  }

  /** In review, exports, expects the job to end done and saves the output to `path`. */
  async exportAndDownload(path: string, timeout = 120_000): Promise<Download> {
    expect(await this.exportReviewed(timeout)).toBe('done');
    return this.download(path);
  }

  /** Chooses a file and waits for it to finish; fails with the app's error text when it does not end done. */
  async process(path: string, timeout = 120_000): Promise<void> {
    await this.choose(path);
    let state = await this.waitForEnd(timeout);
    if (state === 'review') state = await this.exportReviewed(timeout);
    if (state !== 'done') {
      const alert = (await this.alert.count()) > 0 ? await this.alert.textContent() : null;
      const error =
        (await this.alert.count()) > 0 ? await this.alert.getAttribute('data-error') : null;
      throw new Error(`processing ${path} ended ${state}: ${error ?? ''} ${alert ?? ''}`);
    }
  }

  /** Clicks the download link and saves the file to `path`. */
  async download(path: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.downloadLink.click(),
    ]);
    await download.saveAs(path);
    return download;
  }

  /**
   * Opens the app with the quick settings, processes `input` until done and saves the output to `output`;
   * returns the download and the finished job.
   */
  async processAndDownload(
    input: string,
    output: string,
    timeout = 120_000,
  ): Promise<{ download: Download; result: ResultSummary }> {
    await this.goto();
    await this.setOptions(QUICK);
    await this.process(input, timeout);
    const download = await this.download(output);
    return { download, result: await this.lastResult() };
  }

  /** The finished job as plain data (`window.__garim.lastResult()` minus the Blob). */
  async lastResult(): Promise<ResultSummary> {
    const result = await this.page.evaluate(() => {
      const last = window.__garim.lastResult();
      if (!last) return null;
      const { blob, ...rest } = last;
      return { ...rest, blobBytes: blob.size, blobType: blob.type };
    });
    if (!result) throw new Error('window.__garim.lastResult() is null');
    return result;
  }

  async redaction(): Promise<Redaction> {
    return this.page.evaluate(() => ({ ...window.__garim.redaction }));
  }

  /** The `data-error` name of the error shown, once one is shown. */
  async errorName(): Promise<string | null> {
    await expect(this.alert).toBeVisible();
    return this.alert.getAttribute('data-error');
  }
}
