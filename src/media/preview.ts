/** Small pictures of the current frame for the live preview; throttled so they cost almost nothing. */
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

export async function makePreview(
  frame: VideoFrame,
  frameIndex: number,
  boxes: PreviewFrame['boxes'],
  redacted: boolean,
): Promise<PreviewFrame> {
  const width = Math.min(PREVIEW_WIDTH, frame.displayWidth);
  const bitmap = await createImageBitmap(frame, {
    resizeWidth: width,
    resizeHeight: Math.max(1, Math.round((frame.displayHeight * width) / frame.displayWidth)),
  });
  return {
    bitmap,
    frameIndex,
    videoWidth: frame.displayWidth,
    videoHeight: frame.displayHeight,
    boxes,
    redacted,
  };
}
