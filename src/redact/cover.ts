/**
 * The one function preview and export call to cover regions (`redactPlanes`), in the project's style or a
 * track's own: mosaic (mosaic.ts), solid colour, or a strong blur. Pure: typed arrays in, so unit tests
 * check every style's pixels.
 */
import { padBox, type Rect } from '../regions/geometry.ts';
import { DEFAULT_STYLE, type RedactionSettings } from '../regions/types.ts';
import {
  coveredRect,
  ellipseMask,
  mosaicCellSize,
  mosaicPlanes,
  planeMask,
  type Channel,
  type CoverMask,
  type CoverRect,
  type Plane,
} from './mosaic.ts';

/** `#rrggbb` as 0–255 channels; anything else is black. */
export function parseColor(color: string | undefined): { r: number; g: number; b: number } {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  if (!match) return { r: 0, g: 0, b: 0 };
  return { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16) };
}

/**
 * The 8-bit sample value of `channel` for an sRGB colour: RGB as is, YUV as BT.709 limited range (what
 * HD video uses; for greys, black and white every matrix agrees), alpha opaque.
 */
export function channelValue(channel: Channel, { r, g, b }: { r: number; g: number; b: number }) {
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  switch (channel) {
    case 'r':
      return r;
    case 'g':
      return g;
    case 'b':
      return b;
    case 'a':
      return 255;
    case 'y':
      return Math.round(16 + (219 * y) / 255);
    case 'u':
      return Math.round(128 + (224 * (b - y)) / 1.8556 / 255);
    case 'v':
      return Math.round(128 + (224 * (r - y)) / 1.5748 / 255);
  }
}

/** The plane's samples inside `rect` (image pixels) as [x0, y0, x1, y1] in plane pixels. */
function planeSpan(plane: Plane, rect: Rect): [number, number, number, number] {
  return [
    Math.floor(rect.x * plane.scaleX),
    Math.floor(rect.y * plane.scaleY),
    Math.min(plane.width, Math.ceil((rect.x + rect.w) * plane.scaleX)),
    Math.min(plane.height, Math.ceil((rect.y + rect.h) * plane.scaleY)),
  ];
}

/** Fills `rect` with one colour in every plane (only where `mask` accepts, if given). */
export function solidPlanes(
  planes: readonly Plane[],
  rect: Rect,
  color: string | undefined,
  mask?: CoverMask,
): void {
  const rgb = parseColor(color);
  for (const plane of planes) {
    const inside = mask && planeMask(plane, mask);
    const scale = (plane.max ?? 255) / 255;
    const values = Array.from({ length: plane.channels }, (_, c) => {
      const role = plane.roles?.[c];
      return role ? Math.round(channelValue(role, rgb) * scale) : 0;
    });
    const [x0, y0, x1, y1] = planeSpan(plane, rect);
    for (let y = y0; y < y1; y++) {
      const row = plane.offset + y * plane.stride;
      for (let x = x0; x < x1; x++) {
        if (inside && !inside(x, y)) continue;
        for (let c = 0; c < plane.channels; c++) {
          plane.data[row + x * plane.channels + c] = values[c]!;
        }
      }
    }
  }
}

/** One box blur of radius `r` along a line of `n` samples (edges clamped), from `src` into `dst`. */
function boxBlurLine(src: Float32Array, dst: Float32Array, n: number, r: number): void {
  let sum = 0;
  const at = (i: number) => src[Math.min(n - 1, Math.max(0, i))]!;
  for (let i = -r; i <= r; i++) sum += at(i);
  for (let i = 0; i < n; i++) {
    dst[i] = sum / (2 * r + 1);
    sum += at(i + r + 1) - at(i - r);
  }
}

/** How many box blurs in a row: three approximate a Gaussian closely. */
const BLUR_PASSES = 3;

/**
 * Blurs `rect` in every plane with three box blurs of `radius` image pixels each way, using only samples
 * inside `rect` (nothing of the region leaks out, nothing of the background in); with a `mask`, only the
 * samples it accepts are replaced.
 */
export function blurPlanes(
  planes: readonly Plane[],
  rect: Rect,
  radius: number,
  mask?: CoverMask,
): void {
  for (const plane of planes) {
    const [x0, y0, x1, y1] = planeSpan(plane, rect);
    const w = x1 - x0;
    const h = y1 - y0;
    if (w <= 0 || h <= 0) continue;
    const inside = mask && planeMask(plane, mask);
    const rx = Math.max(1, Math.round(radius * plane.scaleX));
    const ry = Math.max(1, Math.round(radius * plane.scaleY));
    for (let c = 0; c < plane.channels; c++) {
      const at = (x: number, y: number) => plane.offset + y * plane.stride + x * plane.channels + c;
      const image = new Float32Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) image[y * w + x] = plane.data[at(x0 + x, y0 + y)]!;
      }
      blurImage(image, w, h, rx, ry);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (inside && !inside(x0 + x, y0 + y)) continue;
          plane.data[at(x0 + x, y0 + y)] = Math.round(image[y * w + x]!);
        }
      }
    }
  }
}

/** `BLUR_PASSES` box blurs of `image` (w × h), rows by `rx` then columns by `ry`, in place. */
function blurImage(image: Float32Array, w: number, h: number, rx: number, ry: number): void {
  const line = new Float32Array(Math.max(w, h));
  const out = new Float32Array(Math.max(w, h));
  for (let pass = 0; pass < BLUR_PASSES; pass++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) line[x] = image[y * w + x]!;
      boxBlurLine(line, out, w, rx);
      for (let x = 0; x < w; x++) image[y * w + x] = out[x]!;
    }
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) line[y] = image[y * w + x]!;
      boxBlurLine(line, out, h, ry);
      for (let y = 0; y < h; y++) image[y * w + x] = out[y]!;
    }
  }
}

/** The blur's radius for a covered rectangle: its shorter side over `cellsAcross`. */
export function blurRadius(rect: Rect, cellsAcross: number): number {
  return Math.max(2, Math.round(Math.min(rect.w, rect.h) / Math.max(1, cellsAcross)));
}

/** Covers every box in its style (its own, else the settings'); the one function preview and export call. */
export function redactPlanes(
  planes: readonly Plane[],
  boxes: readonly CoverRect[],
  settings: RedactionSettings,
  width: number,
  height: number,
): void {
  for (const box of boxes) {
    const rect = coveredRect(box, settings, width, height);
    if (rect.w <= 0 || rect.h <= 0) continue;
    const mask = box.shape === 'ellipse' ? ellipseMask(padBox(box, settings.padding)) : undefined;
    const style = box.style ?? settings.style ?? DEFAULT_STYLE;
    if (style === 'solid') solidPlanes(planes, rect, settings.color, mask);
    else if (style === 'blur') {
      blurPlanes(planes, rect, blurRadius(rect, settings.cellsAcross), mask);
    } else mosaicPlanes(planes, rect, mosaicCellSize(rect, settings.cellsAcross), mask);
  }
}
