/**
 * Image → model input. The frame is scaled to fit the square input (aspect kept) and drawn at the top-left;
 * the rest is black. `Letterbox` is the only way between model pixels and video pixels.
 */
import { videoBox, type ModelBox, type VideoBox } from '../regions/geometry.ts';

export type Letterbox = { scale: number; drawWidth: number; drawHeight: number };
export type TensorLayout = 'nhwc' | 'nchw';
/** 'signed': (v / 127.5) − 1, i.e. [-1, 1]; 'bytes': raw 0–255. */
export type PixelRange = 'signed' | 'bytes';

export function letterbox(width: number, height: number, inputSize: number): Letterbox {
  const scale = Math.min(inputSize / width, inputSize / height);
  return { scale, drawWidth: Math.round(width * scale), drawHeight: Math.round(height * scale) };
}

export function modelToVideo(box: ModelBox, lb: Letterbox): VideoBox {
  return videoBox(box.x / lb.scale, box.y / lb.scale, box.w / lb.scale, box.h / lb.scale);
}

/** Fills `out` (length 3·size²) from RGBA bytes of a size×size image. */
export function fillTensor(
  rgba: Uint8ClampedArray,
  size: number,
  layout: TensorLayout,
  range: PixelRange,
  out: Float32Array,
): void {
  const pixels = size * size;
  const mul = range === 'signed' ? 1 / 127.5 : 1;
  const add = range === 'signed' ? -1 : 0;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) {
      const value = rgba[i * 4 + c]! * mul + add;
      out[layout === 'nhwc' ? i * 3 + c : c * pixels + i] = value;
    }
  }
}
