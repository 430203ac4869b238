// The native references of the pipeline benchmark: the system ffmpeg doing the app's jobs on the same clips,
// with wall time and peak memory (bench/pipeline-proc.mjs).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED } from './clips.mjs';
import { runMeasured } from './pipeline-proc.mjs';

const even = (n) => Math.max(2, 2 * Math.round(n / 2));

/**
 * `stats.perFrame` boxes (rounded, at least 1) of the app's mean covered size grown by `padding` as the app
 * grows them, side by side across the middle of the frame: as much covering as the app did, at fixed
 * places. Without stats: 3 boxes of 10% × 15% of the frame.
 */
export function fixedBoxes(width, height, stats, padding) {
  const count = stats ? Math.max(1, Math.round(stats.perFrame)) : 3;
  const w = Math.min(
    even((stats?.meanW || width * 0.1) * padding),
    2 * Math.floor(width / count / 2),
  );
  const h = Math.min(even((stats?.meanH || height * 0.15) * padding), height);
  const gap = (width - count * w) / (count + 1);
  return Array.from({ length: count }, (_, i) => ({
    x: Math.max(0, Math.min(width - w, even(gap + i * (w + gap)))),
    y: Math.max(0, Math.min(height - h, even((height - h) / 2))),
    w,
    h,
  }));
}

/** A filter graph that pixelates each box like the app (`cellsAcross` cells across its shorter side). */
export function mosaicGraph(boxes, cellsAcross) {
  const copies = boxes.map((_, i) => `[c${i}]`).join('');
  const parts = [`[0:v]split=${boxes.length + 1}[o0]${copies}`];
  boxes.forEach((b, i) => {
    const cell = Math.min(b.w, b.h) / cellsAcross;
    const cw = Math.max(1, Math.round(b.w / cell));
    const ch = Math.max(1, Math.round(b.h / cell));
    parts.push(
      `[c${i}]crop=${b.w}:${b.h}:${b.x}:${b.y},scale=${cw}:${ch}:flags=area,scale=${b.w}:${b.h}:flags=neighbor[m${i}]`,
    );
    parts.push(
      `[o${i}][m${i}]overlay=${b.x}:${b.y}[${i === boxes.length - 1 ? 'v' : `o${i + 1}`}]`,
    );
  });
  return parts.join(';');
}

async function measured(args, output) {
  try {
    const run = await runMeasured('ffmpeg', args);
    return { ...run, command: `ffmpeg ${args.join(' ')}` };
  } finally {
    rmSync(output, { force: true });
  }
}

/**
 * The export job: decode, pixelate `boxes` on every frame, libx264 veryfast (CRF 20, ffmpeg's default
 * threads), audio stream-copied, MP4 with faststart like the app's.
 */
export async function nativeExport(clip, boxes, cellsAcross) {
  const output = join(GENERATED, `native-${clip.name}.mp4`);
  const run = await measured(
    [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-i', clip.path],
      ...['-filter_complex', mosaicGraph(boxes, cellsAcross), '-map', '[v]', '-map', '0:a?'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-c:a', 'copy'],
      ...['-movflags', '+faststart', output],
    ],
    output,
  );
  return { ...run, fps: clip.frames / run.wallSec };
}

/**
 * The app's ffmpeg.wasm normalisation run natively: the arguments of normalizeArgs() in
 * src/media/ffmpeg/normalize.ts (kept in step by hand; Node cannot import the TypeScript).
 */
export async function nativeNormalise(clip) {
  const output = join(GENERATED, `native-normalised-${clip.name}.mp4`);
  return measured(
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-i', clip.path, '-map', '0:v:0', '-map', '0:a:0?'],
      ...['-vf', 'crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p'],
      ...['-fps_mode', 'passthrough', '-c:a', 'copy'],
      ...['-map_metadata', '-1', '-movflags', '+faststart', output],
    ],
    output,
  );
}
