/**
 * A face detector for a whole-frame model with a dynamic input (YuNet) bound to one ORT session. The model
 * looks at the frame at native resolution and at the magnified, shrunk or mirrored views `views.ts` plans;
 * the views' hits are fused into one box per face (`fusion.ts`), which is then extended to the forehead and
 * chin its landmarks imply (`yunet.ts`). Detections in video pixels.
 */
import type { VideoSample } from 'mediabunny';
import { readbackCanvas } from './canvas.ts';
import { drawSampleScaled, FrameRaster } from '../media/frame-raster.ts';
import { YuvCopier, yuvGray, yuvRgba, type YuvFrame } from '../media/yuv-frame.ts';
import { workerClock } from '../lib/stage-clock.ts';
import type { VideoBox } from '../regions/geometry.ts';
import { rgbaToGray, type GrayImage } from '../regions/visual-tracker.ts';
import type { Detection } from '../regions/types.ts';
import type { DetectOptions, DetectorInfo, FaceDetector } from './face-detector.ts';
import { fuseViews, type FusableHit, type FusedHit, type FusionRule } from './fusion.ts';
import type { ViewsModelSpec } from './models.ts';
import { faceDetections, type ScoredBox } from './postprocess.ts';
import { runFloatModel, type ort } from './session.ts';
import type { DetailMode } from './tiles.ts';
import { viewSize, viewsFor, viewToFrame, type View } from './views.ts';
import { faceBoxFromLandmarks, type LandmarkedBox } from './yunet.ts';
import { fillViewTensor } from './view-tensor.ts';

/**
 * Views at most this fraction of the frame are shrunk from the frame's own YUV planes (yuv-frame.ts) rather
 * than drawn from its RGBA copy: cheaper from half size down, and the glance needs no RGBA copy at all.
 */
const SHRINK_FROM_PLANES = 0.5;

export class ViewsFaceDetector implements FaceDetector {
  private readonly raster = new FrameRaster();
  private readonly planes = new YuvCopier();
  /** One read-back canvas and one input tensor per view size (a frame's views alternate between them). */
  private readonly canvases = new Map<string, OffscreenCanvasRenderingContext2D>();
  private readonly inputs = new Map<number, Float32Array>();

  private readonly spec: ViewsModelSpec;
  private readonly session: ort.InferenceSession;
  readonly info: DetectorInfo;

  constructor(spec: ViewsModelSpec, session: ort.InferenceSession, info: DetectorInfo) {
    this.spec = spec;
    this.session = session;
    this.info = info;
  }

  /** The last frame's full-size copy (`FrameRaster`), kept for `grayFrame` until the next frame. */
  private lastRaster: { frame: VideoSample; raster: OffscreenCanvas | undefined } | undefined;

  /**
   * The frame last detected on, scaled by `scale` and in grayscale (for the face follower): its luma plane
   * shrunk, or else drawn from its full-size copy. Call before the next `detect`.
   */
  grayFrame(frame: VideoSample, scale: number): GrayImage {
    const width = Math.max(1, Math.round(frame.displayWidth * scale));
    const height = Math.max(1, Math.round(frame.displayHeight * scale));
    const planes = this.planes.copied(frame);
    if (planes) return workerClock.time('face.follow.draw', () => yuvGray(planes, width, height));
    const raster = this.lastRaster?.frame === frame ? this.lastRaster.raster : undefined;
    const ctx = this.canvasOf(width, height);
    return workerClock.time('face.follow.draw', () => {
      drawSampleScaled(ctx, frame, raster, width, height);
      return rgbaToGray(ctx.getImageData(0, 0, width, height).data, width, height);
    });
  }

  async detect(
    frame: VideoSample,
    mode: DetailMode = 'fast',
    { weak = false, pass = 'detail' }: DetectOptions = {},
  ): Promise<Detection[]> {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const rule = this.fusionRule(mode, weak);
    const floor = Math.min(rule.sure, rule.weak, rule.votes?.score ?? 1);
    const views = viewsFor(mode, width, height, pass);
    const planes = await workerClock.time('face.planes', () => this.planes.copy(frame));
    const drawn = !planes || views.some((view) => view.scale > SHRINK_FROM_PLANES);
    const raster = drawn
      ? await workerClock.time('face.raster', () => this.raster.rasterize(frame))
      : undefined;
    this.lastRaster = { frame, raster };
    const hits: FusableHit<VideoBox>[] = [];
    let pixels: { scale: number; rgba: Uint8ClampedArray } | undefined;
    for (const view of views) {
      if (pixels?.scale !== view.scale) {
        pixels = { scale: view.scale, rgba: this.viewPixels(frame, raster, planes, view) };
      }
      const found = await this.runView(pixels.rgba, view, width, height, floor);
      const name = `${view.scale}${view.flip ? 'm' : ''}`;
      hits.push(...found.map((hit) => ({ ...viewToFrame(hit, view, width), view: name })));
    }
    const fused = workerClock.time('face.fuse', () => fuseViews(hits, rule));
    return faceDetections(faceBoxes(fused.sure), faceBoxes(fused.weak), width, height);
  }

  private fusionRule(mode: DetailMode, weak: boolean): FusionRule {
    return {
      iou: this.spec.nmsIou,
      sure: this.info.scoreThreshold,
      votes: mode === 'thorough' ? this.spec.votes : undefined,
      weak: weak ? this.spec.weakScoreThreshold : Number.POSITIVE_INFINITY,
    };
  }

  /**
   * The frame scaled for `view` as RGBA (mirroring is done when the tensor is filled): shrunk from its planes
   * (small views), its RGBA copy as it is (the native view), or drawn scaled from that copy.
   */
  private viewPixels(
    frame: VideoSample,
    raster: OffscreenCanvas | undefined,
    planes: YuvFrame | undefined,
    view: View,
  ): Uint8ClampedArray {
    const { drawWidth, drawHeight } = viewSize(view, frame.displayWidth, frame.displayHeight);
    if (planes && view.scale <= SHRINK_FROM_PLANES) {
      return workerClock.time('face.shrink', () => yuvRgba(planes, drawWidth, drawHeight));
    }
    if (raster && view.scale === 1) return this.raster.pixels;
    return this.drawView(frame, raster, view);
  }

  /** The frame scaled for `view`, drawn and read back as RGBA. */
  private drawView(
    frame: VideoSample,
    raster: OffscreenCanvas | undefined,
    view: View,
  ): Uint8ClampedArray {
    const { drawWidth, drawHeight } = viewSize(view, frame.displayWidth, frame.displayHeight);
    const target = this.canvasOf(drawWidth, drawHeight);
    return workerClock.time('face.draw', () => {
      drawSampleScaled(target, frame, raster, drawWidth, drawHeight);
      return target.getImageData(0, 0, drawWidth, drawHeight).data;
    });
  }

  private canvasOf(width: number, height: number): OffscreenCanvasRenderingContext2D {
    const key = `${width}x${height}`;
    let ctx = this.canvases.get(key);
    if (!ctx) {
      ctx = readbackCanvas(width, height).ctx;
      this.canvases.set(key, ctx);
    }
    return ctx;
  }

  /** Runs the model on one view; boxes come back in that view's input pixels. */
  private async runView(
    rgba: Uint8ClampedArray,
    view: View,
    width: number,
    height: number,
    threshold: number,
  ): Promise<LandmarkedBox[]> {
    const size = viewSize(view, width, height);
    const length = 3 * size.inputWidth * size.inputHeight;
    const input = this.inputs.get(length) ?? new Float32Array(length);
    this.inputs.set(length, input);
    workerClock.time('face.tensor', () => fillViewTensor(rgba, size, view.flip, input));
    const dims = [1, 3, size.inputHeight, size.inputWidth];
    const outputs = await runFloatModel(
      this.session,
      this.spec.inputName,
      input,
      dims,
      'face.infer',
    );
    return workerClock.time('face.decode', () =>
      this.spec.decode(outputs, size.inputWidth, size.inputHeight, threshold),
    );
  }
}

/** Each fused face's box placed by its landmarks, from forehead to chin. */
function faceBoxes(hits: readonly FusedHit<VideoBox>[]): ScoredBox<VideoBox>[] {
  return hits.map(({ box, score, landmarks }) => ({
    box: faceBoxFromLandmarks(box, landmarks),
    score,
  }));
}
