/**
 * The small JPEG stored with every analysed frame (instant scrubbing, the timeline strip, project
 * thumbnails). Made from the frame already decoded for detection — no second decode — on one reused
 * canvas: `convertToBlob` copies the canvas when called, so the next frame may draw while it encodes.
 * JPEG, not WebP: Chromium's WebP encoder costs ≈ 10× more per frame here (docs/MEASURED.md).
 */
import type { VideoSample } from 'mediabunny';
import { drawSampleScaled, FrameRaster } from './frame-raster.ts';
import { YuvCopier, yuvRgba } from './yuv-frame.ts';

/** The preview's longer side in pixels (the shorter one keeps the shown aspect ratio). */
export const STORED_PREVIEW_LONG_SIDE = 320;
export const STORED_PREVIEW_TYPE = 'image/jpeg';
export const STORED_PREVIEW_QUALITY = 0.6;

/** Scales a shown size so that its longer side is at most `longSide` (never enlarged, never 0). */
export function previewSize(width: number, height: number, longSide = STORED_PREVIEW_LONG_SIDE) {
  const scale = Math.min(1, longSide / Math.max(width, height, 1));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * A stored preview being made: `encoded` resolves to the JPEG (undefined when it could not be made);
 * `picture` is the drawn preview, valid until the next capture (the shot-cut thumbnail is taken from it).
 */
export type PreviewCapture = { encoded: Promise<Blob | undefined>; picture?: OffscreenCanvas };

export class StoredPreviewMaker {
  private canvas: OffscreenCanvas | undefined;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private readonly raster = new FrameRaster();
  private readonly planes = new YuvCopier();

  /**
   * Draws `sample` as shown (rotation applied) and starts encoding it; the sample may be closed as soon as
   * this resolves, while the JPEG still encodes. `encoded` is undefined when this browser cannot make the
   * picture (the frame is stored without one: previews are a convenience, never a reason to fail an analysis).
   */
  async capture(sample: VideoSample): Promise<PreviewCapture> {
    try {
      const { width, height } = previewSize(sample.displayWidth, sample.displayHeight);
      const ctx = this.context(width, height);
      if (!ctx || !this.canvas) return { encoded: Promise.resolve(undefined) };
      await this.draw(ctx, sample, width, height);
      const type = STORED_PREVIEW_TYPE;
      const encoded = this.canvas
        .convertToBlob({ type, quality: STORED_PREVIEW_QUALITY })
        .catch(() => undefined);
      return { encoded, picture: this.canvas };
    } catch {
      return { encoded: Promise.resolve(undefined) };
    }
  }

  /** `sample` shrunk from its YUV planes where it can be (cheaper), else drawn from its RGBA copy. */
  private async draw(
    ctx: OffscreenCanvasRenderingContext2D,
    sample: VideoSample,
    width: number,
    height: number,
  ): Promise<void> {
    const planes = await this.planes.copy(sample);
    if (planes) {
      ctx.putImageData(new ImageData(yuvRgba(planes, width, height), width, height), 0, 0);
      return;
    }
    const raster = await this.raster.rasterize(sample);
    drawSampleScaled(ctx, sample, raster, width, height);
  }

  private context(width: number, height: number) {
    if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
      this.ctx = this.canvas.getContext('2d');
    }
    return this.ctx;
  }
}
