// Builds a moving-face clip with exact per-frame truth for bench:leak: labelled photos from the fixtures
// manifest are scaled (zoom) and panned; the labelled boxes move with the same known transform.
// Writes OUT.mp4 and OUT.gt.json:
//   { fps, width, height, frames: [ { frameIndex, faces: [[x, y, w, h], …], ids: ['segment:face', …],
//                                     ignore: [[x, y, w, h], …] } ] }
// `ids` (parallel to `faces`) name each face: the segment's index and the face's index in its photo, so a
// face keeps its id while it stays in view. `ignore`: faces partly in view that fail the truth rule (under
// 50% inside the frame or under 10 px) — neither a leak nor over-cover.
// Two clips: `default` (640×360, 8 s, ffmpeg's scale + crop, near-lossless; the one in DETECTION-RESULTS)
// and `hd` (1280×720, 10 s, zoomed in up to 6× and one continuous zoom, rendered frame by frame here and
// encoded at crf 23 — soft and compressed, closer to held-out footage).
//   node bench/make-leak-clip.mjs [--clip default|hd] [--out FILE.mp4] [--manifest PATH]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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

function clipBox([x, y, w, h], width = WIDTH, height = HEIGHT) {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(width, x + w);
  const y1 = Math.min(height, y + h);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/**
 * Truth for one frame: boxes mostly (≥ 50%) inside the frame and at least 10 px on each side, clipped to
 * the frame, with their ids; the other faces still in view go to `ignore`. `scale`: source → frame pixels;
 * `pan`: the frame's top-left corner in scaled pixels.
 */
function truthFor(item, scale, pan, segment, width = WIDTH, height = HEIGHT) {
  const faces = [];
  const ids = [];
  const ignore = [];
  item.faces.forEach(([x, y, w, h], index) => {
    const box = [x * scale[0] - pan[0], y * scale[1] - pan[1], w * scale[0], h * scale[1]];
    const c = clipBox(box, width, height);
    if (c[2] * c[3] >= 0.5 * box[2] * box[3] && c[2] >= 10 && c[3] >= 10) {
      faces.push(c);
      ids.push(`${segment}:${index}`);
    } else if (c[2] > 0 && c[3] > 0) {
      ignore.push(c);
    }
  });
  // Boxes the source itself ignores (faces under 10 px there) stay ignored wherever they are in view.
  for (const [x, y, w, h] of item.ignore ?? []) {
    const c = clipBox(
      [x * scale[0] - pan[0], y * scale[1] - pan[1], w * scale[0], h * scale[1]],
      width,
      height,
    );
    if (c[2] > 0 && c[3] > 0) ignore.push(c);
  }
  return { faces, ids, ignore };
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
      frames.push({
        frameIndex: frames.length,
        ...truthFor(item, scale, panAt(seg, n / FPS), i),
      });
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

// The `hd` clip: 1280×720 at 30 fps, 10 s. Each segment: a photo, its zoom over the size that just fills
// the frame (one number, or [start, end] for a continuous zoom, geometric in time), the centre of view in
// the photo's own coordinates (0–1) at the start and end (kept inside the photo), and its length.
// Labelled faces come out at about 40–480 px (shorter side, before clipping at the frame's edges).
const HD = { width: 1280, height: 720, fps: 30 };
const HD_SEGMENTS = [
  // A wide masked crowd, faces 46–102 px.
  {
    file: 'images/facemask_maksssksksss847.jpg',
    zoom: 1.1,
    from: [0.4, 0.5],
    to: [0.6, 0.5],
    s: 1.5,
  },
  // A row of masked faces, 75–170 px, panned right.
  {
    file: 'images/facemask_maksssksksss691.jpg',
    zoom: 1.8,
    from: [0.3, 0.3],
    to: [0.7, 0.35],
    s: 1.5,
  },
  // A press crowd zoomed into continuously: its faces grow from ~40–120 px to ~200–270 px.
  {
    file: 'images/facemask_maksssksksss661.jpg',
    zoom: [1.2, 5],
    from: [0.5, 0.4],
    to: [0.52, 0.25],
    s: 2,
  },
  // Two faces close up, ~450 px.
  { file: 'images/dlib_2007_007763.jpg', zoom: 4.8, from: [0.33, 0.32], to: [0.47, 0.32], s: 1.5 },
  // Masked faces at mid range, 160–370 px.
  {
    file: 'images/facemask_maksssksksss704.jpg',
    zoom: 1.4,
    from: [0.4, 0.5],
    to: [0.6, 0.5],
    s: 1,
  },
  // A group, ~95–135 px, panned down.
  { file: 'images/dlib_2008_002079.jpg', zoom: 1, from: [0.5, 0.3], to: [0.5, 0.7], s: 1 },
  // The first crowd at 6×: single masked faces of ~400–480 px sliding across.
  {
    file: 'images/facemask_maksssksksss847.jpg',
    zoom: 6,
    from: [0.45, 0.22],
    to: [0.66, 0.22],
    s: 1.5,
  },
];

/** The photo's pixels as packed RGB (decoded by ffmpeg, so exactly what the default clip would use). */
function decodeRgb(path, width, height) {
  const rgb = execFileSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: width * height * 3 + 1024 },
  );
  if (rgb.length !== width * height * 3) {
    throw new Error(`${path}: decoded ${rgb.length} bytes, the manifest says ${width}×${height}`);
  }
  return rgb;
}

/**
 * The view of a segment at progress p (0 ≤ p < 1): the photo is scaled by `scale` and the frame's top-left
 * corner sits at (`x`, `y`) in photo pixels, i.e. frame pixel u shows photo x + u / scale (edges).
 */
export function hdView(seg, item, p, width = HD.width, height = HD.height) {
  const [z0, z1] = Array.isArray(seg.zoom) ? seg.zoom : [seg.zoom, seg.zoom];
  const fill = Math.max(width / item.width, height / item.height);
  const scale = fill * z0 * Math.pow(z1 / z0, p);
  const cw = width / scale;
  const ch = height / scale;
  const cx = (seg.from[0] + (seg.to[0] - seg.from[0]) * p) * item.width;
  const cy = (seg.from[1] + (seg.to[1] - seg.from[1]) * p) * item.height;
  const x = Math.min(Math.max(cx - cw / 2, 0), item.width - cw);
  const y = Math.min(Math.max(cy - ch / 2, 0), item.height - ch);
  return { scale, x, y };
}

/** Bilinear resampling of the view into an RGB frame (pixel centres map to pixel centres). */
function renderView(rgb, iw, ih, { scale, x, y }, width, height, frame) {
  const xs = new Int32Array(width);
  const xf = new Float32Array(width);
  for (let u = 0; u < width; u++) {
    const sx = Math.min(Math.max(x + (u + 0.5) / scale - 0.5, 0), iw - 1);
    xs[u] = Math.min(Math.floor(sx), iw - 2);
    xf[u] = sx - xs[u];
  }
  for (let v = 0; v < height; v++) {
    const sy = Math.min(Math.max(y + (v + 0.5) / scale - 0.5, 0), ih - 1);
    const y0 = Math.min(Math.floor(sy), ih - 2);
    const fy = sy - y0;
    const row0 = y0 * iw * 3;
    const row1 = row0 + iw * 3;
    let o = v * width * 3;
    for (let u = 0; u < width; u++) {
      const a = row0 + xs[u] * 3;
      const b = row1 + xs[u] * 3;
      const fx = xf[u];
      for (let c = 0; c < 3; c++) {
        const top = rgb[a + c] + (rgb[a + 3 + c] - rgb[a + c]) * fx;
        const bottom = rgb[b + c] + (rgb[b + 3 + c] - rgb[b + c]) * fx;
        frame[o++] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
}

/** The `hd` clip: frames rendered here and piped raw into ffmpeg (libx264, crf 23). Async. */
export async function makeHdLeakClip(manifestPath, out) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const base = dirname(manifestPath);
  const { width, height, fps } = HD;
  mkdirSync(dirname(out), { recursive: true });
  const ffmpeg = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...[
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${width}x${height}`,
        '-framerate',
        String(fps),
      ],
      ...['-i', '-', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'medium', '-crf', '23'],
      ...['-g', String(2 * fps), '-movflags', '+faststart', out],
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const done = new Promise((resolveDone, reject) => {
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) =>
      code === 0 ? resolveDone() : reject(new Error(`ffmpeg exited with ${code} writing ${out}`)),
    );
  });
  const write = (buffer) =>
    new Promise((resolveWrite, reject) =>
      ffmpeg.stdin.write(buffer, (error) => (error ? reject(error) : resolveWrite())),
    );
  const frames = [];
  try {
    for (const [i, seg] of HD_SEGMENTS.entries()) {
      const item = manifest.items.find((it) => it.file === seg.file);
      if (!item) throw new Error(`${seg.file} is not in the manifest`);
      const rgb = decodeRgb(join(base, item.file), item.width, item.height);
      const count = Math.round(seg.s * fps);
      for (let n = 0; n < count; n++) {
        const view = hdView(seg, item, n / count, width, height);
        const frame = Buffer.allocUnsafe(width * height * 3);
        renderView(rgb, item.width, item.height, view, width, height, frame);
        await write(frame);
        const pan = [view.x * view.scale, view.y * view.scale];
        frames.push({
          frameIndex: frames.length,
          ...truthFor(item, [view.scale, view.scale], pan, i, width, height),
        });
      }
    }
  } finally {
    ffmpeg.stdin.end();
  }
  await done;
  const truthPath = out.replace(/\.mp4$/, '.gt.json');
  writeFileSync(truthPath, JSON.stringify({ fps, width, height, frames }));
  return { clip: out, truth: truthPath };
}

/** The clips by name; each returns (or resolves to) `{ clip, truth }` paths. */
export const LEAK_CLIPS = {
  default: { make: makeLeakClip, file: 'leak-clip.mp4' },
  hd: { make: makeHdLeakClip, file: 'leak-clip-hd.mp4' },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const { values } = parseArgs({
    options: {
      clip: { type: 'string', default: 'default' },
      out: { type: 'string' },
      manifest: {
        type: 'string',
        default: resolve(root, '..', 'shared', 'fixtures', 'manifest.json'),
      },
    },
  });
  const clip = LEAK_CLIPS[values.clip];
  if (!clip) throw new Error(`--clip: one of ${Object.keys(LEAK_CLIPS).join(', ')}`);
  const made = await clip.make(
    resolve(values.manifest),
    resolve(values.out ?? join(root, 'bench', '.generated', clip.file)),
  );
  console.log(`wrote ${made.clip} and ${made.truth}`);
}
