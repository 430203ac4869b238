/**
 * The stage's zoom (issue 21): how much the picture is magnified and which part of it is in view. The view
 * centre is a fraction of the picture (0–1 across and down), so it does not depend on the stage's size in
 * the page; `stageTransform` turns it into Konva's stage position and scale for a given size. Pure.
 */

type Point = { x: number; y: number };
type Size = { width: number; height: number };

/** `scale` 1 shows the whole picture; `cx`, `cy`: the point of the picture at the view's centre. */
export type Zoom = { scale: number; cx: number; cy: number };

export const NO_ZOOM: Zoom = { scale: 1, cx: 0.5, cy: 0.5 };
export const MAX_ZOOM = 8;
/** Each press of + or − magnifies or shrinks by this much. */
export const ZOOM_STEP = 1.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Keeps the scale in 1–MAX_ZOOM and the view inside the picture. */
export function clampZoom(z: Zoom): Zoom {
  const scale = clamp(z.scale, 1, MAX_ZOOM);
  const half = 1 / (2 * scale);
  return { scale, cx: clamp(z.cx, half, 1 - half), cy: clamp(z.cy, half, 1 - half) };
}

/** Konva's stage position and scale that show `z` on a stage of `size` (screen = position + scale × point). */
export function stageTransform(z: Zoom, size: Size): { x: number; y: number; scale: number } {
  const { scale, cx, cy } = clampZoom(z);
  return {
    x: size.width / 2 - scale * cx * size.width,
    y: size.height / 2 - scale * cy * size.height,
    scale,
  };
}

/** Magnifies by `factor`, keeping the view centre, or moving it to `focus` (a picture fraction) if given. */
export function zoomBy(z: Zoom, factor: number, focus?: Point): Zoom {
  const scale = clamp(z.scale * factor, 1, MAX_ZOOM);
  if (scale === 1) return NO_ZOOM;
  return clampZoom({ scale, cx: focus?.x ?? z.cx, cy: focus?.y ?? z.cy });
}

/**
 * How much sharper than the unmagnified stage the decoded picture should be at this zoom: the next power
 * of two (so a pinch asks for a new frame only at 2×, 4×, 8×), never past the video's own pixels (`most`).
 */
export function pictureScale(z: Zoom, most: number): number {
  if (z.scale <= 1) return 1;
  return Math.max(1, Math.min(2 ** Math.ceil(Math.log2(z.scale)), most));
}

/**
 * A pan or pinch: the view as it was when the gesture began (`start`), with the pointers then (`from`) and
 * now (`to`, screen pixels on the stage). One pointer pans; two also zoom by the change of their distance,
 * keeping the picture point under their midpoint under it.
 */
export function gestureZoom(start: Zoom, from: Point[], to: Point[], size: Size): Zoom {
  const [a0, b0 = a0] = from;
  const [a1, b1 = a1] = to;
  if (!a0 || !a1 || !b0 || !b1 || size.width <= 0 || size.height <= 0) return start;
  const t0 = stageTransform(start, size);
  const mid = (p: Point, q: Point) => ({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 });
  const m0 = mid(a0, b0);
  const m1 = mid(a1, b1);
  const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y);
  const d1 = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const ratio = d0 > 0 && d1 > 0 ? d1 / d0 : 1;
  const scale = clamp(t0.scale * ratio, 1, MAX_ZOOM);
  // The picture point (stage pixels at scale 1) under the first midpoint stays under the second.
  const p = { x: (m0.x - t0.x) / t0.scale, y: (m0.y - t0.y) / t0.scale };
  const x = m1.x - p.x * scale;
  const y = m1.y - p.y * scale;
  return clampZoom({
    scale,
    cx: (size.width / 2 - x) / (scale * size.width),
    cy: (size.height / 2 - y) / (scale * size.height),
  });
}
