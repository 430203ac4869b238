/**
 * The ffmpeg.wasm path: files WebCodecs cannot read here (HEVC on Linux Chromium, AVI, MPEG-4 Part 2,
 * odd containers) are converted once into an MP4 (H.264 near-lossless) that the WebCodecs path reads. The
 * audio is copied packet for packet when MP4 can hold its codec, else encoded as AAC. Frame timestamps pass
 * through unchanged (`-fps_mode passthrough`), metadata is dropped.
 * The core is served from the app's own origin, never a CDN.
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';
import { abortError } from '../../lib/abort.ts';
import { UnsupportedInputError } from '../errors.ts';

export type NormalizeProgress = (fraction: number) => void;

export async function normalizeWithFfmpeg(
  file: Blob,
  baseUrl: string,
  signal: AbortSignal,
  onProgress: NormalizeProgress,
): Promise<Blob> {
  const ffmpeg = new FFmpeg();
  const stop = (): void => ffmpeg.terminate();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await ffmpeg.load({
      coreURL: new URL('ffmpeg/ffmpeg-core.js', baseUrl).href,
      wasmURL: new URL('ffmpeg/ffmpeg-core.wasm', baseUrl).href,
    });
    ffmpeg.on('progress', ({ progress }) => onProgress(Math.min(1, Math.max(0, progress))));
    await ffmpeg.writeFile('input', new Uint8Array(await file.arrayBuffer()));
    let code = await ffmpeg.exec(normalizeArgs('input', 'output.mp4', 'copy'));
    // MP4 cannot hold every audio codec (PCM, ADPCM from CCTV boxes): the muxer refuses at once.
    if (code !== 0 && !signal.aborted) {
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
  } catch (error) {
    if (signal.aborted) throw abortError();
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    ffmpeg.terminate();
  }
}

/** 'copy' keeps the audio packets as they are; 'aac' encodes them for a codec MP4 cannot hold. */
export type AudioHandling = 'copy' | 'aac';

/**
 * H.264 4:2:0 needs even sides: an odd-sized picture loses its last column/row, as on the WebCodecs path.
 * ffmpeg turns rotated video upright itself (the display matrix is applied, not copied).
 */
const EVEN_SIDES = 'crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0';

export function normalizeArgs(input: string, output: string, audio: AudioHandling): string[] {
  const audioArgs = audio === 'copy' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '192k'];
  return [
    ...['-y', '-i', input, '-map', '0:v:0', '-map', '0:a:0?', '-vf', EVEN_SIDES],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p'],
    ...['-fps_mode', 'passthrough', ...audioArgs],
    ...['-map_metadata', '-1', '-movflags', '+faststart', output],
  ];
}
