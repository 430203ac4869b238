/**
 * The shapes stored in IndexedDB (after restore.ts has normalised them). Times are epoch milliseconds
 * (`…AtMs`), frame timestamps are the demuxer's microseconds (`timestampUs`), boxes are in video pixels.
 */
import type { DetailMode } from '../detect/tiles.ts';
import type { TrimRange } from '../media/trim.ts';
import type { MediaInfo } from '../media/types.ts';
import type { VideoBox } from '../regions/geometry.ts';
import type { PointSource } from '../regions/tracker.ts';
import type {
  CoverStyle,
  Detection,
  RedactionSettings,
  RegionClass,
  RegionShape,
} from '../regions/types.ts';

/** 'failed': the analysis stopped on an error (not a cancel); the project can be retried or deleted. */
export type ProjectState = 'analysing' | 'needs-review' | 'exported' | 'failed';
export const PROJECT_STATES: readonly ProjectState[] = [
  'analysing',
  'needs-review',
  'exported',
  'failed',
];

export type ProjectSettings = {
  mode: DetailMode;
  plates: boolean;
  redaction: RedactionSettings;
  /** Export only these frames (in/out, both included); absent = the whole video. Added later. */
  trim?: TrimRange;
};

/** A detector that produced a project's regions. */
export type ModelRef = { id: string; task: 'face' | 'text' };

export type ProjectRecord = {
  id: string;
  name: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** SHA-256 of the source file, lowercase hex (the fingerprint checked on import). */
  sourceSha256: string;
  media: MediaInfo;
  settings: ProjectSettings;
  models: ModelRef[];
  state: ProjectState;
  /** How many frame records are stored (kept in step by writeFrameBatch). */
  analysedFrames: number;
  thumbnail: Blob | null;
  sourceBytes: number;
  /** Sum of the stored preview JPEGs' sizes. */
  previewBytes: number;
  /** Number of edits applied: history[0 .. cursor) are done, history[cursor ..] can be redone. */
  historyCursor: number;
  /** The error name (e.g. DamagedVideoError) that stopped the analysis; only while state is 'failed'. */
  failure?: string;
};

/** The original file, stored once per project. Key: projectId. */
export type SourceRecord = {
  projectId: string;
  name: string;
  type: string;
  bytes: number;
  lastModifiedMs: number;
  blob: Blob;
};

/** Key: [projectId, frameIndex]. */
export type FrameRecord = {
  projectId: string;
  frameIndex: number;
  timestampUs: number;
  /** Only in records written before schema v3 (the upgrade moves it to the previews store). */
  preview?: Blob;
  detections: Detection[];
  /** Detection failed on this frame (export covers it whole). */
  failed?: true;
  /** A new shot begins at this frame (added without a schema change: older records have none). */
  cut?: true;
};

/** A frame's small JPEG (≤ 320 px on the long side), for scrubbing and thumbnails. Key: [projectId, frameIndex]. */
export type PreviewRecord = { projectId: string; frameIndex: number; blob: Blob };

/** A point source in storage: the tracker's sources plus boxes a person set by hand. */
export type StoredPointSource = PointSource | 'edited';
export const POINT_SOURCES: readonly StoredPointSource[] = [
  'detected',
  'interpolated',
  'padded',
  'edited',
  'tracked',
];
export const REGION_CLASSES: readonly RegionClass[] = ['face', 'plate', 'manual'];

export type StoredPoint = {
  frameIndex: number;
  box: VideoBox;
  score: number;
  source: StoredPointSource;
};

/** A track as the editor and export see it. `keepVisible` = "do not cover this one". */
export type StoredTrack = {
  id: number;
  class: RegionClass;
  keepVisible: boolean;
  /** Frames where a person set the box; interpolation runs between these. */
  keyframes: number[];
  points: StoredPoint[];
  /** Absent = 'rect' (every project before shapes existed). */
  shape?: RegionShape;
  /** Covered in this style instead of the project's; absent = the project's (added in 0.3). */
  style?: CoverStyle;
};

/** Key: [projectId, id]. */
export type TrackRecord = StoredTrack & { projectId: string };

/** One undoable edit. `op` names a regions/edits operation; `payload` is its data (structured-cloneable). */
export type EditRecord = {
  projectId: string;
  seq: number;
  atMs: number;
  op: string;
  payload: unknown;
};

export type StoreName = 'projects' | 'sources' | 'frames' | 'tracks' | 'history' | 'previews';

/** A record that was read back damaged: what was wrong, and whether it was left out (`skipped`). */
export type RecordProblem = {
  store: StoreName;
  key: string;
  problems: string[];
  skipped: boolean;
};

/** The records that could be read, and a report of those that could not (or were repaired). */
export type ReadResult<T> = { items: T[]; problems: RecordProblem[] };
