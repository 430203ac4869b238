/**
 * Which views of a frame a whole-frame model (YuNet) looks at. A view is the frame scaled by `scale`
 * (padded right and bottom to a multiple of 32), optionally mirrored. YuNet is trained on faces of about
 * 10–300 px, so a magnified view finds the faces below that and a shrunk view the faces above it. Pure.
 */
import type { DetailMode } from './tiles.ts';
import { videoBox, type VideoBox } from '../regions/geometry.ts';
import { YUNET_MULTIPLE, type LandmarkedBox, type Landmarks } from './yunet.ts';

export type View = { scale: number; flip: boolean };

/**
 * How closely a frame is looked at: `detail`, every view of its mode; `plain`, fast mode's views (the
 * frames between the costly passes of a self-check, `schedule.ts`); `glance`, one small view only (the
 * frames between an analysis's key frames, `key-frames.ts`).
 */
export type FramePass = 'detail' | 'plain' | 'glance';

/**
 * Pixel budgets per view (input pixels). The base view is the frame itself, shrunk to fit its mode's
 * budget: 640×384 in fast mode (a 720p frame is looked at from half size: faces under ~20 px are missed,
 * at a quarter of the cost), 1080p in balanced mode, 4K in thorough mode. The magnified view (≤ 2×) runs
 * while it stays within its mode's budget: on a 640×360 or smaller picture in balanced mode (a 720p one
 * would cost 4× its base view), up to 1080p in thorough mode.
 */
export const VIEW_BUDGET = {
  base: { fast: 640 * 384, balanced: 1920 * 1088, thorough: 3840 * 2176 },
  magnified: { fast: 0, balanced: 1280 * 736, thorough: 3840 * 2176 },
} as const;
/** Magnification of the small-face view: 2× finds 6–10 px faces at YuNet's 10–16 px floor. */
export const MAGNIFY = 2;
/** Below this a magnified view adds little over the base view, and is not run. */
const MIN_MAGNIFY = 1.5;
/**
 * Shrunk views, halving while the view's shorter side stays ≥ 180 px (720p: ½ and ¼; 640×360: ½; a
 * 400×300 photo: none). They find faces above the trained range, and faces in soft footage (upscaled,
 * out of focus, compressed): shrinking gives the model back the detail per pixel it was trained on. On
 * the 720p moving-crowd clip, per frame without tracks: 1× alone leaks 28.0% of face-frames, with ½ 16.9%,
 * with ½ and ¼ 11.6%, for +1.3 points of over-cover and +7% of the input pixels (docs/DETECTION.md).
 */
export const SHRINK = { factor: 0.5, minShortSide: 180 } as const;

function baseScale(mode: DetailMode, width: number, height: number): number {
  return Math.min(1, Math.sqrt(VIEW_BUDGET.base[mode] / (width * height)));
}

function magnifiedScale(mode: DetailMode, width: number, height: number): number | undefined {
  const budget = VIEW_BUDGET.magnified[mode];
  const scale = Math.min(MAGNIFY, Math.sqrt(budget / (width * height)));
  return scale >= MIN_MAGNIFY ? scale : undefined;
}

/**
 * The views of a `width`×`height` frame for `mode`, base view first. Thorough also looks mirrored.
 * `plain`: fast mode's views, so a large frame is looked at from about half size and small faces are left
 * to the detailed frames (the tracker bridges the frames between). `glance`: `glanceView` only.
 */
export function viewsFor(
  mode: DetailMode,
  width: number,
  height: number,
  pass: FramePass = 'detail',
): View[] {
  if (pass === 'glance') return [glanceView(width, height)];
  const viewMode = pass === 'detail' ? mode : 'fast';
  const base = baseScale(viewMode, width, height);
  const scales = [base];
  const magnified = magnifiedScale(viewMode, width, height);
  if (magnified) scales.push(magnified);
  for (
    let s = base * SHRINK.factor;
    Math.min(width, height) * s >= SHRINK.minShortSide;
    s *= SHRINK.factor
  ) {
    scales.push(s);
  }
  const plain = scales.map((scale) => ({ scale, flip: false }));
  if (viewMode !== 'thorough') return plain;
  return [...plain, ...scales.filter((s) => s >= 1).map((scale) => ({ scale, flip: true }))];
}

/**
 * The one view a glance takes: the frame shrunk by halves while its shorter side stays ≥ 180 px (720p: ¼,
 * 320×180; 1080p: ¼; 640×360: ½; smaller pictures: as they are). It finds the faces of ≥ 40 px on 720p at
 * about 1/16 of the native view's cost: enough to see a face enter, leave or move fast (`key-frames.ts`).
 */
export function glanceView(width: number, height: number): View {
  let scale = 1;
  while (Math.min(width, height) * scale * SHRINK.factor >= SHRINK.minShortSide) {
    scale *= SHRINK.factor;
  }
  return { scale, flip: false };
}

/** The input size of a view: the scaled frame, padded right and bottom to multiples of 32. */
export function viewSize(
  view: View,
  width: number,
  height: number,
): { drawWidth: number; drawHeight: number; inputWidth: number; inputHeight: number } {
  const drawWidth = Math.max(1, Math.round(width * view.scale));
  const drawHeight = Math.max(1, Math.round(height * view.scale));
  const pad = (v: number) => Math.ceil(v / YUNET_MULTIPLE) * YUNET_MULTIPLE;
  return { drawWidth, drawHeight, inputWidth: pad(drawWidth), inputHeight: pad(drawHeight) };
}

/** Input pixels of every view of a frame: the cost of one frame's face passes. */
export function viewPixels(
  mode: DetailMode,
  width: number,
  height: number,
  pass: FramePass = 'detail',
): number {
  return viewsFor(mode, width, height, pass).reduce((sum, view) => {
    const size = viewSize(view, width, height);
    return sum + size.inputWidth * size.inputHeight;
  }, 0);
}

/** Mirrored landmarks swap sides: right eye ↔ left eye, right ↔ left mouth corner. */
const MIRRORED_LANDMARK_ORDER = [1, 0, 2, 4, 3] as const;

/** A hit in a view's input pixels → the frame's pixels (scaled back, mirrored back). */
export function viewToFrame(
  hit: LandmarkedBox,
  view: View,
  frameWidth: number,
): { box: VideoBox; score: number; landmarks: Landmarks } {
  const { box, landmarks } = hit;
  const s = view.scale;
  const x = view.flip ? frameWidth - (box.x + box.w) / s : box.x / s;
  const points = Array.from({ length: landmarks.length / 2 }, (_, k) => {
    const from = view.flip ? (MIRRORED_LANDMARK_ORDER[k] ?? k) : k;
    const px = landmarks[2 * from]! / s;
    return [view.flip ? frameWidth - px : px, landmarks[2 * from + 1]! / s];
  });
  return {
    box: videoBox(x, box.y / s, box.w / s, box.h / s),
    score: hit.score,
    landmarks: points.flat(),
  };
}
