/** What the app knows about an opened video, whichever engine read it. */
export type MediaInfo = {
  fileName: string;
  fileBytes: number;
  /** The engine whose demuxer/decoder feeds the pipeline. 'ffmpeg' = normalised by ffmpeg.wasm first. */
  engine: 'webcodecs' | 'ffmpeg';
  container: string;
  videoCodec: string;
  audioCodec: string | null;
  /** Display size in square pixels (what detection and the editor see). */
  width: number;
  height: number;
  rotation: number;
  durationSec: number;
  frameCount: number;
  averageFps: number;
  videoBitrate: number;
};

export type StageProgress = {
  stage: 'probe' | 'convert' | 'analyse' | 'export' | 'check';
  done: number;
  total: number;
  /** Frames (or units) per second over the stage so far. */
  rate: number;
  /**
   * Set while the pass waits on the browser: every decoder of the tab has been held up this long so far
   * (docs/ROBUSTNESS.md, "Stalls"). The next frame's progress comes without it.
   */
  waitingMs?: number;
  preview?: PreviewFrame;
};

/** A downscaled picture of the current frame, with the boxes on it (in video pixels). */
export type PreviewFrame = {
  bitmap: ImageBitmap;
  frameIndex: number;
  videoWidth: number;
  videoHeight: number;
  boxes: { x: number; y: number; w: number; h: number }[];
  redacted: boolean;
};
