/** The contract every face detector keeps (detector.ts makes one; square- and views-detector.ts implement it). */
import type { VideoSample } from 'mediabunny';
import type { Detection } from '../regions/types.ts';
import type { GrayImage } from '../regions/visual-tracker.ts';
import type { ModelId } from './models.ts';
import type { Backend, BackendPreference } from './session.ts';
import type { DetailMode } from './tiles.ts';
import type { FramePass } from './views.ts';

export type DetectorInfo = {
  model: ModelId;
  modelLabel: string;
  licence: string;
  backend: Backend;
  threads: number;
  note: string;
  scoreThreshold: number;
};

export type DetectorOptions = {
  model: ModelId;
  backend: BackendPreference;
  baseUrl: string;
  scoreThreshold?: number;
};

/**
 * `weak`: also return hits between the registry's weak threshold and the detector's threshold, flagged
 * `weak` (for the tracker; sure hits are the same with or without). `pass`: how closely to look (views.ts
 * `FramePass`; default `detail`, every pass of the mode). A square model has no glance: it looks at
 * `plain` and `glance` frames as in fast mode.
 */
export type DetectOptions = { weak?: boolean; pass?: FramePass };

export type FaceDetector = {
  readonly info: DetectorInfo;
  /**
   * Faces in a frame, in the frame's display pixels after rotation (the app's video space). `mode` adds
   * passes for small (and large) faces.
   */
  detect(frame: VideoSample, mode?: DetailMode, options?: DetectOptions): Promise<Detection[]>;
  /**
   * The frame just detected on, at `scale`, in grayscale: for following faces between key frames
   * (face-follower.ts). Whole-frame models only (a square model's detector has none: nothing is followed).
   */
  grayFrame?(frame: VideoSample, scale: number): GrayImage;
};
