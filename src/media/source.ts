/**
 * Opens a video for the pipeline. WebCodecs (through mediabunny) is the fast path; when the container or the
 * codec is beyond it, the file is normalised with ffmpeg.wasm first. Callers only see `OpenedSource`.
 */
import { ALL_FORMATS, BlobSource, Input, type InputVideoTrack } from 'mediabunny';
import { normalizeWithFfmpeg } from './ffmpeg/normalize.ts';
import { EmptyFileError, NoVideoTrackError, UnsupportedInputError } from './errors.ts';
import type { MediaInfo } from './types.ts';

export type OpenedSource = { input: Input; video: InputVideoTrack; blob: Blob; info: MediaInfo };

type ReadableVideo = { input: Input; video: InputVideoTrack; container: string };

async function openWithWebCodecs(blob: Blob): Promise<ReadableVideo | 'needs-ffmpeg'> {
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  let format;
  try {
    format = await input.getFormat();
  } catch {
    input.dispose();
    return 'needs-ffmpeg';
  }
  const video = await input.getPrimaryVideoTrack();
  if (!video) {
    input.dispose();
    throw new NoVideoTrackError();
  }
  if (!(await video.canDecode())) {
    input.dispose();
    return 'needs-ffmpeg';
  }
  return { input, video, container: format.name };
}

async function describe(
  file: File | Blob,
  opened: ReadableVideo,
  engine: MediaInfo['engine'],
): Promise<MediaInfo> {
  const { input, video } = opened;
  const stats = await video.computePacketStats();
  const audio = await input.getPrimaryAudioTrack();
  const durationSec = await input.computeDuration();
  return {
    fileName: file instanceof File ? file.name : 'video',
    fileBytes: file.size,
    engine,
    container: opened.container,
    videoCodec: (await video.getCodecParameterString()) ?? video.codec ?? 'unknown',
    audioCodec: audio ? (audio.codec ?? 'unknown') : null,
    width: video.displayWidth,
    height: video.displayHeight,
    rotation: video.rotation,
    durationSec,
    frameCount: stats.packetCount,
    averageFps: stats.averagePacketRate,
    videoBitrate: stats.averageBitrate,
  };
}

export async function openSource(
  file: File | Blob,
  baseUrl: string,
  signal: AbortSignal,
  onConvertProgress: (fraction: number) => void,
): Promise<OpenedSource> {
  if (file.size === 0) throw new EmptyFileError();
  const direct = await openWithWebCodecs(file);
  if (direct !== 'needs-ffmpeg') {
    return { ...direct, blob: file, info: await describe(file, direct, 'webcodecs') };
  }
  const normalized = await normalizeWithFfmpeg(file, baseUrl, signal, onConvertProgress);
  const converted = await openWithWebCodecs(normalized);
  if (converted === 'needs-ffmpeg') {
    throw new UnsupportedInputError('Converted video is still unreadable');
  }
  const info = await describe(file, converted, 'ffmpeg');
  return { ...converted, blob: normalized, info };
}
