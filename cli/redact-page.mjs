// The `redact` flow on an open app page, shared by the command line and the benchmarks.

/**
 * Drives the real UI: choose the file, wait for the review, choose how regions are covered (`cover`:
 * `style` mosaic|solid|blur, `strength` cells across, as a person would on the review screen), export, save
 * the download.
 */
export async function redactInPage(page, input, output, timeoutMs, cover = {}) {
  await page.getByTestId('file-input').setInputFiles(input);
  const settled = (...states) => page.locator(states.map((s) => `[data-state="${s}"]`).join(', '));
  await settled('review', 'error', 'cancelled').waitFor({ timeout: timeoutMs });
  if ((await page.locator('.app').getAttribute('data-state')) === 'review') {
    await chooseCover(page, cover);
    await page.getByTestId('export').click();
    await settled('done', 'error', 'cancelled').waitFor({ timeout: timeoutMs });
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

/** The review screen's cover style and strength, set as a person would (unset: the project's). */
async function chooseCover(page, { style, strength }) {
  if (style) await page.locator(`input[name="cover-style"][value="${style}"]`).check();
  if (strength !== undefined && style !== 'solid') {
    await page.getByTestId('cover-strength').fill(String(strength));
  }
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
  if (state === 'idle') return;
  if (state === 'done') await page.getByTestId('start-over').click();
  else {
    await page.reload();
    await page.waitForFunction(() => '__garim' in window);
  }
  await page.locator('.app[data-state="idle"]').waitFor();
}
