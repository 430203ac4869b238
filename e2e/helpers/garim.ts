/**
 * The parts of the app's `window.__garim` API that the specs read, as plain data: the contract of every
 * build (src/job/garim-api.ts) and the test hooks, which only a test build has (src/job/test-hooks.ts;
 * playwright.config.ts builds with `--mode e2e`). The data types are the app's own, imported as types from
 * its pure modules (regions/types.ts, regions/geometry.ts, media/types.ts: no DOM, no Vite); only the
 * `window.__garim` surface the specs use is declared here.
 */
import type { Rect } from '../../src/regions/geometry.ts';
import type { MediaInfo, OutputCounts } from '../../src/media/types.ts';
import type {
  CoveredFrame,
  Detection,
  FrameRegions,
  Track,
  TrackPoint,
} from '../../src/regions/types.ts';

export type { CoveredFrame, Detection, FrameRegions, MediaInfo, OutputCounts, Track, TrackPoint };
/** A box the specs make themselves (the app's own boxes are branded VideoBoxes, also Rects). */
export type Box = Rect;

/** `lastResult()` without its Blob (which cannot leave the page), plus the blob's size. */
export type ResultSummary = {
  info: MediaInfo;
  frames: FrameRegions[];
  covered: CoveredFrame[];
  tracks: Track[];
  analyseFps: number;
  exportFps: number;
  outputCounts: OutputCounts;
  framesWithFaces: number;
  resumedFrames: number;
  blobBytes: number;
  blobType: string;
};

export type Redaction = { padding: number; cellsAcross: number };

/** In every build (docs/CLI.md). */
type GarimContract = {
  lastResult(): (Omit<ResultSummary, 'blobBytes' | 'blobType'> & { blob: Blob }) | null;
  redaction: Redaction;
};

/** In a test build only. */
type GarimTestHooks = {
  /** Detections to use instead of the model's, by frame index (null: the model again). */
  injectDetections(
    byFrame: Record<number, { box: Box; score: number; class: string }[]> | null,
  ): Promise<void>;
  /** How long (ms) the media worker waited on a tab whose decoders the browser held up. */
  starvedWaitMs(): Promise<number>;
};

declare global {
  interface Window {
    __garim: GarimContract & GarimTestHooks;
  }
}
