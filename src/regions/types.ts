import type { VideoBox } from './geometry.ts';

export type RegionClass = 'face' | 'plate' | 'manual';

/** How a region is covered: its whole box, or the ellipse inscribed in it (faces, round signs). */
export type RegionShape = 'rect' | 'ellipse';
/**
 * A box to cover; an ellipse covers only the (padded) ellipse inscribed in it. `trackId`: the track behind
 * it, where it comes from one (reported as `coveredTrackIds` by `garim redact --regions-out`).
 */
export type CoverBox = VideoBox & { shape?: RegionShape; trackId?: number; style?: CoverStyle };

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
  /** Covered in this style instead of the project's (a person's exception for this track). */
  style?: CoverStyle;
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

/**
 * How a region is covered (docs/EDITING.md, "Styles"): `mosaic` (cells of the region's mean), `solid` (one
 * colour: nothing of the picture is left, the most irreversible) or `blur` (a strong blur; weaker than the
 * other two: a blurred face keeps its shape and colours).
 */
export type CoverStyle = 'mosaic' | 'solid' | 'blur';
export const COVER_STYLES: readonly CoverStyle[] = ['mosaic', 'solid', 'blur'];
export const DEFAULT_STYLE: CoverStyle = 'mosaic';
/** The solid style's colour unless chosen: black. */
export const DEFAULT_COLOR = '#000000';

/** How detections become covered areas. Defaults favour covering too much. */
export type RedactionSettings = {
  /** Box growth about its centre before covering (1.3 = 30% larger). */
  padding: number;
  /**
   * How much detail is left across the region's shorter side: at most this many mosaic cells, or blur
   * blobs (the blur's radius is the shorter side over this). Coarser (smaller) is safer; never more than
   * `MAX_CELLS_ACROSS`.
   */
  cellsAcross: number;
  /** The style of every region that has none of its own (default mosaic; older projects have none). */
  style?: CoverStyle;
  /** The solid style's colour, `#rrggbb` (default black). */
  color?: string;
};

export const DEFAULT_REDACTION: RedactionSettings = { padding: 1.3, cellsAcross: 8 };

/**
 * The finest a cover may be: 10 cells (or blur blobs) across the shorter side. Block portraits of about
 * 14×18 blocks are still recognised by people who know the face (Harmon & Julesz, 1973), and face
 * recognition networks recover identity from 16×16 pixelated faces; 10 across a padded box leaves the face
 * itself about 7 cells wide.
 */
export const MAX_CELLS_ACROSS = 10;
/** The coarsest choice offered (a mosaic of 3×3 cells is already a few flat patches). */
export const MIN_CELLS_ACROSS = 3;

/**
 * The least a box is grown about its centre before covering: 1.1 (10% larger). A face detector's box (YuNet)
 * runs from the brows to the chin and between the cheeks: grown less than this, hairline, ears and chin
 * show at its edges, and moving faces slip out of it between key frames.
 */
export const MIN_PADDING = 1.1;
/**
 * The most: 2.0 (twice as wide and high, four times the area). Beyond it a face's cover takes in the people
 * and things beside it; a region that needs more is better drawn larger.
 */
export const MAX_PADDING = 2;
/** The padding is chosen in steps of a tenth (the review screen's slider, `garim redact --pad`). */
export const PADDING_STEP = 0.1;

/**
 * `padding` kept within what is offered (`MIN_PADDING`–`MAX_PADDING`, to a tenth); anything unreadable
 * is the default, which favours covering the whole face.
 */
export function clampPadding(padding: number): number {
  if (!Number.isFinite(padding)) return DEFAULT_REDACTION.padding;
  const tenths = Math.round(padding * 10) / 10;
  return Math.min(MAX_PADDING, Math.max(MIN_PADDING, tenths));
}

/** `cellsAcross` kept within what is offered: never finer than `MAX_CELLS_ACROSS`. */
export function clampCellsAcross(cells: number): number {
  if (!Number.isFinite(cells)) return DEFAULT_REDACTION.cellsAcross;
  return Math.min(MAX_CELLS_ACROSS, Math.max(MIN_CELLS_ACROSS, Math.round(cells)));
}

/** What a track sets about its own covering: an ellipse, and a style other than the project's. */
export type OwnCover = { shape?: 'ellipse'; style?: CoverStyle };

/** `track`'s own way of being covered, with only what it sets (absent: the whole box, the project's style). */
export function ownCover(track: { shape?: RegionShape; style?: CoverStyle }): OwnCover {
  return {
    ...(track.shape === 'ellipse' ? { shape: 'ellipse' as const } : {}),
    ...(track.style ? { style: track.style } : {}),
  };
}
