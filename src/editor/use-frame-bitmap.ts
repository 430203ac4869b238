import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rect } from '../regions/geometry.ts';
import type { RedactionSettings } from '../regions/types.ts';
import { mediaClient } from '../workers/clients.ts';
import { LatestOnlyLoader } from './frame-loader.ts';

/**
 * The frame the screen wants: `cover` = boxes to cover as export would (in `settings`' style), or null for
 * the plain frame.
 */
export type FrameWish = {
  frameIndex: number;
  timestampUs: number;
  maxWidth: number;
  cover: Rect[] | null;
  settings: RedactionSettings;
};
export type ShownFrame = { frameIndex: number; bitmap: ImageBitmap; mosaic: boolean };

/** Asks the media worker (which opens the video again if it lost it: workers/media-client.ts). */
function fetchFrame(wish: FrameWish, file: File): Promise<ImageBitmap> {
  const redact =
    wish.cover && wish.cover.length > 0
      ? { boxes: wish.cover, settings: wish.settings }
      : undefined;
  return mediaClient.frameAt(file, {
    timestampUs: wish.timestampUs,
    maxWidth: wish.maxWidth,
    redact,
  });
}

/**
 * The latest wished-for frame as a bitmap, with supersede semantics (frame-loader.ts). Each bitmap has one
 * owner: this hook closes it once the next one is on screen, and on unmount.
 */
export function useFrameBitmap(wish: FrameWish | null, file: File) {
  const [shown, setShown] = useState<ShownFrame | null>(null);
  const [failed, setFailed] = useState(false);
  const loader = useRef<LatestOnlyLoader<FrameWish, ImageBitmap> | null>(null);
  const current = useRef<ShownFrame | null>(null);
  const retired = useRef<ImageBitmap[]>([]);
  /** The wish last handed to the loader: a new object with the same content is the same wish. */
  const lastKey = useRef('');

  useEffect(() => {
    const waiting = retired.current;
    const created = new LatestOnlyLoader<FrameWish, ImageBitmap>({
      fetch: (w) => {
        performance.mark('garim:frame:requested');
        return fetchFrame(w, file);
      },
      onResult: (bitmap, w) => {
        performance.mark('garim:frame:decoded');
        if (current.current) waiting.push(current.current.bitmap);
        current.current = { frameIndex: w.frameIndex, bitmap, mosaic: w.cover !== null };
        setShown(current.current);
        setFailed(false);
      },
      onError: (error) => {
        console.warn('Could not show the frame', error);
        setFailed(true);
      },
      dispose: (bitmap) => bitmap.close(),
    });
    loader.current = created;
    lastKey.current = '';
    return () => {
      created.close();
      for (const bitmap of waiting.splice(0)) bitmap.close();
      current.current?.bitmap.close();
      current.current = null;
    };
  }, [file]);

  useEffect(() => {
    if (!wish) return;
    const key = JSON.stringify(wish);
    if (key === lastKey.current) return;
    lastKey.current = key;
    loader.current?.request(wish);
  }, [wish]);

  // Closed only after the next frame is committed, so the canvas never draws a closed bitmap.
  useEffect(() => {
    for (const bitmap of retired.current.splice(0)) bitmap.close();
  }, [shown]);

  const isBusy = useCallback(() => loader.current?.busy ?? false, []);
  return { shown, failed, isBusy };
}
