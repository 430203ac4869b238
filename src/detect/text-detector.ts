/**
 * A text (licence-plate) detector bound to one model and one ORT session: frame in, 'plate' detections in
 * video pixels out. The DB model marks any text, so signs and captions are covered as well as plates.
 */
import type { VideoSample } from 'mediabunny';
import { readbackCanvas } from './canvas.ts';
import { drawSampleScaled, FrameRaster } from '../media/frame-raster.ts';
import { workerClock } from '../lib/stage-clock.ts';
import type { Detection } from '../regions/types.ts';
import { letterbox } from './preprocess.ts';
import {
  openModelSession,
  ortRuntime,
  type Backend,
  type BackendPreference,
  type ort,
} from './session.ts';
import {
  DEFAULT_TEXT_MODEL,
  decodeTextOutput,
  fillTextTensor,
  TEXT_MODELS,
  textInputShape,
  type TextModelId,
  type TextModelSpec,
} from './text-models.ts';
import type { TextDecodeOptions } from './text-postprocess.ts';

export type TextDetectorInfo = {
  model: TextModelId;
  modelLabel: string;
  licence: string;
  backend: Backend;
  threads: number;
  note: string;
  decode: TextDecodeOptions;
};

export type TextDetectorOptions = {
  baseUrl: string;
  backend: BackendPreference;
  model?: TextModelId;
  /** Overrides of the model's decoding thresholds. */
  decode?: Partial<TextDecodeOptions>;
};

export class TextDetector {
  private readonly ctx: OffscreenCanvasRenderingContext2D;
  private input: Float32Array;
  private readonly raster = new FrameRaster();

  private readonly spec: TextModelSpec;
  private readonly session: ort.InferenceSession;
  readonly info: TextDetectorInfo;

  private constructor(spec: TextModelSpec, session: ort.InferenceSession, info: TextDetectorInfo) {
    this.spec = spec;
    this.session = session;
    this.info = info;
    const size = spec.inputSize;
    this.ctx = readbackCanvas(size, size).ctx;
    this.input = new Float32Array(0);
  }

  static async create(options: TextDetectorOptions): Promise<TextDetector> {
    const spec = TEXT_MODELS[options.model ?? DEFAULT_TEXT_MODEL];
    const { session, backend, threads, note } = await openModelSession(
      spec.file,
      options.baseUrl,
      options.backend,
    );
    const info = {
      model: spec.id,
      modelLabel: spec.label,
      licence: spec.licence,
      backend,
      threads,
      note,
      decode: { ...spec.decode, ...options.decode },
    };
    return new TextDetector(spec, session, info);
  }

  /**
   * Detects text (plates) in a frame. Boxes are in the frame's display pixels after rotation (the app's
   * video space), unpadded; mediabunny's `draw` applies rotation and pixel aspect ratio. The model runs on
   * the drawn part of the letterboxed canvas only (rounded up to 32 px), e.g. 640×384 for a 16:9 frame.
   */
  async detect(frame: VideoSample): Promise<Detection[]> {
    const size = this.spec.inputSize;
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const lb = letterbox(width, height, size);
    const shape = textInputShape(lb, this.spec);
    const raster = await workerClock.time('text.raster', () => this.raster.rasterize(frame));
    workerClock.time('text.draw', () => {
      this.ctx.fillStyle = '#000';
      this.ctx.fillRect(0, 0, size, size);
      drawSampleScaled(this.ctx, frame, raster, lb.drawWidth, lb.drawHeight);
    });
    workerClock.time('text.tensor', () => {
      const rgba = this.ctx.getImageData(0, 0, shape.width, shape.height).data;
      const length = 3 * shape.width * shape.height;
      if (this.input.length !== length) this.input = new Float32Array(length);
      fillTextTensor(rgba, shape.width, shape, this.spec, this.input);
    });
    const tensor = new (await ortRuntime()).Tensor('float32', this.input, [
      1,
      3,
      shape.height,
      shape.width,
    ]);
    const results = await workerClock.time('text.infer', () =>
      this.session.run({ [this.spec.inputName]: tensor }),
    );
    const map = results[this.spec.outputName];
    if (!map) throw new Error(`Text model output ${this.spec.outputName} missing`);
    return workerClock.time('text.decode', () =>
      decodeTextOutput(map.data as Float32Array, shape, lb, width, height, this.info.decode),
    );
  }

  /** Frees the ORT session (its wasm/GPU memory). The detector must not be used afterwards. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
