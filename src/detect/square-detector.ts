/**
 * A face detector for a square-input model (BlazeFace, RetinaFace) bound to one ORT session: the frame is
 * letterboxed into the model's input, and tiled for small faces (`tiles.ts`). Detections in video pixels.
 */
import type { VideoSample } from 'mediabunny';
import { readbackCanvas } from './canvas.ts';
import { FrameRaster } from '../media/frame-raster.ts';
import { workerClock } from '../lib/stage-clock.ts';
import { videoBox, type Rect, type VideoBox } from '../regions/geometry.ts';
import type { Detection } from '../regions/types.ts';
import type { SquareModelSpec } from './models.ts';
import type { DetectOptions, DetectorInfo, FaceDetector } from './face-detector.ts';
import { faceDetections, splitSureAndWeak, type ScoredBox, type ViewHit } from './postprocess.ts';
import { isUpscaledTile, passesFor, planRegions, type DetailMode } from './tiles.ts';
import { fillLetterboxedTensor, letterbox, modelToVideo } from './preprocess.ts';
import { ModelLoadError, runFloatModel, type ort } from './session.ts';

export class SquareFaceDetector implements FaceDetector {
  private readonly ctx: OffscreenCanvasRenderingContext2D;
  private readonly input: Float32Array;
  private frameCanvas: OffscreenCanvas | undefined;
  private readonly raster = new FrameRaster();

  private readonly spec: SquareModelSpec;
  private readonly session: ort.InferenceSession;
  readonly info: DetectorInfo;

  constructor(spec: SquareModelSpec, session: ort.InferenceSession, info: DetectorInfo) {
    this.spec = spec;
    this.session = session;
    this.info = info;
    const size = spec.inputSize;
    this.ctx = readbackCanvas(size, size).ctx;
    this.input = new Float32Array(3 * size * size);
  }

  /**
   * Detects faces in a frame. Boxes are in the frame's display pixels after rotation (the app's video space);
   * mediabunny's `draw` applies rotation and pixel aspect ratio. `mode` adds tiled passes for small faces.
   * `weak`: also return hits between the registry's weak threshold and the detector's threshold, flagged
   * `weak` (for the tracker; sure hits are the same with or without them).
   */
  async detect(
    frame: VideoSample,
    mode: DetailMode = 'fast',
    { weak = false, pass = 'detail' }: DetectOptions = {},
  ): Promise<Detection[]> {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const passes = passesFor(
      pass === 'detail' ? mode : 'fast',
      this.spec.inputSize,
      Math.min(width, height),
    );
    const regions = planRegions(width, height, passes);
    // The frame at full size, copied once: every region is drawn from it (see media/frame-raster.ts).
    const raster = await workerClock.time('face.raster', () => this.raster.rasterize(frame));
    const source =
      raster ??
      (regions.length > 1
        ? workerClock.time('face.frameDraw', () => this.drawFrame(frame, width, height))
        : null);
    const weakAt = weak ? this.spec.weakScoreThreshold : Number.POSITIVE_INFINITY;
    const found: ViewHit<VideoBox>[] = [];
    for (const region of regions) {
      const draw = (ctx: OffscreenCanvasRenderingContext2D, w: number, h: number) =>
        source
          ? ctx.drawImage(source, region.x, region.y, region.w, region.h, 0, 0, w, h)
          : frame.draw(ctx, 0, 0, w, h);
      const sureAt = this.thresholdFor(region, width, height);
      const hits = await this.detectRegion(region, Math.min(sureAt, weakAt), draw);
      found.push(...hits.map((hit) => ({ ...hit, sureAt })));
    }
    const split = splitSureAndWeak(found, weakAt, this.info.scoreThreshold, this.spec.nmsIou);
    return faceDetections(split.sure, split.weak, width, height);
  }

  /** The frame at display resolution, once, so tiles are cut from it without decoding again. */
  private drawFrame(frame: VideoSample, width: number, height: number): OffscreenCanvas {
    if (this.frameCanvas?.width !== width || this.frameCanvas.height !== height) {
      this.frameCanvas = new OffscreenCanvas(width, height);
    }
    const ctx = this.frameCanvas.getContext('2d');
    if (!ctx) throw new ModelLoadError('2D canvas unavailable in this worker');
    frame.draw(ctx, 0, 0, width, height);
    return this.frameCanvas;
  }

  /** Runs the model on one region of the frame; boxes come back in frame pixels. */
  private async detectRegion(
    region: Rect,
    threshold: number,
    draw: (ctx: OffscreenCanvasRenderingContext2D, w: number, h: number) => void,
  ): Promise<ScoredBox<VideoBox>[]> {
    const size = this.spec.inputSize;
    const lb = letterbox(region.w, region.h, size);
    workerClock.time('face.draw', () => {
      this.ctx.fillStyle = '#000';
      this.ctx.fillRect(0, 0, size, size);
      draw(this.ctx, lb.drawWidth, lb.drawHeight);
    });
    workerClock.time('face.tensor', () => {
      // Only the drawn part is read back; the letterbox's black is filled in directly.
      const { drawWidth: w, drawHeight: h } = lb;
      const rgba = this.ctx.getImageData(0, 0, w, h).data;
      fillLetterboxedTensor(rgba, w, h, size, this.spec.layout, this.spec.pixelRange, this.input);
    });
    const outputs = await runFloatModel(
      this.session,
      this.spec.inputName,
      this.input,
      this.inputDims(),
      'face.infer',
    );
    const decoded = workerClock.time('face.decode', () =>
      this.spec.decode(outputs, size, threshold),
    );
    return decoded.map(({ box, score }) => {
      const v = modelToVideo(box, lb);
      return { box: videoBox(v.x + region.x, v.y + region.y, v.w, v.h), score };
    });
  }

  /** Upscaled tiles (smaller than the model input; never the whole frame) need the registry's higher score. */
  private thresholdFor(region: Rect, frameWidth: number, frameHeight: number): number {
    return isUpscaledTile(region, frameWidth, frameHeight, this.spec.inputSize)
      ? Math.max(this.info.scoreThreshold, this.spec.upscaledScoreThreshold)
      : this.info.scoreThreshold;
  }

  private inputDims(): number[] {
    const s = this.spec.inputSize;
    return this.spec.layout === 'nhwc' ? [1, s, s, 3] : [1, 3, s, s];
  }
}
