/**
 * Pixel checks that an exported video left nothing uncovered: each output frame is matched (by its
 * timestamp) to the same frame of the clean source, and the detail of the source that survives in a region
 * of the output is measured with `detailCorrelation` (≈ 0.8–1 where the picture was only re-encoded, ≈ 0
 * where a mosaic replaced it, or where damage destroyed the picture).
 */
import type { Box, CoveredFrame, ResultSummary } from './garim.ts';
import { detailCorrelation, grayFrames, innerPixels, type GrayFrame } from './media.ts';

/** Above this, the source's detail is still visible in the output (a re-encode keeps ≈ 0.8–1). */
export const VISIBLE_DETAIL = 0.35;

/** The output frame `n` of `outputTimes`, as the index of the source frame at that time (constant rate). */
export function sourceIndexAt(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}

/** The covered-frame record export used for an output frame shown at `seconds`. */
export function coveredAt(
  covered: readonly CoveredFrame[],
  seconds: number,
): CoveredFrame | undefined {
  const us = seconds * 1e6;
  return covered.find((c) => Math.abs(c.timestampUs - us) < 1_000);
}

/** Every face box the clean run covered, per source frame index (the truth the mutants are held to). */
export function faceBoxesByFrame(clean: ResultSummary, fps: number): Map<number, Box[]> {
  const boxes = new Map<number, Box[]>();
  for (const c of clean.covered) boxes.set(sourceIndexAt(c.timestampUs / 1e6, fps), c.boxes);
  return boxes;
}

const decodedClean = new Map<string, Map<number, GrayFrame>>();

/** Frames of the clean source, decoded once per path and kept (every check compares against them). */
function cleanFramesOf(path: string, indices: readonly number[]): Map<number, GrayFrame> {
  let frames = decodedClean.get(path);
  if (!frames) {
    frames = new Map();
    decodedClean.set(path, frames);
  }
  const missing = indices.filter((n) => !frames.has(n));
  if (missing.length > 0) for (const f of grayFrames(path, missing)) frames.set(f.index, f);
  return frames;
}

/** The whole picture of a frame. */
export function wholeFrame(frame: GrayFrame): Box {
  return { x: 0, y: 0, w: frame.width, h: frame.height };
}

/** How much of `source`'s detail inside `box` survives in `output` (box clipped to the frame). */
export function visibleDetail(source: GrayFrame, output: GrayFrame, box: Box): number {
  const rect = innerPixels(box, output.width, output.height);
  if (rect.w < 8 || rect.h < 8) return 0;
  return detailCorrelation(source, output, rect);
}

export type FrameVerdict = {
  /** Output frame number. */
  frame: number;
  /** Source frame it shows. */
  source: number;
  failed: boolean;
  /** Detail of the source visible in each checked region (the whole frame when `failed`). */
  detail: number[];
};

/**
 * Checks every frame of `outputPath` against the clean source: a frame analysis recorded as failed must hide
 * the whole picture; every other frame must hide every region in `truth` for its source frame.
 */
export function checkCoverage(
  cleanPath: string,
  outputPath: string,
  outputTimes: readonly number[],
  result: ResultSummary,
  truth: Map<number, Box[]>,
  fps: number,
): FrameVerdict[] {
  const sources = outputTimes.map((t) => sourceIndexAt(t, fps));
  const cleanFrames = cleanFramesOf(cleanPath, sources);
  const outFrames = grayFrames(
    outputPath,
    outputTimes.map((_, i) => i),
  );
  return outFrames.map((out, i) => {
    const source = sources[i]!;
    const clean = cleanFrames.get(source);
    if (!clean) throw new Error(`source frame ${source} not decoded`);
    const failed = coveredAt(result.covered, outputTimes[i]!)?.failed === true;
    const regions = failed ? [wholeFrame(out)] : (truth.get(source) ?? []);
    return { frame: i, source, failed, detail: regions.map((r) => visibleDetail(clean, out, r)) };
  });
}

/** For each output frame: how much of its source frame's detail survives over the whole picture. */
export function wholeFrameDetail(
  cleanPath: string,
  outputPath: string,
  outputTimes: readonly number[],
  fps: number,
): number[] {
  const sources = outputTimes.map((t) => sourceIndexAt(t, fps));
  const cleanFrames = new Map(grayFrames(cleanPath, sources).map((f) => [f.index, f]));
  const outFrames = grayFrames(
    outputPath,
    outputTimes.map((_, i) => i),
  );
  return outFrames.map((out, i) =>
    visibleDetail(cleanFrames.get(sources[i]!)!, out, wholeFrame(out)),
  );
}
