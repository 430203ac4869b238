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
  /**
   * Set when the file was damaged and is read through a repaired copy (media/repair.ts): how, and what
   * the repair kept. Absent for an undamaged file.
   */
  repair?: RepairReport;
};

/**
 * How a damaged file WebCodecs reads is repaired (media/repair.ts; ffmpeg/normalize.ts `repairArgs`): 'full' decodes the picture with
 * ffmpeg's error concealment and encodes it again (a damaged packet costs a smudged picture, not the frames
 * up to the next key frame); 'sound' copies the picture and encodes the sound from what decodes. Either way
 * the sound is encoded again, so no damaged sound packet reaches the output.
 */
export type RepairKind = 'full' | 'sound';

/**
 * A damaged file's repair. `listed`: frames the original file lists; `concealed`: frames the browser could
 * not decode that ffmpeg's error concealment gave (smudged where the damage is; analysed like any other);
 * `lost`: frames nothing could decode (the picture before them is held over their time).
 */
export type RepairReport = {
  kind: RepairKind;
  listed: number;
  concealed: number;
  lost: number;
};

/**
 * What an exported video holds: its frames, of them the ones decoded intact and the ones only concealment
 * gave, and the frames its input lists inside its span that nothing could decode (their time shows the
 * picture before them). `frames` = `decoded` + `concealed`.
 */
export type OutputCounts = { frames: number; decoded: number; concealed: number; filled: number };

export type StageProgress = {
  /** 'repair': a damaged file is being read through a repaired copy (media/repair.ts). */
  stage: 'probe' | 'convert' | 'repair' | 'analyse' | 'export' | 'check';
  done: number;
  total: number;
  /** Frames (or units) per second over the stage so far. */
  rate: number;
  preview?: PreviewFrame;
};

/**
 * A pass's sign of life between its progress reports, from its liveness guard (media/stall.ts
 * `PassLiveness`): sent as frames are decoded (at most about once a second) and each time the pass waits on
 * held-up decoders, with `waitingMs`, how long every decoder of the tab has been held up so far
 * (docs/ROBUSTNESS.md, "Stalls"). The page's watchdog is fed by these and by progress.
 */
export type Heartbeat = { heartbeat: true; waitingMs?: number };

/** What a media pass sends the page: progress, or a heartbeat. */
export type PassReport = StageProgress | Heartbeat;

export function isHeartbeat(report: PassReport): report is Heartbeat {
  return 'heartbeat' in report;
}

/** A downscaled picture of the current frame, with the boxes on it (in video pixels). */
export type PreviewFrame = {
  bitmap: ImageBitmap;
  frameIndex: number;
  videoWidth: number;
  videoHeight: number;
  boxes: { x: number; y: number; w: number; h: number }[];
  redacted: boolean;
  /** How much export grows each box about its centre (the project's padding; absent: the default). */
  padding?: number;
};
