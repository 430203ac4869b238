import { describe, expect, it } from 'vitest';
import {
  cappedTileSide,
  isUpscaledTile,
  passesFor,
  planRegions,
  planTiles,
  THOROUGH_MAX_TILES,
} from './tiles.ts';

/** Every pixel of the frame lies in at least one tile. */
function coversFrame(
  width: number,
  height: number,
  tiles: { x: number; y: number; w: number; h: number }[],
) {
  for (let y = 0; y < height; y += 7) {
    for (let x = 0; x < width; x += 7) {
      if (!tiles.some((t) => x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h)) return false;
    }
  }
  return true;
}

describe('tile plans', () => {
  it('overlapping tiles cover the whole frame and stay inside it', () => {
    const tiles = planTiles(1280, 720, 360);
    expect(tiles.length).toBe(15);
    expect(coversFrame(1280, 720, tiles)).toBe(true);
    for (const t of tiles) {
      expect(t.x + t.w).toBeLessThanOrEqual(1280);
      expect(t.y + t.h).toBeLessThanOrEqual(720);
    }
  });

  it('no tiles when one tile would hold the frame', () => {
    expect(planTiles(400, 300, 400)).toEqual([]);
  });

  it('a tile cap grows the tiles until the count fits, and still covers the frame', () => {
    const uncapped = planTiles(1280, 720, 180);
    expect(uncapped.length).toBeGreaterThan(20);
    const capped = planTiles(1280, 720, 180, 0.25, 20);
    expect(capped.length).toBeLessThanOrEqual(20);
    expect(capped.length).toBeGreaterThan(10);
    expect(capped[0]!.w).toBeGreaterThan(180);
    expect(coversFrame(1280, 720, capped)).toBe(true);
    expect(cappedTileSide(1280, 720, 180, Infinity)).toBe(180);
  });

  it('thorough mode is capped at 720p (was 66 inferences a frame) but unchanged on small photos', () => {
    const at720 = planRegions(1280, 720, passesFor('thorough', 256, 720));
    expect(at720.length).toBeLessThanOrEqual(
      1 + THOROUGH_MAX_TILES.half + THOROUGH_MAX_TILES.quarter,
    );
    expect(at720.length).toBeGreaterThanOrEqual(20);
    // A 400×267 photo: whole frame + 256-px tiles + 128-px (2× upscaled) tiles, none capped.
    const photo = passesFor('thorough', 256, 267);
    expect(photo).toMatchObject([{ tileSide: 'frame' }, { tileSide: 256 }, { tileSide: 128 }]);
    expect(planRegions(400, 267, photo).length).toBe(
      1 + planTiles(400, 267, 256).length + planTiles(400, 267, 128).length,
    );
  });

  it('fast is the whole frame only; balanced adds native-resolution tiles', () => {
    expect(planRegions(1280, 720, passesFor('fast', 256, 720))).toEqual([
      { x: 0, y: 0, w: 1280, h: 720 },
    ]);
    const balanced = planRegions(1280, 720, passesFor('balanced', 256, 720)).slice(1);
    expect(balanced.length).toBeGreaterThan(1);
    for (const t of balanced) expect(Math.max(t.w, t.h)).toBeGreaterThanOrEqual(256);
  });

  it('only tiles smaller than the model input count as upscaled, never the whole frame', () => {
    expect(isUpscaledTile({ x: 0, y: 0, w: 128, h: 128 }, 400, 267, 256)).toBe(true);
    expect(isUpscaledTile({ x: 0, y: 0, w: 256, h: 256 }, 400, 267, 256)).toBe(false);
    expect(isUpscaledTile({ x: 0, y: 0, w: 200, h: 150 }, 200, 150, 256)).toBe(false);
  });
});
