// Builds a moving-face clip with exact per-frame truth for bench:leak: labelled photos from the fixtures
// manifest are scaled (zoom) and panned with ffmpeg's crop; the labelled boxes move with the same known
// transform. Writes OUT.mp4 and OUT.gt.json:
//   { fps, width, height, frames: [ { frameIndex, faces: [[x, y, w, h], …] } ] }
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FPS = 30;
const WIDTH = 640;
const HEIGHT = 360;
const SEGMENT_S = 2;

/** Each segment: one photo, a zoom over the size that just fills the frame, and a pan (start → end). */
const SEGMENTS = [
  { file: 'images/dlib_2007_007763.jpg', zoom: 1.0, from: [0, 0], to: [0, 120] },
  { file: 'images/dlib_2007_007763.jpg', zoom: 1.5, from: [0, 180], to: [320, 180] },
  { file: 'images/dlib_2008_002079.jpg', zoom: 1.25, from: [0, 0], to: [160, 240] },
  { file: 'images/facemask_maksssksksss704.jpg', zoom: 1.2, from: [100, 0], to: [0, 60] },
];

const panAt = (seg, t) => [
  Math.floor(seg.from[0] + ((seg.to[0] - seg.from[0]) * t) / SEGMENT_S),
  Math.floor(seg.from[1] + ((seg.to[1] - seg.from[1]) * t) / SEGMENT_S),
];

function clipBox([x, y, w, h]) {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(WIDTH, x + w);
  const y1 = Math.min(HEIGHT, y + h);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** Truth for one frame: boxes mostly (≥ 50%) inside the frame and at least 10 px on each side. */
function truthFor(item, scale, pan) {
  return item.faces
    .map(([x, y, w, h]) => [
      x * scale[0] - pan[0],
      y * scale[1] - pan[1],
      w * scale[0],
      h * scale[1],
    ])
    .filter((box) => {
      const c = clipBox(box);
      return c[2] * c[3] >= 0.5 * box[2] * box[3] && c[2] >= 10 && c[3] >= 10;
    })
    .map(clipBox);
}

export function makeLeakClip(manifestPath, out) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const base = dirname(manifestPath);
  const parts = [];
  const frames = [];
  mkdirSync(dirname(out), { recursive: true });
  SEGMENTS.forEach((seg, i) => {
    const item = manifest.items.find((it) => it.file === seg.file);
    if (!item) throw new Error(`${seg.file} is not in the manifest`);
    const fill = Math.max(WIDTH / item.width, HEIGHT / item.height) * seg.zoom;
    const sw = 2 * Math.ceil((item.width * fill) / 2);
    const sh = 2 * Math.ceil((item.height * fill) / 2);
    const scale = [sw / item.width, sh / item.height];
    const x = `floor(${seg.from[0]}+${seg.to[0] - seg.from[0]}*t/${SEGMENT_S})`;
    const y = `floor(${seg.from[1]}+${seg.to[1] - seg.from[1]}*t/${SEGMENT_S})`;
    const part = `${out}.part${i}.mp4`;
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-framerate', String(FPS)],
      ...['-t', String(SEGMENT_S), '-i', join(base, item.file)],
      ...['-vf', `scale=${sw}:${sh},crop=${WIDTH}:${HEIGHT}:'${x}':'${y}':exact=1,format=yuv420p`],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', part],
    ]);
    parts.push(part);
    for (let n = 0; n < FPS * SEGMENT_S; n++) {
      frames.push({ frameIndex: frames.length, faces: truthFor(item, scale, panAt(seg, n / FPS)) });
    }
  });
  const list = `${out}.parts.txt`;
  writeFileSync(list, parts.map((p) => `file '${p}'`).join('\n'));
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list],
    ...['-c', 'copy', out],
  ]);
  const truth = { fps: FPS, width: WIDTH, height: HEIGHT, frames };
  writeFileSync(out.replace(/\.mp4$/, '.gt.json'), JSON.stringify(truth));
  return { clip: out, truth: out.replace(/\.mp4$/, '.gt.json') };
}
