import { describe, expect, it } from 'vitest';
import { previewSize } from './stored-preview.ts';

describe('stored preview size', () => {
  it('fits the longer side into 320 px, keeping the shown aspect ratio', () => {
    expect(previewSize(1280, 720)).toEqual({ width: 320, height: 180 });
    expect(previewSize(1080, 1920)).toEqual({ width: 180, height: 320 });
    expect(previewSize(7680, 4320)).toEqual({ width: 320, height: 180 });
  });

  it('never enlarges a small video and never makes a side of 0', () => {
    expect(previewSize(160, 120)).toEqual({ width: 160, height: 120 });
    expect(previewSize(16000, 10)).toEqual({ width: 320, height: 1 });
  });
});
