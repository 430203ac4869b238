/**
 * How a WebCodecs pixel format lays out its planes, so `redactPlanes` can work on any decoded frame without
 * converting it: 4:2:0 / 4:2:2 / 4:4:4 YUV, NV12, and packed RGB(A). High bit depth uses 16-bit samples.
 */
import type { Channel, Plane } from './mosaic.ts';

type PlaneShape = { channels: number; scaleX: number; scaleY: number; roles: readonly Channel[] };

/** Three planes: luma at full size, chroma at `scaleX` × `scaleY` of it. */
function yuv(scaleX: number, scaleY: number): PlaneShape[] {
  return [
    { channels: 1, scaleX: 1, scaleY: 1, roles: ['y'] },
    { channels: 1, scaleX, scaleY, roles: ['u'] },
    { channels: 1, scaleX, scaleY, roles: ['v'] },
  ];
}
const YUV420 = yuv(0.5, 0.5);
const YUV422 = yuv(0.5, 1);
const YUV444 = yuv(1, 1);
const ALPHA: PlaneShape = { channels: 1, scaleX: 1, scaleY: 1, roles: ['a'] };
const NV12: PlaneShape[] = [
  { channels: 1, scaleX: 1, scaleY: 1, roles: ['y'] },
  { channels: 2, scaleX: 0.5, scaleY: 0.5, roles: ['u', 'v'] },
];
const RGBA: PlaneShape[] = [{ channels: 4, scaleX: 1, scaleY: 1, roles: ['r', 'g', 'b', 'a'] }];
const BGRA: PlaneShape[] = [{ channels: 4, scaleX: 1, scaleY: 1, roles: ['b', 'g', 'r', 'a'] }];

const SHAPES: Record<string, PlaneShape[]> = {
  I420: YUV420,
  I420A: [...YUV420, ALPHA],
  I422: YUV422,
  I422A: [...YUV422, ALPHA],
  I444: YUV444,
  I444A: [...YUV444, ALPHA],
  NV12,
  RGBA,
  RGBX: RGBA,
  BGRA,
  BGRX: BGRA,
};

/** Formats whose name ends in P10/P12 store each sample in 16 bits. */
function baseFormat(format: string): { base: string; wide: boolean; bits: number } {
  const match = /^(.*)P(1[02])$/.exec(format);
  if (!match) return { base: format, wide: false, bits: 8 };
  return { base: match[1]!, wide: true, bits: Number(match[2]) };
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
  const { base, wide, bits } = baseFormat(format);
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
      max: 2 ** bits - 1,
      ...shape,
    };
  });
}
