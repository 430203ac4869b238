/**
 * Every record read back from IndexedDB passes through here (after excalidraw's data/restore.ts). A
 * record is either restored — with defaults filled in for fields that older versions lacked or that were
 * damaged but replaceable, each noted — or rejected with the list of what was wrong. Nothing here throws.
 */
import { DEFAULT_REDACTION, ownCover } from '../regions/types.ts';
import { DEFAULT_DETAIL } from '../detect/tiles.ts';
import type {
  EditRecord,
  FrameRecord,
  PreviewRecord,
  ProjectRecord,
  ReadResult,
  RecordProblem,
  SourceRecord,
  StoreName,
  TrackRecord,
} from './records.ts';
import { PROJECT_STATES, REGION_CLASSES } from './records.ts';
import {
  readDetection,
  readEach,
  readIndexList,
  readMediaInfo,
  readModels,
  readSettings,
  readStoredPoint,
  SHA256_HEX,
  readOwnStyle,
} from './shapes.ts';
import {
  complain,
  complete,
  isObject,
  readArray,
  readBoolean,
  readNumber,
  readOneOf,
  readString,
  type Obj,
} from './validate.ts';

export type Restored<T> =
  { ok: true; value: T; notes: string[] } | { ok: false; problems: string[] };

function restored<T>(value: T | undefined, problems: string[], notes: string[]): Restored<T> {
  if (value === undefined || problems.length > 0) {
    return { ok: false, problems: [...problems, ...notes] };
  }
  return { ok: true, value, notes };
}

function asObject(raw: unknown): Obj | undefined {
  return isObject(raw) ? raw : undefined;
}

const notAnObject = <T>(raw: unknown): Restored<T> => {
  const problems: string[] = [];
  complain(problems, 'record', raw, 'an object');
  return { ok: false, problems };
};

function readSha256(o: Obj, notes: string[]): string {
  const value = o.sourceSha256;
  if (typeof value === 'string' && SHA256_HEX.test(value)) return value;
  complain(notes, 'sourceSha256', value, '64 lowercase hex digits (fingerprint check unavailable)');
  return '';
}

function readThumbnail(o: Obj, notes: string[]): Blob | null {
  if (o.thumbnail === null || o.thumbnail === undefined || o.thumbnail instanceof Blob) {
    return o.thumbnail ?? null;
  }
  complain(notes, 'thumbnail', o.thumbnail, 'an image Blob (dropped)');
  return null;
}

function readFailure(o: Obj, notes: string[]): { failure?: string } {
  if (o.failure === undefined) return {};
  if (typeof o.failure === 'string') return { failure: o.failure };
  complain(notes, 'failure', o.failure, 'an error name (dropped)');
  return {};
}

/** Fields a project needs to be usable are fatal; the rest fall back to defaults, each noted. */
export function restoreProject(raw: unknown): Restored<ProjectRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const notes: string[] = [];
  const id = readString(o, 'id', '', problems);
  const media = readMediaInfo(o.media, 'media', problems);
  const value = media && {
    id: id ?? '',
    name: readString(o, 'name', '', notes) ?? 'Untitled',
    createdAtMs: readNumber(o, 'createdAtMs', 'nonNegative', '', notes) ?? 0,
    updatedAtMs: readNumber(o, 'updatedAtMs', 'nonNegative', '', notes) ?? 0,
    sourceSha256: readSha256(o, notes),
    media,
    settings: readSettings(o.settings, 'settings', notes) ?? defaultSettings(),
    models: readModels(o, '', notes) ?? [],
    state: readOneOf(o, 'state', PROJECT_STATES, '', notes) ?? 'analysing',
    analysedFrames: readNumber(o, 'analysedFrames', 'index', '', notes) ?? 0,
    thumbnail: readThumbnail(o, notes),
    sourceBytes: readNumber(o, 'sourceBytes', 'nonNegative', '', notes) ?? media.fileBytes,
    previewBytes: readNumber(o, 'previewBytes', 'nonNegative', '', notes) ?? 0,
    historyCursor: readNumber(o, 'historyCursor', 'index', '', notes) ?? 0,
    ...readFailure(o, notes),
  };
  return restored(value, problems, notes);
}

export function defaultSettings() {
  return { mode: DEFAULT_DETAIL, plates: false, redaction: { ...DEFAULT_REDACTION } };
}

/** A frame with an unreadable index or detections list is rejected; single bad detections are dropped. */
export function restoreFrame(raw: unknown): Restored<FrameRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const notes: string[] = [];
  const list = readArray(o, 'detections', '', problems);
  const value: FrameRecord | undefined = complete<Omit<FrameRecord, 'preview' | 'failed' | 'cut'>>({
    projectId: readString(o, 'projectId', '', problems),
    frameIndex: readNumber(o, 'frameIndex', 'index', '', problems),
    timestampUs: readNumber(o, 'timestampUs', 'finite', '', problems),
    detections: list && readEach(list, 'detections', notes, readDetection),
  });
  if (value && o.failed === true) value.failed = true;
  if (value && o.cut === true) value.cut = true;
  if (value && o.preview instanceof Blob) value.preview = o.preview;
  else if (o.preview !== undefined) {
    complain(notes, 'preview', o.preview, 'an image Blob (dropped)');
  }
  return restored(value, problems, notes);
}

export function restorePreview(raw: unknown): Restored<PreviewRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const blob = o.blob instanceof Blob ? o.blob : undefined;
  if (!blob) complain(problems, 'blob', o.blob, 'an image Blob');
  const value = complete<PreviewRecord>({
    projectId: readString(o, 'projectId', '', problems),
    frameIndex: readNumber(o, 'frameIndex', 'index', '', problems),
    blob,
  });
  return restored(value, problems, []);
}

/** An unknown class becomes 'manual' (still covered): a damaged track must not uncover a face. */
export function restoreTrack(raw: unknown): Restored<TrackRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const notes: string[] = [];
  const list = readArray(o, 'points', '', problems);
  const points = list ? readEach(list, 'points', notes, readStoredPoint) : [];
  if (list && points.length === 0) problems.push('points has no usable point');
  const value = complete<Omit<TrackRecord, 'shape' | 'style'>>({
    projectId: readString(o, 'projectId', '', problems),
    id: readNumber(o, 'id', 'index', '', problems),
    class: readOneOf(o, 'class', REGION_CLASSES, '', notes) ?? 'manual',
    keepVisible: readBoolean(o, 'keepVisible', '', notes) ?? false,
    keyframes: readIndexList(o.keyframes, 'keyframes', notes),
    points,
  });
  // A style that cannot be read is the project's (noted): never fewer covered regions.
  const style = readOwnStyle(o, '', notes) ?? undefined;
  const shape = o.shape === 'ellipse' ? ('ellipse' as const) : undefined;
  const shaped: TrackRecord | undefined = value && { ...value, ...ownCover({ shape, style }) };
  return restored(shaped, problems, notes);
}

export function restoreEdit(raw: unknown): Restored<EditRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const notes: string[] = [];
  const value = complete<EditRecord>({
    projectId: readString(o, 'projectId', '', problems),
    seq: readNumber(o, 'seq', 'index', '', problems),
    atMs: readNumber(o, 'atMs', 'nonNegative', '', notes) ?? 0,
    op: readString(o, 'op', '', problems),
    payload: o.payload ?? null,
  });
  return restored(value, problems, notes);
}

export function restoreSource(raw: unknown): Restored<SourceRecord> {
  const o = asObject(raw);
  if (!o) return notAnObject(raw);
  const problems: string[] = [];
  const notes: string[] = [];
  const blob = o.blob instanceof Blob ? o.blob : undefined;
  if (!blob) complain(problems, 'blob', o.blob, 'the stored video (Blob)');
  const value = complete<SourceRecord>({
    projectId: readString(o, 'projectId', '', problems),
    name: readString(o, 'name', '', notes) ?? 'video',
    type: readString(o, 'type', '', notes) ?? '',
    bytes: readNumber(o, 'bytes', 'nonNegative', '', notes) ?? blob?.size,
    lastModifiedMs: readNumber(o, 'lastModifiedMs', 'nonNegative', '', notes) ?? 0,
    blob,
  });
  return restored(value, problems, notes);
}

/** A readable key for a report, from whatever key fields the raw record still has. */
export function keyOf(raw: unknown, fields: readonly string[]): string {
  const o = asObject(raw);
  const part = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
  return fields.map((f) => part(o?.[f])).join('/');
}

/** Restores a batch read from one store: sound records in `items`, the rest (and repairs) in `problems`. */
export function restoreAll<T>(
  store: StoreName,
  raws: readonly unknown[],
  keyFields: readonly string[],
  restore: (raw: unknown) => Restored<T>,
): ReadResult<T> {
  const items: T[] = [];
  const problems: RecordProblem[] = [];
  for (const raw of raws) {
    const result = restore(raw);
    const key = keyOf(raw, keyFields);
    if (result.ok) items.push(result.value);
    if (!result.ok) problems.push({ store, key, problems: result.problems, skipped: true });
    else if (result.notes.length > 0) {
      problems.push({ store, key, problems: result.notes, skipped: false });
    }
  }
  return { items, problems };
}
