/**
 * What a video file says about itself beyond its pictures and sound: place (GPS), device (make, model,
 * serial), times, people and software, and extra tracks (subtitles, telemetry). Read with mediabunny's
 * metadata API, sorted so the person sees what export removes. Export keeps none of the identifying part;
 * on request it keeps the purely technical tags (`technicalTags`).
 */
import { ALL_FORMATS, BlobSource, Input, type MetadataTags } from 'mediabunny';
import { listMoovTracks, readMoov, type BoxTrack } from './mp4-tracks.ts';

export type MetadataCategory = 'location' | 'device' | 'time' | 'people' | 'software' | 'technical';

export type MetadataItem = { key: string; value: string; category: MetadataCategory };

/** What an extra track holds, as far as its container says. */
export type ExtraTrackKind =
  'telemetry' | 'metadata' | 'subtitle' | 'timecode' | 'data' | 'video' | 'audio';

/**
 * A track export does not carry over: subtitles, or data such as GoPro telemetry or timecode.
 * `mayHoldLocation`: a telemetry or timed-metadata track (GPMF, camm, mebx) that can carry GPS positions.
 */
export type ExtraTrack = { kind: ExtraTrackKind; codec: string; mayHoldLocation?: boolean };

export type SourceMetadata = {
  /** False when the container could not be read here (e.g. AVI): nothing of it is copied either way. */
  readable: boolean;
  items: MetadataItem[];
  extraTracks: ExtraTrack[];
};

/** Key patterns, first match wins; a key that matches none is technical (brands, versions, frame-rate hints). */
const CATEGORIES: [MetadataCategory, RegExp][] = [
  ['location', /location|gps|xyz|loci|iso6709|latitude|longitude|altitude|place/i],
  ['device', /make|model|mak$|mod$|serial|camera|lens|device|manufacturer|firmware/i],
  ['time', /date|creation|time|day$/i],
  [
    'people',
    /artist|author|aut$|art$|copyright|cpy$|owner|user|comment|cmt$|description|title|nam$/i,
  ],
  ['software', /software|swr$|encoder|too$|encoded|writing|application|handler/i],
];

/** Sorts by the key's last dotted part (`com.apple.quicktime.make` → `make`: "quicktime" is no time). */
export function categorize(key: string): MetadataCategory {
  const name = key.split('.').pop() ?? key;
  return CATEGORIES.find(([, pattern]) => pattern.test(name))?.[0] ?? 'technical';
}

/** ISO 6709 coordinates (+37.5665+126.9780/) anywhere in a value. */
const COORDINATES = /[+-]\d{1,3}\.\d+[+-]\d{1,3}\.\d+/;
/** A calendar date (2024-05-01, 2024:05:01) anywhere in a value. */
const CALENDAR_DATE = /\b(19|20)\d\d[-:/](0[1-9]|1[0-2])[-:/](0[1-9]|[12]\d|3[01])/;

/**
 * A tag whose name says nothing known is still judged by its value: coordinates are a location, a date is a
 * time. Only what is left is technical (and may be kept on request).
 */
export function categorizeTag(key: string, value: unknown, text: string): MetadataCategory {
  const byKey = categorize(key);
  if (byKey !== 'technical') return byKey;
  if (COORDINATES.test(text)) return 'location';
  if (value instanceof Date || CALENDAR_DATE.test(text)) return 'time';
  return 'technical';
}

/**
 * A QuickTime user-data string (`©xyz`, `©mak` …): 16-bit length, 16-bit language, then the text. Other
 * binary values are shown by size only.
 */
export function userDataText(key: string, bytes: Uint8Array): string {
  if (key.startsWith('©') && bytes.length >= 4) {
    const length = (bytes[0]! << 8) | bytes[1]!;
    if (length > 0 && 4 + length <= bytes.length) {
      return new TextDecoder().decode(bytes.subarray(4, 4 + length));
    }
  }
  return `(${bytes.length} bytes)`;
}

function valueText(key: string, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return userDataText(key, value);
  if (Array.isArray(value)) return value.map((v) => valueText(key, v) ?? '').join(', ');
  return undefined;
}

/** Every tag of `tags.raw` (the file's own keys), sorted into categories; images count as people. */
export function metadataItems(tags: MetadataTags): MetadataItem[] {
  const items: MetadataItem[] = [];
  for (const [key, value] of Object.entries(tags.raw ?? {})) {
    const text = valueText(key, value);
    if (text !== undefined) {
      items.push({ key, value: text, category: categorizeTag(key, value, text) });
    }
  }
  const images = tags.images?.length ?? 0;
  if (images > 0) items.push({ key: 'images', value: String(images), category: 'people' });
  return items;
}

/** What the muxer writes itself (the file type box), not tags to carry over. */
const CONTAINER_OWN = /^(major_brand|minor_version|compatible_brands)$/;

/** The technical tags that may be kept on request (never anything identifying). */
export function technicalTags(items: readonly MetadataItem[]): Record<string, string> {
  const kept = items.filter((i) => i.category === 'technical' && !CONTAINER_OWN.test(i.key));
  return Object.fromEntries(kept.map((i) => [i.key, i.value]));
}

/** Sample entries of telemetry and timed-metadata tracks, which can record where the camera was (GPS). */
const LOCATION_FORMATS = new Set(['gpmd', 'camm', 'mebx']);
const SUBTITLE_HANDLERS = new Set(['text', 'sbtl', 'subt', 'clcp']);

/** What a track the MP4/MOV boxes list is, or null for pictures and sound (mediabunny reads those). */
export function describeBoxTrack({ handler, format }: BoxTrack): ExtraTrack | null {
  if (handler === 'vide' || handler === 'soun') return null;
  const codec = format || handler || 'unknown';
  if (LOCATION_FORMATS.has(format)) {
    return { kind: format === 'mebx' ? 'metadata' : 'telemetry', codec, mayHoldLocation: true };
  }
  if (format === 'tmcd' || handler === 'tmcd') return { kind: 'timecode', codec };
  if (SUBTITLE_HANDLERS.has(handler)) return { kind: 'subtitle', codec };
  return { kind: handler === 'meta' ? 'metadata' : 'data', codec };
}

/** The data, subtitle and timecode tracks an MP4/MOV lists ([] when `file` is none, or unreadable). */
export async function isoExtraTracks(file: Blob): Promise<ExtraTrack[]> {
  const moov = await readMoov(file).catch(() => undefined);
  if (!moov) return [];
  return listMoovTracks(moov).flatMap((t) => describeBoxTrack(t) ?? []);
}

const ISO_FORMATS = /^(MP4|QuickTime|ISOBMFF)/i;

/**
 * Tags and extra tracks. For MP4/MOV (`file` given) the extra tracks come from the file's own boxes, which
 * list data tracks mediabunny leaves out; for other containers from mediabunny's track list.
 */
export async function readMetadata(input: Input, file?: Blob): Promise<SourceMetadata> {
  const tags = await input.getMetadataTags();
  const tracks = await input.getTracks();
  const iso = file !== undefined && ISO_FORMATS.test((await input.getFormat()).name);
  const extraTracks: ExtraTrack[] = iso
    ? await isoExtraTracks(file)
    : tracks
        .filter((t) => t.type !== 'video' && t.type !== 'audio')
        .map((t) => ({
          kind: t.type === 'subtitle' ? 'subtitle' : 'data',
          codec: String(t.codec ?? 'unknown'),
        }));
  // Only the first video and audio tracks are exported: the others are extra too.
  const videos = tracks.filter((t) => t.type === 'video').slice(1);
  const audios = tracks.filter((t) => t.type === 'audio').slice(1);
  for (const t of [...videos, ...audios]) {
    extraTracks.push({ kind: t.type, codec: String(t.codec ?? 'unknown') });
  }
  return { readable: true, items: metadataItems(tags), extraTracks };
}

export const UNREADABLE_METADATA: SourceMetadata = { readable: false, items: [], extraTracks: [] };

/** The metadata of a file the pipeline reads through ffmpeg.wasm: mediabunny may still read its container. */
export async function readMetadataOf(file: Blob): Promise<SourceMetadata> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    return await readMetadata(input, file);
  } catch {
    return UNREADABLE_METADATA;
  } finally {
    input.dispose();
  }
}
