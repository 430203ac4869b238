#!/usr/bin/env node
// The benchmark's input clips, made with the system ffmpeg from the demo photos that @vladmandic/face-api ships
// (real faces, MIT-licensed package), the same approach as e2e/fixtures/make-clips.mjs at any size and length.
// Output goes to bench/.generated/ (git-ignored) and is cached: a clip is made once, under a temporary name
// that is renamed when complete, so an interrupted run never leaves a half-written clip behind.
//   node bench/clips.mjs [--long]   makes every clip the default bench uses (and the 10-minute one)
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cached, ffmpeg } from '../e2e/fixtures/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED = join(ROOT, 'bench', '.generated');
const DEMO = join(ROOT, 'node_modules', '@vladmandic', 'face-api', 'demo');

/** Every clip is a whole number of these units: 10 s, the shortest clip, with a key frame every 2 s. */
export const UNIT_SECONDS = 10;
export const FPS = 30;

/** "720p", "1080p": the name of a 16:9 size by its height. */
export const sizeName = (height) => `${height}p`;

/**
 * One 10 s unit at `width`×`height`, 30 fps, H.264 (libx264 veryfast, CRF 20, GOP 60) + AAC 440 Hz tone:
 * 5 s panning across one group photo, then 5 s slowly zooming into another, so faces move and change size.
 */
function makeUnit(width, height) {
  const half = UNIT_SECONDS / 2;
  const frames = half * FPS;
  const graph = [
    `[0:v]scale=${Math.round(width * 1.25)}:-2,crop=${width}:${height}:x='(iw-${width})*t/${half}':y='(ih-${height})/2',setsar=1,fps=${FPS}[a]`,
    `[1:v]scale=${width}:-2,zoompan=z='1+0.25*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=${width}x${height}:fps=${FPS},setsar=1[b]`,
    `[a][b]concat=n=2:v=1:a=0,format=yuv420p[v]`,
  ].join(';');
  return cached(GENERATED, `faces-${sizeName(height)}-${UNIT_SECONDS}s.mp4`, (out) =>
    ffmpeg([
      ...['-loop', '1', '-framerate', String(FPS), '-t', String(half)],
      ...['-i', join(DEMO, 'sample1.jpg')],
      ...['-loop', '1', '-framerate', String(FPS), '-t', String(half)],
      ...['-i', join(DEMO, 'sample2.jpg')],
      ...['-f', 'lavfi', '-t', String(UNIT_SECONDS), '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-filter_complex', graph, '-map', '[v]', '-map', '2:a'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', String(2 * FPS)],
      ...['-c:a', 'aac', '-b:a', '128k', '-t', String(UNIT_SECONDS), '-movflags', '+faststart'],
      out,
    ]),
  );
}

/**
 * A `seconds`-long (a multiple of 10) 16:9 clip of `height` lines: the 10 s unit repeated by stream copy
 * (concat demuxer), so long clips cost seconds to make and every unit starts on a key frame.
 */
export function makeClip(height, seconds) {
  if (seconds % UNIT_SECONDS !== 0) throw new Error(`clip length must be a multiple of 10 s`);
  const width = Math.round((height * 16) / 9 / 2) * 2;
  const unit = makeUnit(width, height);
  if (seconds === UNIT_SECONDS) return unit;
  return cached(GENERATED, `faces-${sizeName(height)}-${seconds}s.mp4`, (out) => {
    const list = `${out}.txt`;
    const line = `file '${unit.replaceAll("'", "'\\''")}'\n`;
    writeFileSync(list, line.repeat(seconds / UNIT_SECONDS));
    try {
      ffmpeg([
        ...['-f', 'concat', '-safe', '0', '-i', list],
        ...['-c', 'copy', '-movflags', '+faststart', out],
      ]);
    } finally {
      rmSync(list, { force: true });
    }
  });
}

/**
 * The same clip as AVI with MPEG-4 Part 2 video and MP3 audio: a file WebCodecs cannot open, so the app has to
 * normalise it with ffmpeg.wasm first.
 */
export function makeAviClip(height, seconds) {
  const source = makeClip(height, seconds);
  return cached(GENERATED, `faces-${sizeName(height)}-${seconds}s-mpeg4-mp3.avi`, (out) =>
    ffmpeg([
      ...['-i', source, '-c:v', 'mpeg4', '-q:v', '3', '-g', String(2 * FPS)],
      ...['-c:a', 'libmp3lame', '-b:a', '128k', out],
    ]),
  );
}

/** Video facts of a file (ffprobe): size, frame count, bitrate, codecs. */
export function probe(file) {
  const json = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-count_packets', '-print_format', 'json'],
      ...['-show_entries', 'stream=codec_type,codec_name,width,height,nb_read_packets,bit_rate'],
      ...['-show_entries', 'format=duration,size,bit_rate,format_name', file],
    ],
    { encoding: 'utf8' },
  );
  const { streams, format } = JSON.parse(json);
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  return {
    width: video.width,
    height: video.height,
    frames: Number(video.nb_read_packets),
    durationSec: Number(format.duration),
    bytes: Number(format.size),
    container: format.format_name,
    videoCodec: video.codec_name,
    audioCodec: audio?.codec_name ?? null,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const clips = [
    makeClip(720, 10),
    makeClip(720, 60),
    makeClip(1080, 10),
    makeClip(1080, 60),
    makeAviClip(720, 10),
  ];
  if (process.argv.includes('--long')) clips.push(makeClip(1080, 600));
  for (const clip of clips) console.log(clip);
}
