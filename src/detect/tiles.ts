/**
 * Tiled inference plans. A square model sees small faces better when it looks at part of the frame at a
 * time: each pass covers the frame with overlapping square tiles of `tileSide` source pixels, each resized
 * to the model's input. `tileSide: 'frame'` is the whole frame letterboxed.
 */
import type { Rect } from '../regions/geometry.ts';

export type DetailMode = 'fast' | 'balanced' | 'thorough';
/** `maxTiles`: the most windows this pass may run; larger windows are used when the frame needs more. */
export type TilePass = { tileSide: number | 'frame'; maxTiles?: number };

export const DETAIL_MODES: readonly DetailMode[] = ['fast', 'balanced', 'thorough'];
/** The safe default: see docs/DETECTION.md for the measurements behind it. */
export const DEFAULT_DETAIL: DetailMode = 'balanced';

/** Per-pass caps of the thorough mode. They never bind on frames up to ≈ 540 px (the dev set's photos). */
export const THOROUGH_MAX_TILES = { half: 12, quarter: 20 } as const;

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
      // Capped: uncapped, a 720p frame took 66 inferences (≈ 0.4 fps on two cores); capped, 31.
      return [
        { tileSide: 'frame' },
        { tileSide: half, maxTiles: THOROUGH_MAX_TILES.half },
        { tileSide: quarter, maxTiles: THOROUGH_MAX_TILES.quarter },
      ];
  }
}

/** Starts of `count` windows of `side` evenly spread over `length` (first at 0, last flush with the end). */
function spread(length: number, side: number, overlap: number): number[] {
  if (side >= length) return [0];
  const count = Math.ceil((length - side * overlap) / (side * (1 - overlap)));
  const step = (length - side) / Math.max(1, count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

function tileCount(width: number, height: number, side: number, overlap: number): number {
  return spread(width, side, overlap).length * spread(height, side, overlap).length;
}

/** The smallest tile side ≥ `side` (in steps of 1/16) whose tiling needs at most `maxTiles` windows. */
export function cappedTileSide(
  width: number,
  height: number,
  side: number,
  maxTiles: number,
  overlap = 0.25,
): number {
  let capped = side;
  while (capped < Math.max(width, height) && tileCount(width, height, capped, overlap) > maxTiles) {
    capped = Math.ceil(capped * (17 / 16));
  }
  return capped;
}

/** Whether `region` is a tile the model sees enlarged (smaller than its input); the whole frame never is. */
export function isUpscaledTile(
  region: Rect,
  frameWidth: number,
  frameHeight: number,
  inputSize: number,
): boolean {
  const wholeFrame = region.w >= frameWidth && region.h >= frameHeight;
  return !wholeFrame && Math.max(region.w, region.h) < inputSize;
}

/** Overlapping square tiles covering a `width`×`height` frame; none when one tile would hold the frame. */
export function planTiles(
  width: number,
  height: number,
  requestedSide: number,
  overlap = 0.25,
  maxTiles = Infinity,
): Rect[] {
  const side = cappedTileSide(width, height, requestedSide, maxTiles, overlap);
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
      : planTiles(width, height, pass.tileSide, 0.25, pass.maxTiles),
  );
}
