/**
 * Readers for the domain shapes that both stored records and project files carry: boxes, detections,
 * track points, media info, settings. Built on validate.ts; each returns `undefined` and adds problems
 * when the value is unsound.
 */
import { DETAIL_MODES } from '../detect/tiles.ts';
import type { TrimRange } from '../media/trim.ts';
import type { MediaInfo, RepairReport } from '../media/types.ts';
import { videoBox, type VideoBox } from '../regions/geometry.ts';
import {
  clampCellsAcross,
  clampPadding,
  COVER_STYLES,
  type Detection,
  type RedactionSettings,
} from '../regions/types.ts';
import { POINT_SOURCES, REGION_CLASSES } from './records.ts';
import type { ModelRef, ProjectSettings, StoredPoint } from './records.ts';
import {
  at,
  checkNumber,
  complain,
  complete,
  readArray,
  readBoolean,
  readNumber,
  readObject,
  readOneOf,
  readString,
} from './validate.ts';

/** `{x, y, w, h}`: finite numbers, width and height not negative. */
export function readBox(value: unknown, path: string, problems: string[]): VideoBox | undefined {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const r = complete<{ x: number; y: number; w: number; h: number }>({
    x: readNumber(o, 'x', 'finite', path, problems),
    y: readNumber(o, 'y', 'finite', path, problems),
    w: readNumber(o, 'w', 'nonNegative', path, problems),
    h: readNumber(o, 'h', 'nonNegative', path, problems),
  });
  return r && videoBox(r.x, r.y, r.w, r.h);
}

export function readDetection(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const read = complete<Omit<Detection, 'weak'>>({
    box: readBox(o.box, at(path, 'box'), problems),
    score: readNumber(o, 'score', 'finite', path, problems),
    class: readOneOf(o, 'class', REGION_CLASSES, path, problems),
  });
  // `weak` (optional): a hit below the detector's threshold that may only extend a track.
  return read && o.weak === true ? { ...read, weak: true as const } : read;
}

export function readStoredPoint(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  return complete<StoredPoint>({
    frameIndex: readNumber(o, 'frameIndex', 'index', path, problems),
    box: readBox(o.box, at(path, 'box'), problems),
    score: readNumber(o, 'score', 'finite', path, problems),
    source: readOneOf(o, 'source', POINT_SOURCES, path, problems),
  });
}

/** Items of a list that read soundly; each bad one is reported (with its index) and left out. */
export function readEach<T>(
  items: readonly unknown[],
  path: string,
  problems: string[],
  read: (value: unknown, path: string, problems: string[]) => T | undefined,
): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    const value = read(item, at(path, i), problems);
    if (value !== undefined) out.push(value);
  });
  return out;
}

export function readIndexList(value: unknown, path: string, problems: string[]): number[] {
  if (!Array.isArray(value)) return [];
  return readEach(value, path, problems, (v, p, list) => checkNumber(v, 'index', p, list));
}

function readAudioCodec(o: Record<string, unknown>, path: string, problems: string[]) {
  if (o.audioCodec === null) return null;
  return readString(o, 'audioCodec', path, problems);
}

/** A damaged file's repair (`MediaInfo.repair`, added later: optional). */
function readRepair(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  return complete<RepairReport>({
    kind: readOneOf(o, 'kind', ['full', 'sound'] as const, path, problems),
    listed: readNumber(o, 'listed', 'index', path, problems),
    concealed: readNumber(o, 'concealed', 'index', path, problems),
    lost: readNumber(o, 'lost', 'index', path, problems),
  });
}

export function readMediaInfo(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const read = complete<Omit<MediaInfo, 'repair'>>({
    fileName: readString(o, 'fileName', path, problems),
    fileBytes: readNumber(o, 'fileBytes', 'nonNegative', path, problems),
    engine: readOneOf(o, 'engine', ['webcodecs', 'ffmpeg'] as const, path, problems),
    container: readString(o, 'container', path, problems),
    videoCodec: readString(o, 'videoCodec', path, problems),
    audioCodec: readAudioCodec(o, path, problems),
    width: readNumber(o, 'width', 'nonNegative', path, problems),
    height: readNumber(o, 'height', 'nonNegative', path, problems),
    rotation: readNumber(o, 'rotation', 'finite', path, problems),
    durationSec: readNumber(o, 'durationSec', 'nonNegative', path, problems),
    frameCount: readNumber(o, 'frameCount', 'index', path, problems),
    averageFps: readNumber(o, 'averageFps', 'nonNegative', path, problems),
    videoBitrate: readNumber(o, 'videoBitrate', 'nonNegative', path, problems),
  });
  if (!read || o.repair === undefined) return read;
  const repair = readRepair(o.repair, at(path, 'repair'), problems);
  return repair && { ...read, repair };
}

function readRedaction(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const read = complete<Pick<RedactionSettings, 'padding' | 'cellsAcross'>>({
    padding: readNumber(o, 'padding', 'nonNegative', path, problems),
    cellsAcross: readNumber(o, 'cellsAcross', 'nonNegative', path, problems),
  });
  if (!read) return undefined;
  // Kept within what the app offers, as the review screen keeps them: a padding too small to cover the
  // whole face, or a mosaic finer than the floor, is never applied, from storage or from a file.
  read.padding = clampPadding(read.padding);
  read.cellsAcross = clampCellsAcross(read.cellsAcross);
  // `style` and `color` were added later: optional (absent = mosaic, black).
  const style =
    o.style === undefined ? undefined : readOneOf(o, 'style', COVER_STYLES, path, problems);
  const color = o.color === undefined ? undefined : readColor(o, path, problems);
  if ((o.style !== undefined && !style) || (o.color !== undefined && !color)) return undefined;
  return { ...read, ...(style ? { style } : {}), ...(color ? { color } : {}) };
}

function readColor(o: Record<string, unknown>, path: string, problems: string[]) {
  const color = readString(o, 'color', path, problems);
  if (color === undefined || /^#[0-9a-f]{6}$/i.test(color)) return color;
  problems.push(`${at(path, 'color')} is ${JSON.stringify(color)}, expected a colour like #000000`);
  return undefined;
}

/** Trim in/out frame indices (both included), in ≤ out. */
export function readTrim(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const trim = complete<TrimRange>({
    inFrame: readNumber(o, 'inFrame', 'index', path, problems),
    outFrame: readNumber(o, 'outFrame', 'index', path, problems),
  });
  if (trim && trim.inFrame > trim.outFrame) {
    complain(
      problems,
      at(path, 'outFrame'),
      trim.outFrame,
      `a frame index ≥ inFrame (${trim.inFrame})`,
    );
    return undefined;
  }
  return trim;
}

export function readSettings(
  value: unknown,
  path: string,
  problems: string[],
): ProjectSettings | undefined {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const settings = complete<Omit<ProjectSettings, 'trim'>>({
    mode: readOneOf(o, 'mode', DETAIL_MODES, path, problems),
    plates: readBoolean(o, 'plates', path, problems),
    redaction: readRedaction(o.redaction, at(path, 'redaction'), problems),
  });
  // `trim` was added later and is optional. A bad one is a problem (a project file is refused); a stored
  // record keeps its other settings and exports the whole video.
  if (!settings || o.trim === undefined) return settings;
  const trim = readTrim(o.trim, at(path, 'trim'), problems);
  return trim ? { ...settings, trim } : settings;
}

export function readModelRef(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  return complete<ModelRef>({
    id: readString(o, 'id', path, problems),
    task: readOneOf(o, 'task', ['face', 'text'] as const, path, problems),
  });
}

export function readModels(o: Record<string, unknown>, path: string, problems: string[]) {
  const list = readArray(o, 'models', path, problems);
  return list && readEach(list, at(path, 'models'), problems, readModelRef);
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * A track's own cover style (optional, added in 0.3): the style, undefined when absent, null when it is
 * there but not a style (said in `problems`).
 */
export function readOwnStyle(o: Record<string, unknown>, path: string, problems: string[]) {
  if (o.style === undefined) return undefined;
  return readOneOf(o, 'style', COVER_STYLES, path, problems) ?? null;
}
