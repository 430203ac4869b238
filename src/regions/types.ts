import type { VideoBox } from './geometry.ts';

export type RegionClass = 'face' | 'plate' | 'manual';

/** How a region is covered: its whole box, or the ellipse inscribed in it (faces, round signs). */
export type RegionShape = 'rect' | 'ellipse';
/**
 * A box to cover; an ellipse covers only the (padded) ellipse inscribed in it. `trackId`: the track behind
 * it, where it comes from one (reported as `coveredTrackIds` by `garim redact --regions-out`).
 */
export type CoverBox = VideoBox & { shape?: RegionShape; trackId?: number };

/**
 * One detector hit on one frame, in source-video pixels, before padding. `weak`: below the detector's
 * threshold, asked for by analysis only; the tracker may extend a track with it but never start one.
 */
export type Detection = { box: VideoBox; score: number; class: RegionClass; weak?: true };

/**
 * Where a track's box on a frame comes from: 'detected' by the model, 'interpolated' or 'padded' by the
 * tracker, 'edited' by a person, 'tracked': found by the visual tracker from the image.
 */
export type PointSource = 'detected' | 'interpolated' | 'padded' | 'edited' | 'tracked';
export type TrackPoint = { frameIndex: number; box: VideoBox; score: number; source: PointSource };

/**
 * One person (or plate, or drawn region) through the video: the one track type of the app. The tracker
 * makes it, the editor edits it (edits.ts EditTrack: the same with `keepVisible` and `keyframes` always
 * set), the store keeps it as its versioned StoredTrack (store/records.ts, mapped only in store/).
 */
export type Track = {
  id: number;
  class: RegionClass;
  /** At most one per frame, ascending by frame. */
  points: TrackPoint[];
  /** "Keep this person visible": the track is reviewed and deliberately not covered. */
  keepVisible?: boolean;
  /** Covered as the ellipse inscribed in each box (default: the whole box). */
  shape?: RegionShape;
  /** Frames where a person set the box, ascending (a drawn region interpolates between them). */
  keyframes?: number[];
};

/** Hits on one frame that the detector found while looking at a later one (a face followed back to it). */
export type EarlierHits = { frameIndex: number; detections: Detection[] };

/**
 * What the detector gives for one frame of an analysis: the frame's own hits, and hits it found for earlier
 * frames (detect/face-follower.ts follows a new face back); those are added to frames already recorded.
 */
export type DetectedFrame = { detections: Detection[]; earlier: EarlierHits[] };

/**
 * What the app knows about one frame after analysis. `failed`: the frame decoded but detection threw on
 * it; export covers such a frame whole. `cut`: a new shot begins at this frame (media/shot-cut.ts): no
 * track is carried, bridged or padded across it.
 */
export type FrameRegions = {
  frameIndex: number;
  timestampUs: number;
  detections: Detection[];
  failed?: true;
  cut?: true;
};

/** What export covers on one frame: the boxes of every track active there (before padding). */
export type CoveredFrame = {
  frameIndex: number;
  timestampUs: number;
  boxes: CoverBox[];
  /** Analysis failed on this frame: export covers it whole. */
  failed?: true;
};

/** How detections become covered areas. Defaults favour covering too much. */
export type RedactionSettings = {
  /** Box growth about its centre before covering (1.3 = 30% larger). */
  padding: number;
  /** At most this many mosaic cells across the region's shorter side. */
  cellsAcross: number;
};

export const DEFAULT_REDACTION: RedactionSettings = { padding: 1.3, cellsAcross: 8 };
