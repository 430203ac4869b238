/** What the person chose about the exported file (beyond which regions to cover). */
import { canEncodeVideo } from 'mediabunny';
import type { TrimRange } from './trim.ts';

/** Container and video codec of the export. */
export type OutputFormatId = 'mp4-h264' | 'webm-vp9' | 'mp4-av1';
/** Video bitrate against the source's: about the same ("match"), half, or twice. */
export type OutputQuality = 'smaller' | 'match' | 'better';

export type OutputOptions = {
  format: OutputFormatId;
  quality: OutputQuality;
  /** Leave the sound out of the export altogether. */
  removeAudio: boolean;
  /** Copy the source's purely technical tags (never location, device, times, people or software). */
  keepTechnicalTags: boolean;
  /** Export only the frames from `inFrame` to `outFrame` (both included); absent = the whole video. */
  trim?: TrimRange;
};

/** MP4/H.264 at the source's bitrate, sound kept, every tag dropped. */
export const DEFAULT_OUTPUT: OutputOptions = {
  format: 'mp4-h264',
  quality: 'match',
  removeAudio: false,
  keepTechnicalTags: false,
};

export const OUTPUT_FORMATS: readonly OutputFormatId[] = ['mp4-h264', 'webm-vp9', 'mp4-av1'];
export const OUTPUT_QUALITIES: readonly OutputQuality[] = ['smaller', 'match', 'better'];

export const QUALITY_FACTOR: Record<OutputQuality, number> = { smaller: 0.5, match: 1, better: 2 };

export const FORMAT_CODEC = { 'mp4-h264': 'avc', 'webm-vp9': 'vp9', 'mp4-av1': 'av1' } as const;
export const FORMAT_EXTENSION: Record<OutputFormatId, string> = {
  'mp4-h264': 'mp4',
  'webm-vp9': 'webm',
  'mp4-av1': 'mp4',
};

/** The formats this browser can encode at `width`×`height` (H.264 first; AV1 only where it exists). */
export async function encodableFormats(width: number, height: number): Promise<OutputFormatId[]> {
  const even = { width: width - (width % 2), height: height - (height % 2), bitrate: 1_000_000 };
  const checks = await Promise.all(
    OUTPUT_FORMATS.map((f) => canEncodeVideo(FORMAT_CODEC[f], even).catch(() => false)),
  );
  return OUTPUT_FORMATS.filter((_, i) => checks[i]);
}
