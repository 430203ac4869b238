import { describe, expect, it } from 'vitest';
import { fillViewTensor } from './view-tensor.ts';

describe('view tensor', () => {
  // A 2×1 picture: red, then blue.
  const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 200, 255]);
  const size = { drawWidth: 2, drawHeight: 1, inputWidth: 3, inputHeight: 2 };

  it('is BGR planes, raw 0–255, the picture top-left and zeros around it', () => {
    const out = new Float32Array(18).fill(7);
    fillViewTensor(rgba, size, false, out);
    expect([...out.subarray(0, 6)]).toEqual([0, 200, 0, 0, 0, 0]); // B
    expect([...out.subarray(6, 12)]).toEqual([0, 0, 0, 0, 0, 0]); // G
    expect([...out.subarray(12, 18)]).toEqual([255, 0, 0, 0, 0, 0]); // R
  });

  it('mirrors the picture within its own width', () => {
    const out = new Float32Array(18);
    fillViewTensor(rgba, size, true, out);
    expect([...out.subarray(0, 3)]).toEqual([200, 0, 0]);
    expect([...out.subarray(12, 15)]).toEqual([0, 255, 0]);
  });
});
