/**
 * The project file (redaction log): one versioned JSON document that says what was covered, where and
 * why — enough to audit a redaction or to restore the tracks onto the same video later. The JSON Schema
 * twin is project-file.schema.json; docs/PROJECT-FILE.md explains each field. Version 1.
 *
 * Compatibility: readers accept only `version` ≤ PROJECT_FILE_VERSION. Adding an optional field keeps the
 * version; anything that changes a field's meaning or removes one raises it.
 */
import type { MediaInfo } from '../media/types.ts';
import type { CoverStyle, RegionClass, RegionShape } from '../regions/types.ts';
import type { ModelRef, ProjectSettings, StoredPointSource } from './records.ts';

export const PROJECT_FILE_FORMAT = 'garim-project';
export const PROJECT_FILE_VERSION = 1;
/** Suggested file name suffix: `<video stem>.garim.json`. */
export const PROJECT_FILE_SUFFIX = '.garim.json';

/** `[x, y, w, h]` in source-video pixels (after rotation), top-left origin. */
export type BoxTuple = [x: number, y: number, w: number, h: number];

export type ProjectFilePoint = {
  frameIndex: number;
  box: BoxTuple;
  source: StoredPointSource;
  /** Detector confidence 0…1 for detected points; the nearest detection's for derived ones; 1 if edited. */
  score: number;
};

export type ProjectFileTrack = {
  id: number;
  class: RegionClass;
  /** True: the person chose to leave this one visible (not covered). */
  keepVisible: boolean;
  points: ProjectFilePoint[];
  /** Covered as the ellipse inscribed in each box; absent = the whole box (optional, additive). */
  shape?: RegionShape;
  /** Covered in this style instead of the project's; absent = the project's (optional, added in 0.3). */
  style?: CoverStyle;
};

/** A frame where a person set a track's box by hand; boxes between keyframes are interpolated. */
export type ProjectFileKeyframe = { trackId: number; frameIndex: number };

export type ProjectFileV1 = {
  format: typeof PROJECT_FILE_FORMAT;
  version: typeof PROJECT_FILE_VERSION;
  app: { name: string; version: string };
  models: ModelRef[];
  source: { name: string; sha256: string; media: MediaInfo };
  settings: ProjectSettings;
  tracks: ProjectFileTrack[];
  keyframes: ProjectFileKeyframe[];
  /** ISO 8601 UTC, e.g. "2025-01-31T12:00:00.000Z". */
  exportedAt: string;
};

export type ProjectFile = ProjectFileV1;

export type AppInfo = ProjectFileV1['app'];
