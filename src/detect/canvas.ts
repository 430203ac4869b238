import { ModelLoadError } from './session.ts';

/** A canvas whose pixels are read back every frame (getImageData), as every detector's input is. */
export function readbackCanvas(width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ModelLoadError('2D canvas unavailable in this worker');
  return { canvas, ctx };
}
