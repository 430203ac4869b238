import { useCallback, useEffect, useRef, useState } from 'react';
import { readPreview, type GarimDb } from '../store/read.ts';
import { LatestOnlyLoader } from './frame-loader.ts';

/** The project whose stored previews to show (null: nothing stored, e.g. private browsing). */
export type PreviewSource = { db: GarimDb; id: string } | null;
export type PreviewPicture = { frameIndex: number; bitmap: ImageBitmap };

async function loadPreview(source: NonNullable<PreviewSource>, frameIndex: number) {
  const blob = await readPreview(source.db, source.id, frameIndex);
  return blob ? createImageBitmap(blob) : null;
}

/**
 * Instant scrubbing: the small JPEG stored for `frameIndex` during analysis, shown at once after a seek
 * while the full-resolution frame is still being decoded (`fullFrame` = the frame index the stage shows at
 * full resolution). The picture is null once the full frame is there, while `enabled` is false (playback),
 * or when no preview is stored. Latest-only like the frame loader; each bitmap is closed once it is replaced.
 */
export function useStoredPreview(
  source: PreviewSource,
  frameIndex: number,
  fullFrame: number | undefined,
  enabled: boolean,
): { picture: PreviewPicture | null; prefetch: (frameIndex: number) => void } {
  const [picture, setPicture] = useState<PreviewPicture | null>(null);
  const loader = useRef<LatestOnlyLoader<number, ImageBitmap | null> | null>(null);
  const retired = useRef<ImageBitmap[]>([]);

  useEffect(() => {
    if (!source) return;
    const waiting = retired.current;
    let latest: PreviewPicture | null = null;
    const created = new LatestOnlyLoader<number, ImageBitmap | null>({
      fetch: (index) => loadPreview(source, index),
      onResult: (bitmap, index) => {
        if (!bitmap) return;
        if (latest) waiting.push(latest.bitmap);
        latest = { frameIndex: index, bitmap };
        setPicture(latest);
      },
      onError: (error) => console.warn('Could not read the stored preview', error),
      dispose: (bitmap) => bitmap?.close(),
    });
    loader.current = created;
    return () => {
      created.close();
      loader.current = null;
      setPicture(null);
      for (const bitmap of waiting.splice(0)) bitmap.close();
      latest?.bitmap.close();
    };
  }, [source]);

  /** The frame last asked for, so the render after a seek does not ask again for what `prefetch` asked. */
  const asked = useRef<number | null>(null);
  const ask = useCallback((index: number) => {
    if (asked.current === index) return;
    asked.current = index;
    loader.current?.request(index);
  }, []);
  const wanted = enabled && fullFrame !== frameIndex;
  useEffect(() => {
    if (wanted) ask(frameIndex);
    else asked.current = null;
  }, [wanted, frameIndex, ask]);

  // Closed only after the next picture is committed, so the canvas never draws a closed bitmap.
  useEffect(() => {
    for (const bitmap of retired.current.splice(0)) bitmap.close();
  }, [picture]);

  return {
    picture: wanted && picture?.frameIndex === frameIndex ? picture : null,
    /**
     * Starts reading a frame's preview as the seek happens, before the editor re-renders for it (the read and
     * the render overlap; under load the render alone took 10–60 ms).
     */
    prefetch: ask,
  };
}
