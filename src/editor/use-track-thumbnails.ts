import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { clipBox, padBox, type Rect } from '../regions/geometry.ts';
import type { EditDoc } from '../regions/edits.ts';
import type { FrameRegions } from '../regions/types.ts';
import { readPreviews } from '../store/read.ts';
import { mediaClient } from '../workers/clients.ts';
import { frameMidpointUs } from './frame-time.ts';
import { thumbnailPoint } from './track-view.ts';
import type { PreviewSource } from './use-stored-preview.ts';

export const THUMBNAIL_SIDE = 48;
/** A little room around the box, so a face is recognisable. */
const THUMBNAIL_MARGIN = 1.2;
/** Thumbnails made per step: one read of the previews store, one re-render. */
const BATCH = 24;

type Wanted = { trackId: number; key: string; frameIndex: number; box: Rect };
export type ThumbnailSource = {
  file: File;
  frames: readonly FrameRegions[];
  fps: number;
  previews: PreviewSource;
};
/** Where a track's picture was cut from: the stored preview (normal) or the decoded frame (none stored). */
export type ThumbnailOrigin = 'preview' | 'frame';
export type Thumbnail = { bitmap: ImageBitmap; origin: ThumbnailOrigin };

function wanted(doc: EditDoc, visible: ReadonlySet<number>): Wanted[] {
  return doc.tracks.flatMap((track) => {
    if (!visible.has(track.id)) return [];
    const point = thumbnailPoint(track);
    if (!point) return [];
    const { x, y, w, h } = point.box;
    const key = [point.frameIndex, x, y, w, h].map(Math.round).join(',');
    return [{ trackId: track.id, key, frameIndex: point.frameIndex, box: point.box }];
  });
}

/** The padded box cut from `picture` (any size: `k` = picture pixels per video pixel), scaled to the thumbnail. */
function cropFrom(
  picture: ImageBitmapSource,
  pictureWidth: number,
  item: Wanted,
  doc: EditDoc,
): Promise<ImageBitmap> {
  const k = pictureWidth / doc.width;
  const area = clipBox(padBox(item.box, THUMBNAIL_MARGIN), doc.width, doc.height);
  const side = THUMBNAIL_SIDE * (window.devicePixelRatio || 1);
  const fit = side / Math.max(area.w, area.h, 1);
  return createImageBitmap(picture, area.x * k, area.y * k, area.w * k, area.h * k, {
    resizeWidth: Math.max(1, Math.round(area.w * fit)),
    resizeHeight: Math.max(1, Math.round(area.h * fit)),
    resizeQuality: 'medium',
  });
}

/** Cut from the frame's stored preview JPEG: no video decode, so the shown frame is never kept waiting. */
async function cropFromPreview(blob: Blob, item: Wanted, doc: EditDoc): Promise<ImageBitmap> {
  const picture = await createImageBitmap(blob);
  try {
    return await cropFrom(picture, picture.width, item, doc);
  } finally {
    picture.close();
  }
}

/** Cut from the full-resolution frame (media worker's frameAt): only when no preview is stored. */
async function cropFromFrame(item: Wanted, doc: EditDoc, source: ThumbnailSource) {
  const frame = await mediaClient.frameAt(source.file, {
    timestampUs: frameMidpointUs(source.frames, item.frameIndex, source.fps),
    maxWidth: doc.width,
  });
  try {
    return await cropFrom(frame, frame.width, item, doc);
  } finally {
    frame.close();
  }
}

async function storedPreviews(source: ThumbnailSource, items: readonly Wanted[]) {
  const { previews } = source;
  if (!previews) return new Map<number, Blob>();
  return readPreviews(
    previews.db,
    previews.id,
    items.map((i) => i.frameIndex),
  );
}

async function makeThumbnail(
  item: Wanted,
  blob: Blob | undefined,
  doc: EditDoc,
  source: ThumbnailSource,
): Promise<Thumbnail | null> {
  try {
    if (blob) return { bitmap: await cropFromPreview(blob, item, doc), origin: 'preview' };
    return { bitmap: await cropFromFrame(item, doc, source), origin: 'frame' };
  } catch (error) {
    console.warn('No thumbnail for track', item.trackId, error);
    return null;
  }
}

type Made = Thumbnail & { key: string };

/**
 * A small picture per track (its best-detected box), cut from the stored preview of that frame, made only
 * for rows on screen (`visible`), only once `ready` (the stage shows its first frame), in batches, and made
 * again only when that box changes. Bitmaps are closed when replaced and on unmount.
 */
export function useTrackThumbnails(
  doc: EditDoc,
  source: ThumbnailSource,
  visible: ReadonlySet<number>,
  ready: boolean,
): ReadonlyMap<number, Thumbnail> {
  const [shown, setShown] = useState<ReadonlyMap<number, Made>>(new Map());
  const made = useRef(new Map<number, Made>());
  const wantedKey = wanted(doc, visible)
    .map((w) => `${w.trackId}:${w.key}`)
    .join(';');

  const makeMissing = useEffectEvent(async (isStopped: () => boolean) => {
    const missing = wanted(doc, visible).filter(
      (item) => made.current.get(item.trackId)?.key !== item.key,
    );
    for (let at = 0; at < missing.length; at += BATCH) {
      const batch = missing.slice(at, at + BATCH);
      const blobs = await storedPreviews(source, batch);
      if (isStopped()) return;
      for (const item of batch) {
        const thumbnail = await makeThumbnail(item, blobs.get(item.frameIndex), doc, source);
        if (!thumbnail) continue;
        if (isStopped()) return thumbnail.bitmap.close();
        made.current.get(item.trackId)?.bitmap.close();
        made.current.set(item.trackId, { ...thumbnail, key: item.key });
      }
      setShown(new Map(made.current));
    }
  });

  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    void makeMissing(() => stopped);
    return () => {
      stopped = true;
    };
  }, [wantedKey, ready]);

  useEffect(() => {
    const bitmaps = made.current;
    return () => {
      bitmaps.forEach((s) => s.bitmap.close());
      bitmaps.clear();
    };
  }, []);

  return shown;
}
