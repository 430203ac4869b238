/**
 * The parts of the app's `window.__garim` API that the specs read, as plain data: the contract of every
 * build (src/job/test-api.ts) and the test hooks, which only a test build has (src/job/test-hooks.ts;
 * playwright.config.ts builds with `--mode e2e`). Declared here rather than imported so the e2e project
 * does not compile the app's sources.
 */
export type Box = { x: number; y: number; w: number; h: number };
/** `weak`: below the detector's threshold, for the tracker only (analysis frames). */
export type Detection = { box: Box; score: number; class: string; weak?: true };
/** `failed`: analysis could not decode or analyse this frame (export covers it whole). */
export type FrameRegions = {
  frameIndex: number;
  timestampUs: number;
  detections: Detection[];
  failed?: true;
};
/** What export covers on one frame: the boxes of every track active there (before padding). */
export type CoveredFrame = { frameIndex: number; timestampUs: number; boxes: Box[]; failed?: true };
export type TrackPoint = { frameIndex: number; box: Box; score: number; source: string };
export type Track = { id: number; class: string; points: TrackPoint[] };

export type MediaInfo = {
  fileName: string;
  fileBytes: number;
  engine: 'webcodecs' | 'ffmpeg';
  container: string;
  videoCodec: string;
  audioCodec: string | null;
  width: number;
  height: number;
  rotation: number;
  durationSec: number;
  frameCount: number;
  averageFps: number;
  videoBitrate: number;
};

/** `lastResult()` without its Blob (which cannot leave the page), plus the blob's size. */
export type ResultSummary = {
  info: MediaInfo;
  frames: FrameRegions[];
  covered: CoveredFrame[];
  tracks: Track[];
  analyseFps: number;
  exportFps: number;
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
  injectDetections(byFrame: Record<number, Detection[]> | null): Promise<void>;
  /** How long (ms) the media worker waited on a tab whose decoders the browser held up. */
  starvedWaitMs(): Promise<number>;
};

declare global {
  interface Window {
    __garim: GarimContract & GarimTestHooks;
  }
}
