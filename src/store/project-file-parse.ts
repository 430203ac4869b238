/**
 * parseProjectFile: checks a project file's format and version, then every field's shape, and returns
 * either the typed document or readable problems ("tracks[0].points[3].box[2] is NaN, expected …").
 * Strict on purpose: a redaction log that is partly unreadable is rejected whole, never half-applied.
 */
import { REGION_CLASSES, POINT_SOURCES } from './records.ts';
import type {
  ProjectFileKeyframe,
  ProjectFilePoint,
  ProjectFileTrack,
  ProjectFileV1,
} from './project-file.ts';
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, type BoxTuple } from './project-file.ts';
import {
  readEach,
  readMediaInfo,
  readModels,
  readOwnStyle,
  readSettings,
  SHA256_HEX,
} from './shapes.ts';
import { ownCover } from '../regions/types.ts';
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
  type Obj,
} from './validate.ts';

export type ParsedProjectFile =
  { ok: true; file: ProjectFileV1 } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 50;

function readBoxTuple(value: unknown, path: string, problems: string[]): BoxTuple | undefined {
  if (!Array.isArray(value) || value.length !== 4) {
    complain(problems, path, value, 'a list [x, y, w, h]');
    return undefined;
  }
  const before = problems.length;
  const [x, y, w, h] = value.map((n: unknown, i) =>
    checkNumber(n, i < 2 ? 'finite' : 'nonNegative', at(path, i), problems),
  );
  return problems.length === before ? ([x, y, w, h] as BoxTuple) : undefined;
}

function readPoint(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  return complete<ProjectFilePoint>({
    frameIndex: readNumber(o, 'frameIndex', 'index', path, problems),
    box: readBoxTuple(o.box, at(path, 'box'), problems),
    source: readOneOf(o, 'source', POINT_SOURCES, path, problems),
    score: readNumber(o, 'score', 'finite', path, problems),
  });
}

function readTrack(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  const points = readArray(o, 'points', path, problems);
  const track = complete<Omit<ProjectFileTrack, 'shape' | 'style'>>({
    id: readNumber(o, 'id', 'index', path, problems),
    class: readOneOf(o, 'class', REGION_CLASSES, path, problems),
    keepVisible: readBoolean(o, 'keepVisible', path, problems),
    points: points && readEach(points, at(path, 'points'), problems, readPoint),
  });
  const style = readOwnStyle(o, path, problems);
  if (!track || style === null) return undefined;
  return { ...track, ...ownCover({ shape: o.shape === 'ellipse' ? 'ellipse' : undefined, style }) };
}

function readKeyframe(value: unknown, path: string, problems: string[]) {
  const o = readObject(value, path, problems);
  if (!o) return undefined;
  return complete<ProjectFileKeyframe>({
    trackId: readNumber(o, 'trackId', 'index', path, problems),
    frameIndex: readNumber(o, 'frameIndex', 'index', path, problems),
  });
}

function readSource(value: unknown, problems: string[]) {
  const o = readObject(value, 'source', problems);
  if (!o) return undefined;
  const sha256 = readString(o, 'sha256', 'source', problems);
  if (sha256 !== undefined && !SHA256_HEX.test(sha256)) {
    complain(problems, 'source.sha256', sha256, '64 lowercase hex digits');
  }
  return complete<ProjectFileV1['source']>({
    name: readString(o, 'name', 'source', problems),
    sha256,
    media: readMediaInfo(o.media, 'source.media', problems),
  });
}

function readApp(value: unknown, problems: string[]) {
  const o = readObject(value, 'app', problems);
  if (!o) return undefined;
  return complete<ProjectFileV1['app']>({
    name: readString(o, 'name', 'app', problems),
    version: readString(o, 'version', 'app', problems),
  });
}

function readExportedAt(o: Obj, problems: string[]) {
  const value = readString(o, 'exportedAt', '', problems);
  if (value === undefined || !Number.isNaN(Date.parse(value))) return value;
  complain(problems, 'exportedAt', value, 'a date (ISO 8601)');
  return undefined;
}

/** Format and version first: a different document, or a newer version, is named as such. */
function checkHeader(o: Obj, problems: string[]): boolean {
  if (o.format !== PROJECT_FILE_FORMAT) {
    complain(
      problems,
      'format',
      o.format,
      `"${PROJECT_FILE_FORMAT}" (this is not a Garim project file)`,
    );
    return false;
  }
  const version = checkNumber(o.version, 'index', 'version', problems);
  if (version === undefined) return false;
  if (version > PROJECT_FILE_VERSION) {
    problems.push(
      `version is ${version}, newer than this Garim reads (${PROJECT_FILE_VERSION}): update Garim to open it`,
    );
  } else if (version < 1) problems.push(`version is ${version}, expected ${PROJECT_FILE_VERSION}`);
  return problems.length === 0;
}

function checkReferences(file: ProjectFileV1, problems: string[]): void {
  const ids = new Set<number>();
  for (const track of file.tracks) {
    if (ids.has(track.id)) problems.push(`tracks has track id ${track.id} more than once`);
    ids.add(track.id);
  }
  file.keyframes.forEach((k, i) => {
    if (!ids.has(k.trackId)) problems.push(`keyframes[${i}].trackId ${k.trackId} names no track`);
  });
}

function readBody(o: Obj, problems: string[]) {
  const tracks = readArray(o, 'tracks', '', problems);
  const keyframes = readArray(o, 'keyframes', '', problems);
  return complete<ProjectFileV1>({
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    app: readApp(o.app, problems),
    models: readModels(o, '', problems),
    source: readSource(o.source, problems),
    settings: readSettings(o.settings, 'settings', problems),
    tracks: tracks && readEach(tracks, 'tracks', problems, readTrack),
    keyframes: keyframes && readEach(keyframes, 'keyframes', problems, readKeyframe),
    exportedAt: readExportedAt(o, problems),
  });
}

function parseJson(text: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(
      `the file is not JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    );
    return undefined;
  }
}

function failed(problems: string[]): ParsedProjectFile {
  const extra = problems.length - MAX_PROBLEMS;
  const shown = problems.slice(0, MAX_PROBLEMS);
  return { ok: false, problems: extra > 0 ? [...shown, `… and ${extra} more`] : shown };
}

/** Accepts the file's text or an already parsed value. */
export function parseProjectFile(input: unknown): ParsedProjectFile {
  const problems: string[] = [];
  const value = typeof input === 'string' ? parseJson(input, problems) : input;
  if (problems.length > 0) return failed(problems);
  const o = readObject(value, 'file', problems);
  if (!o || !checkHeader(o, problems)) return failed(problems);
  const file = readBody(o, problems);
  if (file) checkReferences(file, problems);
  if (!file || problems.length > 0) return failed(problems);
  return { ok: true, file };
}
