/**
 * How a WebCodecs pixel format lays out its planes, so `redactPlanes` can work on any decoded frame without
 * converting it: 4:2:0 / 4:2:2 / 4:4:4 YUV, NV12, and packed RGB(A). High bit depth uses 16-bit samples.
 */
import type { Plane } from './mosaic.ts';

type PlaneShape = { channels: number; scaleX: number; scaleY: number };

const YUV420: PlaneShape[] = [
  { channels: 1, scaleX: 1, scaleY: 1 },
  { channels: 1, scaleX: 0.5, scaleY: 0.5 },
  { channels: 1, scaleX: 0.5, scaleY: 0.5 },
];
const YUV422: PlaneShape[] = [
  { channels: 1, scaleX: 1, scaleY: 1 },
  { channels: 1, scaleX: 0.5, scaleY: 1 },
  { channels: 1, scaleX: 0.5, scaleY: 1 },
];
const YUV444: PlaneShape[] = [
  { channels: 1, scaleX: 1, scaleY: 1 },
  { channels: 1, scaleX: 1, scaleY: 1 },
  { channels: 1, scaleX: 1, scaleY: 1 },
];
const ALPHA: PlaneShape = { channels: 1, scaleX: 1, scaleY: 1 };
const NV12: PlaneShape[] = [
  { channels: 1, scaleX: 1, scaleY: 1 },
  { channels: 2, scaleX: 0.5, scaleY: 0.5 },
];
const PACKED_RGB: PlaneShape[] = [{ channels: 4, scaleX: 1, scaleY: 1 }];

const SHAPES: Record<string, PlaneShape[]> = {
  I420: YUV420,
  I420A: [...YUV420, ALPHA],
  I422: YUV422,
  I422A: [...YUV422, ALPHA],
  I444: YUV444,
  I444A: [...YUV444, ALPHA],
  NV12,
  RGBA: PACKED_RGB,
  RGBX: PACKED_RGB,
  BGRA: PACKED_RGB,
  BGRX: PACKED_RGB,
};

/** Formats whose name ends in P10/P12 store each sample in 16 bits. */
function baseFormat(format: string): { base: string; wide: boolean } {
  const match = /^(.*)P1[02]$/.exec(format);
  return match ? { base: match[1]!, wide: true } : { base: format, wide: false };
}

export function isSupportedPixelFormat(format: string): boolean {
  return baseFormat(format).base in SHAPES;
}

export type PlaneLayoutLike = { offset: number; stride: number };

/** Describes the planes of a buffer filled by `VideoFrame.copyTo` (layouts in bytes, as WebCodecs gives them). */
export function describePlanes(
  format: string,
  buffer: ArrayBuffer,
  layouts: readonly PlaneLayoutLike[],
  width: number,
  height: number,
): Plane[] {
  const { base, wide } = baseFormat(format);
  const shapes = SHAPES[base];
  if (!shapes) throw new Error(`Unsupported pixel format ${format}`);
  const data = wide ? new Uint16Array(buffer) : new Uint8Array(buffer);
  const bytes = wide ? 2 : 1;
  return shapes.map((shape, i) => {
    const layout = layouts[i];
    if (!layout) throw new Error(`Missing plane ${i} for ${format}`);
    return {
      data,
      offset: layout.offset / bytes,
      stride: layout.stride / bytes,
      width: Math.ceil(width * shape.scaleX),
      height: Math.ceil(height * shape.scaleY),
      ...shape,
    };
  });
}
