/**
 * The facts the editor specs rely on about `makeFacesClip()` (e2e/fixtures/make-clips.mjs: 1280×720, 30 fps,
 * 4 s; a pan across one photo, then a zoom into another from frame 60), the two textured patches they inject
 * as faces, and how they tell a covered patch from a visible one in the output.
 */
import type { Box } from './garim.ts';
import { detailCorrelation, innerPixels, type GrayFrame } from './media.ts';

export const FACES_CLIP = { width: 1280, height: 720, frames: 120 } as const;
/**
 * The first shot's frames (0–59); frame 60 is a cut to another photo. Tracks end at a cut (the tracker
 * never carries a box into another shot), so patches injected past it would make second tracks.
 */
export const FIRST_SHOT_FRAMES = 60;

/** Two patches on textured parts of the first shot (frames 0–59). */
export const LOWER_LEFT: Box = { x: 60, y: 560, w: 200, h: 140 };
export const UPPER_RIGHT: Box = { x: 880, y: 330, w: 200, h: 180 };

/** `boxes` as faces on every frame of the clip's first shot (for `ImportPage.analyse`). */
export function onFirstShot(boxes: Box[]): { boxes: Box[]; frames: number } {
  return { boxes, frames: FIRST_SHOT_FRAMES };
}

/** A re-encode keeps ≈ 0.6–1 of the source's detail (dark, busy patches the least); a mosaic leaves ≈ 0. */
export const VISIBLE = 0.45;
export const COVERED = 0.35;

/** How much of the source frame's detail inside `box` (less its edge) the output frame keeps. */
export function detailKept(source: GrayFrame, output: GrayFrame, box: Box): number {
  return detailCorrelation(source, output, innerPixels(box, FACES_CLIP.width, FACES_CLIP.height));
}
