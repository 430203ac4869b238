/**
 * Reads media files with the system ffprobe/ffmpeg (the reference the app's output is judged against) and
 * measures pictures: high-frequency energy inside a box and PSNR of a patch, on raw 8-bit luma frames.
 */
import { execFileSync } from 'node:child_process';

export type Rect = { x: number; y: number; w: number; h: number };

export type StreamInfo = {
  index: number;
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  time_base: string;
  start_time?: string;
  duration?: string;
  bit_rate?: string;
};

type ProbeJson = {
  streams?: StreamInfo[];
  format?: { duration?: string; format_name?: string };
  frames?: { pts_time?: string; best_effort_timestamp_time?: string }[];
  packets?: { pts_time?: string; duration_time?: string }[];
};

const BIG = 1 << 30;

function ffprobe(args: string[]): ProbeJson {
  const out = execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args], {
    encoding: 'utf8',
    maxBuffer: BIG,
  });
  return JSON.parse(out) as ProbeJson;
}

export type Probe = {
  formatName: string;
  durationSec: number;
  video: StreamInfo | undefined;
  audio: StreamInfo | undefined;
  streams: StreamInfo[];
};

/** Container and streams; throws when ffprobe cannot read the file at all. */
export function probe(path: string): Probe {
  const json = ffprobe(['-show_streams', '-show_format', path]);
  const streams = json.streams ?? [];
  return {
    formatName: json.format?.format_name ?? '',
    durationSec: Number(json.format?.duration ?? NaN),
    video: streams.find((s) => s.codec_type === 'video'),
    audio: streams.find((s) => s.codec_type === 'audio'),
    streams,
  };
}

/**
 * Presentation time (seconds) of every decoded video frame, in output order: this decodes the whole stream,
 * so it also proves that every frame decodes.
 */
export function videoFrameTimes(path: string): number[] {
  const json = ffprobe([
    ...['-select_streams', 'v:0', '-show_entries', 'frame=pts_time,best_effort_timestamp_time'],
    path,
  ]);
  return (json.frames ?? []).map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time ?? NaN));
}

/**
 * Audio duration in seconds: the stream's own duration where the container records one (MP4), else the
 * span of its packets (WebM, whose streams carry none).
 */
export function audioDurationSec(path: string): number {
  const stream = probe(path).audio;
  if (!stream) throw new Error(`${path} has no audio stream`);
  if (stream.duration !== undefined && stream.duration !== 'N/A') return Number(stream.duration);
  const packets = ffprobe([
    ...['-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time'],
    path,
  ]).packets;
  if (!packets?.length) return 0;
  const starts = packets.map((p) => Number(p.pts_time));
  const ends = packets.map((p) => Number(p.pts_time) + Number(p.duration_time ?? 0));
  return Math.max(...ends) - Math.min(...starts);
}

/**
 * Re-encodes the video alone as H.264 at `bitsPerSecond`: what an export that forgot to redact would look
 * like, to show that a measure tells the two apart.
 */
export function reencodeUnredacted(input: string, output: string, bitsPerSecond: number): string {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-i', input, '-an', '-c:v', 'libx264', '-preset', 'veryfast'],
    ...['-b:v', String(Math.round(bitsPerSecond)), output],
  ]);
  return output;
}

/** Decodes the whole file with ffmpeg and fails on any decoding error. */
export function assertDecodes(path: string): void {
  execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', path, '-f', 'null', '-'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: BIG,
  });
}

export type GrayFrame = { index: number; width: number; height: number; data: Uint8Array };

/**
 * Decodes the frames with the given indices (in presentation order, counting from 0) as 8-bit luma.
 * Frame timing is passed through, so index n is the n-th frame the decoder outputs.
 */
export function grayFrames(path: string, indices: readonly number[]): GrayFrame[] {
  const video = probe(path).video;
  if (!video?.width || !video.height) throw new Error(`${path} has no video stream`);
  const { width, height } = video;
  const wanted = [...new Set(indices)].sort((a, b) => a - b);
  const select = wanted.map((n) => `eq(n\\,${n})`).join('+');
  const raw = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-map', '0:v:0', '-vf', `select='${select}'`],
      ...['-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ],
    { maxBuffer: BIG },
  );
  const size = width * height;
  if (raw.length !== size * wanted.length) {
    throw new Error(
      `expected ${wanted.length} frames of ${width}x${height}, got ${raw.length} bytes`,
    );
  }
  return wanted.map((index, i) => ({
    index,
    width,
    height,
    data: new Uint8Array(raw.buffer, raw.byteOffset + i * size, size),
  }));
}

/** The integer pixels fully inside `r`, clipped to the frame. */
export function innerPixels(r: Rect, width: number, height: number): Rect {
  const x0 = Math.max(0, Math.ceil(r.x));
  const y0 = Math.max(0, Math.ceil(r.y));
  const x1 = Math.min(width, Math.floor(r.x + r.w));
  const y1 = Math.min(height, Math.floor(r.y + r.h));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/**
 * High-frequency energy of `rect`: the mean absolute difference between horizontally and vertically
 * adjacent pixels inside it. Detail (a face) scores high; a mosaic (flat cells) scores near zero, plus its
 * few cell edges.
 */
export function edgeEnergy(frame: GrayFrame, rect: Rect): number {
  const { data, width } = frame;
  let sum = 0;
  let count = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const here = data[y * width + x]!;
      if (x + 1 < rect.x + rect.w) {
        sum += Math.abs(data[y * width + x + 1]! - here);
        count++;
      }
      if (y + 1 < rect.y + rect.h) {
        sum += Math.abs(data[(y + 1) * width + x]! - here);
        count++;
      }
    }
  }
  return count > 0 ? sum / count : 0;
}

/** PSNR (dB, peak 255) of `rect` between two frames of the same size; Infinity when identical. */
export function psnr(a: GrayFrame, b: GrayFrame, rect: Rect): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('frame sizes differ');
  let squared = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const d = a.data[y * a.width + x]! - b.data[y * b.width + x]!;
      squared += d * d;
    }
  }
  const mse = squared / (rect.w * rect.h);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Grows a box by `factor` about its centre, as the app pads detections before covering them. */
export function padBox(r: Rect, factor: number): Rect {
  const w = r.w * factor;
  const h = r.h * factor;
  return { x: r.x + (r.w - w) / 2, y: r.y + (r.h - h) / 2, w, h };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every `size`×`size` patch on a `step` grid that keeps at least `margin` pixels away from all `boxes`. */
export function patchesAwayFrom(
  boxes: readonly Rect[],
  width: number,
  height: number,
  size = 128,
  margin = 8,
  step = 32,
): Rect[] {
  const patches: Rect[] = [];
  for (let y = 0; y + size <= height; y += step) {
    for (let x = 0; x + size <= width; x += step) {
      const grown = { x: x - margin, y: y - margin, w: size + 2 * margin, h: size + 2 * margin };
      if (!boxes.some((b) => intersects(grown, b))) patches.push({ x, y, w: size, h: size });
    }
  }
  return patches;
}

/**
 * `edgeEnergy` of two frames in the same `rect`, leaving out the pixel pairs on the straight lines that
 * cross the whole rect in `after`: columns (for horizontal pairs) and rows (for vertical pairs) whose mean
 * difference in `after` is over `lineFactor`× the median one. Those are a mosaic's cell boundaries (and the
 * codec's smear of them); in a real picture hardly any line stands out that way. Both frames are measured
 * on the same pairs, so what is left compares the detail *inside* the cells with the same area before.
 */
export function energyOffLines(
  before: GrayFrame,
  after: GrayFrame,
  rect: Rect,
  lineFactor = 3,
): { before: number; after: number; droppedColumns: number; droppedRows: number } {
  const { width } = after;
  const at = (f: GrayFrame, x: number, y: number): number => f.data[y * width + x]!;
  const columns: number[] = [];
  for (let x = rect.x; x + 1 < rect.x + rect.w; x++) {
    let sum = 0;
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      sum += Math.abs(at(after, x + 1, y) - at(after, x, y));
    }
    columns.push(sum / rect.h);
  }
  const rows: number[] = [];
  for (let y = rect.y; y + 1 < rect.y + rect.h; y++) {
    let sum = 0;
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      sum += Math.abs(at(after, x, y + 1) - at(after, x, y));
    }
    rows.push(sum / rect.w);
  }
  const keepColumn = keepBelow(columns, lineFactor);
  const keepRow = keepBelow(rows, lineFactor);
  const totals = { before: 0, after: 0, pairs: 0 };
  const add = (x0: number, y0: number, x1: number, y1: number): void => {
    totals.before += Math.abs(at(before, x1, y1) - at(before, x0, y0));
    totals.after += Math.abs(at(after, x1, y1) - at(after, x0, y0));
    totals.pairs++;
  };
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      if (x + 1 < rect.x + rect.w && keepColumn[x - rect.x]) add(x, y, x + 1, y);
      if (y + 1 < rect.y + rect.h && keepRow[y - rect.y]) add(x, y, x, y + 1);
    }
  }
  const pairs = Math.max(1, totals.pairs);
  return {
    before: totals.before / pairs,
    after: totals.after / pairs,
    droppedColumns: keepColumn.filter((k) => !k).length,
    droppedRows: keepRow.filter((k) => !k).length,
  };
}

function keepBelow(profile: readonly number[], factor: number): boolean[] {
  const sorted = [...profile].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] ?? 0;
  const limit = Math.max(factor * median, 0.5);
  return profile.map((v) => v <= limit);
}

/**
 * How much of `before`'s fine detail survives in `after` inside `rect`: the correlation coefficient of the
 * two frames' high-pass images (each pixel minus the mean of its `k`×`k` neighbourhood). A lossy re-encode
 * keeps it high (≈ 0.8–0.99 on faces); a mosaic (or a blur) removes the detail, and what is left (cell
 * edges, codec noise) does not line up with the original: ≈ 0.
 */
export function detailCorrelation(before: GrayFrame, after: GrayFrame, rect: Rect, k = 5): number {
  const p = highPass(before, rect, k);
  const q = highPass(after, rect, k);
  const n = p.length;
  if (n === 0) return 0;
  let mp = 0;
  let mq = 0;
  for (let i = 0; i < n; i++) {
    mp += p[i]!;
    mq += q[i]!;
  }
  mp /= n;
  mq /= n;
  let pq = 0;
  let pp = 0;
  let qq = 0;
  for (let i = 0; i < n; i++) {
    const a = p[i]! - mp;
    const b = q[i]! - mq;
    pq += a * b;
    pp += a * a;
    qq += b * b;
  }
  return pp > 0 && qq > 0 ? pq / Math.sqrt(pp * qq) : 0;
}

/** Pixel minus its `k`×`k` mean, for the pixels of `rect` whose whole neighbourhood lies inside it. */
function highPass(frame: GrayFrame, rect: Rect, k: number): Float64Array {
  const { data, width } = frame;
  const r = k >> 1;
  const w = rect.w - 2 * r;
  const h = rect.h - 2 * r;
  if (w <= 0 || h <= 0) return new Float64Array(0);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const cx = rect.x + r + x;
      const cy = rect.y + r + y;
      let sum = 0;
      for (let dy = -r; dy <= r; dy++) {
        const row = (cy + dy) * width;
        for (let dx = -r; dx <= r; dx++) sum += data[row + cx + dx]!;
      }
      out[y * w + x] = data[cy * width + cx]! - sum / (k * k);
    }
  }
  return out;
}
