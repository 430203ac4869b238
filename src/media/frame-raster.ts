/**
 * A decoded frame copied once into a full-size RGBA canvas, to be drawn small from there. Chromium's
 * `drawImage(VideoFrame)` converts and scales in one slow step (a 1080p frame drawn at 256 px took 10–25 ms
 * here), while `copyTo({ format: 'RGBA' })` (libyuv) and a scaled draw of the copy take ≈ 3–4 ms together
 * (docs/PERFORMANCE.md). Detection draws each frame once or more, and analysis draws it again for its stored
 * preview, so this is most of the drawing cost at 1080p. One raster per user, reused frame after frame.
 */
import type { VideoSample } from 'mediabunny';

const RGB_FORMATS: ReadonlySet<string> = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);

/** A frame shown as coded: not rotated or mirrored, square pixels (its pixels are the picture as shown). */
export function isPlainSample(sample: VideoSample): boolean {
  const { width, height } = sample.visibleRect;
  return (
    sample.rotation === 0 &&
    !sample.flip &&
    width === sample.displayWidth &&
    height === sample.displayHeight
  );
}

export class FrameRaster {
  private canvas: OffscreenCanvas | undefined;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private rgba = new Uint8ClampedArray(0);
  /** Set once a copy failed (a browser without RGBA copies): mediabunny's draw is used from then on. */
  private unsupported = false;

  /**
   * `sample`'s shown pixels on a canvas (valid until the next call), or undefined where the copy does not
   * pay or does not apply: an RGB sample (a still image: drawing it is already cheap), a rotated, mirrored
   * or non-square-pixel frame (mediabunny's `draw` maps those), or a browser that cannot copy to RGBA.
   * The sample may be closed once this resolves.
   */
  async rasterize(sample: VideoSample): Promise<OffscreenCanvas | undefined> {
    const { width, height } = sample.visibleRect;
    const plain = isPlainSample(sample);
    if (this.unsupported || !plain || !sample.format || RGB_FORMATS.has(sample.format)) {
      return undefined;
    }
    try {
      const size = width * height * 4;
      if (this.rgba.length !== size) this.rgba = new Uint8ClampedArray(size);
      await sample.copyTo(this.rgba, { format: 'RGBA' });
      const ctx = this.context(width, height);
      if (!ctx) return undefined;
      ctx.putImageData(new ImageData(this.rgba, width, height), 0, 0);
      return this.canvas;
    } catch (error) {
      this.unsupported = true;
      console.warn('Garim: frames cannot be copied to RGBA here; drawing them directly', error);
      return undefined;
    }
  }

  /** The RGBA pixels of the last `rasterize` that returned a canvas (the same picture, as an array). */
  get pixels(): Uint8ClampedArray {
    return this.rgba;
  }

  private context(width: number, height: number) {
    if (this.canvas?.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
      // A CPU canvas: it is only ever drawn onto other CPU canvases (the detectors' inputs, the previews).
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    }
    return this.ctx;
  }
}

/**
 * Draws `sample` into `ctx` at (0, 0) scaled to `width`×`height`: from `raster` (its `rasterize` copy)
 * when there is one, else with mediabunny's draw (rotation and pixel aspect applied).
 */
export function drawSampleScaled(
  ctx: OffscreenCanvasRenderingContext2D,
  sample: VideoSample,
  raster: OffscreenCanvas | undefined,
  width: number,
  height: number,
): void {
  if (raster) ctx.drawImage(raster, 0, 0, width, height);
  else sample.draw(ctx, 0, 0, width, height);
}
