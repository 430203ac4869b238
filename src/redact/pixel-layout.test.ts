import { describe, expect, it } from 'vitest';
import { mosaicPlanes } from './mosaic.ts';
import { describePlanes, isSupportedPixelFormat } from './pixel-layout.ts';

describe('isSupportedPixelFormat', () => {
  it('accepts the YUV, NV12 and RGB formats WebCodecs decoders produce', () => {
    for (const f of ['I420', 'I420A', 'I422', 'I444', 'NV12', 'RGBA', 'RGBX', 'BGRA', 'BGRX']) {
      expect(isSupportedPixelFormat(f), f).toBe(true);
    }
  });
  it('accepts 10/12-bit variants', () => {
    for (const f of ['I420P10', 'I420P12', 'I422P10', 'I444P12', 'I420AP10']) {
      expect(isSupportedPixelFormat(f), f).toBe(true);
    }
  });
  it('rejects unknown formats', () => {
    for (const f of ['', 'YUY2', 'NV21', 'P010', 'I420P16', 'RGBAP10x', 'i420']) {
      expect(isSupportedPixelFormat(f), f).toBe(false);
    }
  });
});

describe('describePlanes', () => {
  it('I420: offsets and strides from the layout, chroma at half size', () => {
    const buffer = new ArrayBuffer(10_000);
    const layouts = [
      { offset: 0, stride: 72 },
      { offset: 72 * 48, stride: 40 },
      { offset: 72 * 48 + 40 * 24, stride: 40 },
    ];
    const planes = describePlanes('I420', buffer, layouts, 64, 48);
    expect(planes).toHaveLength(3);
    expect(planes[0]).toMatchObject({
      offset: 0,
      stride: 72,
      width: 64,
      height: 48,
      channels: 1,
      scaleX: 1,
      scaleY: 1,
    });
    expect(planes[1]).toMatchObject({
      offset: 3456,
      stride: 40,
      width: 32,
      height: 24,
      channels: 1,
      scaleX: 0.5,
      scaleY: 0.5,
    });
    expect(planes[2]).toMatchObject({
      offset: 4416,
      stride: 40,
      width: 32,
      height: 24,
      channels: 1,
    });
    for (const p of planes) {
      expect(p.data).toBeInstanceOf(Uint8Array);
      expect(p.data.buffer).toBe(buffer);
    }
  });

  it('I420 with odd size rounds chroma up', () => {
    const planes = describePlanes(
      'I420',
      new ArrayBuffer(4096),
      [
        { offset: 0, stride: 63 },
        { offset: 63 * 47, stride: 32 },
        { offset: 63 * 47 + 32 * 24, stride: 32 },
      ],
      63,
      47,
    );
    expect(planes.map((p) => [p.width, p.height])).toEqual([
      [63, 47],
      [32, 24],
      [32, 24],
    ]);
  });

  it('NV12: luma plus one interleaved 2-channel UV plane', () => {
    const planes = describePlanes(
      'NV12',
      new ArrayBuffer(64 * 48 * 2),
      [
        { offset: 0, stride: 64 },
        { offset: 64 * 48, stride: 64 },
      ],
      64,
      48,
    );
    expect(planes).toHaveLength(2);
    expect(planes[1]).toMatchObject({
      offset: 3072,
      stride: 64,
      width: 32,
      height: 24,
      channels: 2,
      scaleX: 0.5,
      scaleY: 0.5,
    });
  });

  it('RGBA: one packed 4-channel plane, stride in bytes = samples', () => {
    const planes = describePlanes(
      'RGBA',
      new ArrayBuffer(64 * 4 * 48),
      [{ offset: 0, stride: 256 }],
      64,
      48,
    );
    expect(planes).toEqual([
      expect.objectContaining({
        offset: 0,
        stride: 256,
        width: 64,
        height: 48,
        channels: 4,
        scaleX: 1,
        scaleY: 1,
      }),
    ]);
  });

  it('I422 and I444: chroma at the right resolution', () => {
    const buf = new ArrayBuffer(64 * 48 * 3);
    const l = [
      { offset: 0, stride: 64 },
      { offset: 3072, stride: 64 },
      { offset: 6144, stride: 64 },
    ];
    expect(describePlanes('I422', buf, l, 64, 48)[1]).toMatchObject({ width: 32, height: 48 });
    expect(describePlanes('I444', buf, l, 64, 48)[2]).toMatchObject({ width: 64, height: 48 });
  });

  it('I420A: a fourth full-size alpha plane', () => {
    const buf = new ArrayBuffer(64 * 48 * 3);
    const l = [
      { offset: 0, stride: 64 },
      { offset: 3072, stride: 32 },
      { offset: 3840, stride: 32 },
      { offset: 4608, stride: 64 },
    ];
    const planes = describePlanes('I420A', buf, l, 64, 48);
    expect(planes).toHaveLength(4);
    expect(planes[3]).toMatchObject({ offset: 4608, width: 64, height: 48, scaleX: 1 });
  });

  it('I420P10: 16-bit samples, byte offsets and strides converted to samples', () => {
    const buffer = new ArrayBuffer(2 * (64 * 48 + 2 * 32 * 24));
    const planes = describePlanes(
      'I420P10',
      buffer,
      [
        { offset: 0, stride: 128 },
        { offset: 6144, stride: 64 },
        { offset: 7680, stride: 64 },
      ],
      64,
      48,
    );
    for (const p of planes) expect(p.data).toBeInstanceOf(Uint16Array);
    expect(planes.map((p) => [p.offset, p.stride])).toEqual([
      [0, 64],
      [3072, 32],
      [3840, 32],
    ]);
  });

  it('the described planes address the real samples (mosaic never mixes planes)', () => {
    // I420P10 64×48, Y in [0, 100), U in [400, 500), V in [800, 900): any wrong offset or stride
    // (e.g. bytes used as samples) would average samples of different planes together.
    const buffer = new ArrayBuffer(2 * (64 * 48 + 2 * 32 * 24));
    const words = new Uint16Array(buffer);
    const ranges = [
      [0, 3072, 0],
      [3072, 3840, 400],
      [3840, 4608, 800],
    ] as const;
    for (const [from, to, base] of ranges) {
      for (let i = from; i < to; i++) words[i] = base + ((i * 37) % 100);
    }
    const copy = words.slice();
    const planes = describePlanes(
      'I420P10',
      buffer,
      [
        { offset: 0, stride: 128 },
        { offset: 6144, stride: 64 },
        { offset: 7680, stride: 64 },
      ],
      64,
      48,
    );
    mosaicPlanes(planes, { x: 0, y: 0, w: 64, h: 48 }, 8);
    for (const [from, to, base] of ranges) {
      const plane = words.subarray(from, to);
      expect(plane.every((v) => v >= base && v < base + 100)).toBe(true);
      expect(plane).not.toEqual(copy.subarray(from, to));
      expect(new Set(plane).size).toBeLessThanOrEqual((64 / 8) * (48 / 8));
    }
  });

  it('throws for unsupported formats and missing plane layouts', () => {
    expect(() =>
      describePlanes('YUY2', new ArrayBuffer(8), [{ offset: 0, stride: 4 }], 2, 2),
    ).toThrow(/YUY2/);
    expect(() =>
      describePlanes('I420', new ArrayBuffer(64), [{ offset: 0, stride: 4 }], 4, 4),
    ).toThrow(/plane 1/);
  });
});
