/**
 * Mosaic on raw pixel planes. Pure: works on typed arrays, so the same code covers the editor preview, the
 * export and unit tests. Every cell is replaced by its mean, which destroys the detail inside it for good.
 */
import { clipBox, padBox, type Rect } from '../regions/geometry.ts';
import type { CoverStyle, RedactionSettings, RegionShape } from '../regions/types.ts';

/**
 * A box to cover; an ellipse covers only the (padded) ellipse inscribed in it; `style` overrides the
 * settings' style (a track's exception).
 */
export type CoverRect = Rect & { shape?: RegionShape; style?: CoverStyle };

/** What a sample of a plane holds: luma, chroma, alpha, or one of red, green, blue. */
export type Channel = 'y' | 'u' | 'v' | 'a' | 'r' | 'g' | 'b';
/** True where an image pixel centre (x + 0.5, y + 0.5) is to be covered. */
export type CoverMask = (x: number, y: number) => boolean;

/** One plane of an image: `channels` interleaved samples per pixel, rows `stride` samples apart. */
export type Plane = {
  data: Uint8Array | Uint16Array;
  offset: number;
  stride: number;
  width: number;
  height: number;
  channels: number;
  /** Plane pixels per image pixel, horizontally and vertically (0.5 for 4:2:0 chroma). */
  scaleX: number;
  scaleY: number;
  /** What each interleaved sample holds (needed by the solid style's colour; pixel-layout.ts sets it). */
  roles?: readonly Channel[];
  /** The largest sample value (255, or 1023 for 10-bit). */
  max?: number;
};

/** Luma-pixel size of a mosaic cell: at most `cellsAcross` cells over the shorter side, even, ≥ 2. */
export function mosaicCellSize(region: Rect, cellsAcross: number): number {
  const shorter = Math.max(1, Math.min(region.w, region.h));
  const size = Math.ceil(shorter / Math.max(1, cellsAcross));
  return Math.max(2, size + (size % 2));
}

/** The integer, even-aligned rectangle actually covered for a detection box. */
export function coveredRect(
  box: Rect,
  settings: RedactionSettings,
  width: number,
  height: number,
): Rect {
  const padded = clipBox(padBox(box, settings.padding), width, height);
  const x0 = Math.floor(padded.x / 2) * 2;
  const y0 = Math.floor(padded.y / 2) * 2;
  const x1 = Math.min(width, Math.ceil((padded.x + padded.w) / 2) * 2);
  const y1 = Math.min(height, Math.ceil((padded.y + padded.h) / 2) * 2);
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Inside the ellipse inscribed in `box` (image pixels, sample centres). */
export function ellipseMask(box: Rect): CoverMask {
  const rx = box.w / 2;
  const ry = box.h / 2;
  const cx = box.x + rx;
  const cy = box.y + ry;
  return (x, y) => {
    const dx = (x - cx) / rx;
    const dy = (y - cy) / ry;
    return dx * dx + dy * dy <= 1;
  };
}

/**
 * Covers `rect` (image pixels) in every plane with cells of `cell` image pixels; with a `mask`, only the
 * samples whose centre it accepts are replaced (each by its whole cell's mean).
 */
export function mosaicPlanes(
  planes: readonly Plane[],
  rect: Rect,
  cell: number,
  mask?: CoverMask,
): void {
  if (rect.w <= 0 || rect.h <= 0) return;
  for (const plane of planes) mosaicPlane(plane, rect, cell, mask);
}

export function planeMask(plane: Plane, mask: CoverMask): CoverMask {
  return (x, y) => mask((x + 0.5) / plane.scaleX, (y + 0.5) / plane.scaleY);
}

function mosaicPlane(plane: Plane, rect: Rect, cell: number, mask?: CoverMask): void {
  const inside = mask && planeMask(plane, mask);
  const x0 = Math.floor(rect.x * plane.scaleX);
  const y0 = Math.floor(rect.y * plane.scaleY);
  const x1 = Math.min(plane.width, Math.ceil((rect.x + rect.w) * plane.scaleX));
  const y1 = Math.min(plane.height, Math.ceil((rect.y + rect.h) * plane.scaleY));
  const cellW = Math.max(1, Math.round(cell * plane.scaleX));
  const cellH = Math.max(1, Math.round(cell * plane.scaleY));
  for (let cy = y0; cy < y1; cy += cellH) {
    for (let cx = x0; cx < x1; cx += cellW) {
      fillCellWithMean(plane, cx, cy, Math.min(cx + cellW, x1), Math.min(cy + cellH, y1), inside);
    }
  }
}

function fillCellWithMean(
  p: Plane,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  inside?: CoverMask,
): void {
  const count = (x1 - x0) * (y1 - y0);
  for (let c = 0; c < p.channels; c++) {
    let sum = 0;
    for (let y = y0; y < y1; y++) {
      const row = p.offset + y * p.stride + c;
      for (let x = x0; x < x1; x++) sum += p.data[row + x * p.channels]!;
    }
    const mean = Math.round(sum / count);
    for (let y = y0; y < y1; y++) {
      const row = p.offset + y * p.stride + c;
      for (let x = x0; x < x1; x++) {
        if (!inside || inside(x, y)) p.data[row + x * p.channels] = mean;
      }
    }
  }
}
