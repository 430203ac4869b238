/**
 * Tiled inference plans. A square model sees small faces better when it looks at part of the frame at a
 * time: each pass covers the frame with overlapping square tiles of `tileSide` source pixels, each resized
 * to the model's input. `tileSide: 'frame'` is the whole frame letterboxed.
 */
import type { Rect } from '../regions/geometry.ts';

export type DetailMode = 'fast' | 'balanced' | 'thorough';
export type TilePass = { tileSide: number | 'frame' };

export const DETAIL_MODES: readonly DetailMode[] = ['fast', 'balanced', 'thorough'];
/** The safe default: see docs/DETECTION.md for the measurements behind it. */
export const DEFAULT_DETAIL: DetailMode = 'balanced';

/**
 * Tile sides are in source pixels, relative to the frame's shorter side and never below what keeps the
 * model at native resolution (balanced) or 2× upscaled (thorough). See docs/DETECTION.md for measurements.
 */
export function passesFor(mode: DetailMode, inputSize: number, shortSide: number): TilePass[] {
  const large = Math.max(inputSize, Math.round((shortSide * 2) / 3));
  const half = Math.max(inputSize, Math.round(shortSide / 2));
  const quarter = Math.max(inputSize / 2, Math.round(shortSide / 4));
  switch (mode) {
    case 'fast':
      return [{ tileSide: 'frame' }];
    case 'balanced':
      return [{ tileSide: 'frame' }, { tileSide: large }];
    case 'thorough':
      return [{ tileSide: 'frame' }, { tileSide: half }, { tileSide: quarter }];
  }
}

/** Starts of `count` windows of `side` evenly spread over `length` (first at 0, last flush with the end). */
function spread(length: number, side: number, overlap: number): number[] {
  if (side >= length) return [0];
  const count = Math.ceil((length - side * overlap) / (side * (1 - overlap)));
  const step = (length - side) / Math.max(1, count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

/** Overlapping square tiles covering a `width`×`height` frame; none when one tile would hold the frame. */
export function planTiles(width: number, height: number, side: number, overlap = 0.25): Rect[] {
  if (side >= Math.max(width, height)) return [];
  const tiles: Rect[] = [];
  for (const y of spread(height, side, overlap)) {
    for (const x of spread(width, side, overlap)) {
      tiles.push({ x, y, w: Math.min(side, width - x), h: Math.min(side, height - y) });
    }
  }
  return tiles;
}

/** Every region to run the model on, whole frame first. */
export function planRegions(width: number, height: number, passes: readonly TilePass[]): Rect[] {
  return passes.flatMap((pass) =>
    pass.tileSide === 'frame'
      ? [{ x: 0, y: 0, w: width, h: height }]
      : planTiles(width, height, pass.tileSide),
  );
}
