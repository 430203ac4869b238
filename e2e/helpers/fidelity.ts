/**
 * ffprobe/ffmpeg measures of how faithful (and how private) an output is next to its input: shown size after
 * rotation, per-frame timestamps, audio packet checksums, every metadata tag, and the upright picture.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const BIG = 1 << 30;

type Side = { side_data_type?: string; rotation?: number };
type Stream = {
  codec_type: string;
  start_time?: string;
  duration?: string;
  codec_name: string;
  width?: number;
  height?: number;
  time_base: string;
  pix_fmt?: string;
  tags?: Record<string, string>;
  side_data_list?: Side[];
};
type Json = {
  streams?: Stream[];
  format?: { duration?: string; tags?: Record<string, string>; bit_rate?: string };
  frames?: {
    pts_time?: string;
    best_effort_timestamp_time?: string;
    duration_time?: string;
    pkt_duration_time?: string;
  }[];
};

function ffprobeJson(args: string[]): Json {
  const out = execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args], {
    encoding: 'utf8',
    maxBuffer: BIG,
  });
  return JSON.parse(out) as Json;
}

function streamsOf(path: string): { streams: Stream[]; format: NonNullable<Json['format']> } {
  const json = ffprobeJson(['-show_streams', '-show_format', path]);
  return { streams: json.streams ?? [], format: json.format ?? {} };
}

function videoStream(path: string): Stream {
  const video = streamsOf(path).streams.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) throw new Error(`${path} has no video stream`);
  return video;
}

/** Degrees the display matrix turns the picture (0 when none). */
export function rotationOf(path: string): number {
  const side = videoStream(path).side_data_list ?? [];
  return side.find((s) => s.rotation !== undefined)?.rotation ?? 0;
}

/** The picture's size as players show it (display matrix applied). */
export function shownSize(path: string): { width: number; height: number } {
  const { width = 0, height = 0 } = videoStream(path);
  return Math.abs(rotationOf(path)) % 180 === 90
    ? { width: height, height: width }
    : { width, height };
}

/** Seconds per tick of the first video stream's time base. */
export function videoTick(path: string): number {
  const [num, den] = videoStream(path).time_base.split('/').map(Number);
  return num! / den!;
}

export function videoPixelFormat(path: string): string {
  return videoStream(path).pix_fmt ?? '';
}

/** Presentation time and duration (seconds) of every decoded video frame. */
export function videoFrames(path: string): { pts: number; duration: number }[] {
  const json = ffprobeJson([
    ...['-select_streams', 'v:0', '-show_entries'],
    ...['frame=pts_time,best_effort_timestamp_time,duration_time,pkt_duration_time', path],
  ]);
  return (json.frames ?? []).map((f) => ({
    pts: Number(f.pts_time ?? f.best_effort_timestamp_time ?? NaN),
    // ffprobe 5 names it pkt_duration_time, later versions duration_time.
    duration: Number(f.duration_time ?? f.pkt_duration_time ?? NaN),
  }));
}

/**
 * When the video ends (seconds): its last frame's time plus duration, or where the stream header says it ends
 * if that is later. ffprobe shortens the last frame of an MP4 whose edit list starts the video late (by the
 * offset), while the header's duration counts it whole; Matroska has no header duration.
 */
export function videoEnd(path: string): number {
  const frames = videoFrames(path);
  const last = frames[frames.length - 1];
  if (!last) throw new Error(`${path} has no video frames`);
  const byFrames = last.pts + (Number.isFinite(last.duration) ? last.duration : 0);
  const { start_time: start, duration } = videoStream(path);
  const byHeader = Number(start ?? NaN) + Number(duration ?? NaN);
  return Number.isFinite(byHeader) ? Math.max(byFrames, byHeader) : byFrames;
}

export function hasAudio(path: string): boolean {
  return streamsOf(path).streams.some((s) => s.codec_type === 'audio');
}

export function audioCodec(path: string): string | undefined {
  return streamsOf(path).streams.find((s) => s.codec_type === 'audio')?.codec_name;
}

/** MD5 of every packet of the first audio stream, in order (`ffmpeg -c copy -f framemd5`). */
export function audioPacketHashes(path: string): string[] {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0:a:0', '-c', 'copy', '-f', 'framemd5', '-'],
    { encoding: 'utf8', maxBuffer: BIG },
  );
  return out
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(',').map((s) => s.trim()))
    .map((cols) => `${cols[4]}:${cols[5]}`);
}

/** Every tag of the container and of each stream, as `scope:key=value`. */
export function allTags(path: string): string[] {
  const { streams, format } = streamsOf(path);
  const list = (scope: string, tags: Record<string, string> | undefined) =>
    Object.entries(tags ?? {}).map(([k, v]) => `${scope}:${k}=${v}`);
  return [...list('format', format.tags), ...streams.flatMap((s, i) => list(`stream${i}`, s.tags))];
}

/** Whether the file's bytes contain `text` anywhere (a tag written in a box ffprobe does not show). */
export function bytesContain(path: string, text: string): boolean {
  return readFileSync(path).includes(Buffer.from(text, 'latin1'));
}

export function containerBitrate(path: string): number {
  return Number(streamsOf(path).format.bit_rate ?? NaN);
}

/**
 * Frame `n` as 8-bit luma, turned upright as players show it (ffmpeg applies the display matrix), scaled to
 * `width`×`height`.
 */
export function uprightGray(path: string, n: number, width: number, height: number): Uint8Array {
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-map', '0:v:0'],
      ...['-vf', `select='eq(n\\,${n})',scale=${width}:${height}`, '-frames:v', '1'],
      ...['-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ],
    { maxBuffer: BIG },
  );
  if (raw.length !== width * height) throw new Error(`frame ${n} of ${path}: ${raw.length} bytes`);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}

/** PSNR (dB) of two same-sized luma pictures. */
export function grayPsnr(a: Uint8Array, b: Uint8Array): number {
  let squared = 0;
  for (let i = 0; i < a.length; i++) squared += (a[i]! - b[i]!) ** 2;
  const mse = squared / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** The picture turned half a turn: what a wrongly rotated output would look like. */
export function halfTurn(gray: Uint8Array): Uint8Array {
  return Uint8Array.from(gray).reverse();
}
