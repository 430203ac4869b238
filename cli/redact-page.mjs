// The `redact` flow on an open app page, shared by the command line and the benchmarks.

const settled = (page, ...states) =>
  page.locator(states.map((s) => `[data-state="${s}"]`).join(', '));

/**
 * Drives the real UI: choose the file, wait for the review, choose how regions are covered (`cover`:
 * `style` mosaic|solid|blur, `strength` cells across, `padding` the growth of each box, as a person would
 * on the review screen), export, save the download.
 */
export async function redactInPage(page, input, output, timeoutMs, cover = {}) {
  await page.getByTestId('file-input').setInputFiles(input);
  await settled(page, 'review', 'error', 'cancelled').waitFor({ timeout: timeoutMs });
  return exportInPage(page, output, timeoutMs, cover);
}

/** What the start screen says when it refuses a project file or its video, as the error of that file. */
const IMPORT_PROBLEMS = {
  importUnreadable: 'not a Garim project file',
  importWrongVideo:
    'this video is not the one the project file was made from (its fingerprint differs)',
};

/** Throws the start screen's import warning, if it shows one. */
async function refusedImport(page) {
  const warning = page.getByTestId('import-warning');
  if ((await warning.count()) === 0) return;
  const problem = await warning.getAttribute('data-problem');
  const text = IMPORT_PROBLEMS[problem] ?? (await warning.textContent());
  throw new Error(`project file refused: ${text}`);
}

/**
 * A reviewed project onto its video, as a person would: the start screen's "Import project" with the
 * project file, then its video (refused unless it is the same video, by fingerprint); once its review is
 * open (the video is analysed again, the project's tracks kept), `cover` as in redactInPage (unset: the
 * project's own), export, save the download.
 */
export async function redactProjectInPage(page, input, project, output, timeoutMs, cover = {}) {
  await page.getByTestId('import-project').setInputFiles(project);
  const video = page.getByTestId('import-video');
  const warning = page.getByTestId('import-warning');
  await video.or(warning).first().waitFor({ state: 'attached', timeout: 30_000 });
  await refusedImport(page);
  await video.setInputFiles(input);
  await settled(page, 'review', 'error', 'cancelled')
    .or(warning)
    .first()
    .waitFor({ timeout: timeoutMs });
  await refusedImport(page);
  return exportInPage(page, output, timeoutMs, cover);
}

/** From the review screen (or a failure before it): the export, its download, and what it did. */
async function exportInPage(page, output, timeoutMs, cover) {
  if ((await page.locator('.app').getAttribute('data-state')) === 'review') {
    await chooseCover(page, cover);
    await page.getByTestId('export').click();
    await settled(page, 'done', 'error', 'cancelled').waitFor({ timeout: timeoutMs });
  }
  const phase = await page.locator('.app').getAttribute('data-state');
  if (phase !== 'done') {
    const message = await page
      .locator('[role=alert]')
      .textContent()
      .catch(() => null);
    throw new Error(`redaction failed (${phase}): ${message ?? 'no message'}`);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download').click(),
  ]);
  await download.saveAs(output);
  return page.evaluate(() => {
    const result = window.__garim.lastResult();
    return {
      info: result.info,
      analyseFps: result.analyseFps,
      exportFps: result.exportFps,
      outputBytes: result.blob.size,
      outputCounts: result.outputCounts,
      selfCheck: result.findings.map((f) => ({
        frameIndex: f.frameIndex,
        box: [f.detection.box.x, f.detection.box.y, f.detection.box.w, f.detection.box.h],
        score: f.detection.score,
        class: f.detection.class,
      })),
      frames: result.frames.map((f, i) => ({
        frameIndex: f.frameIndex,
        timestampUs: f.timestampUs,
        covered: (result.covered[i]?.boxes ?? []).map((b) => [b.x, b.y, b.w, b.h]),
        // Parallel to `covered`: the id of the track behind each box (null for none).
        coveredTrackIds: (result.covered[i]?.boxes ?? []).map((b) => b.trackId ?? null),
        // Weak hits (below the detector's threshold, only for extending tracks) stay out of `regions`.
        regions: f.detections
          .filter((d) => !d.weak)
          .map((d) => ({
            box: [d.box.x, d.box.y, d.box.w, d.box.h],
            score: d.score,
            class: d.class,
          })),
      })),
      // How the regions were covered (the review screen's style and strength).
      redaction: result.redaction ?? window.__garim.redaction,
    };
  });
}

/** The review screen's cover style, strength and padding, set as a person would (unset: the project's). */
async function chooseCover(page, { style, strength, padding }) {
  if (style) await page.locator(`input[name="cover-style"][value="${style}"]`).check();
  const strengthShown = (await page.getByTestId('cover-strength').count()) > 0;
  if (strength !== undefined && strengthShown) {
    await page.getByTestId('cover-strength').fill(String(strength));
  }
  if (padding !== undefined) await page.getByTestId('cover-padding').fill(String(padding));
}

/** The start screen's choices, set as a person would: `mode` fast|balanced|thorough, `plates` on or off. */
export async function chooseOptions(page, { mode, plates }) {
  if (mode) await page.locator(`input[name="detail"][value="${mode}"]`).check();
  if (plates !== undefined) await page.getByTestId('cover-plates').setChecked(plates);
}

/**
 * Back to the start screen after a job, so that the next file's states are its own: "Start over" after a
 * result, a reload after anything else (an error leaves its message on the start screen).
 */
export async function backToStart(page) {
  const state = await page.locator('.app').getAttribute('data-state');
  // A refused project import leaves its warning (and the file it waits a video for): a reload clears them.
  const importLeft = page.getByTestId('import-warning').or(page.getByTestId('import-video'));
  if (state === 'idle' && (await importLeft.count()) === 0) return;
  if (state === 'done') await page.getByTestId('start-over').click();
  else {
    await page.reload();
    await page.waitForFunction(() => '__garim' in window);
  }
  await page.locator('.app[data-state="idle"]').waitFor();
}
