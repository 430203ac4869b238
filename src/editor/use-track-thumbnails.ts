import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { clipBox, padBox, type Rect } from '../regions/geometry.ts';
import type { EditDoc } from '../regions/edits.ts';
import type { FrameRegions } from '../regions/types.ts';
import { mediaWorker } from '../workers/clients.ts';
import { frameMidpointUs } from './frame-time.ts';
import { ensureOpen } from './open-source.ts';
import { thumbnailPoint } from './track-view.ts';

export const THUMBNAIL_SIDE = 48;
/** A little room around the box, so a face is recognisable. */
const THUMBNAIL_MARGIN = 1.2;

type Wanted = { trackId: number; key: string; frameIndex: number; box: Rect };
type Source = { file: File; frames: readonly FrameRegions[]; fps: number };

function wanted(doc: EditDoc): Wanted[] {
  return doc.tracks.flatMap((track) => {
    const point = thumbnailPoint(track);
    if (!point) return [];
    const { x, y, w, h } = point.box;
    const key = [point.frameIndex, x, y, w, h].map(Math.round).join(',');
    return [{ trackId: track.id, key, frameIndex: point.frameIndex, box: point.box }];
  });
}

/** The track's box cut from the full-resolution frame (through the media worker's frameAt). */
async function cropThumbnail(item: Wanted, doc: EditDoc, source: Source): Promise<ImageBitmap> {
  await ensureOpen(source.file);
  const frame = await mediaWorker.api.frameAt({
    timestampUs: frameMidpointUs(source.frames, item.frameIndex, source.fps),
    maxWidth: doc.width,
  });
  try {
    const k = frame.width / doc.width;
    const area = clipBox(padBox(item.box, THUMBNAIL_MARGIN), doc.width, doc.height);
    const side = THUMBNAIL_SIDE * (window.devicePixelRatio || 1);
    const fit = side / Math.max(area.w, area.h, 1);
    return await createImageBitmap(frame, area.x * k, area.y * k, area.w * k, area.h * k, {
      resizeWidth: Math.max(1, Math.round(area.w * fit)),
      resizeHeight: Math.max(1, Math.round(area.h * fit)),
      resizeQuality: 'medium',
    });
  } finally {
    frame.close();
  }
}

type Shown = { key: string; bitmap: ImageBitmap };

/**
 * A small picture per track (its best-detected box), made one at a time in the background and made again
 * only when that box changes. Bitmaps are closed when replaced and on unmount.
 */
export function useTrackThumbnails(doc: EditDoc, source: Source): ReadonlyMap<number, ImageBitmap> {
  const [shown, setShown] = useState<ReadonlyMap<number, Shown>>(new Map());
  const made = useRef(new Map<number, Shown>());
  const wantedKey = wanted(doc)
    .map((w) => `${w.trackId}:${w.key}`)
    .join(';');

  const makeMissing = useEffectEvent(async (isStopped: () => boolean) => {
    for (const item of wanted(doc)) {
      if (isStopped()) return;
      if (made.current.get(item.trackId)?.key === item.key) continue;
      try {
        const bitmap = await cropThumbnail(item, doc, source);
        if (isStopped()) return bitmap.close();
        made.current.get(item.trackId)?.bitmap.close();
        made.current.set(item.trackId, { key: item.key, bitmap });
        setShown(new Map(made.current));
      } catch (error) {
        console.warn('No thumbnail for track', item.trackId, error);
      }
    }
  });

  useEffect(() => {
    let stopped = false;
    void makeMissing(() => stopped);
    return () => {
      stopped = true;
    };
  }, [wantedKey]);

  useEffect(() => {
    const bitmaps = made.current;
    return () => {
      bitmaps.forEach((s) => s.bitmap.close());
      bitmaps.clear();
    };
  }, []);

  const bitmaps = new Map<number, ImageBitmap>();
  shown.forEach((s, id) => bitmaps.set(id, s.bitmap));
  return bitmaps;
}
