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
  fillLetterboxedTensor(rgba, size, size, size, layout, range, out);
}

/**
 * Fills `out` (length 3·size²) for a size×size input whose top-left `width`×`height` pixels are the RGBA
 * bytes `rgba` (read back from the canvas: only the drawn part) and whose rest is black, as `letterbox`
 * draws it. The same tensor as reading the whole canvas, from less read-back.
 */
export function fillLetterboxedTensor(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  size: number,
  layout: TensorLayout,
  range: PixelRange,
  out: Float32Array,
): void {
  const mul = range === 'signed' ? 1 / 127.5 : 1;
  const add = range === 'signed' ? -1 : 0;
  if (width < size || height < size) out.fill(add);
  if (layout === 'nhwc') fillNhwc(rgba, width, height, size, mul, add, out);
  else fillNchw(rgba, width, height, size, mul, add, out);
}

function fillNhwc(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  size: number,
  mul: number,
  add: number,
  out: Float32Array,
): void {
  for (let y = 0; y < height; y++) {
    let from = y * width * 4;
    let to = y * size * 3;
    for (let x = 0; x < width; x++, from += 4, to += 3) {
      out[to] = rgba[from]! * mul + add;
      out[to + 1] = rgba[from + 1]! * mul + add;
      out[to + 2] = rgba[from + 2]! * mul + add;
    }
  }
}

function fillNchw(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  size: number,
  mul: number,
  add: number,
  out: Float32Array,
): void {
  const plane = size * size;
  for (let y = 0; y < height; y++) {
    let from = y * width * 4;
    let to = y * size;
    for (let x = 0; x < width; x++, from += 4, to++) {
      out[to] = rgba[from]! * mul + add;
      out[plane + to] = rgba[from + 1]! * mul + add;
      out[2 * plane + to] = rgba[from + 2]! * mul + add;
    }
  }
}
