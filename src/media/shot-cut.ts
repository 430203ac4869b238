/**
 * Where one shot ends and the next begins (a cut in an edited video, a jump in a CCTV export). Each frame
 * is reduced to a tiny luma thumbnail (32 px wide); a cut is a frame whose mean absolute difference from the
 * previous one is large in itself and a jump against the frames just before it, so a fast pan (a steady,
 * moderate difference) is not one. Measured on the bench clips (docs/DETECTION.md): the cuts differ by
 * 40–98 (of 255), fast pans by 15–20 a frame, still or slow shots by 5–9.
 */
import { rgbaToGray } from '../regions/visual-tracker.ts';

export const SHOT_CUT = {
  /** Thumbnail width in pixels; the height follows the picture's aspect. */
  width: 32,
  /** A cut differs by at least this mean absolute luma (of 255)… */
  minDifference: 30,
  /** …and by at least this many times the mean difference of the frames before it. */
  jump: 2,
  /** How many earlier differences that mean looks back over. */
  history: 4,
} as const;

export function meanAbsDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Fed each frame's thumbnail in order, says which frames begin a new shot. */
export class ShotCuts {
  private previous: Uint8Array | undefined;
  private readonly recent: number[] = [];

  /** True when `luma` (this frame's thumbnail) begins a new shot; the first frame does not. */
  next(luma: Uint8Array): boolean {
    const previous = this.previous;
    this.previous = luma;
    if (!previous) return false;
    const difference = meanAbsDifference(previous, luma);
    if (!Number.isFinite(difference)) {
      this.recent.length = 0;
      return false;
    }
    const usual = this.recent.length
      ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length
      : 0;
    const cut = difference >= SHOT_CUT.minDifference && difference >= SHOT_CUT.jump * usual;
    if (cut) this.recent.length = 0;
    else {
      this.recent.push(difference);
      if (this.recent.length > SHOT_CUT.history) this.recent.shift();
    }
    return cut;
  }
}

/** The thumbnail of a canvas's picture (drawn small on a reused canvas), as luma. */
export class ShotThumbnail {
  private ctx: OffscreenCanvasRenderingContext2D | null = null;

  of(source: OffscreenCanvas): Uint8Array | undefined {
    const width = SHOT_CUT.width;
    const height = Math.max(1, Math.round((source.height * width) / Math.max(1, source.width)));
    const ctx = this.context(width, height);
    if (!ctx) return undefined;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, 0, 0, width, height);
    return rgbaToGray(ctx.getImageData(0, 0, width, height).data, width, height).data;
  }

  private context(width: number, height: number) {
    const canvas = this.ctx?.canvas;
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      this.ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    }
    return this.ctx;
  }
}
