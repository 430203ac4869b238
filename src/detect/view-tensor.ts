/**
 * RGBA pixels of a view → YuNet's input tensor: NCHW, channels B, G, R, raw 0–255, the picture at the
 * top-left and zeros to the right and below (the padding to multiples of 32). Optionally mirrored. Pure.
 */
export type ViewTensorSize = {
  drawWidth: number;
  drawHeight: number;
  inputWidth: number;
  inputHeight: number;
};

export function fillViewTensor(
  rgba: Uint8ClampedArray,
  size: ViewTensorSize,
  mirrored: boolean,
  out: Float32Array,
): void {
  const { drawWidth: w, drawHeight: h, inputWidth: W, inputHeight: H } = size;
  const plane = W * H;
  if (w < W || h < H) out.fill(0);
  for (let y = 0; y < h; y++) {
    const row = y * W;
    let from = y * w * 4;
    for (let x = 0; x < w; x++, from += 4) {
      const to = row + (mirrored ? w - 1 - x : x);
      out[to] = rgba[from + 2]!;
      out[plane + to] = rgba[from + 1]!;
      out[2 * plane + to] = rgba[from]!;
    }
  }
}
