/**
 * Boxes are axis-aligned rectangles `{x, y, w, h}` with a top-left origin. The coordinate space is part of the
 * type: `VideoBox` is in source-video pixels (the app's space), `ModelBox` in a detector's input pixels.
 * Conversions between spaces are explicit functions, never casts at call sites.
 */
type Brand<T, B extends string> = T & { readonly __space: B };

export type Rect = { x: number; y: number; w: number; h: number };
export type VideoBox = Brand<Rect, 'video'>;
export type ModelBox = Brand<Rect, 'model'>;

export const videoBox = (x: number, y: number, w: number, h: number): VideoBox =>
  ({ x, y, w, h }) as VideoBox;
export const modelBox = (x: number, y: number, w: number, h: number): ModelBox =>
  ({ x, y, w, h }) as ModelBox;

export function area(r: Rect): number {
  return Math.max(0, r.w) * Math.max(0, r.h);
}

export function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Rect, b: Rect): number {
  const inter = intersectionArea(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Grows a box by `factor` about its centre (1.3 → 30% wider and taller). */
export function padBox<R extends Rect>(r: R, factor: number): R {
  const w = r.w * factor;
  const h = r.h * factor;
  return { ...r, x: r.x + (r.w - w) / 2, y: r.y + (r.h - h) / 2, w, h };
}

/** A box in a space `k` times as large (all four numbers scaled: a frame drawn at scale `k`). */
export function scaleRect(r: Rect, k: number): Rect {
  return { x: r.x * k, y: r.y * k, w: r.w * k, h: r.h * k };
}

export type Point = { x: number; y: number };

export function centreOf(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** Whether `p` lies in `r` (edges included). */
export function holdsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/**
 * Whether two boxes are taken for the same object from one frame to the next: either holds the other's
 * centre (a face found by two passes, or found again after a step).
 */
export function sameObject(a: Rect, b: Rect): boolean {
  return holdsPoint(a, centreOf(b)) || holdsPoint(b, centreOf(a));
}

/** Clips a box to `[0, width) × [0, height)`; the result may be empty (w or h = 0). */
export function clipBox<R extends Rect>(r: R, width: number, height: number): R {
  const x0 = Math.min(Math.max(r.x, 0), width);
  const y0 = Math.min(Math.max(r.y, 0), height);
  const x1 = Math.min(Math.max(r.x + r.w, 0), width);
  const y1 = Math.min(Math.max(r.y + r.h, 0), height);
  return { ...r, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Maps a box from the displayed (rotated `rotation`° clockwise) picture of size `shownWidth`×`shownHeight`
 * back to the stored, unrotated picture.
 */
export function unrotateBox<R extends Rect>(
  r: R,
  rotation: number,
  shownWidth: number,
  shownHeight: number,
): R {
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      return { ...r, x: r.y, y: shownWidth - r.x - r.w, w: r.h, h: r.w };
    case 180:
      return { ...r, x: shownWidth - r.x - r.w, y: shownHeight - r.y - r.h };
    case 270:
      return { ...r, x: shownHeight - r.y - r.h, y: r.x, w: r.h, h: r.w };
    default:
      return r;
  }
}
