/**
 * The stage's coordinate space: video display pixels times one scale (the stage shows the whole frame, fit
 * to the width available). These two functions are the only way between the spaces.
 */
import { videoBox, type Rect, type VideoBox } from '../regions/geometry.ts';

export type StageBox = Rect & { readonly __space: 'stage' };

export function toStageBox(box: Rect, scale: number): StageBox {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale } as StageBox;
}

export function toVideoBox(box: StageBox, scale: number): VideoBox {
  return videoBox(box.x / scale, box.y / scale, box.w / scale, box.h / scale);
}

/** A stage box from two corners, in any order (a drag may go up or left). */
export function stageBoxFromCorners(
  a: { x: number; y: number },
  b: { x: number; y: number },
): StageBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) } as StageBox;
}

/** Stage size that fits `video` into `maxWidth` × `maxHeight`, keeping its aspect. */
export function fitStage(
  video: { width: number; height: number },
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number; scale: number } {
  if (video.width <= 0 || video.height <= 0 || maxWidth <= 0) {
    return { width: 0, height: 0, scale: 1 };
  }
  const scale = Math.min(maxWidth / video.width, maxHeight / video.height);
  return {
    width: Math.round(video.width * scale),
    height: Math.round(video.height * scale),
    scale,
  };
}
