/** Small pictures of the current frame for the live preview; throttled so they cost almost nothing. */
import type { VideoSample } from 'mediabunny';
import type { PreviewFrame } from './types.ts';

export const PREVIEW_WIDTH = 640;
const PREVIEW_INTERVAL_MS = 250;

export class PreviewThrottle {
  private last = -Infinity;

  due(now = performance.now()): boolean {
    if (now - this.last < PREVIEW_INTERVAL_MS) return false;
    this.last = now;
    return true;
  }
}

/** Draws the sample as shown (rotation applied) into a small bitmap. */
export function makePreview(
  frame: VideoSample,
  frameIndex: number,
  boxes: PreviewFrame['boxes'],
  redacted: boolean,
): PreviewFrame {
  const width = Math.min(PREVIEW_WIDTH, frame.displayWidth);
  const height = Math.max(1, Math.round((frame.displayHeight * width) / frame.displayWidth));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (ctx) frame.draw(ctx, 0, 0, width, height);
  const bitmap = canvas.transferToImageBitmap();
  return {
    bitmap,
    frameIndex,
    videoWidth: frame.displayWidth,
    videoHeight: frame.displayHeight,
    boxes,
    redacted,
  };
}
