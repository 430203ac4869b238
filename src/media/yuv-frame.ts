/**
 * A decoded frame's own planes (8-bit 4:2:0: I420, I420A, NV12), copied as they are — a memcpy, no colour
 * conversion — and shrunk in JS by averaging boxes of pixels: a grayscale image from the luma plane (the face
 * follower) and RGBA from luma and chroma (the face model's small views, the stored preview). Drawing a 720p
 * frame at half size on a canvas and reading it back took ≈ 4.7 ms here, copying its planes and shrinking
 * them ≈ 1.4 ms (docs/PERFORMANCE.md). WebCodecs converts to RGBA only at full size (`copyTo`), and no
 * library shrinks YUV planes in a worker, so these loops are the app's own. Pure but for `YuvCopier.copy`.
 */
import type { VideoSample } from 'mediabunny';
import { isPlainSample } from './frame-raster.ts';

/** One plane of a copied frame: `step` bytes between neighbouring samples (2 for NV12's interleaved UV). */
export type Plane = {
  data: Uint8Array;
  offset: number;
  stride: number;
  step: number;
  width: number;
  height: number;
};

/** Luma and chroma weights of a colour matrix (ITU-R BT.601, BT.709, BT.2020). */
export type YuvMatrix = { kr: number; kb: number };

export type YuvFrame = {
  width: number;
  height: number;
  y: Plane;
  u: Plane;
  v: Plane;
  matrix: YuvMatrix;
  fullRange: boolean;
  /** Planes already shrunk from this frame, by plane and size (`planeAt`). */
  shrunk?: Map<string, Uint8Array>;
};

const BT601: YuvMatrix = { kr: 0.299, kb: 0.114 };
const BT709: YuvMatrix = { kr: 0.2126, kb: 0.0722 };
const BT2020: YuvMatrix = { kr: 0.2627, kb: 0.0593 };

/** The frame's colour matrix; unknown: BT.709 for HD (≥ 720 lines), BT.601 below, as players assume. */
export function yuvMatrix(matrix: string | null | undefined, height: number): YuvMatrix {
  if (matrix === 'bt709') return BT709;
  if (matrix === 'bt2020-ncl') return BT2020;
  if (matrix === 'bt470bg' || matrix === 'smpte170m') return BT601;
  return height >= 720 ? BT709 : BT601;
}

/** Box edges: output cell i covers source [edges[i], edges[i + 1]); `to` ≤ `from`, so none is empty. */
function boxEdges(from: number, to: number): Int32Array {
  const edges = new Int32Array(to + 1);
  for (let i = 0; i <= to; i++) edges[i] = Math.floor((i * from) / to);
  return edges;
}

/**
 * `plane` averaged over boxes into `width`×`height` bytes: each output pixel is the mean of the source
 * pixels it covers. A plane smaller than the output (chroma for a view over half the frame's size) is
 * repeated instead (nearest neighbour).
 */
export function shrinkPlane(plane: Plane, width: number, height: number): Uint8Array {
  if (width > plane.width || height > plane.height) return stretchPlane(plane, width, height);
  if (width === plane.width && height === plane.height) return stretchPlane(plane, width, height);
  const halved = plane.width >> 1 === width && plane.height >> 1 === height;
  return halved ? halvePlane(plane, width, height) : averageBoxes(plane, width, height);
}

/**
 * `shrinkPlane` to exactly half in both directions (an odd last row or column left out): the common case,
 * chroma and the follower's half-size luma.
 */
function halvePlane(plane: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const { data, offset, stride, step } = plane;
  const pair = 2 * step;
  for (let y = 0; y < height; y++) {
    let top = offset + 2 * y * stride;
    let bottom = top + stride;
    const line = y * width;
    for (let x = 0; x < width; x++, top += pair, bottom += pair) {
      out[line + x] =
        (data[top]! + data[top + step]! + data[bottom]! + data[bottom + step]! + 2) >> 2;
    }
  }
  return out;
}

/** `shrinkPlane` for any sizes: boxes of whole source pixels, as even as the sizes allow. */
function averageBoxes(plane: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const xs = boxEdges(plane.width, width);
  const ys = boxEdges(plane.height, height);
  const sums = new Uint32Array(width);
  const { data, offset, stride, step } = plane;
  for (let oy = 0; oy < height; oy++) {
    sums.fill(0);
    const y0 = ys[oy]!;
    const y1 = ys[oy + 1]!;
    for (let sy = y0; sy < y1; sy++) {
      let at = offset + sy * stride;
      for (let ox = 0; ox < width; ox++) {
        const end = offset + sy * stride + xs[ox + 1]! * step;
        let sum = 0;
        for (; at < end; at += step) sum += data[at]!;
        sums[ox]! += sum;
      }
    }
    const line = oy * width;
    const rows = y1 - y0;
    for (let ox = 0; ox < width; ox++) {
      out[line + ox] = (sums[ox]! / ((xs[ox + 1]! - xs[ox]!) * rows) + 0.5) | 0;
    }
  }
  return out;
}

/** `plane` repeated (nearest neighbour) into `width`×`height` bytes, or copied at its own size. */
function stretchPlane(plane: Plane, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const { data, offset, stride, step } = plane;
  const column = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    column[x] = Math.min(plane.width - 1, Math.floor((x * plane.width) / width)) * step;
  }
  for (let y = 0; y < height; y++) {
    const row =
      offset + Math.min(plane.height - 1, Math.floor((y * plane.height) / height)) * stride;
    const line = y * width;
    for (let x = 0; x < width; x++) out[line + x] = data[row + column[x]!]!;
  }
  return out;
}

/**
 * One of the frame's planes shrunk to `width`×`height`, kept with the frame. A shrink by 4 or more goes
 * through the half-size plane, which the follower's grayscale picture and the views share.
 */
export function planeAt(
  frame: YuvFrame,
  which: 'y' | 'u' | 'v',
  width: number,
  height: number,
): Uint8Array {
  const key = `${which}${width}x${height}`;
  const shrunk = (frame.shrunk ??= new Map<string, Uint8Array>());
  const done = shrunk.get(key);
  if (done) return done;
  const source = frame[which];
  let from = source;
  if (source.width >= 4 * width && source.height >= 4 * height) {
    const half = { width: source.width >> 1, height: source.height >> 1 };
    const data = planeAt(frame, which, half.width, half.height);
    from = { data, offset: 0, stride: half.width, step: 1, ...half };
  }
  const plane = shrinkPlane(from, width, height);
  shrunk.set(key, plane);
  return plane;
}

/** The frame's luma shrunk to `width`×`height`: a grayscale picture (the face follower's input). */
export function yuvGray(frame: YuvFrame, width: number, height: number) {
  return { data: planeAt(frame, 'y', width, height), width, height };
}

/** The frame shrunk to `width`×`height` and converted to RGBA (opaque), with its matrix and range. */
export function yuvRgba(
  frame: YuvFrame,
  width: number,
  height: number,
): Uint8ClampedArray<ArrayBuffer> {
  const y = planeAt(frame, 'y', width, height);
  const u = planeAt(frame, 'u', width, height);
  const v = planeAt(frame, 'v', width, height);
  const { kr, kb } = frame.matrix;
  const kg = 1 - kr - kb;
  // Limited range: luma 16–235, chroma 16–240 around 128; full range: 0–255.
  const yScale = frame.fullRange ? 1 : 255 / 219;
  const cScale = frame.fullRange ? 1 : 255 / 224;
  const yBase = frame.fullRange ? 0 : 16;
  const rv = 2 * (1 - kr) * cScale;
  const bu = 2 * (1 - kb) * cScale;
  const gu = (bu * kb) / kg;
  const gv = (rv * kr) / kg;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, o = 0; i < y.length; i++, o += 4) {
    const l = (y[i]! - yBase) * yScale;
    const cb = u[i]! - 128;
    const cr = v[i]! - 128;
    out[o] = l + rv * cr;
    out[o + 1] = l - gu * cb - gv * cr;
    out[o + 2] = l + bu * cb;
    out[o + 3] = 255;
  }
  return out;
}

const FOUR_TWO_ZERO: ReadonlySet<string> = new Set(['I420', 'I420A', 'NV12']);

/** The planes of a copy of a 4:2:0 frame laid out as `copyTo` said. */
function framePlanes(
  data: Uint8Array,
  layout: readonly PlaneLayout[],
  format: string,
  width: number,
  height: number,
): Pick<YuvFrame, 'y' | 'u' | 'v'> | undefined {
  const [luma, first, second] = layout;
  if (!luma || !first) return undefined;
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const y: Plane = { data, ...luma, step: 1, width, height };
  if (format === 'NV12') {
    const u: Plane = { data, ...first, step: 2, width: cw, height: ch };
    return { y, u, v: { ...u, offset: first.offset + 1 } };
  }
  if (!second) return undefined;
  const u: Plane = { data, ...first, step: 1, width: cw, height: ch };
  return { y, u, v: { ...u, ...second } };
}

/**
 * Copies frames' planes into one reused buffer. `copy` gives undefined where this does not apply: a frame
 * that is not 8-bit 4:2:0, or is rotated, mirrored or of non-square pixels (the canvas path maps those), or a
 * browser that cannot copy planes; the caller then draws the frame instead.
 */
export class YuvCopier {
  private buffer = new Uint8Array(0);
  private last: { sample: VideoSample; frame: YuvFrame | undefined } | undefined;

  /** `sample`'s planes (valid until the next call with another sample; the same sample is copied once). */
  async copy(sample: VideoSample): Promise<YuvFrame | undefined> {
    if (this.last?.sample === sample) return this.last.frame;
    const frame = await this.copyPlanes(sample);
    this.last = { sample, frame };
    return frame;
  }

  /** The planes `copy` made of `sample`, if it was the last sample copied. */
  copied(sample: VideoSample): YuvFrame | undefined {
    return this.last?.sample === sample ? this.last.frame : undefined;
  }

  private async copyPlanes(sample: VideoSample): Promise<YuvFrame | undefined> {
    const format = sample.format;
    if (!format || !FOUR_TWO_ZERO.has(format) || !isPlainSample(sample)) return undefined;
    const { width, height, left, top } = sample.visibleRect;
    const rect = { x: left, y: top, width, height };
    try {
      const size = sample.allocationSize({ rect });
      if (this.buffer.length < size) this.buffer = new Uint8Array(size);
      const layout = await sample.copyTo(this.buffer, { rect });
      const planes = framePlanes(this.buffer, layout, format, width, height);
      if (!planes) return undefined;
      const { matrix, fullRange } = sample.colorSpace;
      return {
        width,
        height,
        ...planes,
        matrix: yuvMatrix(matrix, height),
        fullRange: fullRange ?? false,
      };
    } catch {
      return undefined;
    }
  }
}
