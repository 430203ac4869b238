/**
 * A face detector bound to one model and one ORT session: image in, detections in video pixels out.
 */
import type { VideoSample } from 'mediabunny';
import { clipBox } from '../regions/geometry.ts';
import type { Detection } from '../regions/types.ts';
import { MODELS, type ModelId, type ModelSpec } from './models.ts';
import { nms, type OutputTensors } from './postprocess.ts';
import { fillTensor, letterbox, modelToVideo } from './preprocess.ts';
import {
  chooseBackend,
  configureOrt,
  createSession,
  fetchModel,
  ModelLoadError,
  ort,
  type Backend,
  type BackendPreference,
} from './session.ts';

export type DetectorInfo = {
  model: ModelId;
  modelLabel: string;
  licence: string;
  backend: Backend;
  threads: number;
  note: string;
  scoreThreshold: number;
};

export type DetectorOptions = {
  model: ModelId;
  backend: BackendPreference;
  baseUrl: string;
  scoreThreshold?: number;
};

export class FaceDetector {
  private readonly canvas: OffscreenCanvas;
  private readonly ctx: OffscreenCanvasRenderingContext2D;
  private readonly input: Float32Array;

  private readonly spec: ModelSpec;
  private readonly session: ort.InferenceSession;
  readonly info: DetectorInfo;

  private constructor(spec: ModelSpec, session: ort.InferenceSession, info: DetectorInfo) {
    this.spec = spec;
    this.session = session;
    this.info = info;
    const size = spec.inputSize;
    this.canvas = new OffscreenCanvas(size, size);
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new ModelLoadError('2D canvas unavailable in this worker');
    this.ctx = ctx;
    this.input = new Float32Array(3 * size * size);
  }

  static async create(options: DetectorOptions): Promise<FaceDetector> {
    const spec = MODELS[options.model];
    const choice = await chooseBackend(options.backend);
    configureOrt(options.baseUrl, choice.threads);
    const bytes = await fetchModel(new URL(spec.file, options.baseUrl).href);
    let backend = choice.backend;
    let session: ort.InferenceSession;
    try {
      session = await createSession(bytes, backend);
    } catch (error) {
      if (backend === 'wasm') throw new ModelLoadError(String(error));
      backend = 'wasm';
      session = await createSession(bytes, backend);
    }
    const info: DetectorInfo = {
      model: spec.id,
      modelLabel: spec.label,
      licence: spec.licence,
      backend,
      threads: choice.threads,
      note: backend === choice.backend ? choice.note : 'WebGPU failed; WASM',
      scoreThreshold: options.scoreThreshold ?? spec.scoreThreshold,
    };
    return new FaceDetector(spec, session, info);
  }

  /**
   * Detects faces in a frame. Boxes are in the frame's display pixels after rotation (the app's video space);
   * mediabunny's `draw` applies rotation and pixel aspect ratio.
   */
  async detect(frame: VideoSample): Promise<Detection[]> {
    const size = this.spec.inputSize;
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const lb = letterbox(width, height, size);
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, size, size);
    frame.draw(this.ctx, 0, 0, lb.drawWidth, lb.drawHeight);
    const rgba = this.ctx.getImageData(0, 0, size, size).data;
    fillTensor(rgba, size, this.spec.layout, this.spec.pixelRange, this.input);
    const tensor = new ort.Tensor('float32', this.input, this.inputDims());
    const results = await this.session.run({ [this.spec.inputName]: tensor });
    const outputs: OutputTensors = {};
    for (const [name, value] of Object.entries(results)) outputs[name] = value.data as Float32Array;
    const boxes = nms(this.spec.decode(outputs, size, this.info.scoreThreshold), this.spec.nmsIou);
    return boxes
      .map(({ box, score }) => ({
        box: clipBox(modelToVideo(box, lb), width, height),
        score,
        class: 'face' as const,
      }))
      .filter((d) => d.box.w > 1 && d.box.h > 1);
  }

  private inputDims(): number[] {
    const s = this.spec.inputSize;
    return this.spec.layout === 'nhwc' ? [1, s, s, 3] : [1, 3, s, s];
  }
}
