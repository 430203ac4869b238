/**
 * Opens a video for the pipeline. WebCodecs (through mediabunny) is the fast path; when the container or the
 * codec is beyond it, the file is normalised with ffmpeg.wasm first. Callers only see `OpenedSource`.
 */
import { ALL_FORMATS, BlobSource, canEncodeVideo, Input, type InputVideoTrack } from 'mediabunny';
import { normalizeWithFfmpeg } from './ffmpeg/normalize.ts';
import {
  EmptyFileError,
  FileTooLargeError,
  NoVideoTrackError,
  UnsupportedInputError,
  VideoTooLargeError,
} from './errors.ts';
import { readMetadata, readMetadataOf, type SourceMetadata } from './metadata.ts';
import type { MediaInfo, RepairKind } from './types.ts';

/** `metadata` is the ORIGINAL file's (kept out of MediaInfo, which goes into project files). */
export type OpenedSource = {
  input: Input;
  video: InputVideoTrack;
  blob: Blob;
  info: MediaInfo;
  metadata: SourceMetadata;
  /**
   * A repaired copy's original (media/repair.ts): the frames the original lists (µs, ascending), and which
   * of the copy's frames only concealment gave (known when the repair was made in this worker).
   */
  original?: { listedUs: readonly number[]; concealedUs?: ReadonlySet<number> };
};

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

/**
 * The video bitrate of a file only ffmpeg.wasm can read, estimated from its size: everything that is not
 * sound (the sound is copied as is, so its bitrate is the converted file's). Container overhead counts as
 * video, which errs towards quality.
 */
export function originalVideoBitrate(fileBytes: number, durationSec: number, audioBitrate: number) {
  if (!(durationSec > 0)) return NaN;
  return Math.max(0, (fileBytes * 8) / durationSec - (audioBitrate || 0));
}

/**
 * ffmpeg.wasm reads the whole file into wasm memory (32-bit: at most 4 GiB, shared with the output), so
 * larger files can only go the WebCodecs way, which streams.
 */
export const FFMPEG_MAX_BYTES = 1024 ** 3;

/** Refuses, before any work, a picture the H.264 encoder here cannot take (export would fail at the end). */
async function checkEncodable(opened: OpenedSource): Promise<OpenedSource> {
  const { width, height } = opened.info;
  // What export encodes: the shown picture, cut to even sides (`evenCrop`).
  const even = { width: width - (width % 2), height: height - (height % 2) };
  if (!(await canEncodeVideo('avc', { ...even, bitrate: 1_000_000 }))) {
    opened.input.dispose();
    throw new VideoTooLargeError(`This device cannot encode ${width}×${height} H.264 video`);
  }
  return opened;
}

/**
 * Opens `file`: straight through WebCodecs when it can, else converted by ffmpeg.wasm. `repair`: the file
 * is damaged and is read through a repaired copy instead (media/repair.ts decides when).
 */
export async function openSource(
  file: File | Blob,
  baseUrl: string,
  signal: AbortSignal,
  onConvertProgress: (fraction: number) => void,
  repair?: RepairKind,
): Promise<OpenedSource> {
  if (file.size === 0) throw new EmptyFileError();
  const direct = repair ? 'needs-ffmpeg' : await openWithWebCodecs(file);
  if (direct !== 'needs-ffmpeg') {
    const info = await describe(file, direct, 'webcodecs');
    const metadata = await readMetadata(direct.input, file);
    return checkEncodable({ ...direct, blob: file, info, metadata });
  }
  if (file.size > FFMPEG_MAX_BYTES) {
    throw new FileTooLargeError(
      `${file.size} bytes is more than ffmpeg.wasm can convert (${FFMPEG_MAX_BYTES} bytes)`,
    );
  }
  const normalized = await normalizeWithFfmpeg(file, baseUrl, signal, onConvertProgress, repair);
  const converted = await openWithWebCodecs(normalized);
  if (converted === 'needs-ffmpeg') {
    throw new UnsupportedInputError('Converted video is still unreadable');
  }
  const described = await describe(file, converted, 'ffmpeg');
  // "Match source" means the ORIGINAL file's bitrate, not the near-lossless intermediate's (8× larger).
  const audio = await converted.input.getPrimaryAudioTrack();
  const audioBitrate = audio ? (await audio.computePacketStats()).averageBitrate : 0;
  const videoBitrate = originalVideoBitrate(file.size, described.durationSec, audioBitrate);
  const info = { ...described, videoBitrate };
  const metadata = await readMetadataOf(file);
  return checkEncodable({ ...converted, blob: normalized, info, metadata });
}
