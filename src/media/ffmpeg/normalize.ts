/**
 * The ffmpeg.wasm path: files WebCodecs cannot read here (HEVC on Linux Chromium, AVI, MPEG-4 Part 2,
 * odd containers) are converted once into an MP4 (H.264 near-lossless) that the WebCodecs path reads. The
 * audio is copied packet for packet when MP4 can hold its codec, else encoded as AAC. Frame timestamps pass
 * through unchanged (`-fps_mode passthrough`), metadata is dropped.
 * The core is served from the app's own origin, never a CDN.
 */
import type { FFmpeg } from '@ffmpeg/ffmpeg';
import { withFfmpeg } from './instance.ts';
import { abortError } from '../../lib/abort.ts';
import { UnsupportedInputError } from '../errors.ts';
import type { RepairKind } from '../types.ts';

export type NormalizeProgress = (fraction: number) => void;

/** Without `repair`: the normalisation of a file WebCodecs cannot read (the sound copied when it can be). */
export async function normalizeWithFfmpeg(
  file: Blob,
  baseUrl: string,
  signal: AbortSignal,
  onProgress: NormalizeProgress,
  repair?: RepairKind,
): Promise<Blob> {
  try {
    return await withFfmpeg(baseUrl, signal, (ffmpeg) =>
      convert(ffmpeg, file, signal, onProgress, repair),
    );
  } catch (error) {
    if (signal.aborted) throw abortError();
    throw error;
  }
}

/** One conversion on a loaded instance; its files are deleted after, so the next one starts clean. */
async function convert(
  ffmpeg: FFmpeg,
  file: Blob,
  signal: AbortSignal,
  onProgress: NormalizeProgress,
  repair?: RepairKind,
): Promise<Blob> {
  const progress = ({ progress }: { progress: number }): void =>
    onProgress(Math.min(1, Math.max(0, progress)));
  ffmpeg.on('progress', progress);
  try {
    await ffmpeg.writeFile('input', new Uint8Array(await file.arrayBuffer()));
    let code = await ffmpeg.exec(
      repair
        ? repairArgs('input', 'output.mp4', repair)
        : normalizeArgs('input', 'output.mp4', 'copy'),
    );
    // MP4 cannot hold every audio codec (PCM, ADPCM from CCTV boxes): the muxer refuses at once.
    if (code !== 0 && !signal.aborted && !repair) {
      code = await ffmpeg.exec(normalizeArgs('input', 'output.mp4', 'aac'));
    }
    if (signal.aborted) throw abortError();
    if (code !== 0) {
      throw new UnsupportedInputError(`ffmpeg could not read the file (exit ${code})`);
    }
    const data = await ffmpeg.readFile('output.mp4');
    if (typeof data === 'string' || data.byteLength === 0) {
      throw new UnsupportedInputError('ffmpeg produced no video');
    }
    return new Blob([data.slice().buffer], { type: 'video/mp4' });
  } finally {
    ffmpeg.off('progress', progress);
    await removeFiles(ffmpeg, ['input', 'output.mp4']);
  }
}

/** Deletes what a conversion left in the instance's memory (a file that was never made is no error). */
async function removeFiles(ffmpeg: FFmpeg, names: string[]): Promise<void> {
  for (const name of names) await ffmpeg.deleteFile(name).catch(() => undefined);
}

/** 'copy' keeps the audio packets as they are; 'aac' encodes them for a codec MP4 cannot hold. */
export type AudioHandling = 'copy' | 'aac';

/**
 * H.264 4:2:0 needs even sides: an odd-sized picture loses its last column/row, as on the WebCodecs path.
 * ffmpeg turns rotated video upright itself (the display matrix is applied, not copied).
 */
const EVEN_SIDES = 'crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0';

const NEAR_LOSSLESS_H264 = [
  ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p'],
];
const AAC = ['-c:a', 'aac', '-b:a', '192k'];

export function normalizeArgs(input: string, output: string, audio: AudioHandling): string[] {
  const audioArgs = audio === 'copy' ? ['-c:a', 'copy'] : AAC;
  return [
    ...['-y', '-i', input, '-map', '0:v:0', '-map', '0:a:0?', '-vf', EVEN_SIDES],
    ...NEAR_LOSSLESS_H264,
    ...['-fps_mode', 'passthrough', ...audioArgs],
    ...['-map_metadata', '-1', '-movflags', '+faststart', output],
  ];
}

/**
 * A damaged file's repair (see RepairKind). Frame timestamps pass through (a frame nothing can decode is
 * not replaced: the picture before it is held over its time); the sound is resampled against its own
 * timestamps (`aresample=async`), so a sound packet that does not decode becomes silence of its length and
 * the sound stays in step with the picture.
 */
export function repairArgs(input: string, output: string, kind: RepairKind): string[] {
  const video = kind === 'full' ? ['-vf', EVEN_SIDES, ...NEAR_LOSSLESS_H264] : ['-c:v', 'copy'];
  return [
    ...['-y', '-err_detect', 'ignore_err', '-i', input, '-map', '0:v:0', '-map', '0:a:0?'],
    ...video,
    ...['-fps_mode', 'passthrough', '-af', 'aresample=async=1:first_pts=0', ...AAC],
    ...['-map_metadata', '-1', '-movflags', '+faststart', output],
  ];
}
