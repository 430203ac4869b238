/**
 * Applies the mosaic to a decoded `VideoFrame` by working on its own planes (no RGBA round trip for YUV).
 * Boxes come in display pixels (what detection saw); they are scaled to the frame's visible pixels here.
 */
import type { RedactionSettings } from '../regions/types.ts';
import { redactPlanes, type CoverRect } from './mosaic.ts';
import { describePlanes, isSupportedPixelFormat } from './pixel-layout.ts';

function toVisiblePixels(boxes: readonly CoverRect[], frame: VideoFrame): CoverRect[] {
  const visible = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
  const sx = visible.width / frame.displayWidth;
  const sy = visible.height / frame.displayHeight;
  return boxes.map((b) => ({ ...b, x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy }));
}

/**
 * Returns a new frame with every box covered; the caller still owns (and closes) `frame`.
 * With no boxes it returns null, so an untouched frame is not copied at all.
 */
export async function redactVideoFrame(
  frame: VideoFrame,
  boxes: readonly CoverRect[],
  settings: RedactionSettings,
): Promise<VideoFrame | null> {
  if (boxes.length === 0) return null;
  const native = frame.format && isSupportedPixelFormat(frame.format) ? frame.format : null;
  const format = native ?? 'RGBA';
  const copyOptions: VideoFrameCopyToOptions = native ? {} : { format: 'RGBA' };
  const buffer = new ArrayBuffer(frame.allocationSize(copyOptions));
  const layouts = await frame.copyTo(buffer, copyOptions);
  const width = frame.visibleRect?.width ?? frame.codedWidth;
  const height = frame.visibleRect?.height ?? frame.codedHeight;
  const planes = describePlanes(format, buffer, layouts, width, height);
  redactPlanes(planes, toVisiblePixels(boxes, frame), settings, width, height);
  return new VideoFrame(buffer, {
    format: format,
    codedWidth: width,
    codedHeight: height,
    displayWidth: frame.displayWidth,
    displayHeight: frame.displayHeight,
    timestamp: frame.timestamp,
    duration: frame.duration ?? undefined,
    colorSpace: frame.colorSpace,
    layout: layouts,
  });
}
